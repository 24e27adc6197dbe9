"""Pages the page cache has not kept: few queries whatever the library's size, and kept values never stale.

The library's category tree, its unfiltered counts, the download trend and the CMS introduction are kept
between requests; every test here checks a kept value shows the change after a save, a publish or
cache.clear().
"""

import pytest
from cms.api import add_plugin
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspectorate_site import generations
from publications.downloads import record_download
from publications.factories import CategoryFactory, DocumentFactory, PublicationFactory
from tests.factories import SuperuserFactory, published_page
from tests.publications.test_views import bulk_publications

pytestmark = pytest.mark.django_db

# Fixed here so growth shows in review: a page missing from the page cache, the library's kept values warm.
MAX_UNCACHED_QUERIES = {
    "/publications/": 1,
    "/publications/?sort=newest&page=2": 1,
    "/publications/?category=guidance&sort=title": 2,
    "/publications/categories/guidance/": 1,
    "/publications/bulk-5/": 1,
    "/search/?q=bulk": 4,  # a count and a page of publications and of care services
}


def _with(path, parameter):
    return f"{path}{'&' if '?' in path else '?'}{parameter}"


def uncached_queries(client, path, visit):
    """Queries for an address the page cache has not seen (a fresh query string), kept values warm."""
    client.get(_with(path, f"warm={visit}"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_with(path, f"visit={visit}"))
    assert response.status_code == 200
    return len(queries)


def test_uncached_pages_take_a_fixed_few_queries_however_big_the_library(client, category):
    bulk_publications(30, category)
    DocumentFactory(publication=PublicationFactory(slug="bulk-5-doc", categories=[category]))
    small = {path: uncached_queries(client, path, n) for n, path in enumerate(MAX_UNCACHED_QUERIES)}

    bulk_publications(3_000, category, start=30)
    cache.clear()
    large = {path: uncached_queries(client, path, n) for n, path in enumerate(MAX_UNCACHED_QUERIES)}

    assert large == small
    for path, most in MAX_UNCACHED_QUERIES.items():
        assert large[path] <= most, (path, large[path])


def test_a_publication_page_seen_before_shows_a_new_document_and_category_at_once(client, category):
    publication = PublicationFactory(slug="kept", categories=[category])
    assert "Documents" not in client.get("/publications/kept/").content.decode()

    DocumentFactory(publication=publication, title="Annual figures")
    other = CategoryFactory(name="Statistics", slug="statistics", path="statistics")
    publication.categories.add(other)

    html = client.get("/publications/kept/?again=1").content.decode()
    assert "Annual figures" in html
    assert 'href="/publications/categories/statistics/"' in html


def test_the_library_count_follows_a_new_publication_and_a_cleared_cache(client, category):
    PublicationFactory(categories=[category])
    assert "1 publication<" in client.get("/publications/").content.decode()

    PublicationFactory(categories=[category])
    assert "2 publications<" in client.get("/publications/?again").content.decode()
    assert "2 publications<" in client.get("/publications/categories/guidance/").content.decode()

    cache.clear()
    assert "2 publications<" in client.get("/publications/?cleared").content.decode()


def test_a_filtered_library_counts_only_what_matches(client, category):
    PublicationFactory(categories=[category])
    PublicationFactory(categories=[CategoryFactory(name="Reports", slug="reports")])

    assert "1 publication<" in client.get("/publications/?category=reports").content.decode()
    assert "2 publications<" in client.get("/publications/?category=nonsense").content.decode()


def test_a_renamed_or_new_category_shows_at_once_in_the_filter_pages_and_breadcrumbs(client, category):
    child = CategoryFactory(name="Adults", slug="adults", parent=category)
    PublicationFactory(slug="care-at-home", categories=[child])
    client.get("/publications/")
    client.get("/publications/categories/guidance/")
    client.get("/publications/care-at-home/")

    child.name = "Adult services"
    child.save()
    CategoryFactory(name="Children", slug="children", parent=category)

    assert "Adult services" in client.get("/publications/").content.decode()
    category_page = client.get("/publications/categories/guidance/").content.decode()
    assert "Adult services" in category_page and "Children" in category_page
    assert "Adult services" in client.get("/publications/care-at-home/").content.decode()
    assert client.get("/publications/categories/guidance/children/").status_code == 200


def test_the_download_trend_is_kept_for_the_day_and_recounted_after_a_save_or_clear(client):
    document = DocumentFactory(publication=PublicationFactory(slug="counted"))
    record_download(document)
    assert "Downloads in the last 12 months: 1<" in client.get("/publications/counted/").content.decode()

    record_download(document)
    cache.clear()
    assert "Downloads in the last 12 months: 2<" in client.get("/publications/counted/").content.decode()

    record_download(document)
    document.publication.save()
    assert "Downloads in the last 12 months: 3<" in client.get("/publications/counted/").content.decode()


def test_a_published_introduction_replaces_the_kept_one_at_once(client):
    assert "self-evaluation resources" in client.get("/publications/").content.decode()

    author = SuperuserFactory(username="author")
    content = published_page(
        "Publications and guidance", user=author, slug="publications", template="cms/landing_page.html"
    )
    add_plugin(
        content.rescan_placeholders()["summary"], "TextPlugin", "en", body="<p>Our new introduction</p>"
    )

    # A new address: the library page itself is kept per publications generation, which a CMS publish leaves.
    html = client.get("/publications/?after-publish").content.decode()
    assert "Our new introduction" in html
    cache.clear()
    assert "Our new introduction" in client.get("/publications/?after-clear").content.decode()


def test_the_category_filter_keeps_each_visitors_choice_and_follows_the_tree(client, category):
    CategoryFactory(name="Reports", slug="reports")

    assert (
        '<option value="reports" selected>Reports</option>'
        in client.get("/publications/?category=reports").content.decode()
    )
    unfiltered = client.get("/publications/?sort=title").content.decode()
    assert '<option value="reports">Reports</option>' in unfiltered

    CategoryFactory(name="Inspection reports", slug="inspections")
    assert (
        '<option value="inspections">Inspection reports</option>'
        in client.get("/publications/?sort=newest").content.decode()
    )


def test_made_up_category_addresses_are_not_found_and_keep_nothing(client, category):
    client.get("/publications/categories/guidance/")
    kept_before = generations.local_values.size_in_bytes

    for n in range(5):
        assert client.get(f"/publications/categories/no-such-{n}/").status_code == 404

    assert generations.local_values.size_in_bytes == kept_before
