"""Remove personal data from complaints closed longer ago than COMPLAINTS_ANONYMISE_AFTER_DAYS."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints.models import Complaint


class Command(BaseCommand):
    help = "Anonymise complaints closed longer ago than the retention period (idempotent)."

    def handle(self, *args, **options):
        now = timezone.now()
        closed_before = now - timedelta(days=settings.COMPLAINTS_ANONYMISE_AFTER_DAYS)
        due = Complaint.objects.due_for_anonymising(closed_before=closed_before)
        count = 0
        for complaint in due.iterator():
            complaint.anonymise(now=now)
            count += 1
        self.stdout.write(f"Complaints anonymised: {count}")
