"""What the content groups may do with changes waiting for a publisher.

Both groups edit waiting changes and their documents and change notes, and
read the publishing record; publishing or discarding them takes
``publish_publication`` (migration 0003), which only Content publishers have.
Nobody deletes a revision or a record entry: they are the history.
"""

from django.db import migrations

CRUD = ("view", "add", "change", "delete")
CODENAMES = (
    ["view_publicationrevision", "change_publicationrevision", "view_publicationevent"]
    + [f"{action}_proposeddocument" for action in CRUD]
    + [f"{action}_proposedchangenote" for action in CRUD]
)
GROUPS = ["Content editor", "Content publisher"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("publications")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="publications", codename__in=CODENAMES)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="publications", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("publications", "0004_revisions")]

    operations = [migrations.RunPython(grant, revoke)]
