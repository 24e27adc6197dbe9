"""The outbox worker rides out database outages: it says so once, backs off, and sends what is due once after."""

import logging
import os
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend

from complaints import spool
from complaints.models import ComplaintMessage, OutboxMessage
from complaints.notifier import LocmemSmsBackend
from complaints.worker import OutboxWorker
from tests.faults import ThreadedTcpProxy

from .helpers import database_down

OUTAGE_LOGGED = "Database unavailable"
RECOVERY_LOGGED = "Database available again"


def spool_a_text(message_id="SM-during-outage", sender="+447911123456"):
    """What the Twilio webhook keeps on disk when it cannot reach the database."""
    spool.append({"provider": "twilio", "message_id": message_id, "from": sender, "body": "Help, please"})


def queue_a_text(to="+447400123456"):
    return OutboxMessage.objects.create(kind=OutboxMessage.Kind.SMS, to=to, body="Your reference")


def texts_to(number):
    return [body for to, body in LocmemSmsBackend.outbox if to == number]


def records(caplog, text):
    return [record for record in caplog.records if text in record.getMessage()]


def test_the_wait_doubles_after_each_failure_up_to_the_cap():
    worker = OutboxWorker(interval=1, max_backoff=8)

    waits = []
    for failures in range(6):
        worker.failures = failures
        waits.append(worker.next_wait())

    assert waits == [1, 2, 4, 8, 8, 8]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_loop_carries_on_through_an_outage_and_sends_once_after(caplog):
    """Five rounds find the database down; the loop neither exits nor logs each round."""
    caplog.set_level(logging.INFO)
    queue_a_text()
    spool_a_text()
    worker = OutboxWorker(interval=0, max_backoff=0)
    rounds = 0
    real_round = worker.run_round

    def round_with_an_outage():
        nonlocal rounds
        rounds += 1
        if rounds == 9:
            worker.stop.set()
        if rounds <= 5:
            with database_down():
                return real_round()
        return real_round()

    worker.run_round = round_with_an_outage
    worker.run_forever()

    assert rounds == 9
    assert len(records(caplog, OUTAGE_LOGGED)) == 1
    assert len(records(caplog, RECOVERY_LOGGED)) == 1
    assert len(texts_to("+447400123456")) == 1
    assert len(texts_to("+447911123456")) == 1  # the spooled text's reference
    assert ComplaintMessage.objects.get().provider_message_id == "SM-during-outage"


@pytest.mark.django_db
def test_a_single_run_with_the_database_down_fails_clearly():
    with database_down(), pytest.raises(CommandError, match="database is unavailable"):
        call_command("process_outbox")


# --- On the real PostgreSQL, through a proxy that hangs, then refuses ------------------


@pytest.fixture
def needs_postgres():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs on PostgreSQL: set DATABASE_URL", pytrace=False)
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


class WorkerThread(threading.Thread):
    """An OutboxWorker in its own thread, whose database connection goes through the proxy."""

    def __init__(self, proxy_port: int):
        super().__init__(daemon=True)
        real = connection.settings_dict
        self.settings_dict = {**real, "HOST": "127.0.0.1", "PORT": proxy_port}
        self.worker = OutboxWorker(interval=0.05, max_backoff=0.4)
        self.error = None

    def run(self):
        backend = load_backend(self.settings_dict["ENGINE"])
        connections["default"] = backend.DatabaseWrapper(self.settings_dict, "default")
        try:
            self.worker.run_forever()
        except BaseException as error:  # noqa: BLE001 - the test reports it
            self.error = error
        finally:
            connections.close_all()


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_survives_a_hung_then_refusing_database(needs_postgres, caplog):
    settings_dict = connection.settings_dict
    with ThreadedTcpProxy(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432)) as proxy:
        thread = WorkerThread(proxy.port)
        thread.start()
        assert wait_for(lambda: thread.worker.failures == 0 and proxy.mode == "forward")
        time.sleep(0.2)  # a few healthy rounds

        proxy.set_mode("hang")
        time.sleep(0.5)
        proxy.set_mode("refuse")
        spool_a_text()
        queued = queue_a_text()
        assert wait_for(lambda: thread.worker.failures >= 3)
        assert thread.is_alive() and not texts_to("+447911123456")

        proxy.set_mode("forward")
        assert wait_for(lambda: texts_to("+447911123456") and texts_to("+447400123456"))
        time.sleep(0.3)  # more rounds: nothing is sent twice
        thread.worker.stop.set()
        thread.join(timeout=5)

    assert thread.error is None and not thread.is_alive()
    assert len(texts_to("+447911123456")) == 1 and len(texts_to("+447400123456")) == 1
    queued.refresh_from_db()
    assert queued.status == OutboxMessage.State.SENT and queued.attempts == 1
    assert ComplaintMessage.objects.filter(provider_message_id="SM-during-outage").count() == 1
    assert len(records(caplog, OUTAGE_LOGGED)) == 1
    assert len(records(caplog, RECOVERY_LOGGED)) == 1
