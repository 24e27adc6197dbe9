"""Demo register: the fixtures CSV through the real import, with reports, requirements and history.

On an empty register an earlier edition of the same file is imported first, so the demo has a
change feed to read and a service that changed provider, all made by the real import.
"""

import csv
import datetime
import io

from django.conf import settings
from django.core.management import call_command

from .datastore import import_services
from .factories import InspectionReportFactory
from .models import CareService, InspectionReport, RegulatoryAction

DEMO_REGISTER = settings.BASE_DIR / "fixtures" / "demo_register.csv"
# How the register stood a month before the demo file: service number -> columns then.
EARLIER_EDITION = {
    # Lochside Manor passed from Heatherbank Care to the council's social work services.
    "CS2003003046": {"ServiceProvider": "Heatherbank Care Ltd", "SP_Number": "SP2004005123"},
    "CS2003000025": {"KQ_Leadership": "3", "Publication_of_Latest_Grading": "10/02/2022"},
    "CS2003005060": {"ServiceStatus": "Active"},
    "CS2003001032": {"ServiceName": "Birchwood Lodge Care Home"},
}
# Left out of the earlier edition: registered since.
REGISTERED_SINCE = {"CS2003030235"}

REPORT_KINDS = [
    (InspectionReport.InspectionType.UNANNOUNCED, "We found people were treated with kindness and respect."),
    (InspectionReport.InspectionType.FOLLOW_UP, "We checked the requirements made at the last inspection."),
]
REQUIREMENTS = {
    "CS2003001032": [
        (
            RegulatoryAction.Kind.REQUIREMENT,
            datetime.date(2024, 6, 4),
            datetime.date(2024, 9, 30),
            None,
            "By 30 September 2024, the provider must make sure that each person's medication is given as "
            "prescribed. To do this, the provider must audit medication records every week and act on "
            "what the audits find.",
        ),
        (
            RegulatoryAction.Kind.REQUIREMENT,
            datetime.date(2022, 3, 1),
            datetime.date(2022, 6, 1),
            datetime.date(2022, 5, 20),
            "By 1 June 2022, the provider must review each person's personal plan with them.",
        ),
    ],
    "CS2003002039": [
        (
            RegulatoryAction.Kind.IMPROVEMENT_NOTICE,
            datetime.date(2025, 11, 5),
            datetime.date(2026, 2, 5),
            None,
            "The provider must make sure that there are enough staff on duty at night to meet people's "
            "needs, and keep a record showing how staffing levels were worked out.",
        ),
    ],
}


def _earlier_edition() -> io.StringIO:
    with DEMO_REGISTER.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    text = io.StringIO()
    text.name = "demo_register (an earlier edition).csv"
    writer = csv.DictWriter(text, fieldnames=header)
    writer.writeheader()
    for row in rows:
        if row["CSNumber"] not in REGISTERED_SINCE:
            writer.writerow({**row, **EARLIER_EDITION.get(row["CSNumber"], {})})
    text.seek(0)
    return text


def load(*, stdout) -> None:
    """Idempotent: the import leaves unchanged services alone; the rest is added only where missing."""
    if not CareService.objects.exists():
        import_services(_earlier_edition())
    call_command("import_services", str(DEMO_REGISTER), no_progress=True, stdout=stdout)
    with_reports = set(InspectionReport.objects.values_list("service_id", flat=True).distinct())
    added = 0
    for service in CareService.objects.exclude(pk__in=with_reports).order_by("service_number"):
        latest = service.last_inspected_on or datetime.date(2024, 5, 14)
        for (kind, summary), inspected_on in zip(
            REPORT_KINDS, (latest, latest.replace(year=latest.year - 2)), strict=True
        ):
            InspectionReportFactory(
                service=service,
                inspected_on=inspected_on,
                inspection_type=kind,
                summary=summary,
                title=f"Inspection report, {inspected_on:%B %Y}",
            )
            added += 1
    stdout.write(f"Inspection reports added: {added}\n")
    _add_requirements()


def _add_requirements() -> None:
    for number, actions in REQUIREMENTS.items():
        service = CareService.objects.get(service_number=number)
        if service.regulatory_actions.exists():
            continue
        for kind, made_on, due_by, met_on, text in actions:
            RegulatoryAction.objects.create(
                service=service, kind=kind, made_on=made_on, due_by=due_by, met_on=met_on, text=text
            )
