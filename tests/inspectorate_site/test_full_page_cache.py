"""The full-page cache: anonymous pages the views marked public come back whole, in one cache call,
without sessions, the CMS or the database; nothing personal is ever kept; any change shows at once."""

import pytest
from django.core.cache import cache, caches
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from inspectorate_site import page_cache
from publications.factories import CategoryFactory, PublicationFactory
from services_registry.factories import CareServiceFactory
from tests.factories import SuperuserFactory, published_page

pytestmark = pytest.mark.django_db

CACHE_CALLS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "has_key")


@pytest.fixture
def guidance():
    author = SuperuserFactory(username="author")
    return published_page("Guidance", user=author, slug="guidance", body="<p>Read me</p>")


@pytest.fixture
def cache_calls(monkeypatch):
    """Every call the site makes to its cache, by name; not the calls a backend makes to itself
    (the local-memory cache's get_many calls its get, where Redis answers one MGET)."""
    calls, depth = [], [0]
    backend = type(caches["default"])
    for name in CACHE_CALLS:
        original = getattr(backend, name)

        def spy(self, *args, _name=name, _original=original, **kwargs):
            if not depth[0]:
                calls.append(_name)
            depth[0] += 1
            try:
                return _original(self, *args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, spy)
    return calls


def test_a_second_anonymous_visit_is_one_cache_call_and_no_query(
    client, guidance, cache_calls, django_assert_num_queries
):
    first = client.get("/guidance/")
    cache_calls.clear()

    with django_assert_num_queries(0):
        second = client.get("/guidance/")

    assert cache_calls == ["get_many"]
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert "Read me" in second.content.decode()
    assert not second.cookies


def test_a_head_request_is_answered_from_the_same_copy(client, guidance, django_assert_num_queries):
    client.get("/guidance/")

    with django_assert_num_queries(0):
        response = client.head("/guidance/")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "cookie", ["sessionid", "messages", "csrftoken"], ids=["session", "messages", "form token"]
)
def test_a_visitor_with_a_personal_cookie_gets_the_page_rendered_for_them(
    client, guidance, cookie, monkeypatch
):
    client.get("/guidance/")
    client.cookies[cookie] = "anything"

    def replayed(entry):
        raise AssertionError("a personal request was answered from the whole-page copy")

    monkeypatch.setattr(page_cache, "_response_from", replayed)
    response = client.get("/guidance/")

    assert response.status_code == 200 and "Read me" in response.content.decode()


def test_staff_never_get_the_public_copy_and_the_toolbar_switch_is_never_kept(client, guidance):
    client.get("/guidance/")
    client.force_login(SuperuserFactory(username="editor"))

    staff_view = client.get("/guidance/")
    client.logout()
    switched = client.get("/guidance/?toolbar_on")

    assert b"cms-toolbar" in staff_view.content
    assert not cache.get(page_cache.entry_key(RequestFactory().get("/guidance/?toolbar_on")))
    assert cache.get(page_cache.entry_key(RequestFactory().get("/guidance/"))), "the public copy was kept"
    assert switched.status_code in (200, 302)


def test_pages_that_set_a_cookie_or_say_no_store_are_never_kept(client):
    first = client.get(reverse("complaints:step", args=["service"]))
    second = client.get(reverse("complaints:step", args=["service"]))

    # The form's signed answers field is new on every visit: nothing was replayed.
    assert first.status_code == second.status_code == 200
    assert first.content != second.content
    assert not cache.get(
        page_cache.entry_key(RequestFactory().get(reverse("complaints:step", args=["service"])))
    )


@pytest.mark.parametrize(
    "address",
    ["/admin/", "/admin/cms/pagecontent/", "/guidance/?edit", "/guidance/?toolbar_on", "/?structure"],
)
def test_the_admin_and_the_cms_switches_always_go_through(rf, address):
    assert page_cache.bypasses(rf.get(address))


def test_a_plain_address_with_a_query_can_be_kept(rf):
    assert not page_cache.bypasses(rf.get("/publications/?q=continence&page=2"))
    assert page_cache.bypasses(rf.post("/publications/"))


def test_saving_a_publication_shows_at_once(client):
    publication = PublicationFactory(title="Continence care")
    assert "Continence care" in client.get(publication.get_absolute_url()).content.decode()

    publication.title = "Continence care for people with dementia"
    publication.save()

    assert "for people with dementia" in client.get(publication.get_absolute_url()).content.decode()


def test_saving_a_care_service_shows_at_once(client, django_capture_on_commit_callbacks):
    service = CareServiceFactory(name="Rowan House")
    assert "Rowan House" in client.get(service.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        service.name = "Rowan House Care Home"
        service.save()

    assert "Rowan House Care Home" in client.get(service.get_absolute_url()).content.decode()


def test_publishing_a_page_change_shows_at_once(client, guidance):
    from djangocms_versioning.models import Version

    client.get("/guidance/")
    author = SuperuserFactory(username="publisher")
    draft = Version.objects.get_for_content(guidance).copy(author).content
    draft.title = "Guidance for care homes"
    draft.save()
    Version.objects.get_for_content(draft).publish(author)

    assert "Guidance for care homes" in client.get("/guidance/").content.decode()


def test_with_the_cache_down_pages_are_rendered_as_usual(client, guidance, redis_down):
    assert client.get("/guidance/").status_code == 200
    assert client.get("/guidance/").status_code == 200


def test_each_process_keeps_a_short_copy_of_pages_asked_for_again(
    client, guidance, settings, cache_calls, monkeypatch
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    monkeypatch.setattr(page_cache, "local_copies", page_cache.LocalCopies())
    client.get("/guidance/")
    client.get("/guidance/")  # from the shared cache, now kept in this process
    cache_calls.clear()

    third = client.get("/guidance/")

    assert third.status_code == 200 and "Read me" in third.content.decode()
    assert cache_calls == []


def test_the_copy_in_each_process_is_bounded_in_bytes(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    settings.PAGE_CACHE_LOCAL_MAX_BYTES = 8_000
    copies = page_cache.LocalCopies()

    for n in range(20):
        copies.put(f"page-{n}", {"content": b"x" * 900})

    kept = [n for n in range(20) if copies.get(f"page-{n}") is not None]
    assert kept == list(range(12, 20))
    assert copies.get("page-19")["content"] == b"x" * 900


@pytest.fixture
def every_public_page_type(guidance):
    home = published_page("Home", user=SuperuserFactory(username="home-author"), slug="home")
    with transaction.atomic():
        home.page.set_as_homepage()
    publication = PublicationFactory(title="Continence care")
    category = publication.categories.first() or CategoryFactory(name="Guidance", slug="guidance-topics")
    publication.categories.add(category)
    service = CareServiceFactory(name="Rowan House")
    return {
        "home page": "/",
        "content page": "/guidance/",
        "library": reverse("publications:library"),
        "category": category.get_absolute_url(),
        "publication": publication.get_absolute_url(),
        "search": reverse("site_search:results") + "?q=continence",
        "find a care service": reverse("services_registry:service_search") + "?q=rowan",
        "service": service.get_absolute_url(),
    }


def test_every_public_page_type_comes_back_byte_identical_from_the_cache(client, every_public_page_type):
    for name, address in every_public_page_type.items():
        rendered = client.get(address)
        replayed = client.get(address)

        assert rendered.status_code == replayed.status_code == 200, name
        assert page_cache.storable(rendered), f"{name} was not kept"
        assert replayed.content == rendered.content, name
        headers = {key: value for key, value in rendered.items() if key not in ("Age", "Date", "Expires")}
        assert {key: replayed[key] for key in headers} == headers, name
        assert "Age" in replayed, f"{name} was not answered from the cache"


def test_after_the_cache_is_cleared_pages_are_rendered_afresh(client, guidance):
    client.get("/guidance/")
    cache.clear()

    response = client.get("/guidance/")

    assert response.status_code == 200 and "Read me" in response.content.decode()
    assert "Age" not in response
