"""The register import worker: run the datastore imports confirmed in the admin."""

import signal
import threading

from django.core.management.base import BaseCommand

from services_registry.import_worker import run_forever, run_waiting_imports


class Command(BaseCommand):
    help = "Run the register imports confirmed in the admin, oldest first. Several workers may run at once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, checking every --interval seconds."
        )
        parser.add_argument("--interval", type=float, default=10.0)

    def handle(self, *args, loop=False, interval=10.0, **options):
        if not loop:
            ran = run_waiting_imports(report=self.stdout.write)
            self.stdout.write(f"Imports run: {ran}")
            return
        stop = threading.Event()
        # Stop between imports, never half-way through one.
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
        run_forever(interval, stop, report=self.stdout.write)
