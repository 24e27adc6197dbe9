from django.db import migrations, models

MAJOR = dict(
    default=False,
    help_text="Tick only for a change that people following this publication need to know about: "
    "they are emailed this note once the publication is live. Leave it unticked for corrections "
    "and small changes.",
    verbose_name="major change: email subscribers",
)


class Migration(migrations.Migration):
    """Change notes say whether they are major; every existing note stays not major."""

    dependencies = [("publications", "0007_document_titles")]

    operations = [
        migrations.AddField(model_name="changenote", name="major", field=models.BooleanField(**MAJOR)),
        migrations.AddField(
            model_name="proposedchangenote", name="major", field=models.BooleanField(**MAJOR)
        ),
    ]
