"""Queries per request are fixed: the same on a register of 50 services as on one of 500.

Each count is of a first request (the full-page cache has nothing yet) and includes every
middleware's, so nothing in the CMS or session layers adds a query to an API request.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services_registry.factories import GradeHistoryFactory, InspectionReportFactory
from services_registry.models import CareService, Provider

from .conftest import build_register, service_number

pytestmark = pytest.mark.django_db

# The page of services with their providers.
LIST_QUERIES = 1
# The service with its provider, its grade history, its reports.
DETAIL_QUERIES = 3
# The service, its grade history.
GRADES_QUERIES = 2
PROVIDERS_QUERIES = 1
# The provider, its services.
PROVIDER_QUERIES = 2


def addresses(size: int) -> dict[str, str]:
    middle = service_number(size // 2)
    provider = CareService.objects.get(service_number=middle).provider.provider_number
    return {
        "list": "/api/v1/services/?page_size=500",
        "list, filtered": "/api/v1/services/?status=Active&min_grade=3&council_area=Stirling",
        "list, second page": None,  # from the first page's `next`
        "detail": f"/api/v1/services/{middle}/",
        "grades": f"/api/v1/services/{middle}/grades/",
        "providers": "/api/v1/providers/?page_size=500",
        "provider": f"/api/v1/providers/{provider}/",
    }


def count_queries(client, size: int) -> dict[str, int]:
    """Each address asked once on a register of `size` services, each with history and a report."""
    build_register(size)
    middle = CareService.objects.get(service_number=service_number(size // 2))
    GradeHistoryFactory(service=middle, published_on=datetime.date(2022, 6, 1))
    GradeHistoryFactory(service=middle, published_on=datetime.date(2024, 3, 15))
    InspectionReportFactory(service=middle)
    InspectionReportFactory(service=middle, inspected_on=datetime.date(2021, 1, 5))
    counts = {}
    for name, path in addresses(size).items():
        path = path or client.get("/api/v1/services/?page_size=20").json()["next"]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (name, response.content)
        counts[name] = len(captured)
    return counts


def test_query_counts_are_the_same_for_50_services_as_for_500(client):
    small = count_queries(client, 50)
    CareService.objects.all().delete()
    Provider.objects.all().delete()
    cache.clear()  # the same addresses again, rendered afresh
    larger = count_queries(client, 500)

    assert small == larger
    assert larger == {
        "list": LIST_QUERIES,
        "list, filtered": LIST_QUERIES,
        "list, second page": LIST_QUERIES,
        "detail": DETAIL_QUERIES,
        "grades": GRADES_QUERIES,
        "providers": PROVIDERS_QUERIES,
        "provider": PROVIDER_QUERIES,
    }


def test_an_address_asked_again_is_answered_from_the_page_cache_without_a_query(
    client, django_assert_num_queries
):
    build_register(20)
    paths = ["/api/v1/services/", f"/api/v1/services/{service_number(3)}/", "/api/v1/providers/"]
    for path in paths:
        client.get(path)

    with django_assert_num_queries(0):
        for path in paths:
            assert client.get(path).status_code == 200
