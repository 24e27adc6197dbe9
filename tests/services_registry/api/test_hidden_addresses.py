"""A service whose address is not published: no API answer holds its street, town or postcode."""

import pytest

from services_registry.factories import CareServiceFactory, ProviderFactory
from services_registry.models import CareService
from tests.services_registry.test_hidden_addresses import HIDDEN, POSTCODE, STREET, assert_no_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    """A children's home (hidden by the rule) in a town of its own, by a provider with an open service."""
    provider = ProviderFactory(provider_number="SP2003000999")
    CareServiceFactory(service_number="CS2003013116", provider=provider, town="Ayr", postcode="KA7 1RA")
    return CareServiceFactory(
        service_number=HIDDEN,
        name="Ardmore Young People's Home",
        service_type="Care Home Service",
        subtype="Children & Young People",
        provider=provider,
        address_line_1=STREET,
        address_line_2="Flat 2",
        address_line_3="Seafield",
        address_line_4="Doonfoot",
        town="Maybole",
        postcode=POSTCODE,
        council_area="South Ayrshire",
    )


def assert_nothing_of_its_address(text: str) -> None:
    assert_no_address(text)
    for part in ("Flat 2", "Seafield", "Doonfoot", "Maybole"):
        assert part not in text


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/services/",
        f"/api/v1/services/{HIDDEN}/",
        f"/api/v1/services/{HIDDEN}/grades/",
        "/api/v1/providers/SP2003000999/",
        "/api/v1/providers/",
        "/api/v1/services/?council_area=South+Ayrshire",
        "/api/v1/services/?service_type=Care+Home+Service&status=Active",
    ],
)
def test_no_answer_holds_its_address(api, home, path):
    response = api.get(path)

    assert response.status_code == 200
    assert_nothing_of_its_address(response.content.decode())


def test_its_address_fields_are_null_and_its_council_area_is_given(api, home):
    listed = {s["service_number"]: s for s in api.get("/api/v1/services/").json()["results"]}
    detail = api.get(f"/api/v1/services/{HIDDEN}/").json()

    for service in (listed[HIDDEN], detail):
        assert service["address_published"] is False
        for field in CareService.ADDRESS_FIELDS:
            assert service[field] is None
        assert service["council_area"] == "South Ayrshire"
    assert listed["CS2003013116"]["address_published"] is True
    assert listed["CS2003013116"]["postcode"] == "KA7 1RA"


def test_a_service_whose_address_the_datastore_withholds_is_hidden_too(api):
    CareServiceFactory(
        service_number="CS2003000321", publish_address=False, address_line_1=STREET, postcode=POSTCODE
    )

    response = api.get("/api/v1/services/CS2003000321/")

    assert response.json()["address_published"] is False
    assert_no_address(response.content.decode())
