"""The services list, one service and its grades: what a data user reads."""

import datetime

import pytest
from django.utils import timezone

from services_registry.factories import (
    CareServiceFactory,
    GradeHistoryFactory,
    InspectionReportFactory,
    ProviderFactory,
)
from services_registry.models import CareService

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/services/"


@pytest.fixture
def register():
    perth = ProviderFactory(provider_number="SP2003000180", name="Perth Care Ltd")
    return {
        "rowan": CareServiceFactory(
            service_number="CS2003001025",
            name="Rowan House",
            provider=perth,
            council_area="Perth & Kinross",
            grade_wellbeing=5,
            grade_leadership=5,
            grade_care_planning=5,
        ),
        "acorns": CareServiceFactory(
            service_number="CS2010250001",
            name="Little Acorns Nursery",
            service_type="Day Care of Children",
            subtype="",
            provider=perth,
            town="Dundee",
            postcode="DD1 4HN",
            council_area="Dundee City",
            grade_wellbeing=None,
            grade_leadership=3,
            grade_care_planning=None,
            grade_care_play_learning=4,
        ),
        "mill": CareServiceFactory(
            service_number="CS2005000777",
            name="Old Mill Care Home",
            council_area="Argyll & Bute",
            status=CareService.Status.CANCELLED,
        ),
        "ungraded": CareServiceFactory(
            service_number="CS2024000001",
            name="New Start Support",
            service_type="Support Service",
            subtype="",
            council_area="Dundee City",
            grades_published_on=None,
            grade_wellbeing=None,
            grade_leadership=None,
            grade_care_planning=None,
        ),
    }


def numbers(response) -> list[str]:
    return [service["service_number"] for service in response.json()["results"]]


def test_lists_every_service_in_service_number_order(api, register):
    response = api.get(SERVICES)

    assert response.status_code == 200
    assert numbers(response) == ["CS2003001025", "CS2005000777", "CS2010250001", "CS2024000001"]
    assert response.json()["next"] is None
    assert response.json()["previous"] is None


def test_a_listed_service_says_what_the_register_says(api, register):
    rowan = next(s for s in api.get(SERVICES).json()["results"] if s["service_number"] == "CS2003001025")

    assert rowan["name"] == "Rowan House"
    assert rowan["url"] == "http://testserver/api/v1/services/CS2003001025/"
    assert rowan["page_url"] == "http://testserver/services/CS2003001025/"
    assert rowan["provider"] == {
        "provider_number": "SP2003000180",
        "name": "Perth Care Ltd",
        "url": "http://testserver/api/v1/providers/SP2003000180/",
    }
    assert rowan["address_published"] is True
    assert rowan["address_line_1"] == register["rowan"].address_line_1
    assert rowan["address_line_2"] == ""
    assert (rowan["town"], rowan["postcode"], rowan["council_area"]) == (
        "Perth",
        "PH1 5AB",
        "Perth & Kinross",
    )
    assert rowan["status"] == "Active"
    assert rowan["grades"] == {
        "wellbeing": 5,
        "leadership": 5,
        "staff_team": None,
        "setting": None,
        "care_planning": 5,
        "care_play_learning": None,
    }
    assert rowan["min_grade"] == 5
    assert rowan["grades_published_on"] == "2024-03-15"
    assert rowan["updated_at"].endswith("Z")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"service_type": "Day Care of Children"}, ["CS2010250001"]),
        ({"service_type": "Nothing Like It"}, []),
        ({"council_area": "Dundee City"}, ["CS2010250001", "CS2024000001"]),
        ({"status": "Cancelled"}, ["CS2005000777"]),
        ({"status": "Active", "council_area": "Dundee City"}, ["CS2010250001", "CS2024000001"]),
        ({"min_grade": "4"}, ["CS2003001025", "CS2005000777"]),
        ({"min_grade": "5"}, ["CS2003001025"]),
        ({"min_grade": "3", "council_area": "Dundee City"}, ["CS2010250001"]),
    ],
)
def test_each_filter_narrows_the_list(api, register, params, expected):
    assert numbers(api.get(SERVICES, params)) == expected


def test_updated_since_lists_only_what_changed_at_or_after_it(api, register):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    CareService.objects.exclude(pk=register["mill"].pk).update(updated_at=long_ago)
    changed_at = CareService.objects.get(pk=register["mill"].pk).updated_at
    day_before = (long_ago + datetime.timedelta(days=1)).date().isoformat()

    assert numbers(api.get(SERVICES, {"updated_since": day_before})) == ["CS2005000777"]
    exactly = changed_at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    assert numbers(api.get(SERVICES, {"updated_since": exactly})) == ["CS2005000777"]
    later = (changed_at + datetime.timedelta(seconds=1)).isoformat()
    assert numbers(api.get(SERVICES, {"updated_since": later})) == []
    everything = (long_ago - datetime.timedelta(days=1)).date().isoformat()
    assert len(numbers(api.get(SERVICES, {"updated_since": everything}))) == 4


def test_an_offset_whose_plus_was_not_encoded_is_still_understood(api, register):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    CareService.objects.exclude(pk=register["mill"].pk).update(updated_at=long_ago)
    since = (long_ago + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+01:00")

    # What a client sends when it writes the "+" into the query string without encoding it.
    response = api.get(f"{SERVICES}?updated_since={since}", check_request=False)

    assert response.status_code == 200
    assert numbers(response) == ["CS2005000777"]


def test_one_service_with_its_grade_history_and_reports(api, register):
    rowan = register["rowan"]
    GradeHistoryFactory(
        service=rowan, published_on=datetime.date(2022, 6, 1), grade_wellbeing=4, grade_leadership=3
    )
    GradeHistoryFactory(
        service=rowan, published_on=datetime.date(2024, 3, 15), grade_wellbeing=5, grade_leadership=5
    )
    report = InspectionReportFactory(service=rowan, inspected_on=datetime.date(2024, 2, 12))

    response = api.get("/api/v1/services/CS2003001025/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Rowan House"
    assert body["grades"]["wellbeing"] == 5
    assert [entry["published_on"] for entry in body["grade_history"]] == ["2024-03-15", "2022-06-01"]
    assert body["grade_history"][1]["grades"]["leadership"] == 3
    assert body["reports"] == [
        {
            "title": report.title,
            "inspected_on": "2024-02-12",
            "inspection_type": "unannounced",
            "summary": "",
            "url": f"http://testserver/services/CS2003001025/reports/{report.pk}/",
        }
    ]
    assert api.client.get(body["reports"][0]["url"]).status_code == 200


def test_a_services_grades_latest_first(api, register):
    GradeHistoryFactory(
        service=register["acorns"], published_on=datetime.date(2021, 5, 1), grade_leadership=2
    )
    GradeHistoryFactory(
        service=register["acorns"], published_on=datetime.date(2023, 5, 1), grade_leadership=3
    )

    body = api.get("/api/v1/services/CS2010250001/grades/").json()

    assert body["service_number"] == "CS2010250001"
    assert body["url"] == "http://testserver/api/v1/services/CS2010250001/"
    assert [(entry["published_on"], entry["grades"]["leadership"]) for entry in body["results"]] == [
        ("2023-05-01", 3),
        ("2021-05-01", 2),
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/services/CS2099999999/",
        "/api/v1/services/CS2099999999/grades/",
        "/api/v1/services/not-a-number/",
        "/api/v1/providers/SP2099999999/",
        "/api/v1/providers/SP20/",
    ],
)
def test_an_unknown_number_is_a_json_404(api, register, path):
    response = api.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["detail"]


def test_providers_in_provider_number_order_and_one_with_its_services(api, register):
    ProviderFactory(provider_number="SP2001000001", name="Aardvark Care")
    ProviderFactory(provider_number=None, name="No Number Ltd")

    listed = api.get("/api/v1/providers/").json()["results"]
    perth = api.get("/api/v1/providers/SP2003000180/").json()

    # A set: the factories' numbers may reach SP2003000180 and so share Perth Care's provider.
    assert [p["provider_number"] for p in listed] == sorted(
        {
            "SP2001000001",
            "SP2003000180",
            register["mill"].provider.provider_number,
            register["ungraded"].provider.provider_number,
        }
    )
    assert perth["name"] == "Perth Care Ltd"
    assert perth["services"] == [
        {
            "service_number": "CS2003001025",
            "url": "http://testserver/api/v1/services/CS2003001025/",
            "name": "Rowan House",
            "service_type": "Care Home Service",
            "status": "Active",
        },
        {
            "service_number": "CS2010250001",
            "url": "http://testserver/api/v1/services/CS2010250001/",
            "name": "Little Acorns Nursery",
            "service_type": "Day Care of Children",
            "status": "Active",
        },
    ]


def test_a_service_whose_provider_has_no_number_names_it_without_an_address(api):
    CareServiceFactory(
        service_number="CS2003001025", provider=ProviderFactory(provider_number=None, name="Nameless")
    )

    provider = api.get("/api/v1/services/CS2003001025/").json()["provider"]

    assert provider == {"provider_number": None, "name": "Nameless", "url": None}
