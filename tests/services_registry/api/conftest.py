"""The API's tests read it as a client would: through the served OpenAPI schema.

`api` GETs an address and checks the request and the answer (status, content type, body)
against /api/v1/schema/ with openapi-core, strictly: every property the schema lists must be
there, and none it does not list. So every test also proves the schema tells the truth.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from services_registry.models import (
    CareService,
    Provider,
    is_address_hidden,
    lowest_grade,
)

SCHEMA = "/api/v1/schema/"


@pytest.fixture(scope="session")
def served_schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        response = Client().get(SCHEMA)
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="session")
def openapi(served_schema) -> OpenAPI:
    """The served schema, checked to be valid OpenAPI on the way in."""
    strict = Config(
        additional_properties_default_policy="forbid", response_properties_default_policy="required"
    )
    return OpenAPI.from_dict(served_schema, config=strict)


class Api:
    """A client that checks every answer against the served schema."""

    def __init__(self, client, openapi: OpenAPI):
        self.client = client
        self.openapi = openapi

    def get(self, path: str, params: dict | None = None, *, check_request: bool = True, **headers):
        response = self.client.get(path, params or {}, headers=headers)
        self.check(response, check_request=check_request)
        return response

    def check(self, response, *, check_request: bool = True):
        request = DjangoOpenAPIRequest(response.wsgi_request)
        if check_request:
            self.openapi.validate_request(request)
        self.openapi.validate_response(request, DjangoOpenAPIResponse(response))


@pytest.fixture
def api(client, openapi) -> Api:
    return Api(client, openapi)


def service_number(n: int) -> str:
    return f"CS{2010000000 + n:010d}"


def build_register(count: int, *, hidden_every: int = 7, start: int = 0) -> list[str]:
    """`count` services (a provider to every ten) in a few queries, as an import writes them."""
    providers = Provider.objects.bulk_create(
        Provider(provider_number=f"SP{2010000000 + start + n:010d}", name=f"Bulk provider {start + n}")
        for n in range(0, count, 10)
    )
    services = []
    for n in range(count):
        hidden = n % hidden_every == 0
        service = CareService(
            service_number=service_number(start + n),
            name=f"Bulk service {start + n}",
            service_type="Child Minding" if hidden else "Care Home Service",
            subtype="" if hidden else "Older People",
            client_group="Older people",
            provider=providers[n // 10],
            address_line_1=f"{n} Bulk Street",
            town="Stirling",
            postcode="FK8 1AA",
            council_area="Stirling",
            registered_on=datetime.date(2012, 1, 1),
            status=CareService.Status.CANCELLED if n % 11 == 0 else CareService.Status.ACTIVE,
            grade_wellbeing=None if hidden else 2 + n % 5,
            grade_leadership=None if hidden else 3,
            grade_care_play_learning=4 if hidden else None,
        )
        service.postcode_compact = service.postcode.replace(" ", "")
        service.min_grade = lowest_grade(service.grades_tuple())
        service.address_hidden = is_address_hidden(None, service.service_type, service.subtype)
        services.append(service)
    CareService.objects.bulk_create(services, batch_size=500)
    return [service.service_number for service in services]
