"""Importing a datastore CSV: streamed row by row, compared with the register and written in batches.

Memory stays flat whatever the file's size. Each batch is compared with what
the register already holds: unchanged services are not written, and a new
grade-history row appears only when a service's grades change.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction

from inspectorate_site.page_cache import invalidate_register

from ..grade_context import refresh_grade_distributions
from ..models import GRADE_FIELDS, CareService, GradeHistory, Provider, YearlyFigures, forget_filter_choices
from ..register_import import RegisterImport
from ..widget import forget_badges
from .columns import FIGURE_FIELDS, REQUIRED_COLUMNS, SERVICE_FIELDS, year_columns
from .recording import ChangeRecorder
from .rows import FigureCounts, ParsedRow, RowError, parse_row

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
MAX_REPORTED_REJECTIONS = 1000


class MissingColumnsError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0  # of the updated, those whose registration this import cancelled
    rejected: int = 0
    rejections: list[tuple[int, str]] = field(default_factory=list)

    def reject(self, row_number: int, reason: str) -> None:
        self.rejected += 1
        if len(self.rejections) < MAX_REPORTED_REJECTIONS:
            self.rejections.append((row_number, reason))


class ProviderDirectory:
    """Providers by number and by name, loaded once; new ones are created a batch at a time."""

    def __init__(self):
        self.by_number = {}
        self.by_name = {}
        self.label_of: dict[int, str] = {}  # id -> number, or name if it has none
        self.named_in_file: dict[str, tuple[str, int, str]] = {}  # number -> (name, row) as the file gives it
        self.planned: list[str] = []  # providers a dry run would create
        self._remember_all(Provider.objects.all())

    def _remember_all(self, providers) -> None:
        for pk, number, name in providers.values_list("pk", "provider_number", "name"):
            if number:
                self.by_number[number] = pk
            self.by_name.setdefault(name, pk)
            self.label_of[pk] = number or name

    def label(self, pk: int | None) -> str | None:
        return self.label_of.get(pk) if pk is not None else None

    def conflict(self, row: ParsedRow) -> str | None:
        """Why the row's provider number cannot be trusted, or None.

        One number with two names in one file, or a number and a name that the register gives to two
        different providers (a mistyped number would move the service to a stranger's provider).
        """
        number, name = row.provider_number, row.provider_name
        if not number or not name:
            return None
        named = " ".join(name.split()).casefold()
        if (earlier := self.named_in_file.get(number)) and earlier[0] != named:
            return (
                f"SP_Number {number} is given to “{earlier[2]}” on row {earlier[1]} and to “{name}” here: "
                "one provider number, one provider"
            )
        self.named_in_file.setdefault(number, (named, row.row_number, name))
        by_number, by_name = self.by_number.get(number), self.by_name.get(name)
        if by_number is not None and by_name is not None and by_number != by_name:
            other = self.label_of.get(by_name)
            if other and other != name:
                return (
                    f"SP_Number {number} is another provider’s number in the register, and “{name}” is "
                    f"the name of {other}: check the provider number"
                )
        return None

    def find(self, number: str, name: str) -> int | None:
        if number:
            return self.by_number.get(number)
        return self.by_name.get(name) if name else None

    def resolve(self, rows: list[ParsedRow], *, create: bool = True) -> None:
        """Give every row's values a provider_id, creating the providers not seen before.

        A dry run (``create=False``) gives each provider it would create a stand-in id below
        zero instead, so the rows still compare as changing provider.
        """
        if not create:
            self._plan_new(rows)
            return
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
            self._remember_all(Provider.objects.filter(provider_number__in=numbers))
            self._remember_all(Provider.objects.filter(name__in=names))
        for row in rows:
            row.values["provider_id"] = self.find(row.provider_number, row.provider_name)

    def _plan_new(self, rows: list[ParsedRow]) -> None:
        for row in rows:
            number, name = row.provider_number, row.provider_name
            if (number or name) and self.find(number, name) is None:
                stand_in = -1 - len(self.planned)
                self.planned.append(number or name)
                if number:
                    self.by_number[number] = stand_in
                else:
                    self.by_name[name] = stand_in
            row.values["provider_id"] = self.find(number, name)


@dataclass
class BatchChanges:
    """What a batch changes in the register, and what happened to each of its rows."""

    services: list[CareService] = field(default_factory=list)  # new or changed: upserted whole
    regraded: list[ParsedRow] = field(default_factory=list)  # each adds (or corrects) a grade-history row
    figures: list[tuple[str, int, FigureCounts]] = field(default_factory=list)  # (service, year, counts)
    added: list[ParsedRow] = field(default_factory=list)
    changed: list[tuple[ParsedRow, dict]] = field(default_factory=list)  # with the register's old values
    unchanged: int = 0

    @property
    def created(self) -> int:
        return len(self.added)

    @property
    def updated(self) -> int:
        return len(self.changed)

    @property
    def cancelled(self) -> int:
        cancelled = CareService.Status.CANCELLED
        return sum(
            1 for row, old in self.changed if row.values["status"] == cancelled and old["status"] != cancelled
        )


def registered_state(numbers: list[str]) -> tuple[dict[str, dict], dict[tuple[str, int], FigureCounts]]:
    """What the register holds for these services: their imported fields, and their yearly figures."""
    services = {
        values["service_number"]: values
        for values in CareService.objects.filter(service_number__in=numbers).values(
            "pk", "service_number", *SERVICE_FIELDS
        )
    }
    figures = {
        (number, year): tuple(counts)
        for number, year, *counts in YearlyFigures.objects.filter(
            service__service_number__in=numbers
        ).values_list("service__service_number", "year", *FIGURE_FIELDS)
    }
    return services, figures


def diff_batch(
    rows: list[ParsedRow], services: dict[str, dict], figures: dict[tuple[str, int], FigureCounts]
) -> BatchChanges:
    """Compare the rows with the register's current state (from registered_state); writes nothing."""
    changes = BatchChanges()
    for row in rows:
        old = services.get(row.service_number)
        changed_figures = [
            (row.service_number, year, counts)
            for year, counts in row.year_figures.items()
            if figures.get((row.service_number, year)) != counts
        ]
        service_changed = old is None or any(old[name] != row.values[name] for name in SERVICE_FIELDS)
        if service_changed:
            changes.services.append(CareService(service_number=row.service_number, **row.values))
            if _regraded(row, old):
                changes.regraded.append(row)
        changes.figures.extend(changed_figures)
        if old is None:
            changes.added.append(row)
        elif service_changed or changed_figures:
            changes.changed.append((row, old))
        else:
            changes.unchanged += 1
    return changes


def _regraded(row: ParsedRow, old: dict | None) -> bool:
    """The row has grades, and they (or the date they were published) differ from the register's."""
    grades = tuple(row.values[name] for name in GRADE_FIELDS)
    if all(grade is None for grade in grades):
        return False
    old_grades = tuple(old[name] for name in GRADE_FIELDS) if old else None
    old_published = old["grades_published_on"] if old else None
    return grades != old_grades or row.values["grades_published_on"] != old_published


def apply_changes(changes: BatchChanges) -> dict[str, int]:
    """Write a batch's changes, inside the batch's transaction (_write_batch); the services' ids."""
    if changes.services:
        CareService.objects.bulk_create(
            changes.services,
            update_conflicts=True,
            unique_fields=["service_number"],
            # auto_now stamps each row; only what is listed here reaches a service already registered.
            update_fields=[*SERVICE_FIELDS, "updated_at"],
        )
    numbers = {service.service_number for service in changes.services}
    numbers |= {number for number, _, _ in changes.figures}
    if not numbers:
        return {}
    ids = dict(CareService.objects.filter(service_number__in=numbers).values_list("service_number", "pk"))
    if changes.regraded:
        _record_grade_history(changes.regraded, ids)
    if changes.figures:
        _upsert_figures(changes.figures, ids)
    return ids


def _record_grade_history(rows: list[ParsedRow], ids: dict[str, int]) -> None:
    GradeHistory.objects.bulk_create(
        [
            GradeHistory(
                service_id=ids[row.service_number],
                published_on=row.values["grades_published_on"],
                **{name: row.values[name] for name in GRADE_FIELDS},
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["service", "published_on"],
        update_fields=GRADE_FIELDS,
    )


def _upsert_figures(figures: list[tuple[str, int, FigureCounts]], ids: dict[str, int]) -> None:
    YearlyFigures.objects.bulk_create(
        [
            YearlyFigures(service_id=ids[number], year=year, **dict(zip(FIGURE_FIELDS, counts, strict=True)))
            for number, year, counts in figures
        ],
        update_conflicts=True,
        unique_fields=["service", "year"],
        update_fields=FIGURE_FIELDS,
    )


def _write_batch(
    rows: list[ParsedRow], providers: ProviderDirectory, report: ImportReport, recorder: ChangeRecorder
) -> None:
    """One transaction: a batch's new providers and its record of changes commit with its services
    or not at all, so an import killed midway leaves no provider without services and no change
    unrecorded. Then the changed badges are forgotten.
    """
    with transaction.atomic():
        providers.resolve(rows)
        services, figures = registered_state([row.service_number for row in rows])
        changes = diff_batch(rows, services, figures)
        ids = apply_changes(changes)
        recorder.write(changes, figures, ids)
    forget_badges(service.service_number for service in changes.services)
    report.created += changes.created
    report.updated += changes.updated
    report.unchanged += changes.unchanged
    report.cancelled += changes.cancelled


def check_columns(fieldnames: list[str] | None) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in (fieldnames or [])]
    if missing:
        raise MissingColumnsError(
            "The file lacks the required column{} {}. Nothing was imported.".format(
                "s" if len(missing) > 1 else "", ", ".join(missing)
            )
        )


def read_batches(
    text_file, report: ImportReport, providers: ProviderDirectory
) -> Iterator[tuple[list[ParsedRow], int]]:
    """The file's valid rows in batches, each with the number of rows read for it; the rest are
    rejected in ``report``. The one reading both the import and its dry run (planning) use.
    """
    reader = csv.DictReader(text_file)
    fieldnames = [name.strip() for name in reader.fieldnames or []]
    check_columns(fieldnames)
    reader.fieldnames = fieldnames
    years = year_columns(fieldnames)
    seen: dict[str, int] = {}
    batch: list[ParsedRow] = []
    rows_read = 0
    # Row 1 is the header, as a spreadsheet numbers it.
    for row_number, row in enumerate(reader, start=2):
        rows_read += 1
        try:
            if None in row:
                raise RowError("the row has more cells than the header has columns")
            parsed = parse_row(row, row_number, years)
            if parsed.service_number in seen:
                raise RowError(
                    f"{parsed.service_number} already appears on row {seen[parsed.service_number]}"
                )
            if conflict := providers.conflict(parsed):
                raise RowError(conflict)
        except RowError as error:
            report.reject(row_number, str(error))
        else:
            seen[parsed.service_number] = row_number
            batch.append(parsed)
        if len(batch) >= BATCH_SIZE:
            yield batch, rows_read
            batch, rows_read = [], 0
    yield batch, rows_read


def import_services(
    text_file, *, progress=None, register_import: RegisterImport | None = None
) -> ImportReport:
    """Upsert every valid row of a datastore CSV into the register; report what happened to each.

    ``progress`` is called with the number of rows read (valid or not) since the last call. What
    it changes is recorded under ``register_import``; without one (the command, tests), the import
    records itself, done or failed.
    """
    if register_import is not None:
        return _import(text_file, progress, register_import)
    register_import = RegisterImport.objects.start_unattended(getattr(text_file, "name", "") or "")
    try:
        report = _import(text_file, progress, register_import)
    except BaseException as error:
        try:
            register_import.mark_failed(f"The import stopped: {error or type(error).__name__}.")
        except DatabaseError:
            logger.exception("Could not record that register import %s failed", register_import.pk)
        raise
    register_import.mark_done(report)
    return report


def _import(text_file, progress, register_import: RegisterImport) -> ImportReport:
    providers = ProviderDirectory()
    report = ImportReport()
    recorder = ChangeRecorder(register_import, providers.label)
    for batch, rows_read in read_batches(text_file, report, providers):
        if batch:
            _write_batch(batch, providers, report, recorder)
            invalidate_register()  # each batch is committed: its services' pages show it now
        if progress:
            progress(rows_read)
    forget_filter_choices()
    # Each service page compares its grades with these: counted once here, never per request.
    refresh_grade_distributions()
    return report
