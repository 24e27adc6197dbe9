"""The library, category pages and publication pages: content, bad input and query counts."""

from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publications.factories import CategoryFactory, ChangeNoteFactory, DocumentFactory, PublicationFactory
from publications.models import Category, Publication, search_vector

pytestmark = pytest.mark.django_db


def on(day: date):
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=9)))


def text(response):
    return response.content.decode()


def test_library_entries_read_like_the_seed(client, category):
    PublicationFactory(
        title="Promoting continence",
        summary="Care that helps people stay continent.",
        published_at=on(date(2015, 9, 15)),
        imported_downloads=34341,
        categories=[category],
    )

    page = text(client.get("/publications/"))

    assert (
        '<a class="ds_search-result__link" href="/publications/promoting-continence/">Promoting continence</a>'
        in page
    )
    assert 'Published: <time datetime="2015-09-15">15 September 2015</time>' in page
    assert "Care that helps people stay continent." in page
    assert "Downloads: 34,341" in page


def test_days_keep_their_leading_zero_as_in_the_seed(client):
    PublicationFactory(title="The Guide - introduction", published_at=on(date(2019, 7, 5)))

    assert "05 July 2019" in text(client.get("/publications/"))


def test_library_lists_most_downloaded_first_by_default_then_by_choice(client):
    PublicationFactory(title="Alpha", imported_downloads=1, published_at=on(date(2020, 1, 1)))
    PublicationFactory(title="Beta", imported_downloads=3, published_at=on(date(2018, 1, 1)))
    PublicationFactory(title="Gamma", imported_downloads=2, published_at=on(date(2022, 1, 1)))

    def order(query=""):
        page = text(client.get("/publications/" + query))
        return sorted(["Alpha", "Beta", "Gamma"], key=lambda title: page.index(f">{title}</a>"))

    assert order() == ["Beta", "Gamma", "Alpha"]
    assert order("?sort=newest") == ["Gamma", "Alpha", "Beta"]
    assert order("?sort=title") == ["Alpha", "Beta", "Gamma"]
    assert order("?sort=nonsense") == ["Beta", "Gamma", "Alpha"]


def test_library_filters_by_category_and_year(client, category):
    adults = CategoryFactory(name="Adults", slug="adults", parent=category)
    other = CategoryFactory(name="Other", slug="other")
    PublicationFactory(title="In adults 2015", categories=[adults], published_at=on(date(2015, 3, 1)))
    PublicationFactory(title="In adults 2020", categories=[adults], published_at=on(date(2020, 3, 1)))
    PublicationFactory(title="Elsewhere 2015", categories=[other], published_at=on(date(2015, 5, 1)))

    by_parent = text(client.get("/publications/?category=guidance"))
    by_year = text(client.get("/publications/?year=2015"))
    both = text(client.get("/publications/?category=guidance/adults&year=2015"))

    assert "In adults 2015" in by_parent and "In adults 2020" in by_parent and "Elsewhere" not in by_parent
    assert "In adults 2015" in by_year and "Elsewhere 2015" in by_year and "In adults 2020" not in by_year
    assert "In adults 2015" in both and "In adults 2020" not in both and "Elsewhere" not in both


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?page=0", "?page=-1", "?page=99999", "?page=1.5", "?year=abc", "?year=99999999999999999999",
     "?category=nope", "?category=%00", "?sort=%3Cscript%3E", "?page=%F0%9F%98%80"],
)  # fmt: skip
def test_odd_query_strings_give_a_normal_page(client, query):
    PublicationFactory()

    response = client.get("/publications/" + query)

    assert response.status_code == 200
    assert "<script>" not in text(response).split("</header>", 1)[1].split("<footer", 1)[0]


def test_library_pages_twenty_at_a_time(client):
    for n in range(45):
        PublicationFactory(title=f"Item {n:02d}", imported_downloads=100 - n)

    first = text(client.get("/publications/"))
    last = text(client.get("/publications/?page=3"))
    past_the_end = text(client.get("/publications/?page=9"))

    assert ">Item 19</a>" in first and ">Item 20</a>" not in first
    assert ">Item 44</a>" in last and ">Item 40</a>" in last and ">Item 39</a>" not in last
    assert past_the_end == last
    assert 'aria-label="Page 2"' in first and "page=2" in first


def test_pagination_keeps_the_filters(client):
    for n in range(25):
        PublicationFactory(title=f"Item {n}", published_at=on(date(2019, 1, 1)))

    page = text(client.get("/publications/?year=2019&sort=title"))

    assert "?year=2019&amp;sort=title&amp;page=2" in page


def test_category_page_lists_its_subcategories_with_their_counts_then_its_publications(client, category):
    adults = CategoryFactory(
        name="Adults and older people", slug="adults", parent=category, description="For adults."
    )
    CategoryFactory(name="Older people", slug="older-people", parent=adults)
    PublicationFactory(title="In the category", categories=[category], imported_downloads=2)
    PublicationFactory(title="In a subcategory", categories=[adults], imported_downloads=5)
    PublicationFactory(
        title="Further down", categories=[Category.objects.get(path="guidance/adults/older-people")]
    )
    PublicationFactory(title="Draft", categories=[adults], status=Publication.Status.DRAFT)

    page = text(client.get("/publications/categories/guidance/"))

    assert (
        page.index("Subcategories") < page.index(">In a subcategory</a>") < page.index(">In the category</a>")
    )
    assert "Draft" not in page
    assert (
        '<a href="/publications/categories/guidance/adults/">Adults and older people</a>'
        ' <span class="subcategory-list__count">(2<span class="visually-hidden"> publications</span>)</span>'
    ) in page


def test_subcategory_page_has_breadcrumbs_up_the_tree(client, category):
    CategoryFactory(name="Adults", slug="adults", parent=category)

    page = text(client.get("/publications/categories/guidance/adults/"))

    assert 'href="/publications/categories/guidance/">Guidance and resources</a>' in page
    assert 'aria-current="page">Adults</li>' in page


@pytest.mark.parametrize(
    "path",
    ["/publications/categories/nope/", "/publications/categories/guidance/nope/", "/publications/nope/",
     "/publications/nope/documents/1/download/", "/publications/categories/a//b/",
     "/publications/categories/%F0%9F%98%80/"],
)  # fmt: skip
def test_unknown_addresses_give_the_site_404_page(client, category, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_a_draft_publication_is_not_found(client):
    draft = PublicationFactory(status=Publication.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_publication_page_shows_everything_a_reader_needs(client, category):
    adults = CategoryFactory(name="Adults", slug="adults", parent=category)
    publication = PublicationFactory(
        title="Near Me video calls",
        published_at=on(date(2020, 4, 27)),
        imported_downloads=25362,
        body="<p>Call us on 0345 600 9527.</p>",
        categories=[category, adults],
    )
    DocumentFactory(publication=publication, title="Near Me handy guide", number="001")
    DocumentFactory(publication=publication, title="Hard to read form", number="001a", is_accessible=False)
    ChangeNoteFactory(
        publication=publication, date=date(2020, 5, 11), kind="added", text="Guidance on using Near Me"
    )
    ChangeNoteFactory(
        publication=publication, date=date(2020, 7, 17), kind="added", text="New report on lockdown"
    )

    page = text(client.get(publication.get_absolute_url()))

    assert "<h1" in page and "Near Me video calls</h1>" in page
    assert "27 April 2020" in page
    assert "Last updated</dt>" in page and "17 July 2020" in page
    assert 'href="tel:+443456009527"' in page
    assert ">Near Me handy guide</a>" in page and "PDF, 1 page" in page and "<td>001a</td>" in page
    assert "Ask for an accessible format" in page
    assert "Downloads: 25,362" in page
    assert 'Guidance on using Near Me (Added <time datetime="2020-05-11">11 May 2020</time>)' in page
    assert page.index("New report on lockdown") < page.index("Guidance on using Near Me (")
    # Breadcrumbs follow the deepest category.
    assert 'href="/publications/categories/guidance/">Guidance and resources</a>' in page
    assert 'href="/publications/categories/guidance/adults/">Adults</a>' in page


def test_trend_is_an_accessible_inline_svg_without_scripts_or_styles(client):
    from publications.downloads import record_download

    document = DocumentFactory()
    for _ in range(3):
        record_download(document)

    page = text(client.get(document.publication.get_absolute_url()))
    svg = page[
        page.index('<svg class="publication-trend__chart"') : page.index(
            "</svg>", page.index("publication-trend__chart")
        )
        + 6
    ]

    assert 'role="img"' in svg and 'aria-labelledby="trend-title trend-desc"' in svg
    assert '<title id="trend-title">' in svg and '<desc id="trend-desc">' in svg
    assert "style=" not in svg and "<script" not in svg
    assert svg.count("<rect") == 1
    assert f"{timezone.localdate():%B %Y}: 3" in svg
    assert '<th scope="col">Downloads</th>' in page  # the same figures as a table


def test_feed_lists_new_publications_newest_first(client):
    PublicationFactory(title="Older", published_at=timezone.now() - timedelta(days=10))
    PublicationFactory(title="Newer", published_at=timezone.now() - timedelta(days=1))
    PublicationFactory(title="Secret draft", status=Publication.Status.DRAFT)

    response = client.get("/publications/feed/")
    feed = text(response)

    assert response.headers["Content-Type"].startswith("application/atom+xml")
    assert feed.index("<title>Newer</title>") < feed.index("<title>Older</title>")
    assert "Secret draft" not in feed


def test_public_pages_are_cached_briefly_and_editing_shows_at_once(client, django_assert_max_num_queries):
    publication = PublicationFactory(title="Before")
    client.get(publication.get_absolute_url())

    with django_assert_max_num_queries(0):
        cached = client.get(publication.get_absolute_url())
    assert "max-age=60" in cached.headers["Cache-Control"]

    publication.title = "After"
    publication.save()
    assert "After</h1>" in text(client.get(publication.get_absolute_url()))


# --- Query counts ------------------------------------------------------------


def bulk_publications(count, category, start=0):
    """Published publications in bulk, in plain SQL: the rich-text field's per-row cleaning
    would make 10,000 rows take seconds through the ORM."""
    now = timezone.now()
    rows = [
        (f"Bulk {n}", f"bulk-{n}", "A summary.", "", "<p>Body</p>", "", "", "published",
         now - timedelta(days=n % 3000), 0, n, now, now, "")
        for n in range(start, start + count)
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO publications_publication (title, slug, summary, body, body_html, image, image_alt,"
            " status, published_at, imported_downloads, download_count, created_at, updated_at, document_titles)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        cursor.execute(
            "INSERT INTO publications_publication_categories (publication_id, category_id)"
            " SELECT id, %s FROM publications_publication WHERE slug LIKE 'bulk-%%'"
            " AND id NOT IN (SELECT publication_id FROM publications_publication_categories)",
            [category.pk],
        )
    if connection.vendor == "postgresql":
        Publication.objects.filter(search_vector__isnull=True).update(search_vector=search_vector())


def cold_queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


PATHS = [
    "/publications/",
    "/publications/?sort=newest&page=2",
    "/publications/?category=guidance&sort=title",
    "/publications/categories/guidance/",
    "/publications/categories/guidance/?page=3",
    "/publications/bulk-5/",
    "/search/?q=bulk",
]
# Fixed here so that growth shows up in review; measured cold, with an empty cache.
MAX_QUERIES = 12


def test_query_counts_do_not_grow_with_the_library(client, category):
    bulk_publications(10, category)
    DocumentFactory(publication=Publication.objects.get(slug="bulk-5"))
    for path in PATHS:  # the first request in a process fills per-process caches (the site, the menus)
        cold_queries(client, path)
    small = {path: cold_queries(client, path) for path in PATHS}

    bulk_publications(10_000, category, start=10)
    large = {path: cold_queries(client, path) for path in PATHS}

    assert large == small
    assert max(large.values()) <= MAX_QUERIES, large


def test_sitemap_sections_list_published_publications_and_categories(category):
    from publications.sitemaps import CategorySitemap, PublicationSitemap

    public = PublicationFactory(title="Public")
    PublicationFactory(title="Hidden", status=Publication.Status.DRAFT)

    publication_urls = [PublicationSitemap().location(item) for item in PublicationSitemap().items()]
    category_urls = [CategorySitemap().location(item) for item in CategorySitemap().items()]

    assert publication_urls == [public.get_absolute_url()]
    assert category_urls == ["/publications/categories/guidance/"]


def test_a_publication_without_documents_shows_no_download_count_or_chart(client):
    PublicationFactory(slug="read-online", title="Read online only", download_count=0)

    page = client.get("/publications/read-online/").content.decode()

    assert "Read online only" in page
    assert "Downloads" not in page and "publication-trend" not in page


def test_counts_carry_thousands_separators(client):
    PublicationFactory(slug="popular", title="Popular guide", download_count=1234567)

    assert "Downloads: 1,234,567" in client.get("/publications/").content.decode()
