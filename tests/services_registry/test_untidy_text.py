"""Untidy text in the datastore: control characters never reach a badge, overlong names are rejected, not cut."""

import xml.etree.ElementTree as ET

import pytest

from services_registry.factories import CareServiceFactory
from services_registry.models import CareService, Provider

from .test_import import row, run_import, write_csv

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(client, number):
    """The badge parsed as XML, as a browser parses an <img> of it: its title and lines of text."""
    response = client.get(f"/widget/{number}.svg")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response, parsed to prove it is XML
    return root.find(f"{SVG}title").text, [element.text for element in root.iter(f"{SVG}text")]


def test_control_characters_in_an_imported_name_become_spaces(tmp_path, client):
    run_import(
        write_csv(
            tmp_path / "register.csv",
            [
                row(
                    ServiceName="Rowan\x0bHouse\x1f",
                    Service_town="Per\x00th",
                    ServiceProvider="Heather\x85bank",
                )
            ],
        )
    )

    service = CareService.objects.get()
    assert service.name == "Rowan House"
    assert service.town == "Per th"
    assert service.provider.name == "Heather bank"
    title, _ = svg_texts(client, service.service_number)
    assert "Rowan House" in title


@pytest.mark.parametrize(
    "name", ["Rowan\x0bHouse", "Rowan\x1fHouse", "Rowan\ufffeHouse", "Rowan & Co <House> \"'"]
)
def test_the_svg_badge_is_valid_xml_whatever_the_stored_name(client, name):
    """Names stored before the import cleaned them, or typed in the admin, still give a valid image."""
    service = CareServiceFactory(name=name, status=CareService.Status.ACTIVE)

    title, lines = svg_texts(client, service.service_number)

    assert "Rowan" in title and "House" in title
    assert any(line and "Rowan" in line for line in lines)


def test_a_provider_name_too_long_to_store_rejects_the_row_instead_of_cutting_it(tmp_path):
    rows = [row("CS2003000001", ServiceProvider="A" * 5000, SP_Number=""), row("CS2003000002")]

    output = run_import(write_csv(tmp_path / "register.csv", rows))

    assert "rejected: 1" in output
    assert "Row 2: ServiceProvider is longer than 300 characters (it has 5,000)" in output
    assert list(CareService.objects.values_list("service_number", flat=True)) == ["CS2003000002"]
    assert not Provider.objects.filter(name__startswith="AAA").exists()


@pytest.mark.parametrize(
    ("column", "limit"), [("ServiceName", 300), ("Service_town", 100), ("Client_group", 200)]
)
def test_every_text_column_too_long_to_store_rejects_the_row(tmp_path, column, limit):
    output = run_import(write_csv(tmp_path / "register.csv", [row(**{column: "x" * (limit + 1)})]))

    assert f"Row 2: {column} is longer than {limit} characters (it has {limit + 1})" in output
    assert not CareService.objects.exists()
