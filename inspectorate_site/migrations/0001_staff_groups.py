"""Staff groups and what each may do.

Content editors change drafts; only content publishers publish or unpublish
(django CMS checks ``cms.publish_page`` for that). The registry and complaints
groups are created empty here and given their permissions by their own apps'
migrations.
"""

from django.db import migrations

PLUGIN_MODELS = {
    "djangocms_text": ["text"],
    "djangocms_link": ["link"],
    "djangocms_picture": ["picture"],
    "djangocms_file": ["file", "folder"],
    "djangocms_video": ["videoplayer", "videosource", "videotrack", "hlsstreamsource"],
    "djangocms_alias": ["aliasplugin"],
    "cms": ["cmsplugin"],
}
FILER_MODELS = ["file", "folder", "image", "clipboard", "clipboarditem"]


def _crud(app_label, model, actions=("add", "change", "delete", "view")):
    return [(app_label, f"{action}_{model}") for action in actions]


def editor_permissions():
    perms = [
        ("cms", "view_page"),
        ("cms", "add_page"),
        ("cms", "change_page"),
        ("cms", "use_structure"),
        ("djangocms_versioning", "view_version"),
        ("djangocms_versioning", "add_version"),
        ("djangocms_versioning", "change_version"),
        ("djangocms_versioning", "view_pagecontentversion"),
        ("djangocms_versioning", "change_pagecontentversion"),
        ("djangocms_alias", "view_alias"),
        ("djangocms_alias", "view_aliascontent"),
        ("djangocms_alias", "view_category"),
        ("filer", "can_use_directory_listing"),
    ]
    for app_label, models in PLUGIN_MODELS.items():
        for model in models:
            perms += _crud(app_label, model)
    for model in FILER_MODELS:
        perms += _crud("filer", model)
    return perms


def publisher_permissions():
    # Publishing pages, and the shared header and footer blocks (aliases),
    # whose publishing django CMS guards only with their change permission.
    return editor_permissions() + [
        ("cms", "publish_page"),
        ("cms", "delete_page"),
        ("djangocms_alias", "add_alias"),
        ("djangocms_alias", "change_alias"),
        ("djangocms_alias", "add_aliascontent"),
        ("djangocms_alias", "change_aliascontent"),
        ("djangocms_alias", "add_category"),
        ("djangocms_alias", "change_category"),
        ("djangocms_versioning", "change_aliascontentversion"),
        ("djangocms_versioning", "view_aliascontentversion"),
    ]


GROUPS = {
    "Content editor": editor_permissions,
    "Content publisher": publisher_permissions,
    "Registry officer": list,
    "Complaints officer": list,
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now so the
    # groups can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions_for in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = permissions_for()
        found = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in wanted
        ]
        group.permissions.add(*found)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("cms", "__latest__"),
        ("djangocms_versioning", "__latest__"),
        ("djangocms_alias", "__latest__"),
        ("djangocms_text", "__latest__"),
        ("djangocms_link", "__latest__"),
        ("djangocms_picture", "__latest__"),
        ("djangocms_file", "__latest__"),
        ("djangocms_video", "__latest__"),
        ("filer", "__latest__"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
