"""Django's PostgreSQL backend with client-side time limits (ENGINE "inspectorate_site.postgresql")."""
