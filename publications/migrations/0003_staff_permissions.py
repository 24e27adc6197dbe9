"""What the content groups may do in the library.

Content editors add and change publications, their documents and change
notes, and categories, but cannot publish: that takes
``publish_publication``, which only Content publishers have, with deleting
publications and categories.
"""

from django.db import migrations

MODELS = ["publication", "document", "changenote", "category", "slughistory"]


def _perm(model, action):
    return f"{action}_{model}"


EDITOR = [_perm(model, action) for model in MODELS for action in ("view", "add", "change")] + [
    _perm("document", "delete"),
    _perm("changenote", "delete"),
]
PUBLISHER = EDITOR + [
    "publish_publication",
    _perm("publication", "delete"),
    _perm("category", "delete"),
    _perm("slughistory", "delete"),
]
GROUPS = {"Content editor": EDITOR, "Content publisher": PUBLISHER}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("publications")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="publications", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="publications")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0002_search_index"),
        ("inspectorate_site", "0001_staff_groups"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
