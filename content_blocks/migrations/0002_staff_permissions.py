"""Content editors and publishers may add, change, delete and view every design-system block.

django CMS lets someone use a plugin only with its model's permissions; blocks
are part of a page's draft, so publishing stays guarded by the page.
"""

from django.db import migrations

MODELS = [
    "insettext",
    "warningtext",
    "contactcallout",
    "accordion",
    "accordionitem",
    "details",
    "publicationlist",
    "servicesearch",
    "documentlist",
    "contactnumbers",
    "calltoaction",
]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
GROUPS = ["Content editor", "Content publisher"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("content_blocks")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="content_blocks", codename__in=CODENAMES)
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="content_blocks")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("content_blocks", "0001_initial"),
        ("inspectorate_site", "0001_staff_groups"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
