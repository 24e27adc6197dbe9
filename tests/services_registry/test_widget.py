"""The "Registered by" badge that care services embed on their own websites."""

import datetime
import gzip

import pytest
from django.utils import timezone

from services_registry.factories import CareServiceFactory
from services_registry.models import CareService, WidgetSighting
from services_registry.widget import BADGE_PAGE_STYLE_HASH

pytestmark = pytest.mark.django_db

NUMBER = "CS2003001025"
WIDGET_PATHS = [f"/widget/{NUMBER}.js", f"/widget/{NUMBER}/", f"/widget/{NUMBER}.svg"]


@pytest.fixture
def service():
    return CareServiceFactory(
        service_number=NUMBER,
        name="Rowan House",
        grades_published_on=datetime.date(2024, 3, 15),
        grade_wellbeing=5,
        grade_leadership=4,
    )


def csp_directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize("path", WIDGET_PATHS)
def test_warm_widget_request_makes_no_sql_query(client, service, path, django_assert_max_num_queries):
    client.get(path, HTTP_REFERER="https://a-care-home.example/")

    with django_assert_max_num_queries(0):
        response = client.get(path, HTTP_REFERER="https://a-care-home.example/about/")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        (f"/widget/{NUMBER}.js", "text/javascript; charset=utf-8"),
        (f"/widget/{NUMBER}/", "text/html; charset=utf-8"),
        (f"/widget/{NUMBER}.svg", "image/svg+xml"),
    ],
)
def test_widget_is_cacheable_by_browsers_and_cdns_and_sets_no_cookie(client, service, path, content_type):
    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"public", "max-age=300", "s-maxage=600", "stale-while-revalidate=60"} <= cache_control
    assert any(part.startswith("stale-while-revalidate=") for part in cache_control)
    assert any(part.startswith("stale-if-error=") for part in cache_control)
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response.headers["ETag"].startswith('"') and not response.headers["ETag"].startswith("W/")
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


@pytest.mark.parametrize("path", WIDGET_PATHS)
def test_matching_etag_gets_not_modified(client, service, path):
    etag = client.get(path).headers["ETag"]

    response = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag


def test_changed_service_gets_a_new_badge_and_etag(client, service):
    first = client.get(f"/widget/{NUMBER}.js")

    service.name = "Rowan House Care Home"
    service.grade_leadership = 6
    service.save()
    second = client.get(f"/widget/{NUMBER}.js", HTTP_IF_NONE_MATCH=first.headers["ETag"])

    assert second.status_code == 200
    assert second.headers["ETag"] != first.headers["ETag"]
    assert "Rowan House Care Home" in second.content.decode()
    assert "Leadership: 6 Excellent" in second.content.decode()


def test_script_badge_links_to_the_service_page_in_a_new_window(client, service, settings):
    body = client.get(f"/widget/{NUMBER}.js").content.decode()

    assert f'href=\\"{settings.SITE_URL}/services/{NUMBER}/\\"' in body
    assert 'target=\\"_blank\\" rel=\\"noopener\\"' in body
    assert "Registered by the Care Inspectorate" in body
    assert "Wellbeing: 5 Very good" in body
    assert "15 March 2024" in body
    assert "attachShadow" in body
    assert "document.write" not in body
    assert "cookie" not in body.lower()


def test_script_is_small_and_asks_nothing_of_third_parties(client, service, settings):
    body = client.get(f"/widget/{NUMBER}.js").content

    assert len(gzip.compress(body)) < 5 * 1024
    for url in [part.split('"')[0] for part in body.decode().split("http")[1:]]:
        assert ("http" + url).startswith((settings.SITE_URL, "http://www.w3.org/2000/svg")), url


def test_script_cannot_be_broken_out_of_by_a_service_name(client):
    CareServiceFactory(service_number=NUMBER, name="</script><script>alert(1)</script>")

    body = client.get(f"/widget/{NUMBER}.js").content.decode()

    assert "</script>" not in body
    assert "<script>" not in body


@pytest.mark.parametrize("status", [CareService.Status.CANCELLED, CareService.Status.INACTIVE])
@pytest.mark.parametrize("path", WIDGET_PATHS)
def test_badge_of_a_service_no_longer_registered_says_so(client, path, status):
    CareServiceFactory(service_number=NUMBER, name="Old Mill Nursery", status=status)

    body = client.get(path).content.decode()

    assert "Not registered with" in body
    assert "no longer registered" in body.lower()
    assert "Registered by the Care Inspectorate" not in body
    assert "Very good" not in body, "grades of an unregistered service must not be shown"


def test_cancelling_a_service_changes_its_cached_badge(client, service):
    assert "Registered by" in client.get(f"/widget/{NUMBER}.svg").content.decode()

    service.status = CareService.Status.CANCELLED
    service.save()

    assert "Not registered with" in client.get(f"/widget/{NUMBER}.svg").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/widget/CS2003009999.js",
        "/widget/CS2003009999/",
        "/widget/CS2003009999.svg",
        "/widget/CS123.js",
        "/widget/cs2003001025.js",
        "/widget/not-a-number/",
        "/widget/CS2003001025.png",
        "/widget/",
        "/widget/%00.js",
    ],
)
def test_unknown_or_malformed_number_gets_a_tiny_404(client, service, path):
    response = client.get(path)

    assert response.status_code == 404
    assert len(response.content) < 100


def test_unknown_number_is_remembered_briefly(client, django_assert_max_num_queries):
    client.get("/widget/CS2003009999.js")

    with django_assert_max_num_queries(0):
        assert client.get("/widget/CS2003009999.svg").status_code == 404


def test_only_the_iframe_badge_may_be_framed_by_other_sites(client, service):
    framed = client.get(f"/widget/{NUMBER}/")
    script = client.get(f"/widget/{NUMBER}.js")
    page = client.get(f"/services/{NUMBER}/")

    assert "X-Frame-Options" not in framed.headers
    assert csp_directives(framed)["frame-ancestors"] == ["*"]
    assert csp_directives(framed)["style-src"] == [BADGE_PAGE_STYLE_HASH]
    for response in (script, page):
        assert response.headers["X-Frame-Options"] == "DENY"
        assert csp_directives(response)["frame-ancestors"] == ["'none'"]


def test_iframe_badge_page_is_a_complete_accessible_document(client, service):
    html = client.get(f"/widget/{NUMBER}/").content.decode()

    assert '<html lang="en-GB">' in html
    assert "<title>Registered by the Care Inspectorate: Rowan House</title>" in html
    assert 'target="_blank" rel="noopener"' in html
    assert "opens in a new window" in html


def test_svg_badge_has_a_text_alternative(client, service):
    svg = client.get(f"/widget/{NUMBER}.svg").content.decode()

    assert svg.startswith("<svg")
    assert "<title" in svg and "Rowan House" in svg


def test_widget_refuses_other_methods(client, service):
    response = client.post(f"/widget/{NUMBER}.js")

    assert response.status_code == 405


def test_sites_showing_the_badge_are_recorded_once_a_day_by_origin(client, service):
    for referer in [
        "https://rowan.example/about/?x=1",
        "https://rowan.example/contact/",
        "http://other.example:8080/",
    ]:
        client.get(f"/widget/{NUMBER}.js", HTTP_REFERER=referer)
    client.get(f"/widget/{NUMBER}.svg", HTTP_REFERER="https://rowan.example/team/")

    sightings = WidgetSighting.objects.filter(service=service).order_by("origin")
    assert [s.origin for s in sightings] == ["http://other.example:8080", "https://rowan.example"]


def test_first_sighting_of_a_site_costs_one_write_and_repeat_visits_none(
    client, service, django_assert_max_num_queries
):
    client.get(f"/widget/{NUMBER}.js")
    with django_assert_max_num_queries(1):
        client.get(f"/widget/{NUMBER}.js", HTTP_REFERER="https://rowan.example/")
    with django_assert_max_num_queries(0):
        client.get(f"/widget/{NUMBER}.js", HTTP_REFERER="https://rowan.example/other/")


@pytest.mark.parametrize("referer", ["", "null", "javascript:alert(1)", "not a url", "https://"])
def test_odd_referers_are_ignored(client, service, referer):
    response = client.get(f"/widget/{NUMBER}.js", HTTP_REFERER=referer)

    assert response.status_code == 200
    assert not WidgetSighting.objects.exists()


def test_badges_for_services_no_longer_registered_are_still_recorded(client):
    cancelled = CareServiceFactory(service_number=NUMBER, status=CareService.Status.CANCELLED)

    client.get(f"/widget/{NUMBER}/", HTTP_REFERER="https://still-showing.example/")

    assert WidgetSighting.objects.get(service=cancelled).origin == "https://still-showing.example"


@pytest.mark.parametrize("kind", ["js", "svg", "html"])
def test_every_badge_says_how_long_ago_the_grades_were_published(client, kind):
    today = timezone.localdate()
    service = CareServiceFactory(
        service_number="CS2003009999", grades_published_on=datetime.date(today.year - 3, today.month, 1)
    )
    path = {
        "js": f"/widget/{service.service_number}.js",
        "svg": f"/widget/{service.service_number}.svg",
        "html": f"/widget/{service.service_number}/",
    }[kind]

    assert "3 years ago" in client.get(path).content.decode()
