"""The SMS webhooks while the real PostgreSQL hangs or refuses (a proxy in front of it, tests/faults.py).

Twilio gives a webhook 15 seconds and never retries, so its text must be on the
spool, and answered, well inside that; Notify retries, so it is told 503.
"""

import json
import time

import pytest
from django.core.management import call_command
from django.db import connection

from complaints import spool
from complaints.models import ComplaintMessage
from tests.database_outage import ServerClient, needs_postgresql

from .helpers import notify_payload, post_notify, post_twilio, twilio_params

pytestmark = [
    pytest.mark.postgres,
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FAULTS = ["hang", "refuse"]


def spooled_message_ids() -> list[str]:
    return [json.loads(line)["message_id"] for line in spool.spool_path().read_text().splitlines()]


def stored(message_id: str) -> int:
    return ComplaintMessage.objects.filter(provider_message_id=message_id).count()


@pytest.mark.parametrize("fault", FAULTS)
def test_a_text_in_an_outage_is_spooled_and_answered_in_time_then_stored_once(database_outage, fault):
    client = ServerClient()
    assert post_twilio(client, twilio_params(sid="SM-before")).status_code == 200  # a kept connection
    getattr(database_outage, fault)()

    started = time.monotonic()
    response = post_twilio(client, twilio_params(sid="SM-during", body="Please help, it is night"))
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert "we got your message" in response.content.decode()
    assert elapsed < database_outage.bound
    assert spooled_message_ids() == ["SM-during"]

    database_outage.end()
    call_command("replay_spool")
    call_command("replay_spool")
    assert stored("SM-during") == 1
    assert ComplaintMessage.objects.get(provider_message_id="SM-during").body == "Please help, it is night"


def test_a_database_that_hangs_inside_the_transaction_still_gets_the_text_spooled(database_outage):
    """The health check passes, then the database stops answering half-way through storing the text."""
    client = ServerClient()

    def hang_before_the_first_insert(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            database_outage.hang()
        return execute(sql, params, many, context)

    started = time.monotonic()
    with connection.execute_wrapper(hang_before_the_first_insert):
        response = post_twilio(client, twilio_params(sid="SM-half-way"))
    elapsed = time.monotonic() - started

    assert "we got your message" in response.content.decode()
    assert elapsed < database_outage.bound
    database_outage.end()
    assert stored("SM-half-way") == 0  # the transaction was rolled back, nothing half-stored
    call_command("replay_spool")
    assert stored("SM-half-way") == 1


@pytest.mark.parametrize("fault", FAULTS)
def test_notify_is_asked_to_retry_in_an_outage_and_its_retry_is_stored_once(database_outage, fault):
    client = ServerClient()
    assert post_notify(client, notify_payload(message_id="before")).status_code == 200
    getattr(database_outage, fault)()

    started = time.monotonic()
    response = post_notify(client, notify_payload(message_id="during"))
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert elapsed < database_outage.bound
    database_outage.end()
    assert post_notify(client, notify_payload(message_id="during")).json() == {"status": "stored"}
    assert post_notify(client, notify_payload(message_id="during")).json() == {"status": "duplicate"}
    assert stored("during") == 1
