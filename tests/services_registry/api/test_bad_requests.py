"""Whatever a client sends, it gets JSON: 400 saying what was wrong, 404, 405 or 503; never a 500."""

import base64

import pytest
from django.db import OperationalError
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services_registry.api.views import ServiceList

from .conftest import build_register

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/services/"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def register():
    build_register(30)


def errors(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return response.json()["errors"]


def test_an_unknown_parameter_is_named_with_the_ones_the_address_takes(api, register):
    response = api.get(SERVICES, {"council": "Fife", "status": "Active"}, check_request=False)

    assert response.status_code == 400
    assert errors(response) == {
        "council": [
            "Not a parameter of this address. It takes: council_area, cursor, min_grade, page_size, "
            "service_type, status, updated_since."
        ]
    }


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/services/CS2010000001/",
        "/api/v1/services/CS2010000001/grades/",
        "/api/v1/providers/SP2010000000/",
    ],
)
def test_addresses_of_one_thing_take_no_parameters(api, register, path):
    response = api.get(path, {"format": "xml"}, check_request=False)

    assert response.status_code == 400
    assert errors(response) == {"format": ["Not a parameter of this address. It takes: no parameters."]}


def test_a_parameter_given_twice_is_refused(api, register):
    response = api.get(f"{SERVICES}?status=Active&status=Cancelled", check_request=False)

    assert response.status_code == 400
    assert errors(response) == {"status": ["Give this parameter once."]}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"updated_since": "2024-02-30"}, "updated_since"),
        ({"updated_since": "2024-13-01T00:00:00Z"}, "updated_since"),
        ({"updated_since": "0001-01-01T00:00:00+14:00"}, "updated_since"),
        ({"updated_since": "9999-12-31T23:59:59-12:00"}, "updated_since"),
        ({"updated_since": ""}, "updated_since"),
        ({"min_grade": "7"}, "min_grade"),
        ({"min_grade": "0"}, "min_grade"),
        ({"min_grade": "good"}, "min_grade"),
        ({"status": "Registered"}, "status"),
        ({"status": ""}, "status"),
        ({"service_type": ""}, "service_type"),
        ({"council_area": "Fife\x00"}, "council_area"),
        ({"council_area": "x" * 101}, "council_area"),
        ({"page_size": "501"}, "page_size"),
        ({"page_size": "100000000000000000000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"page_size": ""}, "page_size"),
        ({"cursor": "not base64!"}, "cursor"),
        ({"cursor": ""}, "cursor"),
        ({"cursor": "é"}, "cursor"),
        ({"cursor": cursor("p=CS2010000001\x00")}, "cursor"),
        ({"cursor": cursor("p=' OR 1=1 --")}, "cursor"),
        ({"cursor": cursor("p=SP2010000000")}, "cursor"),
        ({"cursor": cursor("o=x")}, "cursor"),
        ({"cursor": cursor("r=maybe")}, "cursor"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(api, register, params, field):
    response = api.get(SERVICES, params, check_request=False)

    assert response.status_code == 400, response.content
    assert list(errors(response)) == [field]
    assert all(isinstance(message, str) and message for message in errors(response)[field])


def test_several_bad_values_are_reported_together(api, register):
    response = api.get(SERVICES, {"min_grade": "9", "updated_since": "soon"}, check_request=False)

    assert set(errors(response)) == {"min_grade", "updated_since"}


def test_a_bad_provider_cursor_is_a_400(api, register):
    response = api.get("/api/v1/providers/", {"cursor": cursor("p=CS2010000001")}, check_request=False)

    assert response.status_code == 400
    assert list(errors(response)) == ["cursor"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_reading_is_allowed(client, register, method):
    response = getattr(client, method)(SERVICES, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert list(errors(response)) == ["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/", "/api/v1/", "/api/v2/services/", "/api/v1/service/", "/api/v1/services/CS2010000001/reports/"],
)
def test_any_other_address_under_api_is_a_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert list(errors(response)) == ["detail"]


def test_an_address_without_its_final_slash_is_sent_to_the_one_with_it(client):
    response = client.get("/api/v1/services?status=Active")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/services/?status=Active"


def test_a_database_that_does_not_answer_is_a_json_503(api, register, monkeypatch):
    def refuse(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(ServiceList, "get_queryset", refuse)

    response = Client(raise_request_exception=False).get(SERVICES)

    assert response.status_code == 503
    assert response["Retry-After"]
    assert list(errors(response)) == ["detail"]
    api.check(response)


def test_a_query_string_too_big_to_read_is_a_json_400(client, register):
    response = client.get(SERVICES + "?" + "&".join(f"p{n}=1" for n in range(1_001)))

    assert response.status_code == 400
    assert list(errors(response)) == ["detail"]


names = st.sampled_from(
    [
        "service_type",
        "council_area",
        "status",
        "min_grade",
        "updated_since",
        "cursor",
        "page_size",
        "q",
        "page",
    ]
)
values = (
    st.text(max_size=40)
    | st.sampled_from(
        [
            "Active",
            "3",
            "2024-06-01",
            "2024-06-01T09:00:00+01:00",
            "500",
            "501",
            cursor("p=CS2010000003"),
            "\x00",
        ]
    )
    | st.binary(max_size=30).map(lambda raw: base64.b64encode(raw).decode())
)


@FUZZ
@given(params=st.lists(st.tuples(names, values), max_size=4))
def test_odd_query_strings_get_200_or_400_never_500(api, register, params):
    query = "&".join(f"{name}={value}" for name, value in params)
    response = api.client.get(SERVICES, dict(params))
    also = api.client.get(f"{SERVICES}?{query}")

    for answer in (response, also):
        assert answer.status_code in (200, 400), answer.content
        api.check(answer, check_request=False)
