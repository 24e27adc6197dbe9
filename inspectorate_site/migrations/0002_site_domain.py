"""Name the site and give it the public domain from SITE_URL.

django CMS and absolute links use the Site record; left as "example.com" the
page tree and any link built from it would name the wrong host.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def name_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": settings.SITE_NAME},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("inspectorate_site", "0001_staff_groups"),
        ("sites", "__latest__"),
    ]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
