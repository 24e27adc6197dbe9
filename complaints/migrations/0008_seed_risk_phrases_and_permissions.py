"""The first risk phrases, and the Complaints officer group's permissions for triage.

Officers edit the phrases, record referrals on a complaint and read its
assessments; staff may change the phrase list afterwards (triage.py says how
phrases match). Removing this migration leaves phrases staff added alone.
"""

from django.db import migrations

PHRASES = [
    "self harm",
    "selfharm",
    "self harming",
    "cutting myself",
    "suicide",
    "suicidal",
    "sucide",
    "suicde",
    "kill myself",
    "end my life",
    "want to die",
    "abuse",
    "abused",
    "abusing",
    "abusive",
    "hit me",
    "hitting me",
    "being hit",
    "hits me",
    "beat me",
    "beaten",
    "punched",
    "kicked me",
    "slapped",
    "not safe",
    "unsafe",
    "hurt me",
    "hurting me",
    "hurts me",
    "touched me",
    "touching me",
    "sexual",
    "raped",
    "scared",
    "frightened",
    "terrified",
    "locked in",
    "threatened",
    "neglect",
    "neglected",
]

OFFICER_PERMISSIONS = [
    "view_riskphrase",
    "add_riskphrase",
    "change_riskphrase",
    "delete_riskphrase",
    "view_riskassessment",
    "view_referral",
    "add_referral",
    "change_referral",
]


def seed(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("complaints")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    RiskPhrase = apps.get_model("complaints", "RiskPhrase")
    for phrase in PHRASES:
        RiskPhrase.objects.get_or_create(phrase=phrase)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Complaints officer")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="complaints", codename__in=OFFICER_PERMISSIONS)
    )


def unseed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Complaints officer").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="complaints", codename__in=OFFICER_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0007_risk_triage"),
        ("inspectorate_site", "0001_staff_groups"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
