"""Store the Twilio messages spooled to disk while the database was down, each exactly once."""

from django.core.management.base import BaseCommand

from complaints import spool
from complaints.worker import store_spooled_message


class Command(BaseCommand):
    help = (
        "Store Twilio messages spooled while the database was unavailable (safe to run from several workers)."
    )

    def handle(self, *args, **options):
        result = spool.replay(store_spooled_message)
        if result.busy:
            self.stdout.write("Another worker is replaying the spool.")
            return
        if result.database_unavailable:
            self.stderr.write("The database is still unavailable; the spool is kept for the next run.")
        self.stdout.write(f"Spooled messages stored: {result.stored}; rejected: {result.rejected}")
