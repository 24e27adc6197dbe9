"""With Redis down or hung, the public site keeps working from the database: slower, never broken."""

import logging
import time

import pytest

from complaints.models import Complaint
from publications.factories import PublicationFactory
from services_registry.factories import CareServiceFactory
from services_registry.models import CareService
from tests.complaints.helpers import FormVisitor
from tests.factories import SuperuserFactory, published_page

pytestmark = pytest.mark.django_db

NUMBER = "CS2003001025"
PAGES = {
    "/guidance/": "How inspections work",
    "/publications/": "Safer staffing",
    "/publications/safer-staffing/": "Nurses on every shift",
    f"/services/{NUMBER}/": "Rowan House",
    "/services/?q=rowan": "Rowan House",
    "/search/?q=staffing": "Safer staffing",
}
BADGES = [f"/widget/{NUMBER}.js", f"/widget/{NUMBER}/", f"/widget/{NUMBER}.svg"]
# What a hung Redis may add to a page: one read timeout (0.25 s) per process every
# few seconds, on top of rendering from the database. Generous for a slow CI machine;
# Django's own RedisCache waits 5 s per call and then fails.
HUNG_REDIS_PAGE_SECONDS = 2


@pytest.fixture
def site_content():
    author = SuperuserFactory(username="author")
    published_page(
        "Guidance", user=author, slug="guidance", body="<p>How inspections work</p>", in_navigation=True
    )
    PublicationFactory(title="Safer staffing", body="<p>Nurses on every shift.</p>")
    return CareServiceFactory(service_number=NUMBER, name="Rowan House")


def cache_errors(caplog):
    records = caplog.get_records("setup") + caplog.get_records("call")
    return [r for r in records if r.name == "inspectorate_site.cache" and r.levelno >= logging.ERROR]


@pytest.mark.parametrize(("path", "text"), PAGES.items())
def test_with_redis_down_public_pages_render_from_the_database(client, redis_down, site_content, path, text):
    for _ in range(2):
        response = client.get(path)

        assert response.status_code == 200
        assert text in response.content.decode()


def test_with_redis_down_badges_agree_with_the_register(client, redis_down, site_content):
    for path in BADGES:
        response = client.get(path, HTTP_REFERER="https://a-care-home.example/")
        assert response.status_code == 200
        assert "Registered by the Care Inspectorate" in response.content.decode()

    site_content.status = CareService.Status.CANCELLED
    site_content.save()

    for path in BADGES:
        body = client.get(path).content.decode()
        assert "no longer registered" in body.lower()
        assert "Registered by the Care Inspectorate" not in body


def test_with_redis_down_a_busy_badge_is_still_kept_in_the_workers_memory(
    client, redis_down, site_content, django_assert_num_queries
):
    assert client.get(BADGES[0]).status_code == 200

    with django_assert_num_queries(0):
        response = client.get(BADGES[0])

    assert response.status_code == 200


def test_with_redis_down_healthz_says_degraded_and_keeps_the_server_in_service(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


def test_with_redis_down_a_complaint_is_not_refused_by_the_rate_limit(client, redis_down, settings):
    settings.COMPLAINTS_FORM_RATE = "1/m"
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    visitor = FormVisitor(client)
    visitor.complete()

    sent = visitor.send()

    assert sent.status_code == 200
    assert Complaint.objects.get().display_reference in visitor.html


def test_with_redis_down_the_log_says_so_once_for_many_requests(client, redis_down, site_content, caplog):
    caplog.set_level(logging.INFO, logger="inspectorate_site.cache")
    for _ in range(5):
        for path in [*PAGES, *BADGES, "/healthz"]:
            assert client.get(path).status_code == 200

    assert len(cache_errors(caplog)) == 1


def test_with_redis_hung_a_page_answers_within_the_bound(client, hung_redis, site_content):
    for path in ["/guidance/", f"/services/{NUMBER}/", BADGES[2]]:
        started = time.monotonic()
        response = client.get(path)

        assert response.status_code == 200
        assert time.monotonic() - started < HUNG_REDIS_PAGE_SECONDS, path
    assert len(hung_redis.accepted) == 1, "Redis is left alone for a few seconds after it hung"


def test_with_redis_hung_healthz_answers_quickly(client, hung_redis):
    started = time.monotonic()
    response = client.get("/healthz")

    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert response.json()["cache"] == "degraded"
