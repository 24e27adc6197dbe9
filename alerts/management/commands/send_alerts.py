"""The alerts worker: announce new changes and queue one email per subscriber who wants it straight away."""

import signal

from django.core.management.base import BaseCommand, CommandError

from alerts.worker import AlertsWorker, run_round
from complaints.worker import DATABASE_ERRORS


class Command(BaseCommand):
    help = (
        "Announce changes people follow (major changes to live publications, new inspection reports and "
        "grades, registration changes) and queue their emails; delete unconfirmed addresses after 7 days. "
        "Safe to run again, or on several machines at once: nothing is queued twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, a round every --interval seconds."
        )
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument(
            "--max-backoff",
            type=float,
            default=300.0,
            help="While the database is unavailable, the longest wait between tries (seconds).",
        )

    def handle(self, *args, loop=False, interval=60.0, max_backoff=300.0, **options):
        if loop:
            worker = AlertsWorker(interval=interval, max_backoff=max_backoff, report=self.stdout.write)
            signal.signal(signal.SIGTERM, lambda signum, frame: worker.stop.set())
            worker.run_forever()
            return
        try:
            counts = run_round()
        except DATABASE_ERRORS as error:
            raise CommandError(f"The database is unavailable; nothing was announced: {error}") from error
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
