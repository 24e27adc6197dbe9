"""The OpenAPI schema at /api/v1/schema/: valid, warning-free, and still everything v1 promised."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from openapi_core import OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.testing import MockRequest, MockResponse

from services_registry.factories import CareServiceFactory

# What v1 was published with. The served schema may add to it, never take away or change it.
# After adding a field or an address (and only then):
#   .venv/bin/python manage.py spectacular --format openapi-json --file tests/services_registry/api/openapi_v1.json
PROMISED = Path(__file__).with_name("openapi_v1.json")
# Words for people, which may be improved; everything else is the contract.
PROSE = {"description", "summary", "title", "example", "examples"}


def broken_promises(promised, served, where: str = "") -> list[str]:
    """Where `served` lacks or changes something `promised` has (dict keys, list items, values)."""
    if isinstance(promised, dict):
        if not isinstance(served, dict):
            return [where]
        broken = []
        for key, value in promised.items():
            if key in PROSE:
                continue
            if key not in served:
                broken.append(f"{where}/{key}")
            else:
                broken += broken_promises(value, served[key], f"{where}/{key}")
        return broken
    if isinstance(promised, list):
        if not isinstance(served, list):
            return [where]
        return [
            f"{where}[{json.dumps(item)[:80]}]"
            for item in promised
            if not any(not broken_promises(item, candidate) for candidate in served)
        ]
    return [] if promised == served else [where]


def test_the_served_schema_is_valid_openapi_3_1(served_schema):
    OpenAPI.from_dict(served_schema).check_spec()
    assert served_schema["openapi"].startswith("3.1")
    assert served_schema["info"]["version"] == "1"


def test_the_served_schema_keeps_every_promise_of_v1(served_schema):
    broken = broken_promises(json.loads(PROMISED.read_text()), served_schema)

    assert not broken, (
        f"v1 is published: put these back as they were, do not regenerate {PROMISED.name}: {broken}"
    )


def test_the_comparison_catches_a_renamed_field_and_a_field_made_nullable():
    promised = {"properties": {"name": {"type": "string"}, "town": {"type": "string"}}, "required": ["name"]}
    served = {
        "properties": {"title": {"type": "string"}, "town": {"type": ["string", "null"]}},
        "required": [],
    }

    assert broken_promises(promised, served) == [
        "/properties/name",
        "/properties/town/type",
        '/required["name"]',
    ]
    assert broken_promises(promised, {**promised, "properties": {**promised["properties"], "new": {}}}) == []


def test_the_schema_generates_without_a_warning(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


@pytest.mark.django_db
def test_the_schema_is_served_as_json_at_its_fixed_address(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert set(response.json()["paths"]) >= {
        "/api/v1/services/",
        "/api/v1/services/{service_number}/",
        "/api/v1/services/{service_number}/grades/",
        "/api/v1/providers/",
        "/api/v1/providers/{provider_number}/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["add a field", "drop a field"])
def test_the_answer_check_refuses_a_field_the_schema_does_not_list_or_one_it_lacks(client, openapi, change):
    CareServiceFactory()
    body = client.get("/api/v1/services/").json()
    if change == "add a field":
        body["results"][0]["street_address"] = "1 High Street"
    else:
        del body["results"][0]["town"]
    request = MockRequest("http://testserver", "get", "/api/v1/services/")
    answer = MockResponse(json.dumps(body).encode(), content_type="application/json")

    with pytest.raises(OpenAPIError):
        openapi.validate_response(request, answer)
