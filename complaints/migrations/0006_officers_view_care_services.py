"""Complaints officers may look up care services, to link a complaint to the right one.

The admin's autocomplete for Complaint.care_service asks for view permission on
CareService; the register is public information, so reading it is harmless.
"""

from django.db import migrations


def give_permission(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("services_registry")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Complaints officer")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="services_registry", codename="view_careservice")
    )


def take_permission(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Complaints officer").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="services_registry", codename="view_careservice"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_drop_service_number"),
        ("inspectorate_site", "0001_staff_groups"),
        ("services_registry", "0002_registry_officer_permissions"),
    ]

    operations = [migrations.RunPython(give_permission, take_permission)]
