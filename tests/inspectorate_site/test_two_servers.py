"""Two gunicorn servers on one PostgreSQL and Redis agree: what is changed on one is served by the other.

The checks live in bench/two_servers.py (`make two-servers` prints them); this
runs them on a database and Redis database of their own, not the test's.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench import two_servers
from tests.database_outage import needs_postgresql

pytestmark = [pytest.mark.postgres, needs_postgresql]

REDIS_DATABASE = 12  # the suite's own Redis database is 15 under CI; the bench's is 10


def test_two_servers_agree_on_pages_badges_limits_lockouts_and_the_spool():
    database = urlsplit(os.environ["DATABASE_URL"])
    database_url = urlunsplit(database._replace(path="/inspectorate_two_servers_test"))
    redis = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))

    checks = two_servers.run(database_url, urlunsplit(redis._replace(path=f"/{REDIS_DATABASE}")))

    failed = [str(check) for check in checks if not check.passed]
    assert len(checks) == 13
    assert not failed, "\n".join(failed)
