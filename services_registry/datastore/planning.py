"""A dry run of the import: what a datastore CSV would add, change and cancel, writing nothing.

It reads and compares the rows exactly as ``import_services`` does (``read_batches``,
``registered_state``, ``diff_batch``), so the preview an officer confirms is what the import does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..models import CareService
from .columns import SERVICE_FIELDS
from .importing import ImportReport, ProviderDirectory, diff_batch, read_batches, registered_state
from .rows import ParsedRow

# Each list in a preview shows this many rows, then "and N more".
PREVIEW_ROWS = 50
# Worked out from other fields, so never news on their own.
DERIVED_FIELDS = {"postcode_compact", "address_hidden", "min_grade"}


def field_label(name: str) -> str:
    if name == "provider_id":
        return "provider"
    return str(CareService._meta.get_field(name).verbose_name)


@dataclass
class PlannedRow:
    row_number: int
    service_number: str
    name: str
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """Counts of what an import would do, with the first PREVIEW_ROWS rows of each kind."""

    rows: int = 0
    added: int = 0
    changed: int = 0
    cancelled: int = 0
    unchanged: int = 0
    rejected: int = 0
    new_providers: int = 0
    added_rows: list[PlannedRow] = field(default_factory=list)
    changed_rows: list[PlannedRow] = field(default_factory=list)
    cancelled_rows: list[PlannedRow] = field(default_factory=list)
    rejections: list[tuple[int, str]] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


def _planned(row: ParsedRow, changes: list[str] | None = None) -> PlannedRow:
    return PlannedRow(row.row_number, row.service_number, row.values["name"], changes or [])


def _changed_fields(row: ParsedRow, old: dict, figure_years: list[int]) -> list[str]:
    names = [
        field_label(name)
        for name in SERVICE_FIELDS
        if name not in DERIVED_FIELDS and old[name] != row.values[name]
    ]
    return names + [f"figures for {year}/{(year + 1) % 100:02d}" for year in figure_years]


def _is_cancelled(row: ParsedRow, old: dict | None) -> bool:
    cancelled = CareService.Status.CANCELLED
    return row.values["status"] == cancelled and (old is None or old["status"] != cancelled)


def _keep(rows: list[PlannedRow], row: PlannedRow) -> None:
    if len(rows) < PREVIEW_ROWS:
        rows.append(row)


def plan_import(text_file) -> ImportPlan:
    """What importing this file now would do. Raises what import_services raises for a bad file."""
    providers = ProviderDirectory()
    report = ImportReport()
    plan = ImportPlan()
    for batch, rows_read in read_batches(text_file, report, providers):
        plan.rows += rows_read
        if not batch:
            continue
        providers.resolve(batch, create=False)
        services, figures = registered_state([row.service_number for row in batch])
        changes = diff_batch(batch, services, figures)
        changed_years: dict[str, list[int]] = {}
        for number, year, _counts in changes.figures:
            changed_years.setdefault(number, []).append(year)
        for row in changes.added:
            plan.added += 1
            _keep(plan.added_rows, _planned(row))
        for row, old in changes.changed:
            plan.changed += 1
            fields = _changed_fields(row, old, changed_years.get(row.service_number, []))
            _keep(plan.changed_rows, _planned(row, fields))
        for row in batch:
            if _is_cancelled(row, services.get(row.service_number)):
                plan.cancelled += 1
                _keep(plan.cancelled_rows, _planned(row))
        plan.unchanged += changes.unchanged
    plan.rejected = report.rejected
    plan.rejections = report.rejections[:PREVIEW_ROWS]
    plan.new_providers = len(providers.planned)
    return plan
