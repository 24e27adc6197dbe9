import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_complaints_officer_permissions"),
        ("services_registry", "0003_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="care_service",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="complaints",
                to="services_registry.careservice",
            ),
        ),
    ]
