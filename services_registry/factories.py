"""Factories for tests and demo data."""

import datetime

import factory
from django.core.files.base import ContentFile

from .models import (
    CareService,
    GradeHistory,
    InspectionReport,
    Provider,
    ProviderChange,
    RegulatoryAction,
    YearlyFigures,
)


def minimal_pdf(title: str) -> bytes:
    """A one-page PDF that says its title: enough to download and open in any reader."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")[:90]
    stream = f"BT /F1 14 Tf 56 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("provider_number",)

    # Far from the numbers tests write by hand (SP2003000180...), which a long run would otherwise reach.
    provider_number = factory.Sequence(lambda n: f"SP{2099000000 + n:010d}")
    name = factory.Sequence(lambda n: f"Provider {n} Ltd")


class CareServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareService
        django_get_or_create = ("service_number",)

    service_number = factory.Sequence(lambda n: f"CS{2099000000 + n:010d}")
    name = factory.Sequence(lambda n: f"Care service {n}")
    service_type = "Care Home Service"
    subtype = "Older People"
    sector = "Private"
    client_group = "Older people"
    provider = factory.SubFactory(ProviderFactory)
    address_line_1 = factory.Sequence(lambda n: f"{n} High Street")
    town = "Perth"
    postcode = "PH1 5AB"
    council_area = "Perth & Kinross"
    registered_on = datetime.date(2011, 4, 1)
    status = CareService.Status.ACTIVE
    last_inspected_on = datetime.date(2024, 2, 12)
    grades_published_on = datetime.date(2024, 3, 15)
    grade_wellbeing = 5
    grade_leadership = 4
    grade_staff_team = None
    grade_setting = None
    grade_care_planning = 4
    grade_care_play_learning = None


class GradeHistoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradeHistory

    service = factory.SubFactory(CareServiceFactory)
    published_on = datetime.date(2022, 6, 1)
    grade_wellbeing = 4
    grade_leadership = 4


class InspectionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionReport

    service = factory.SubFactory(CareServiceFactory)
    inspected_on = datetime.date(2024, 2, 12)
    title = factory.LazyAttribute(lambda r: f"Inspection report {r.inspected_on:%d %B %Y}")
    file = factory.LazyAttribute(
        lambda r: ContentFile(
            minimal_pdf(f"{r.service.name}: {r.title}"), name=f"report-{r.inspected_on}.pdf"
        )
    )


class YearlyFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyFigures

    service = factory.SubFactory(CareServiceFactory)
    year = 2024
    complaints_upheld = 1
    enforcements_issued = 0
    requirements = 2


class RegulatoryActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegulatoryAction

    service = factory.SubFactory(CareServiceFactory)
    kind = RegulatoryAction.Kind.REQUIREMENT
    made_on = datetime.date(2024, 2, 12)
    due_by = datetime.date(2024, 5, 31)
    text = "By 31 May 2024, the provider must make sure that each person's medication is given as prescribed."


class ProviderChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderChange

    service = factory.SubFactory(CareServiceFactory)
    from_provider = factory.SubFactory(ProviderFactory)
    to_provider = factory.SelfAttribute("service.provider")
    changed_on = datetime.date(2025, 4, 1)
