"""Exporting the register as a datastore CSV, in the columns and formats the import reads back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..models import KEY_QUESTIONS, CareService, Provider, YearlyFigures
from .columns import (
    DATE_COLUMNS,
    DATE_FORMAT,
    EXPORT_COLUMNS,
    FIGURE_FIELDS,
    PLACES_COLUMN,
    PUBLIC_LIST_COLUMN,
    TEXT_COLUMNS,
    year_column_names,
)


def format_date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def format_number(value: int | None) -> str:
    return "" if value is None else str(value)


def export_rows(services) -> Iterator[list[str]]:
    """The header, then one row per service, in the datastore's format; streams in chunks.

    It is the public export: a service whose address is not published has no address in it.
    """
    years = sorted(set(YearlyFigures.objects.values_list("year", flat=True)), reverse=True)
    yield EXPORT_COLUMNS + [column for year in years for column in year_column_names(year)]
    services = (
        services.select_related("provider").prefetch_related("yearly_figures").order_by("service_number")
    )
    for service in services.iterator(chunk_size=2000):
        cells = {
            "CSNumber": service.service_number,
            "ServiceStatus": service.status,
            "Provided_by_Local_Authority": "Yes" if service.provided_by_local_authority else "No",
            # A hidden service's street, town, postcode and phone are empty (CareService.public_value).
            **{column: service.public_value(field) for field, column in TEXT_COLUMNS.items()},
            PUBLIC_LIST_COLUMN: _public_list_cell(service),
            PLACES_COLUMN: format_number(service.registered_places),
            **{column: format_date(getattr(service, field)) for field, column in DATE_COLUMNS.items()},
            **_provider_cells(service.provider),
            **_grade_cells(service),
        }
        yield [cells[column] for column in EXPORT_COLUMNS] + _figure_cells(service, years)


def _public_list_cell(service: CareService) -> str:
    """N for every hidden address; otherwise Y or blank as imported, so a public row round-trips."""
    if service.address_hidden:
        return "N"
    return "Y" if service.publish_address else ""


def _provider_cells(provider: Provider | None) -> dict[str, str]:
    if provider is None:
        return {"ServiceProvider": "", "SP_Number": ""}
    return {"ServiceProvider": provider.name, "SP_Number": provider.provider_number or ""}


def _grade_cells(service: CareService) -> dict[str, str]:
    """Each key question's grade, then the lowest and the spread between lowest and highest."""
    cells = {kq.column: format_number(getattr(service, kq.field)) for kq in KEY_QUESTIONS}
    grades = [grade for grade in service.grades_tuple() if grade is not None]
    cells["MinGrade"] = format_number(min(grades) if grades else None)
    cells["GradeSpread"] = format_number(max(grades) - min(grades) if grades else None)
    return cells


def _figure_cells(service: CareService, years: list[int]) -> list[str]:
    """Three cells per year in the export, empty for a year the service has no figures for."""
    figures = {figures.year: figures for figures in service.yearly_figures.all()}
    cells = []
    for year in years:
        found = figures.get(year)
        cells += [format_number(getattr(found, field)) if found else "" for field in FIGURE_FIELDS]
    return cells
