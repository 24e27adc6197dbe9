"""Paging through the whole register with a client that knows only the served OpenAPI schema."""

import pytest

from services_registry.factories import CareServiceFactory
from services_registry.models import CareService

from .conftest import build_register, service_number

pytestmark = pytest.mark.django_db

REGISTER_SIZE = 2_000


def list_operation(schema: dict, operation_id: str) -> tuple[str, dict]:
    """The path and GET operation the schema gives this operationId."""
    for path, item in schema["paths"].items():
        if item.get("get", {}).get("operationId") == operation_id:
            return path, item["get"]
    raise AssertionError(f"the schema has no {operation_id}")


def largest_page_size(operation: dict) -> int:
    (page_size,) = [p for p in operation["parameters"] if p["name"] == "page_size"]
    return page_size["schema"]["maximum"]


def walk(api, url: str, link: str = "next") -> list[str]:
    """Every service number from `url` on, following `link` until it is null; each answer checked."""
    seen = []
    while url:
        response = api.get(url)
        assert response.status_code == 200
        body = response.json()
        seen.extend(service["service_number"] for service in body["results"])
        url = body[link]
    return seen


def test_a_client_from_the_schema_alone_gets_each_service_exactly_once(api, served_schema):
    numbers = build_register(REGISTER_SIZE)
    path, operation = list_operation(served_schema, "services_list")

    largest = walk(api, f"{path}?page_size={largest_page_size(operation)}")
    default = walk(api, path)

    assert largest == sorted(numbers)
    assert default == sorted(numbers)


def test_following_previous_from_the_last_page_goes_back_through_every_service(api):
    numbers = build_register(450)
    pages = []
    url = "/api/v1/services/?page_size=100"
    while url:
        pages.append(api.get(url).json())
        url = pages[-1]["next"]

    back = walk(api, pages[-1]["previous"], link="previous")

    assert len(pages) == 5
    assert pages[0]["previous"] is None
    # Page 4, then 3, 2 and 1, each in service-number order.
    assert back == [s["service_number"] for page in reversed(pages[:-1]) for s in page["results"]]
    assert sorted(back) == sorted(numbers)[:400]


def test_changes_between_pages_neither_repeat_nor_skip_a_service(api):
    numbers = build_register(300)
    first = api.get("/api/v1/services/?page_size=100").json()
    # While the client reads the first page: a service is added before the cursor and one after it,
    # one not yet read is renamed (so it moves in name order, not in number order) and one is deleted.
    CareServiceFactory(service_number=service_number(-5))
    CareServiceFactory(service_number=service_number(1000))
    CareService.objects.filter(service_number=service_number(250)).update(name="AAA first by name")
    CareService.objects.filter(service_number=service_number(150)).delete()

    rest = walk(api, first["next"])
    seen = [s["service_number"] for s in first["results"]] + rest

    expected = [n for n in numbers if n != service_number(150)] + [service_number(1000)]
    assert seen == expected


def test_a_filtered_list_pages_too(api):
    build_register(700)
    expected = list(
        CareService.objects.filter(status="Active", min_grade__gte=4)
        .order_by("service_number")
        .values_list("service_number", flat=True)
    )

    seen = walk(api, "/api/v1/services/?status=Active&min_grade=4&page_size=50")

    assert seen == expected
    assert len(expected) > 50  # more than one page


def test_providers_page_too(api):
    build_register(1_000)  # 100 providers
    seen = []
    url = "/api/v1/providers/?page_size=30"
    while url:
        body = api.get(url).json()
        seen.extend(p["provider_number"] for p in body["results"])
        url = body["next"]

    assert len(seen) == 100
    assert seen == sorted(set(seen))
