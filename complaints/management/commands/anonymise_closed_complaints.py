"""Remove personal data from complaints closed longer ago than COMPLAINTS_ANONYMISE_AFTER_DAYS."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints.models import Complaint

DEFAULT_ANONYMISE_AFTER_DAYS = 365 * 2


class Command(BaseCommand):
    help = "Anonymise complaints closed longer ago than the retention period (idempotent)."

    def handle(self, *args, **options):
        days = int(getattr(settings, "COMPLAINTS_ANONYMISE_AFTER_DAYS", DEFAULT_ANONYMISE_AFTER_DAYS))
        now = timezone.now()
        due = Complaint.objects.due_for_anonymising(closed_before=now - timedelta(days=days))
        count = 0
        for complaint in due.iterator():
            complaint.anonymise(now=now)
            count += 1
        self.stdout.write(f"Complaints anonymised: {count}")
