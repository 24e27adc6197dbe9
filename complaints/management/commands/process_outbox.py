"""The outbox worker: replay the spool, then send due texts and emails with retries and backoff."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from complaints.notifier import send_due_messages


class Command(BaseCommand):
    help = "Send due outbox messages (texts and emails). Several workers may run at once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, checking every --interval seconds."
        )
        parser.add_argument("--interval", type=float, default=10.0)

    def handle(self, *args, loop=False, interval=10.0, **options):
        while True:
            call_command("replay_spool", stdout=self.stdout)
            while True:
                counts = send_due_messages()
                self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
                if not any(counts.values()):
                    break
            if not loop:
                return
            time.sleep(interval)
