"""Django's PostgreSQL backend, waiting for the server no longer than inspectorate_site.database allows."""

import psycopg2
from django.conf import settings
from django.db.backends.postgresql import base

from inspectorate_site import database

database.install()


class DatabaseWrapper(base.DatabaseWrapper):
    def connect(self):
        if not database.circuit.allows_a_try():
            # It did not answer moments ago: fail now rather than wait out another timeout.
            raise psycopg2.OperationalError("The database did not answer moments ago; not trying again yet")
        with database.time_limit(settings.DATABASE_CONNECT_TIMEOUT):
            super().connect()
        database.circuit.answered()

    def is_usable(self):
        # The health check of a kept connection: a live server answers SELECT 1 at once.
        with database.time_limit(settings.DATABASE_CONNECT_TIMEOUT):
            return super().is_usable()
