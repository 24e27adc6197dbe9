"""The public site, /healthz and the admin while the real PostgreSQL hangs or refuses.

What was cached keeps being served; everything else is the site's own 503 page
with Retry-After, in bounded time; /healthz says so within its own bound.
"""

import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache

from publications.factories import CategoryFactory, DocumentFactory, PublicationFactory
from services_registry.factories import CareServiceFactory
from services_registry.widget import forget_local_memory
from tests.database_outage import HEALTHZ_TIMEOUT, ServerClient, needs_postgresql
from tests.factories import SuperuserFactory, published_page

pytestmark = [
    pytest.mark.postgres,
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FAULTS = ["hang", "refuse"]
NUMBER = "CS2003001025"
BADGES = [f"/widget/{NUMBER}.js", f"/widget/{NUMBER}/", f"/widget/{NUMBER}.svg"]


@pytest.fixture
def site():
    author = SuperuserFactory(username="author")
    published_page("Guidance", user=author, slug="guidance", body="<p>Read me</p>")
    category = CategoryFactory(name="Inspection reports")
    publication = PublicationFactory(title="Annual report", categories=[category])
    document = DocumentFactory(publication=publication)
    CareServiceFactory(service_number=NUMBER, name="Rowan House")
    return SimpleNamespace(author=author, category=category, publication=publication, document=document)


def public_pages(site) -> list[str]:
    return [
        "/guidance/",
        "/publications/",
        f"/publications/{site.publication.slug}/",
        f"/publications/categories/{site.category.slug}/",
        "/publications/feed/",
        "/search/?q=report",
        site.document.get_download_url(),
        "/services/",
        f"/services/{NUMBER}/",
        "/services/export.csv",
        "/sitemap.xml",
        *BADGES,
    ]


def timed_get(client, path, **headers):
    started = time.monotonic()
    response = client.get(path, **headers)
    return response, time.monotonic() - started


def assert_is_the_503_page(response):
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert "no-store" in response.headers["Cache-Control"]
    html = response.content.decode()
    assert '<h1 class="ds_page-header__title">Sorry, the service is unavailable</h1>' in html
    assert f">{settings.CONTACT_PHONE}</a>" in html


@pytest.mark.parametrize("fault", FAULTS)
def test_every_uncached_public_page_is_the_503_page_in_bounded_time(database_outage, site, fault):
    visitor = ServerClient()
    assert visitor.get("/guidance/").status_code == 200  # a kept connection, as under gunicorn
    cache.clear()
    forget_local_memory()
    getattr(database_outage, fault)()

    for path in public_pages(site):
        response, elapsed = timed_get(visitor, path)
        assert_is_the_503_page(response)
        assert elapsed < database_outage.bound, path


@pytest.mark.parametrize("fault", FAULTS)
def test_cached_pages_and_warm_badges_are_still_served(database_outage, site, fault):
    visitor = ServerClient()
    cached = ["/guidance/", "/publications/", f"/publications/{site.publication.slug}/", "/services/"]
    cached += [f"/services/{NUMBER}/", *BADGES]
    before = {path: visitor.get(path) for path in cached}
    getattr(database_outage, fault)()

    for path in cached:
        # A badge on a site not seen today also tries to record the sighting, and must not wait for it.
        response, elapsed = timed_get(visitor, path, HTTP_REFERER="https://a-care-home.example/")
        assert response.status_code == 200, path
        assert response.content == before[path].content, path
        assert elapsed < database_outage.bound, path


@pytest.mark.parametrize("fault", FAULTS)
def test_healthz_says_the_database_is_failing_within_its_bound(database_outage, fault):
    balancer = ServerClient()
    assert balancer.get("/healthz").status_code == 200
    getattr(database_outage, fault)()

    response, elapsed = timed_get(balancer, "/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "failing"
    assert elapsed < HEALTHZ_TIMEOUT + 1
    database_outage.end()
    assert balancer.get("/healthz").status_code == 200


def test_staff_get_the_503_page_in_the_admin_and_on_the_site(database_outage, site):
    staff = ServerClient()
    staff.force_login(site.author)
    assert staff.get("/admin/").status_code == 200
    database_outage.hang()

    for path in ["/admin/", "/admin/publications/publication/", "/guidance/", "/complaints/"]:
        response, elapsed = timed_get(staff, path)
        assert_is_the_503_page(response)
        assert elapsed < database_outage.bound, path


def test_after_a_timeout_this_process_fails_at_once_then_tries_again(database_outage, site, settings):
    settings.DATABASE_RETRY_AFTER = 0.3
    visitor = ServerClient()
    assert visitor.get("/search/?q=report").status_code == 200
    database_outage.hang()
    settings.DATABASE_CONNECT_TIMEOUT = settings.DATABASE_STATEMENT_TIMEOUT = 1

    first, waited = timed_get(visitor, "/search/?q=annual")
    second, failed_in = timed_get(visitor, "/search/?q=annual")

    assert first.status_code == second.status_code == 503
    assert waited >= 0.9  # it waited for the database, once
    assert failed_in < 0.5  # then did not wait again
    database_outage.proxy.set_mode("forward")
    time.sleep(0.3)
    assert visitor.get("/search/?q=annual").status_code == 200
