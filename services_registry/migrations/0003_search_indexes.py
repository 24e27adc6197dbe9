"""Indexes for Find a care service on PostgreSQL.

Name search is a substring match (`name__icontains`, which PostgreSQL runs as
UPPER(name) LIKE '%…%'): without a trigram index every search and its page
count scan the whole register. Town search is an exact, case-blind match.
SQLite (the embedded default) has neither trigram indexes nor the need.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS careservice_name_trgm_idx ON services_registry_careservice "
    "USING gin (UPPER(name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS careservice_town_upper_idx ON services_registry_careservice (UPPER(town::text))",
]
DROP = [
    "DROP INDEX IF EXISTS careservice_name_trgm_idx",
    "DROP INDEX IF EXISTS careservice_town_upper_idx",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("services_registry", "0002_registry_officer_permissions")]

    operations = [migrations.RunPython(_run_on_postgresql(CREATE), _run_on_postgresql(DROP))]
