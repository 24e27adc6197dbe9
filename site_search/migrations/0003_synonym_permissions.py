"""Content publishers keep the synonym list; content editors may read it."""

from django.db import migrations

GRANTS = {
    "Content publisher": ["view_synonym", "add_synonym", "change_synonym", "delete_synonym"],
    "Content editor": ["view_synonym"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("site_search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="site_search", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="site_search", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_trigram_indexes"), ("publications", "0005_revision_permissions")]

    operations = [migrations.RunPython(grant, revoke)]
