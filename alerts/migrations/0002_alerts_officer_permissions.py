"""Who sees what of email alerts.

The Alerts officer group sees subscribers' addresses and may delete them (someone
asking to be forgotten); nobody else gets those permissions. Content publishers
and registry officers see how many people follow each topic and which alerts went
out, never who.
"""

from django.db import migrations

OFFICER = [
    "view_subscriber",
    "delete_subscriber",
    "view_subscription",
    "delete_subscription",
    "view_topic",
    "view_announcement",
]
COUNTS_ONLY = ["view_topic", "view_announcement"]
GROUPS = {"Alerts officer": OFFICER, "Content publisher": COUNTS_ONLY, "Registry officer": COUNTS_ONLY}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="alerts", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="alerts"))
    Group.objects.filter(name="Alerts officer").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("inspectorate_site", "0001_staff_groups"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
