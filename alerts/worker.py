"""The alerts worker: announce what changed and queue the emails; forget what is no longer needed.

`manage.py send_alerts` runs one round; with --loop it runs a round every
--interval seconds, through database outages (waiting longer after each failed
round, up to --max-backoff), and stops between rounds on SIGTERM. A round
stopped by force anywhere leaves nothing half-done (alerts.announcements), so the
next one neither skips a change nor emails it twice. The outbox worker
(`process_outbox`) then sends the emails.
"""

import logging
import threading
from collections.abc import Callable

from django.db import close_old_connections
from django.utils import timezone

from complaints.worker import DATABASE_ERRORS

from .announcements import announce_changes, forget_gone_topics
from .subscriptions import forget_sent_emails, forget_unconfirmed

logger = logging.getLogger(__name__)


def run_round(now=None) -> dict[str, int]:
    now = now or timezone.now()
    return {
        "changes announced": announce_changes(now),
        "unconfirmed addresses deleted": forget_unconfirmed(now),
        "old emails forgotten": forget_sent_emails(now),
        "topics no longer on the site": forget_gone_topics(),
    }


class AlertsWorker:
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

    def run_forever(self) -> None:
        while not self.stop.is_set():
            try:
                close_old_connections()
                counts = run_round()
            except DATABASE_ERRORS as error:
                self.failures += 1
                if self.failures == 1:
                    logger.error("Database unavailable; the alerts worker keeps retrying: %s", error)
            else:
                if self.failures:
                    logger.warning("Database available again; the alerts worker carries on")
                self.failures = 0
                if any(counts.values()):
                    self.report(", ".join(f"{name}: {count}" for name, count in counts.items()))
            wait = (
                self.interval
                if not self.failures
                else min(self.interval * 2**self.failures, self.max_backoff)
            )
            self.stop.wait(wait)
