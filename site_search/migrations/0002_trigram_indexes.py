"""Trigram indexes for the nearest spelling of a query that found nothing, on PostgreSQL only.

Publication titles and service names are what a misspelt search is compared
with (spelling.py); `%>` (word similarity) uses these GIN indexes. SQLite, the
embedded default, compares in Python instead.
"""

from django.db import migrations

INDEXES = {
    "site_search_publication_title_trgm": "publications_publication USING gin (title gin_trgm_ops)",
    "site_search_careservice_name_trgm": "services_registry_careservice USING gin (name gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0001_synonyms"),
        ("publications", "0007_document_titles"),
        ("services_registry", "0007_name_words_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
