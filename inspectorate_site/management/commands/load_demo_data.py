"""Builds the whole demo site, in the order each part needs the one before.

1. Staff users: an administrator and one user in each staff group.
2. The published CMS page tree (home, sections, footer pages), owned by the administrator.
3. The publications library: categories, publications with small real PDF
   documents, change notes and a download history, and one change waiting
   for review.
4. The register: the demo datastore CSV through the real import, plus
   inspection reports.
5. Demo complaints, one or more per channel and status, through the same
   intake service as real ones, linked to demo services.
6. Search synonyms ("incontinence" also finds "continence").

Idempotent: a second run finds everything by its natural key and changes
nothing. Refuses to run with DEBUG off unless --force is given, because it
creates users with known passwords (with --force they get unusable ones).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from complaints import demo as complaints_demo
from inspectorate_site import demo
from publications import demo as publications_demo
from reviews import demo as reviews_demo
from services_registry import demo as services_registry_demo
from site_search import demo as site_search_demo


class Command(BaseCommand):
    help = "Load demo content and demo staff users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (demo users then get unusable passwords).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: refusing to load demo data. Use --force to insist.")

        staff = demo.load_staff_users(with_known_passwords=settings.DEBUG)
        pages_created = demo.load_pages(owner=staff["admin"].user)

        self.stdout.write(self.style.SUCCESS(f"Pages created: {pages_created}"))
        publications_demo.load(stdout=self.stdout)
        reviews_demo.load(stdout=self.stdout)
        services_registry_demo.load(stdout=self.stdout)
        complaints_demo.load(stdout=self.stdout)
        site_search_demo.load(stdout=self.stdout)
        if settings.DEBUG:
            self.stdout.write("Demo staff sign-in at /admin/ (development only):")
            for account in staff.values():
                self.stdout.write(f"  {account.user.username:<20} {account.password:<24} {account.role}")
