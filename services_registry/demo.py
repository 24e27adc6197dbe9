"""Demo register: the fixtures CSV through the real import, plus a couple of reports per service."""

import datetime

from django.conf import settings
from django.core.management import call_command

from .factories import InspectionReportFactory
from .models import CareService, InspectionReport

DEMO_REGISTER = settings.BASE_DIR / "fixtures" / "demo_register.csv"


def load(*, stdout) -> None:
    """Idempotent: the import leaves unchanged services alone; reports are added only where none exist."""
    call_command("import_services", str(DEMO_REGISTER), no_progress=True, stdout=stdout)
    with_reports = set(InspectionReport.objects.values_list("service_id", flat=True).distinct())
    added = 0
    for service in CareService.objects.exclude(pk__in=with_reports).order_by("service_number"):
        latest = service.last_inspected_on or datetime.date(2024, 5, 14)
        for inspected_on in (latest, latest.replace(year=latest.year - 2)):
            InspectionReportFactory(
                service=service,
                inspected_on=inspected_on,
                title=f"Inspection report, {inspected_on:%B %Y}",
            )
            added += 1
    stdout.write(f"Inspection reports added: {added}\n")
