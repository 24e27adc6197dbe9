"""Registry officers keep the register: they add and change services, providers, grades and reports.

Widget use is a record of what happened, so they may only view it. Nobody else
gets any permission on the register; the public reads it on the site.
"""

from django.db import migrations

EDITABLE_MODELS = ["provider", "careservice", "gradehistory", "inspectionreport", "yearlyfigures"]
VIEW_ONLY_MODELS = ["widgetsighting"]


def registry_officer_permissions():
    perms = []
    for model in EDITABLE_MODELS:
        perms += [f"{action}_{model}" for action in ("add", "change", "view")]
    perms += [f"view_{model}" for model in VIEW_ONLY_MODELS]
    return perms


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("services_registry")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Registry officer")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="services_registry", codename__in=registry_officer_permissions()
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Registry officer").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="services_registry", codename__in=registry_officer_permissions()
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("services_registry", "0001_initial"),
        ("inspectorate_site", "0001_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
