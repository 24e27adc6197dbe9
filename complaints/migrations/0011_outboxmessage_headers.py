from django.db import migrations, models


class Migration(migrations.Migration):
    """Outbox emails may carry extra headers (the email alerts' List-Unsubscribe)."""

    dependencies = [("complaints", "0010_complaint_marked_for_review")]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="headers",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
