"""Daily and weekly summaries of email alerts: run once a day from cron (see the README)."""

from django.core.management.base import BaseCommand

from alerts.models import Frequency
from alerts.sending import send_digests


class Command(BaseCommand):
    help = (
        "Queue yesterday's daily summaries and, from Monday, last week's weekly summaries. "
        "Running it again, or on two machines, queues no summary twice."
    )

    def handle(self, *args, **options):
        for frequency in (Frequency.DAILY, Frequency.WEEKLY):
            queued = send_digests(frequency)
            self.stdout.write(f"{frequency} summaries queued: {queued}")
