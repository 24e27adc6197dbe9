"""Content pages cost a fixed number of queries, and anonymous views come from the page cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SuperuserFactory, published_page

pytestmark = pytest.mark.django_db

# A cold render of a content page (9 measured): page URL, content, menu,
# placeholders, plugins. Fixed here so that growth shows up.
COLD_CONTENT_PAGE_QUERIES = 10
# A warm anonymous view is served from django CMS's page cache.
WARM_CONTENT_PAGE_QUERIES = 0


def add_pages(count, *, user, start=0):
    for n in range(start, start + count):
        published_page(f"Page {n}", user=user, slug=f"page-{n}", in_navigation=n % 2 == 0)


def cold_queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_content_page_query_count_does_not_grow_with_the_site(client):
    author = SuperuserFactory(username="author")
    published_page("Guidance", user=author, slug="guidance", body="<p>Read me</p>", in_navigation=True)
    add_pages(5, user=author)
    small_site = cold_queries(client, "/guidance/")

    add_pages(195, user=author, start=5)
    large_site = cold_queries(client, "/guidance/")

    assert large_site == small_site
    assert large_site <= COLD_CONTENT_PAGE_QUERIES


def test_anonymous_views_are_served_from_the_page_cache(client, django_assert_max_num_queries):
    author = SuperuserFactory(username="author")
    published_page("Guidance", user=author, slug="guidance", body="<p>Read me</p>")
    first = client.get("/guidance/")

    with django_assert_max_num_queries(WARM_CONTENT_PAGE_QUERIES):
        second = client.get("/guidance/")

    assert second.status_code == 200
    assert second.content == first.content
    assert "max-age" in second.headers["Cache-Control"]
    assert not second.cookies


def test_editors_never_get_the_cached_public_copy(client):
    author = SuperuserFactory(username="author")
    published_page("Guidance", user=author, slug="guidance", body="<p>Read me</p>")
    client.get("/guidance/")  # fills the public cache

    client.force_login(author)
    response = client.get("/guidance/")

    assert b"cms-toolbar" in response.content
