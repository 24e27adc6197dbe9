"""The daily watch on misused badges (services_registry/badge_watch.py); safe to run again."""

from django.core.management.base import BaseCommand

from services_registry.badge_watch import watch_badges


class Command(BaseCommand):
    help = (
        "Open badge misuse cases from the last 30 days' widget sightings and update the open ones "
        "(idempotent; run daily)."
    )

    def handle(self, *args, **options):
        result = watch_badges()
        self.stdout.write(f"Badge misuse cases opened: {result.new}; open cases updated: {result.updated}")
