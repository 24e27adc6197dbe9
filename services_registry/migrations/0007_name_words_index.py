"""An index of the words in service names, for Find a care service on PostgreSQL.

A name matches a search when each word typed begins one of its words; this GIN
index answers that in well under a millisecond on 30,000 services, where the
substring match before it read the whole register (its trigram index cost the
planner more than a scan, so it is dropped). SQLite, the embedded default, has
neither.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS careservice_name_trgm_idx ON services_registry_careservice "
    "USING gin (UPPER(name::text) gin_trgm_ops)"
)


def _name_words_index():
    # The same expression as services_registry.models.NAME_WORDS, or the planner cannot use it.
    return GinIndex(SearchVector("name", config="simple"), name="careservice_name_words_idx")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("services_registry", "CareService"), _name_words_index())
        schema_editor.execute("DROP INDEX IF EXISTS careservice_name_trgm_idx")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("services_registry", "CareService"), _name_words_index())
        schema_editor.execute(TRIGRAM_INDEX)


class Migration(migrations.Migration):
    dependencies = [("services_registry", "0006_register_import")]

    operations = [migrations.RunPython(create, drop)]
