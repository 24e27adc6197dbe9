"""The outbox worker: replay the spool, then send due texts and emails with retries and backoff."""

import signal

from django.core.management.base import BaseCommand, CommandError

from complaints.worker import DATABASE_ERRORS, OutboxWorker


class Command(BaseCommand):
    help = "Send due outbox messages (texts and emails). Several workers may run at once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running, checking every --interval seconds, through database outages.",
        )
        parser.add_argument("--interval", type=float, default=10.0)
        parser.add_argument(
            "--max-backoff",
            type=float,
            default=60.0,
            help="While the database is unavailable, the longest wait between tries (seconds).",
        )

    def handle(self, *args, loop=False, interval=10.0, max_backoff=60.0, **options):
        worker = OutboxWorker(interval=interval, max_backoff=max_backoff, report=self.stdout.write)
        if loop:
            # Stop between rounds, never half-way through sending a batch.
            signal.signal(signal.SIGTERM, lambda signum, frame: worker.stop.set())
            worker.run_forever()
            return
        try:
            worker.run_round()
        except DATABASE_ERRORS as error:
            raise CommandError(f"The database is unavailable; nothing was sent: {error}") from error
