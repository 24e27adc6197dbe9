"""The regulator's open-data "datastore" CSV: reading it into the register and writing it back out.

The import streams the file row by row and writes in batches, so memory stays
flat whatever the file's size. Each batch is compared with what the register
already holds: unchanged services are not written, and a new grade-history row
appears only when a service's grades change.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from .models import (
    GRADE_FIELDS,
    KEY_QUESTIONS,
    SERVICE_NUMBER_RE,
    CareService,
    GradeHistory,
    Provider,
    YearlyFigures,
    compact_postcode,
    forget_filter_choices,
    lowest_grade,
)
from .widget import forget_badges

BATCH_SIZE = 1000
MAX_REPORTED_REJECTIONS = 1000

REQUIRED_COLUMNS = ["CSNumber", "ServiceName", "CareService", "ServiceStatus"]
# Model field <- datastore column, for the plain text columns.
TEXT_COLUMNS = {
    "name": "ServiceName",
    "service_type": "CareService",
    "subtype": "Subtype",
    "sector": "ServiceType",
    "client_group": "Client_group",
    "address_line_1": "Address_line_1",
    "address_line_2": "Address_line_2",
    "address_line_3": "Address_line_3",
    "address_line_4": "Address_line_4",
    "town": "Service_town",
    "postcode": "Service_Postcode",
    "council_area": "Council_Area_Name",
}
DATE_COLUMNS = {
    "registered_on": "Date_Reg",
    "last_inspected_on": "Last_inspection_Date",
    "grades_published_on": "Publication_of_Latest_Grading",
}
GRADE_COLUMNS = {model_field: column for model_field, column, _ in KEY_QUESTIONS}
# Per-year columns: Complaints_upheld_2425 is the financial year 2024/25.
YEAR_COLUMN = re.compile(r"^(Complaints_upheld|Enforcements_issued|any_requirements)_(\d{2})(\d{2})$")
YEAR_FIGURE_FIELDS = {
    "Complaints_upheld": "complaints_upheld",
    "Enforcements_issued": "enforcements_issued",
    "any_requirements": "requirements",
}
SERVICE_FIELDS = [
    *TEXT_COLUMNS,
    "postcode_compact",
    "provided_by_local_authority",
    "provider_id",
    *DATE_COLUMNS,
    "status",
    *GRADE_FIELDS,
    "min_grade",
]
EXPORT_COLUMNS = [
    "CSNumber",
    "ServiceName",
    "CareService",
    "Subtype",
    "ServiceType",
    "ServiceProvider",
    "SP_Number",
    "Provided_by_Local_Authority",
    "Client_group",
    "Address_line_1",
    "Address_line_2",
    "Address_line_3",
    "Address_line_4",
    "Service_town",
    "Service_Postcode",
    "Council_Area_Name",
    "Date_Reg",
    "ServiceStatus",
    "Last_inspection_Date",
    "Publication_of_Latest_Grading",
    *GRADE_COLUMNS.values(),
    "MinGrade",
    "GradeSpread",
]
STATUSES = {status.value.lower(): status.value for status in CareService.Status}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


class RowError(ValueError):
    """Why a row cannot be imported, in words an officer can act on."""


class MissingColumnsError(ValueError):
    pass


@dataclass
class ParsedRow:
    row_number: int
    service_number: str
    values: dict
    provider_number: str
    provider_name: str
    year_figures: dict[int, dict[str, int | None]]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[tuple[int, str]] = field(default_factory=list)

    def reject(self, row_number: int, reason: str) -> None:
        self.rejected += 1
        if len(self.rejections) < MAX_REPORTED_REJECTIONS:
            self.rejections.append((row_number, reason))


def parse_date(text: str, column: str) -> date | None:
    """The datastore writes dd/mm/yyyy; ISO dates (and a trailing time) are accepted too."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"{column} {text!r} is not a date (use dd/mm/yyyy)")


def parse_grade(text: str, column: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text not in {"1", "2", "3", "4", "5", "6"}:
        raise RowError(f"{column} {text!r} is not a grade from 1 to 6")
    return int(text)


def parse_count(text: str, column: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text.lower() in YES:
        return 1
    if text.lower() in NO:
        return 0
    raise RowError(f"{column} {text!r} is not a number")


def year_columns(fieldnames: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Per-year column -> (year the financial year starts, model field)."""
    found = {}
    for column in fieldnames:
        if match := YEAR_COLUMN.match(column):
            prefix, start, end = match.groups()
            found[column] = (2000 + int(start), YEAR_FIGURE_FIELDS[prefix])
    return found


def parse_row(row: dict, row_number: int, years: dict[str, tuple[int, str]]) -> ParsedRow:
    def cell(column: str) -> str:
        return (row.get(column) or "").strip()

    service_number = cell("CSNumber").upper()
    if not SERVICE_NUMBER_RE.match(service_number):
        raise RowError(f"CSNumber {cell('CSNumber')!r} is not CS followed by 10 digits")
    values = {model_field: cell(column) for model_field, column in TEXT_COLUMNS.items()}
    if not values["name"]:
        raise RowError("ServiceName is empty")
    if not values["service_type"]:
        raise RowError("CareService (the type of service) is empty")
    status = STATUSES.get(cell("ServiceStatus").lower())
    if status is None:
        raise RowError(f"ServiceStatus {cell('ServiceStatus')!r} is not Active, Inactive or Cancelled")
    values["status"] = status
    values["postcode"] = " ".join(values["postcode"].upper().split())
    values["postcode_compact"] = compact_postcode(values["postcode"])
    for model_field, column in TEXT_COLUMNS.items():
        limit = CareService._meta.get_field(model_field).max_length
        if len(values[model_field]) > limit:
            raise RowError(f"{column} is longer than {limit} characters")
    values["provided_by_local_authority"] = cell("Provided_by_Local_Authority").lower() in YES
    for model_field, column in DATE_COLUMNS.items():
        values[model_field] = parse_date(cell(column), column)
    for model_field, column in GRADE_COLUMNS.items():
        values[model_field] = parse_grade(cell(column), column)
    values["min_grade"] = lowest_grade(values[f] for f in GRADE_FIELDS)

    year_figures: dict[int, dict[str, int | None]] = {}
    for column, (year, model_field) in years.items():
        year_figures.setdefault(year, {})[model_field] = parse_count(cell(column), column)
    year_figures = {
        year: counts for year, counts in year_figures.items() if any(v is not None for v in counts.values())
    }

    provider_number = cell("SP_Number").upper()
    if provider_number and not re.fullmatch(r"SP\d{10}", provider_number):
        raise RowError(f"SP_Number {provider_number!r} is not SP followed by 10 digits")
    return ParsedRow(
        row_number=row_number,
        service_number=service_number,
        values=values,
        provider_number=provider_number,
        provider_name=cell("ServiceProvider")[:300],
        year_figures=year_figures,
    )


class ProviderDirectory:
    """Providers by number and by name, loaded once; new ones are created a batch at a time."""

    def __init__(self):
        self.by_number = {}
        self.by_name = {}
        for pk, number, name in Provider.objects.values_list("pk", "provider_number", "name"):
            self._remember(pk, number, name)

    def _remember(self, pk, number, name):
        if number:
            self.by_number[number] = pk
        self.by_name.setdefault(name, pk)

    def find(self, number: str, name: str) -> int | None:
        if number:
            return self.by_number.get(number)
        return self.by_name.get(name) if name else None

    def resolve(self, rows: list[ParsedRow]) -> None:
        """Give every row's values a provider_id, creating the providers not seen before."""
        missing = {}
        for row in rows:
            if (row.provider_number or row.provider_name) and self.find(
                row.provider_number, row.provider_name
            ) is None:
                missing[row.provider_number or row.provider_name] = Provider(
                    provider_number=row.provider_number or None, name=row.provider_name or row.provider_number
                )
        if missing:
            Provider.objects.bulk_create(missing.values(), ignore_conflicts=True)
            numbers = [p.provider_number for p in missing.values() if p.provider_number]
            names = [p.name for p in missing.values() if not p.provider_number]
            for pk, number, name in Provider.objects.filter(provider_number__in=numbers).values_list(
                "pk", "provider_number", "name"
            ):
                self._remember(pk, number, name)
            for pk, number, name in Provider.objects.filter(name__in=names).values_list(
                "pk", "provider_number", "name"
            ):
                self._remember(pk, number, name)
        for row in rows:
            row.values["provider_id"] = self.find(row.provider_number, row.provider_name)


def _write_batch(rows: list[ParsedRow], providers: ProviderDirectory, report: ImportReport) -> None:
    providers.resolve(rows)
    numbers = [row.service_number for row in rows]
    existing = {
        values["service_number"]: values
        for values in CareService.objects.filter(service_number__in=numbers).values(
            "pk", "service_number", *SERVICE_FIELDS
        )
    }
    existing_figures = {
        (number, year): (complaints, enforcements, requirements)
        for number, year, complaints, enforcements, requirements in YearlyFigures.objects.filter(
            service__service_number__in=numbers
        ).values_list(
            "service__service_number", "year", "complaints_upheld", "enforcements_issued", "requirements"
        )
    }

    to_write, regraded, figures_to_write = [], [], []
    for row in rows:
        old = existing.get(row.service_number)
        figures = [
            (
                year,
                counts.get("complaints_upheld"),
                counts.get("enforcements_issued"),
                counts.get("requirements"),
            )
            for year, counts in row.year_figures.items()
        ]
        changed_figures = [f for f in figures if existing_figures.get((row.service_number, f[0])) != f[1:]]
        service_changed = old is None or any(old[name] != row.values[name] for name in SERVICE_FIELDS)
        grades = tuple(row.values[f] for f in GRADE_FIELDS)
        if service_changed:
            to_write.append(CareService(service_number=row.service_number, **row.values))
            old_grades = tuple(old[f] for f in GRADE_FIELDS) if old else None
            old_published = old["grades_published_on"] if old else None
            if any(g is not None for g in grades) and (
                grades != old_grades or row.values["grades_published_on"] != old_published
            ):
                regraded.append(row)
        figures_to_write.extend((row.service_number, f) for f in changed_figures)
        if old is None:
            report.created += 1
        elif service_changed or changed_figures:
            report.updated += 1
        else:
            report.unchanged += 1

    if not to_write and not figures_to_write:
        return
    with transaction.atomic():
        if to_write:
            CareService.objects.bulk_create(
                to_write,
                update_conflicts=True,
                unique_fields=["service_number"],
                update_fields=SERVICE_FIELDS,
            )
        ids = dict(
            CareService.objects.filter(
                service_number__in={s.service_number for s in to_write} | {n for n, _ in figures_to_write}
            ).values_list("service_number", "pk")
        )
        if regraded:
            GradeHistory.objects.bulk_create(
                [
                    GradeHistory(
                        service_id=ids[row.service_number],
                        published_on=row.values["grades_published_on"],
                        **{f: row.values[f] for f in GRADE_FIELDS},
                    )
                    for row in regraded
                ],
                update_conflicts=True,
                unique_fields=["service", "published_on"],
                update_fields=GRADE_FIELDS,
            )
        if figures_to_write:
            YearlyFigures.objects.bulk_create(
                [
                    YearlyFigures(
                        service_id=ids[number],
                        year=year,
                        complaints_upheld=complaints,
                        enforcements_issued=enforcements,
                        requirements=requirements,
                    )
                    for number, (year, complaints, enforcements, requirements) in figures_to_write
                ],
                update_conflicts=True,
                unique_fields=["service", "year"],
                update_fields=["complaints_upheld", "enforcements_issued", "requirements"],
            )
    forget_badges(s.service_number for s in to_write)


def check_columns(fieldnames: list[str] | None) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in (fieldnames or [])]
    if missing:
        raise MissingColumnsError(
            "The file lacks the required column{} {}. Nothing was imported.".format(
                "s" if len(missing) > 1 else "", ", ".join(missing)
            )
        )


def import_services(text_file, *, progress=None) -> ImportReport:
    """Upsert every valid row of a datastore CSV into the register; report what happened to each.

    ``progress`` is called with the number of rows read since the last call.
    """
    reader = csv.DictReader(text_file)
    fieldnames = [name.strip() for name in reader.fieldnames or []]
    check_columns(fieldnames)
    reader.fieldnames = fieldnames
    years = year_columns(fieldnames)
    providers = ProviderDirectory()
    report = ImportReport()
    seen: dict[str, int] = {}
    batch: list[ParsedRow] = []
    # Row 1 is the header, as a spreadsheet numbers it.
    for row_number, row in enumerate(reader, start=2):
        try:
            if None in row:
                raise RowError("the row has more cells than the header has columns")
            parsed = parse_row(row, row_number, years)
            if parsed.service_number in seen:
                raise RowError(
                    f"{parsed.service_number} already appears on row {seen[parsed.service_number]}"
                )
        except RowError as error:
            report.reject(row_number, str(error))
        else:
            seen[parsed.service_number] = row_number
            batch.append(parsed)
        if len(batch) >= BATCH_SIZE:
            _write_batch(batch, providers, report)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        _write_batch(batch, providers, report)
    forget_filter_choices()
    if progress:
        progress(len(batch))
    return report


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def export_rows(services) -> Iterator[list[str]]:
    """The header, then one row per service, in the datastore's format; streams in chunks."""
    years = sorted(set(YearlyFigures.objects.values_list("year", flat=True)), reverse=True)
    year_header = []
    for year in years:
        suffix = f"{year % 100:02d}{(year + 1) % 100:02d}"
        year_header += [
            f"Complaints_upheld_{suffix}",
            f"Enforcements_issued_{suffix}",
            f"any_requirements_{suffix}",
        ]
    yield EXPORT_COLUMNS + year_header

    def number(value):
        return "" if value is None else str(value)

    services = (
        services.select_related("provider").prefetch_related("yearly_figures").order_by("service_number")
    )
    for service in services.iterator(chunk_size=2000):
        grades = [g for g in service.grades_tuple() if g is not None]
        provider = service.provider
        row = [
            service.service_number,
            service.name,
            service.service_type,
            service.subtype,
            service.sector,
            provider.name if provider else "",
            (provider.provider_number or "") if provider else "",
            "Yes" if service.provided_by_local_authority else "No",
            service.client_group,
            service.address_line_1,
            service.address_line_2,
            service.address_line_3,
            service.address_line_4,
            service.town,
            service.postcode,
            service.council_area,
            format_date(service.registered_on),
            service.status,
            format_date(service.last_inspected_on),
            format_date(service.grades_published_on),
            *(number(g) for g in service.grades_tuple()),
            number(min(grades) if grades else None),
            number(max(grades) - min(grades) if grades else None),
        ]
        figures = {f.year: f for f in service.yearly_figures.all()}
        for year in years:
            f = figures.get(year)
            row += (
                [number(f.complaints_upheld), number(f.enforcements_issued), number(f.requirements)]
                if f
                else ["", "", ""]
            )
        yield row
