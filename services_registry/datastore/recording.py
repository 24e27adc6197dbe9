"""What a batch of an import changed, as the public may read it: a RegisterChange per service added,
changed or cancelled (the API's change feed and each import's CSV), and a ProviderChange per service
that passed to another provider.

Values are written as the public sees them: for a service whose address is not published, before or
after, every field of CareService.ADDRESS_FIELDS is named with null old and new values, so neither
the feed nor its CSV can ever reveal where it is.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..models import CareService
from ..register_history import ProviderChange, RegisterChange
from .columns import FIGURE_FIELDS, SERVICE_FIELDS
from .rows import ParsedRow

# Worked out from other fields, so never news on their own.
DERIVED_FIELDS = {"postcode_compact", "address_hidden", "min_grade"}
RECORDED_FIELDS = [name for name in SERVICE_FIELDS if name not in DERIVED_FIELDS]
# The feed names a provider by its number (or its name, if it has none), never by a database id.
PROVIDER_FIELD = "provider"


def feed_name(field: str) -> str:
    return PROVIDER_FIELD if field == "provider_id" else field


def figures_name(year: int) -> str:
    """Yearly figures are one field a year: 'figures_2024' for 2024/25."""
    return f"figures_{year}"


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class ChangeRecorder:
    """Builds one batch's history rows, to be written in that batch's transaction."""

    def __init__(self, register_import, provider_label):
        self.register_import = register_import
        self.provider_label = provider_label  # provider id -> number or name
        self.recorded_at = timezone.now()
        self.today = timezone.localdate()

    def _value(self, field: str, value, hidden: bool):
        if hidden and field in CareService.ADDRESS_FIELDS:
            return None
        if field == "provider_id":
            return self.provider_label(value)
        return _plain(value)

    def _difference(self, new: dict, old: dict | None) -> dict:
        hidden = new["address_hidden"] or bool(old and old["address_hidden"])
        fields = {}
        for field in RECORDED_FIELDS:
            before = old[field] if old else None
            after = new[field]
            if old is None and after in (None, ""):
                continue
            if old is not None and before == after:
                continue
            fields[feed_name(field)] = {
                "old": None if old is None else self._value(field, before, hidden),
                "new": self._value(field, after, hidden),
            }
        return fields

    def rows(self, changes, figures_before, ids: dict[str, int]):
        """(RegisterChange rows, ProviderChange rows) for a batch's BatchChanges."""
        figures = _figures_by_service(changes.figures, figures_before)
        register_changes, provider_changes = [], []
        moved: list[tuple[ParsedRow, dict]] = []
        for row, old in [(row, None) for row in changes.added] + list(changes.changed):
            fields = self._difference(row.values, old)
            fields.update(figures.get(row.service_number, {}))
            if not fields:
                continue
            register_changes.append(
                RegisterChange(
                    register_import=self.register_import,
                    service_id=ids[row.service_number],
                    service_number=row.service_number,
                    kind=_kind(row, old),
                    fields=fields,
                    recorded_at=self.recorded_at,
                )
            )
            if old is not None and old["provider_id"] != row.values["provider_id"]:
                moved.append((row, old))
        for row, old in moved:
            provider_changes.append(
                ProviderChange(
                    service_id=ids[row.service_number],
                    from_provider_id=old["provider_id"],
                    to_provider_id=row.values["provider_id"],
                    changed_on=self.today,
                    register_import=self.register_import,
                )
            )
        return register_changes, provider_changes

    def write(self, changes, figures_before, ids: dict[str, int]) -> None:
        register_changes, provider_changes = self.rows(changes, figures_before, ids)
        RegisterChange.objects.bulk_create(register_changes)
        ProviderChange.objects.bulk_create(provider_changes)


def _kind(row: ParsedRow, old: dict | None) -> str:
    if old is None:
        return RegisterChange.Kind.ADDED
    cancelled = CareService.Status.CANCELLED
    if row.values["status"] == cancelled and old["status"] != cancelled:
        return RegisterChange.Kind.CANCELLED
    return RegisterChange.Kind.CHANGED


def _figures_by_service(changed, before) -> dict[str, dict]:
    """{service number: {'figures_2024': {'old': {...} or None, 'new': {...}}}} for changed years."""
    found: dict[str, dict] = {}
    for number, year, counts in changed:
        old = before.get((number, year))
        found.setdefault(number, {})[figures_name(year)] = {
            "old": dict(zip(FIGURE_FIELDS, old, strict=True)) if old is not None else None,
            "new": dict(zip(FIGURE_FIELDS, counts, strict=True)),
        }
    return found
