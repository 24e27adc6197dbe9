"""The real PostgreSQL, reached through a proxy (tests/faults.py) that can hang or refuse on demand.

The site's own connection is pointed at the proxy for one test: it is the one
every view, middleware and the CMS use, so nothing can sidestep the outage.
Tests using it are transactional (the data must be committed to be seen
through a new connection); the connection goes back to the real server before
pytest-django empties the tables.
"""

import contextlib
import os

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from inspectorate_site import database

from .faults import ThreadedTcpProxy

# Short limits while the database is out, so each test takes about a second.
CONNECT_TIMEOUT = 0.3
STATEMENT_TIMEOUT = 0.3
HEALTHZ_TIMEOUT = 0.5


class DatabaseOutage:
    def __init__(self, proxy: ThreadedTcpProxy, settings):
        self.proxy = proxy
        self.settings = settings

    @property
    def bound(self) -> float:
        """The longest a request may take while the database is out: one timeout, and slack for a busy machine."""
        return max(CONNECT_TIMEOUT, database.statement_wait_seconds()) + 1

    def hang(self) -> None:
        """The database accepts connections and never answers (nor does an open connection)."""
        self._short_limits()
        self.proxy.set_mode("hang")

    def refuse(self) -> None:
        """The database is down: its port refuses connections and open ones are reset."""
        self._short_limits()
        self.proxy.set_mode("refuse")

    def end(self) -> None:
        """The database is back; this process tries it again at once rather than after its retry interval."""
        self.proxy.set_mode("forward")
        database.circuit.reset()
        connection.close()

    def _short_limits(self) -> None:
        self.settings.DATABASE_CONNECT_TIMEOUT = CONNECT_TIMEOUT
        self.settings.DATABASE_STATEMENT_TIMEOUT = STATEMENT_TIMEOUT
        self.settings.HEALTHZ_DATABASE_TIMEOUT = HEALTHZ_TIMEOUT


# Checked when the tests are collected, before pytest-django sets up a transactional test's
# database; under CI the fixture fails instead, as CI always has PostgreSQL.
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" and os.environ.get("CI") != "true",
    reason="needs PostgreSQL (set DATABASE_URL)",
)


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs on PostgreSQL: set DATABASE_URL", pytrace=False)
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@contextlib.contextmanager
def proxied_database(settings):
    require_postgresql()
    real = connection.settings_dict
    address = real["HOST"], real["PORT"]
    with ThreadedTcpProxy(real["HOST"] or "127.0.0.1", int(real["PORT"] or 5432)) as proxy:
        connection.close()
        real["HOST"], real["PORT"] = "127.0.0.1", proxy.port
        try:
            yield DatabaseOutage(proxy, settings)
        finally:
            proxy.set_mode("refuse")
            database.circuit.reset()
            connection.close()
            real["HOST"], real["PORT"] = address


class ServerClient(Client):
    """The test client, behaving as the site does under gunicorn in the ways an outage shows.

    Django checks its kept connection at each request (the test client skips
    that, to keep a test's transaction open), and an exception a view lets out
    becomes the site's error page rather than failing the test.
    """

    def __init__(self, **defaults):
        super().__init__(raise_request_exception=False, **defaults)

    def request(self, **request):
        close_old_connections()
        return super().request(**request)
