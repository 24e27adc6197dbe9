"""The datastore's columns, and the register's fields each one fills."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import GRADE_FIELDS, KEY_QUESTIONS

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
    "manager_name": "Service_Manager",
    "phone": "Service_Phone_Number",
    "conditions": "Conditions_of_Registration",
}
# How many people it may care for at once: a whole number, or blank.
PLACES_COLUMN = "Registered_Places"
# Whether the address may be published: Y or N; blank or missing follows the rule by type
# (models.address_hidden_by_type).
PUBLIC_LIST_COLUMN = "PublicList"
DATE_COLUMNS = {
    "registered_on": "Date_Reg",
    "last_inspected_on": "Last_inspection_Date",
    "grades_published_on": "Publication_of_Latest_Grading",
}
# The datastore writes dates this way; the import also accepts ISO dates.
DATE_FORMAT = "%d/%m/%Y"
GRADE_COLUMNS = {key_question.field: key_question.column for key_question in KEY_QUESTIONS}
# Per-year columns: Complaints_upheld_2425 is the financial year 2024/25.
# Column prefix -> YearlyFigures field, in the order the export writes them.
YEAR_FIGURE_COLUMNS = {
    "Complaints_upheld": "complaints_upheld",
    "Enforcements_issued": "enforcements_issued",
    "any_requirements": "requirements",
}
FIGURE_FIELDS = list(YEAR_FIGURE_COLUMNS.values())
YEAR_COLUMN = re.compile(rf"^({'|'.join(YEAR_FIGURE_COLUMNS)})_(\d{{2}})(\d{{2}})$")

# What the import writes on a service (postcode_compact and min_grade are derived).
SERVICE_FIELDS = [
    *TEXT_COLUMNS,
    "postcode_compact",
    "publish_address",
    "address_hidden",
    "provided_by_local_authority",
    "registered_places",
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
    PUBLIC_LIST_COLUMN,
    "Date_Reg",
    "ServiceStatus",
    "Last_inspection_Date",
    "Publication_of_Latest_Grading",
    *GRADE_COLUMNS.values(),
    "MinGrade",
    "GradeSpread",
    # Added later than the rest: after them, so a reader going by position still finds the others.
    PLACES_COLUMN,
    "Service_Manager",
    "Service_Phone_Number",
    "Conditions_of_Registration",
]


def year_columns(fieldnames: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Per-year column -> (year the financial year starts, model field)."""
    found = {}
    for column in fieldnames:
        if match := YEAR_COLUMN.match(column):
            prefix, start, _end = match.groups()
            found[column] = (2000 + int(start), YEAR_FIGURE_COLUMNS[prefix])
    return found


def year_column_names(year: int) -> list[str]:
    """The per-year columns for the financial year starting in ``year``, in the export's order."""
    suffix = f"{year % 100:02d}{(year + 1) % 100:02d}"
    return [f"{prefix}_{suffix}" for prefix in YEAR_FIGURE_COLUMNS]
