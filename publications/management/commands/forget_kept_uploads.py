"""Daily, from cron: remove files kept for forms that were never sent again (publications.kept_uploads)."""

from django.core.management.base import BaseCommand

from publications.kept_uploads import forget_abandoned


class Command(BaseCommand):
    help = "Remove files kept across form errors whose forms were never sent again (older than a day)."

    def handle(self, *args, **options):
        removed = forget_abandoned()
        self.stdout.write(f"Removed {removed} abandoned kept file(s).")
