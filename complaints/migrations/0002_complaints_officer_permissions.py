"""The Complaints officer group may read and work on complaints; nobody else gets these.

ComplaintAdmin also insists on the group itself (or a superuser), so a model
permission given to another group by mistake still opens nothing.
"""

from django.db import migrations

OFFICER_PERMISSIONS = [
    ("complaints", "view_complaint"),
    ("complaints", "add_complaint"),
    ("complaints", "change_complaint"),
    ("complaints", "view_complaintmessage"),
    ("complaints", "view_complaintnote"),
    ("complaints", "add_complaintnote"),
    ("complaints", "change_complaintnote"),
]


def give_permissions(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("complaints")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Complaints officer")
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in OFFICER_PERMISSIONS
        ]
    )


def take_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Complaints officer").first()
    if group is not None:
        codenames = [codename for _, codename in OFFICER_PERMISSIONS]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="complaints", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("inspectorate_site", "0001_staff_groups"),
    ]

    operations = [migrations.RunPython(give_permissions, take_permissions)]
