"""What the content groups may do with review requests.

Both groups send drafts for review and read requests and the review log;
deciding takes ``cms.publish_page`` or ``publications.publish_publication``,
which only Content publishers have. Nobody changes or deletes a request or a
log entry: they are the history.
"""

from django.db import migrations

CODENAMES = ["add_reviewrequest", "view_reviewrequest", "view_reviewevent"]
GROUPS = ["Content editor", "Content publisher"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("reviews")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="reviews", codename__in=CODENAMES)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="reviews", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial"), ("inspectorate_site", "0001_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
