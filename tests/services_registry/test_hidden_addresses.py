"""Services whose address is not published: no public surface shows their street or postcode."""

import csv
import io
import re

import pytest

from services_registry.factories import CareServiceFactory
from services_registry.models import ADDRESS_WITHHELD_REASON, CareService
from tests.services_registry.test_import import HEADER, row, run_import, write_csv

# Rows of any type, without the care home's grades a childminder or a nursery is not graded on.
UNGRADED = {column: "" for column in HEADER if column.startswith("KQ_")}

pytestmark = pytest.mark.django_db

HIDDEN = "CS2003028221"
STREET = "115 Park Avenue"
POSTCODE = "KA7 4NW"
SEARCH = "/services/"


@pytest.fixture
def home():
    """A children's home (hidden by the rule) and an open nursery in the same town."""
    CareServiceFactory(
        service_number="CS2003013116",
        name="Rainbow Corner Playgroup",
        service_type="Day Care of Children",
        subtype="",
        address_line_1="55 Victoria Road",
        town="Ayr",
        postcode="KA7 1RA",
        council_area="South Ayrshire",
    )
    return CareServiceFactory(
        service_number=HIDDEN,
        name="Ardmore Young People's Home",
        service_type="Care Home Service",
        subtype="Children & Young People",
        address_line_1=STREET,
        town="Ayr",
        postcode=POSTCODE,
        council_area="South Ayrshire",
    )


def assert_no_address(text):
    assert STREET not in text
    assert POSTCODE not in text
    assert POSTCODE.replace(" ", "") not in text


def result_names(response):
    return [service.name for service in response.context["page"].object_list]


def test_service_page_shows_the_council_area_and_says_why_not_the_address(client, home):
    html = client.get(f"/services/{HIDDEN}/").content.decode()

    assert_no_address(html)
    assert not re.search(r"\bAyr\b", html)  # nor its town
    assert "South Ayrshire" in html
    assert ADDRESS_WITHHELD_REASON.replace("'", "&#x27;") in html


def test_an_open_service_page_still_shows_its_address(client, home):
    html = client.get("/services/CS2003013116/").content.decode()

    assert "55 Victoria Road" in html
    assert "KA7 1RA" in html


@pytest.mark.parametrize("path", [f"/widget/{HIDDEN}.js", f"/widget/{HIDDEN}/", f"/widget/{HIDDEN}.svg"])
def test_badges_show_no_address(client, home, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_no_address(response.content.decode())


def test_search_by_name_finds_it_but_shows_only_the_council_area(client, home):
    response = client.get(SEARCH, {"q": "Ardmore"})
    html = response.content.decode()

    assert result_names(response) == ["Ardmore Young People's Home"]
    assert_no_address(html)
    assert "South Ayrshire" in html


@pytest.mark.parametrize("query", [POSTCODE, "ka74nw", "KA7 4", "KA7", "Ayr"])
def test_search_by_its_postcode_or_town_does_not_find_it(client, home, query):
    names = result_names(client.get(SEARCH, {"q": query}))

    assert "Ardmore Young People's Home" not in names


def test_search_by_a_shared_postcode_district_finds_only_open_services(client, home):
    assert result_names(client.get(SEARCH, {"q": "KA7"})) == ["Rainbow Corner Playgroup"]


def test_export_has_no_address_for_it_and_says_n(client, home):
    response = client.get("/services/export.csv")
    text = b"".join(response.streaming_content).decode()
    rows = {line["CSNumber"]: line for line in csv.DictReader(io.StringIO(text))}

    assert_no_address(text)
    hidden = rows[HIDDEN]
    assert hidden["PublicList"] == "N"
    assert [hidden[c] for c in ("Address_line_1", "Service_town", "Service_Postcode")] == ["", "", ""]
    assert hidden["Council_Area_Name"] == "South Ayrshire"
    assert rows["CS2003013116"]["Service_Postcode"] == "KA7 1RA"


def test_sitemap_lists_the_page_but_no_address(client, home):
    xml = client.get("/sitemap.xml").content.decode()

    assert f"/services/{HIDDEN}/" in xml
    assert_no_address(xml)


def test_site_search_by_its_postcode_does_not_find_it(client, home):
    html = client.get("/search/", {"q": POSTCODE}).content.decode()

    assert "Ardmore" not in html
    assert STREET not in html


def test_the_feed_shows_no_address(client, home):
    response = client.get("/publications/feed/")

    assert response.status_code == 200
    assert_no_address(response.content.decode())


@pytest.mark.parametrize(
    ("service_type", "subtype", "hidden"),
    [
        ("Care Home Service", "Children & Young People", True),
        ("Secure Accommodation Service", "", True),
        ("Child Minding", "", True),
        ("Childminding", "", True),
        ("Fostering Service", "", True),
        ("Adoption Service", "", True),
        ("Care Home Service", "Older People", False),
        ("Day Care of Children", "", False),
        ("Housing Support Service", "", False),
    ],
)
def test_without_the_column_the_rule_by_type_decides(tmp_path, service_type, subtype, hidden):
    run_import(
        write_csv(tmp_path / "register.csv", [row(CareService=service_type, Subtype=subtype, **UNGRADED)])
    )

    service = CareService.objects.get()
    assert (service.publish_address, service.address_hidden) == (None, hidden)


@pytest.mark.parametrize(
    ("public_list", "service_type", "hidden"),
    [
        ("N", "Care Home Service", True),
        ("Y", "Child Minding", False),
        ("", "Child Minding", True),
        ("", "Care Home Service", False),
    ],
)
def test_the_column_overrides_the_rule_and_blank_follows_it(tmp_path, public_list, service_type, hidden):
    rows = [row(CareService=service_type, PublicList=public_list, **UNGRADED)]
    run_import(write_csv(tmp_path / "register.csv", rows, header=[*HEADER, "PublicList"]))

    assert CareService.objects.get().address_hidden is hidden


def test_an_unreadable_public_list_rejects_the_row(tmp_path):
    rows = [row(PublicList="maybe")]
    output = run_import(write_csv(tmp_path / "register.csv", rows, header=[*HEADER, "PublicList"]))

    assert "rejected: 1" in output
    assert "PublicList 'maybe' is not Y or N" in output
    assert not CareService.objects.exists()


def test_the_column_round_trips_through_import_and_export(client, tmp_path):
    rows = [
        row("CS2003001025", PublicList="Y", CareService="Child Minding", **UNGRADED),
        row("CS2003001026", PublicList="N"),
        row("CS2003001027", PublicList=""),
    ]
    run_import(write_csv(tmp_path / "register.csv", rows, header=[*HEADER, "PublicList"]))

    exported = tmp_path / "exported.csv"
    exported.write_bytes(b"".join(client.get("/services/export.csv").streaming_content))
    run_import(exported)

    with exported.open(encoding="utf-8") as handle:
        written = {line["CSNumber"]: line["PublicList"] for line in csv.DictReader(handle)}
    assert written == {"CS2003001025": "Y", "CS2003001026": "N", "CS2003001027": ""}
    hidden = dict(CareService.objects.values_list("service_number", "address_hidden"))
    assert hidden == {"CS2003001025": False, "CS2003001026": True, "CS2003001027": False}


def test_a_service_saved_by_an_officer_follows_the_rule_until_told_otherwise(home):
    assert home.address_hidden is True

    home.publish_address = True
    home.save(update_fields=["publish_address"])

    home.refresh_from_db()
    assert home.address_hidden is False
    assert home.public_postcode == POSTCODE


def test_the_complaint_form_names_it_by_council_area_not_town(home):
    from complaints.service_lookup import matching_services, service_label

    assert service_label(home) == "Ardmore Young People's Home, South Ayrshire (CS2003028221)"
    assert home not in matching_services("Ayr")
    assert home not in matching_services(POSTCODE)
