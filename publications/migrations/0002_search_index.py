"""A GIN index on the stored search vector, on PostgreSQL only.

SQLite (the embedded default) has no tsvector and searches with a plain
match instead, so the index is not declared on the model, where every
backend would have to create it.
"""

from django.db import migrations

INDEX = "publications_publication_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON publications_publication USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
