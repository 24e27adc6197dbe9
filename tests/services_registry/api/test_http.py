"""How the API answers over HTTP: caching and ETags, CORS, rate limits, no cookies."""

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache

from inspectorate_site.page_cache import invalidate_register
from services_registry.models import CareService
from tests.inspectorate_site.conftest import closed_port

from .conftest import build_register, service_number

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/services/"
READ_ADDRESSES = [SERVICES, f"/api/v1/services/{service_number(1)}/", "/api/v1/providers/", "/api/v1/schema/"]


@pytest.fixture
def register():
    build_register(30)


@pytest.mark.parametrize("path", READ_ADDRESSES)
def test_answers_are_public_for_five_minutes_with_an_etag_and_no_cookie(client, register, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"].startswith('"')
    assert response["Content-Type"] == "application/json"
    assert "Vary" not in response
    assert not response.cookies


@pytest.mark.parametrize("path", READ_ADDRESSES)
def test_the_etag_sent_back_gets_a_304_whether_or_not_the_page_cache_answers(client, register, path):
    first = client.get(path)  # rendered, then kept by the full-page cache
    again = client.get(path, headers={"if-none-match": first["ETag"]})  # from the page cache
    cache.clear()
    rendered = client.get(path, headers={"if-none-match": first["ETag"]})  # rendered again

    for response in (again, rendered):
        assert response.status_code == 304
        assert response["ETag"] == first["ETag"]
        assert response["Cache-Control"] == "public, max-age=300"
        assert response.content == b""


def test_a_changed_register_gets_a_new_etag_and_the_page_cache_forgets_the_old_answer(client, register):
    first = client.get(SERVICES)
    CareService.objects.filter(service_number=service_number(0)).update(name="Renamed")
    invalidate_register()  # what the register's signals do once the change commits

    response = client.get(SERVICES, headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert response.json()["results"][0]["name"] == "Renamed"


def test_head_answers_like_get_without_a_body(client, register):
    get = client.get(SERVICES)
    head = client.head(SERVICES)

    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert head.content == b""


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_any_site_may_read_the_api(client, register, method):
    response = getattr(client, method)(SERVICES, headers={"origin": "https://data.example.org"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_is_allowed_reading_methods(client, register):
    response = client.options(
        SERVICES,
        headers={
            "origin": "https://data.example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "*"


def test_errors_can_be_read_across_origins_too(client, register):
    response = client.get(SERVICES, {"min_grade": "9"})

    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"


def test_a_post_gets_no_cors_header(client, register):
    response = client.post(SERVICES)

    assert response.status_code == 405
    assert "Access-Control-Allow-Origin" not in response


def test_the_sites_security_headers_still_apply(client, register):
    response = client.get(SERVICES)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_past_the_rate_limit_a_client_gets_429_with_retry_after(api, register, settings):
    settings.API_RATE = "3/m"
    # Each counts, even the ones the page cache answers.
    statuses = [api.get(SERVICES).status_code for _ in range(3)]

    limited = api.get(SERVICES)

    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited["Cache-Control"] == "no-store"
    assert limited["Access-Control-Allow-Origin"] == "*"
    assert list(limited.json()["errors"]) == ["detail"]
    assert "3 per m" in limited.json()["errors"]["detail"][0]


def test_the_rate_limit_is_per_client_address(client, register, settings):
    settings.API_RATE = "2/m"
    for _ in range(2):
        client.get(SERVICES, REMOTE_ADDR="192.0.2.1")

    assert client.get(SERVICES, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(SERVICES, REMOTE_ADDR="192.0.2.2").status_code == 200


@pytest.fixture
def redis_down(settings, monkeypatch):
    import inspectorate_site.cache

    monkeypatch.setattr(inspectorate_site.cache, "_circuits", {})
    settings.CACHES = {
        "default": {
            "BACKEND": "inspectorate_site.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/2",
            "KEY_PREFIX": "inspectorate",
        }
    }


def test_without_redis_the_api_answers_uncounted_from_the_database(client, register, settings, redis_down):
    settings.API_RATE = "1/m"

    statuses = [client.get(SERVICES).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


def test_the_site_publishes_none_of_the_browsable_apis_scripts_and_styles():
    # A JSON-only API never serves them, and scanners rightly flag an old Bootstrap on /static/.
    assert finders.find("rest_framework/js/bootstrap.min.js") is None
    assert finders.find("rest_framework/js/jquery-3.7.1.min.js") is None
