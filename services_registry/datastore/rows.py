"""One datastore row, read and checked: every reason to reject it is a RowError an officer can act on."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ..models import (
    GRADE_FIELDS,
    PROVIDER_NUMBER,
    SERVICE_NUMBER,
    CareService,
    Provider,
    compact_postcode,
    is_address_hidden,
    lowest_grade,
    ungraded_key_questions,
)
from .columns import (
    DATE_COLUMNS,
    DATE_FORMAT,
    FIGURE_FIELDS,
    GRADE_COLUMNS,
    PLACES_COLUMN,
    PUBLIC_LIST_COLUMN,
    TEXT_COLUMNS,
)

DATE_FORMATS = (DATE_FORMAT, "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S")
# A text field without a length of its own (conditions of registration) still has a sane limit.
LONG_TEXT_LIMIT = 5_000
TEXT_LIMITS = {
    field: CareService._meta.get_field(field).max_length or LONG_TEXT_LIMIT for field in TEXT_COLUMNS
}
# Digits, spaces, + ( ) and -: "01738 123 456", "+44 (0)1738 123456". Letters are a mistake.
PHONE = re.compile(r"^[0-9 +()\-]*$")
PLACES_LIMIT = 10_000
PROVIDER_NAME_LIMIT = Provider._meta.get_field("name").max_length
# No name or address needs a control character, and most of them make the badge's SVG invalid XML.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
STATUSES = {status.value.lower(): status.value for status in CareService.Status}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}

# One year's complaints upheld, enforcements issued and requirements, in FIGURE_FIELDS' order.
FigureCounts = tuple[int | None, ...]
Cell = Callable[[str], str]


class RowError(ValueError):
    """Why a row cannot be imported, in words an officer can act on."""


@dataclass
class ParsedRow:
    row_number: int
    service_number: str
    values: dict
    provider_number: str
    provider_name: str
    year_figures: dict[int, FigureCounts]


def parse_date(text: str, column: str) -> date | None:
    """The datastore writes dd/mm/yyyy; ISO dates (and a trailing time) are accepted too."""
    text = text.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
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


def parse_row(row: dict, row_number: int, years: dict[str, tuple[int, str]]) -> ParsedRow:
    """Check a row column by column; the first problem found is the reason it is rejected."""

    def cell(column: str) -> str:
        return CONTROL_CHARACTERS.sub(" ", row.get(column) or "").strip()

    service_number = _service_number(cell)
    values = _text_values(cell)
    values["status"] = _status(cell)
    _tidy_postcode(values)
    _check_lengths(values)
    values["provided_by_local_authority"] = cell("Provided_by_Local_Authority").lower() in YES
    values["registered_places"] = _places(cell)
    values.update(_address_publication(cell, values))
    values.update(_dates(cell))
    values.update(_grades(cell, values["service_type"]))
    year_figures = _year_figures(cell, years)
    provider_number = _provider_number(cell)
    return ParsedRow(
        row_number=row_number,
        service_number=service_number,
        values=values,
        provider_number=provider_number,
        provider_name=_provider_name(cell),
        year_figures=year_figures,
    )


def _service_number(cell: Cell) -> str:
    service_number = cell("CSNumber").upper()
    if not SERVICE_NUMBER.regex.match(service_number):
        raise RowError(f"CSNumber {cell('CSNumber')!r} is not {SERVICE_NUMBER.shape}")
    return service_number


def _text_values(cell: Cell) -> dict[str, str]:
    values = {field: cell(column) for field, column in TEXT_COLUMNS.items()}
    if not values["name"]:
        raise RowError("ServiceName is empty")
    if not values["service_type"]:
        raise RowError("CareService (the type of service) is empty")
    values["phone"] = " ".join(values["phone"].split())
    if not PHONE.match(values["phone"]):
        raise RowError(
            f"{TEXT_COLUMNS['phone']} {values['phone']!r} is not a phone number (digits, spaces, + ( ) and - only)"
        )
    return values


def _places(cell: Cell) -> int | None:
    text = cell(PLACES_COLUMN).replace(",", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > PLACES_LIMIT:
        raise RowError(f"{PLACES_COLUMN} {cell(PLACES_COLUMN)!r} is not a whole number of places")
    return int(text)


def _status(cell: Cell) -> str:
    status = STATUSES.get(cell("ServiceStatus").lower())
    if status is None:
        raise RowError(f"ServiceStatus {cell('ServiceStatus')!r} is not Active, Inactive or Cancelled")
    return status


def _tidy_postcode(values: dict) -> None:
    """'ph1  5ab' is stored as 'PH1 5AB', with its compact form for searching."""
    values["postcode"] = " ".join(values["postcode"].upper().split())
    values["postcode_compact"] = compact_postcode(values["postcode"])


def _too_long(column: str, text: str, limit: int) -> RowError:
    return RowError(f"{column} is longer than {limit:,} characters (it has {len(text):,})")


def _address_publication(cell: Cell, values: dict) -> dict:
    """PublicList Y or N; blank (or no such column) leaves it to the rule by type."""
    text = cell(PUBLIC_LIST_COLUMN).lower()
    if text and text not in YES | NO:
        raise RowError(f"{PUBLIC_LIST_COLUMN} {cell(PUBLIC_LIST_COLUMN)!r} is not Y or N")
    publish = (text in YES) if text else None
    hidden = is_address_hidden(publish, values["service_type"], values["subtype"])
    return {"publish_address": publish, "address_hidden": hidden}


def _check_lengths(values: dict) -> None:
    for field, column in TEXT_COLUMNS.items():
        if len(values[field]) > TEXT_LIMITS[field]:
            raise _too_long(column, values[field], TEXT_LIMITS[field])


def _dates(cell: Cell) -> dict[str, date | None]:
    return {field: parse_date(cell(column), column) for field, column in DATE_COLUMNS.items()}


def _grades(cell: Cell, service_type: str) -> dict[str, int | None]:
    grades = {field: parse_grade(cell(column), column) for field, column in GRADE_COLUMNS.items()}
    # The same rule as the admin's (GradedModel.clean): a care home has no care, play and learning.
    if wrong := ungraded_key_questions(service_type, grades):
        raise RowError(f"{wrong[0].column} is graded, but a {service_type} is not graded on it")
    return {**grades, "min_grade": lowest_grade(grades[field] for field in GRADE_FIELDS)}


def _year_figures(cell: Cell, years: dict[str, tuple[int, str]]) -> dict[int, FigureCounts]:
    """Each year's counts, for the years the row has any figure for."""
    counts: dict[int, dict[str, int | None]] = {}
    for column, (year, field) in years.items():
        counts.setdefault(year, {})[field] = parse_count(cell(column), column)
    return {
        year: tuple(by_field.get(field) for field in FIGURE_FIELDS)
        for year, by_field in counts.items()
        if any(count is not None for count in by_field.values())
    }


def _provider_name(cell: Cell) -> str:
    name = cell("ServiceProvider")
    if len(name) > PROVIDER_NAME_LIMIT:
        raise _too_long("ServiceProvider", name, PROVIDER_NAME_LIMIT)
    return name


def _provider_number(cell: Cell) -> str:
    provider_number = cell("SP_Number").upper()
    if provider_number and not PROVIDER_NUMBER.regex.match(provider_number):
        raise RowError(f"SP_Number {provider_number!r} is not {PROVIDER_NUMBER.shape}")
    return provider_number
