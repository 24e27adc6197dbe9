"""The outbox worker: replay the spool, send what is due, round after round, through database outages.

`manage.py process_outbox --loop` runs an OutboxWorker. While the database is
unavailable each round fails; the worker says so once (and again every few
minutes while it lasts, never every round), waits longer after each failure up
to a cap, and carries on. The first round that reaches the database again
replays the texts spooled meanwhile and sends what is due, each exactly once.
"""

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import (
    DatabaseError,
    DataError,
    InterfaceError,
    close_old_connections,
    connection,
    connections,
)

from . import services, spool
from .models import Channel, MessageProvider
from .notifier import send_due_messages
from .services import IncomingMessage

logger = logging.getLogger(__name__)

# Spool lines are ours; a received_at outside this window is a damaged line, not a long outage.
SPOOL_OLDEST_PLAUSIBLE = timedelta(days=30)
# While an outage lasts, the log hears about it again this often (seconds).
OUTAGE_REMINDER_SECONDS = 600
DATABASE_ERRORS = (DatabaseError, InterfaceError)


def store_spooled_message(record: dict) -> None:
    """Idempotent by message id, so a line replayed twice is stored once.

    The person already had a "we got it" reply, so their reference goes out
    through the outbox now.
    """
    received_text = str(record.get("received_at") or "")
    received_at = services.provider_time(received_text, oldest=SPOOL_OLDEST_PLAUSIBLE)
    if received_at is None and received_text:
        logger.warning(
            "Spooled message %r has an unusable received_at %r; using the time of replay",
            record.get("message_id"),
            received_text[:64],
        )
    incoming = IncomingMessage(
        channel=Channel.TEXT,
        body=str(record.get("body") or ""),
        provider=str(record.get("provider") or MessageProvider.TWILIO),
        provider_message_id=str(record.get("message_id") or ""),
        sender=str(record.get("from") or ""),
        received_at=received_at,
    )
    try:
        services.receive_text_message(incoming, reply_inline=False)
    except (ValidationError, DataError) as error:
        # This line can never be stored as it is: keep it for a person instead of blocking the rest.
        spool.reject(record, reason=str(error))


class OutboxWorker:
    """Rounds of replay-then-send, `interval` seconds apart; after a failure, a doubling wait up to `max_backoff`.

    `stop` ends the loop between rounds (SIGTERM sets it; tests set it too).
    `report` receives one line per round that did something.
    """

    def __init__(
        self,
        *,
        interval: float,
        max_backoff: float,
        stop: threading.Event | None = None,
        report: Callable[[str], None] = logger.info,
    ):
        self.interval = interval
        self.max_backoff = max(max_backoff, interval)
        self.stop = stop or threading.Event()
        self.report = report
        self.failures = 0
        self.outage_began = 0.0
        self.last_outage_log = 0.0

    def run_forever(self) -> None:
        while not self.stop.is_set():
            try:
                close_old_connections()  # a connection that broke or aged since the last round
                self.run_round()
            except DATABASE_ERRORS as error:
                self._database_failed(error)
            else:
                self._database_answered()
            self.stop.wait(self.next_wait())

    def next_wait(self) -> float:
        if not self.failures:
            return self.interval
        return min(self.interval * 2**self.failures, self.max_backoff)

    def run_round(self) -> None:
        """Replay the spool, then send batches until nothing is due. Raises the database's errors."""
        with connection.cursor() as cursor:
            # Asked first, so an outage is one error here, not one from the spool as well.
            cursor.execute("SELECT 1")
        replayed = spool.replay(store_spooled_message)
        if replayed.database_unavailable:
            raise DatabaseError("the spool could not be replayed")
        if replayed.stored or replayed.rejected:
            self.report(f"Spooled messages stored: {replayed.stored}; rejected: {replayed.rejected}")
        while True:
            counts = send_due_messages()
            if not any(counts.values()):
                return
            self.report(", ".join(f"{name}: {count}" for name, count in counts.items()))

    def _database_failed(self, error: Exception) -> None:
        now = time.monotonic()
        with contextlib.suppress(*DATABASE_ERRORS):
            connections.close_all()  # the next round starts on a new connection
        self.failures += 1
        if self.failures == 1:
            self.outage_began = self.last_outage_log = now
            logger.error("Database unavailable; the outbox worker keeps retrying, backing off: %s", error)
        elif now - self.last_outage_log >= OUTAGE_REMINDER_SECONDS:
            self.last_outage_log = now
            logger.error("Database still unavailable after %.0f s: %s", now - self.outage_began, error)

    def _database_answered(self) -> None:
        if self.failures:
            logger.warning(
                "Database available again after %.0f s; the outbox worker carries on",
                time.monotonic() - self.outage_began,
            )
        self.failures = 0
