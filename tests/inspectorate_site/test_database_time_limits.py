"""PostgreSQL's time limits (inspectorate_site/database.py): set on the server, enforced by the client."""

import time

import pytest
from django.db import OperationalError, connection

from inspectorate_site import database
from services_registry.factories import CareServiceFactory
from services_registry.models import CareService
from tests.database_outage import needs_postgresql


def test_with_the_default_settings_a_request_gives_up_well_inside_twilios_window(settings):
    twilio_webhook_window, gunicorn_timeout = 15, 30
    longest_wait = max(settings.DATABASE_CONNECT_TIMEOUT, database.statement_wait_seconds())

    assert longest_wait <= twilio_webhook_window / 2 < gunicorn_timeout
    assert settings.HEALTHZ_DATABASE_TIMEOUT <= 2


@pytest.mark.postgres
@needs_postgresql
@pytest.mark.django_db
def test_the_server_cancels_a_statement_that_runs_too_long():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("5s",)
        cursor.execute("SET statement_timeout = 100")
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(1)")


@pytest.mark.postgres
@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hang_while_reading_a_server_side_cursor_gives_up_in_time(database_outage):
    CareServiceFactory.create_batch(3)
    services = CareService.objects.order_by("pk").iterator(chunk_size=1)
    assert next(services)
    database_outage.hang()

    started = time.monotonic()
    with pytest.raises(OperationalError):
        list(services)

    assert time.monotonic() - started < database_outage.bound
    database_outage.end()
    assert CareService.objects.count() == 3
