"""The demo library: the seed's category page reproduced, in a library big enough to browse.

It loads once, a second load changes nothing, and no internal link is broken.
"""

import re
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from inspectorate_site import demo as site_demo
from publications import demo
from publications.demo_content import CATEGORY_TREE, DEMO_PUBLICATIONS, LIBRARY_PUBLICATIONS
from publications.models import Category, ChangeNote, DailyDownloads, Document, Publication

pytestmark = pytest.mark.django_db

SEED_ORDER = [
    (
        "Promoting continence for people living with dementia and long term conditions",
        "15 September 2015",
        34341,
    ),
    ("Children and young people", "14 April 2022", 33527),
    ("Joint inspections of integrated services for adults", "13 March 2015", 32859),
    ("Inspection during Covid-19", "10 June 2020", 32794),
    ("How to use our &#x27;Registered by&#x27; widget", "14 November 2019", 31019),
    ("The Guide - resources and documents", "31 July 2019", 30072),
    ("Near Me video calls", "27 April 2020", 25362),
    ("The Guide - introduction", "05 July 2019", 25006),
]
THE_GUIDE_NUMBERS = ["001", "001a", "001b", "001c", "002", "003", "004", "005a", "005b", "007", "009", "010",
                     "011", "012", "013", "014", "015", "018", "019"]  # fmt: skip


@pytest.fixture(scope="module")
def demo_library_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo library, loaded once for the module in a transaction rolled back at its end.

    Each test runs in a savepoint inside it, so what a test writes is undone as usual.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        demo.load(stdout=StringIO())
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def demo_library(demo_library_once, db, settings):
    settings.MEDIA_ROOT = demo_library_once  # where the demo's documents were written


@pytest.fixture
def demo_site(demo_library):
    staff = site_demo.load_staff_users(with_known_passwords=False)
    site_demo.load_pages(owner=staff["admin"].user)


def test_the_seed_category_page_is_reproduced(client, demo_library):
    page = client.get("/publications/categories/guidance-and-resources/").content.decode()

    results = page.index('class="ds_search-results"')  # a subcategory may share a publication's title
    positions = []
    for title, published, downloads in SEED_ORDER:
        entry = page.index(f">{title}</a>", results)
        positions.append(entry)
        following = page[entry : entry + 1000]
        assert f">{published}</time>" in following, title
        assert f"Downloads: {downloads:,}" in following, title
    assert positions == sorted(positions)
    for subcategory in Category.objects.filter(parent__slug="guidance-and-resources"):
        assert f'href="{subcategory.get_absolute_url()}">{subcategory.name}</a>' in page


def test_the_library_lists_the_same_order(client, demo_library):
    page = client.get("/publications/").content.decode()

    positions = [page.index(f">{title}</a>") for title, _, _ in SEED_ORDER]
    assert positions == sorted(positions)


def test_the_guide_has_its_numbered_documents_as_real_pdfs(client, demo_library):
    guide = Publication.objects.get(slug="the-guide-resources-and-documents")
    documents = list(guide.documents.order_by("sort_order"))

    assert [d.number for d in documents] == THE_GUIDE_NUMBERS
    assert documents[0].title == "Inspection co-ordinator profile"
    assert documents[-1].title == "Post inspection questionnaire"
    assert all(d.file_format == "PDF" and d.page_count == 1 and d.file_size > 0 for d in documents)
    response = client.get(documents[0].get_download_url())
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_change_notes_come_from_the_seed(client, demo_library):
    near_me = Publication.objects.get(slug="near-me-video-calls")
    covid = Publication.objects.get(slug="inspection-during-covid-19")

    assert [str(n) for n in near_me.change_notes.all()] == [
        "New report tells how Near Me worked in lockdown (Added 17 July 2020)",
        "Guidance on using Near Me (Added 11 May 2020)",
    ]
    assert covid.change_notes.count() == 6
    page = client.get(covid.get_absolute_url()).content.decode()
    assert '(Updated <time datetime="2020-08-12">12 August 2020</time>)' in page
    assert "Last updated</dt>" in page and "29 April 2021" in page


def test_bodies_link_phone_numbers_and_protect_email(client, demo_library):
    page = client.get("/publications/children-and-young-people/").content.decode()

    assert 'href="tel:+447870981785"' in page
    assert 'href="tel:+443456009527"' in page
    assert "enquiries@careinspectorate.gov.scot" not in page
    assert "JavaScript enabled" not in page


def library_snapshot():
    return (
        [model.objects.count() for model in (Category, Publication, Document, ChangeNote, DailyDownloads)],
        list(Category.objects.order_by("path").values_list("path", "name", "ordering")),
        list(Publication.objects.order_by("slug").values_list("slug", "updated_at", "download_count")),
    )


def test_a_second_load_adds_nothing_and_changes_nothing(demo_library):
    before = library_snapshot()

    demo.load(stdout=StringIO())

    assert library_snapshot() == before
    assert before[0][:4] == [
        count_categories(CATEGORY_TREE),
        len(DEMO_PUBLICATIONS),
        sum(len(publication.documents) for publication in DEMO_PUBLICATIONS),
        sum(len(publication.change_notes) for publication in DEMO_PUBLICATIONS),
    ]


def count_categories(tree):
    return sum(1 + count_categories(category.subcategories) for category in tree)


def test_the_library_is_big_enough_to_browse_by_category_year_and_popularity(demo_library):
    published = Publication.objects.published()
    top_level = list(Category.objects.top_level())
    in_two_categories = [p for p in published.prefetch_related("categories") if len(p.categories.all()) > 1]

    assert published.count() >= 60
    assert len(top_level) >= 6
    for top in top_level:
        subcategories = Category.objects.filter(parent=top)
        assert subcategories.exists(), top.name
        assert all(published.in_category(sub).exists() for sub in subcategories), top.name
    years = {day.year for day in published.dates("published_at", "year")}
    assert set(range(2018, 2027)) - {2019} <= years  # 2019 is the seed's alone: a browser test filters by it
    assert len(in_two_categories) >= 15
    assert published.values("download_count").distinct().count() >= 60
    # The seed's widget page explains code to paste, and has no document; every other publication has one.
    assert list(Publication.objects.filter(documents=None).values_list("slug", flat=True)) == [
        "how-to-use-our-registered-by-widget"
    ]
    assert all(publication.documents for publication in LIBRARY_PUBLICATIONS)


def test_what_readers_look_for_is_there_with_change_notes_and_one_scheduled(client, demo_library):
    published = Publication.objects.published()
    adults = Category.objects.get(path="guidance-and-resources/adults")
    for_young_people = Category.objects.get(path="young-people/for-young-people")
    text_to_complain = published.get(slug="text-us-to-complain-a-guide-for-young-people")
    library_notes = ChangeNote.objects.filter(publication__slug__in=[p.slug for p in LIBRARY_PUBLICATIONS])
    scheduled = Publication.objects.scheduled().get()

    continence_and_dementia = published.in_category(adults).filter(
        title__icontains="continence", title__contains="dementia"
    )
    assert continence_and_dementia.count() == 2
    assert text_to_complain in published.in_category(for_young_people)
    assert settings.TEXT_TO_COMPLAIN_NUMBER in text_to_complain.body
    assert library_notes.count() >= 10
    assert len({note.date.year for note in library_notes}) >= 4
    assert (
        f">{text_to_complain.title}</a>" in client.get(for_young_people.get_absolute_url()).content.decode()
    )
    assert scheduled.slug == "consultation-how-we-will-inspect-care-at-home"
    assert client.get(scheduled.get_absolute_url()).status_code == 404


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


MAX_PAGES = 400


def test_crawling_the_demo_site_finds_no_broken_internal_link(client, demo_site):
    site = urlsplit(settings.SITE_URL)
    queue = deque([("/", "start")])
    seen = {"/"}
    broken = []
    visited = 0
    while queue and visited < MAX_PAGES:
        path, found_on = queue.popleft()
        visited += 1
        response = client.get(path, follow=True)
        if response.status_code != 200:
            broken.append(f"{path} ({response.status_code}) linked from {found_on}")
            continue
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode())
        for href in parser.links:
            url = urldefrag(urljoin(path, href)).url
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "sms") or (parts.netloc and parts.netloc != site.netloc):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local.startswith("/admin/") or re.search(r"[?&]page=([3-9]|\d\d)", local):
                continue  # staff pages; and deep pagination adds nothing the first pages do not show
            if local not in seen:
                seen.add(local)
                queue.append((local, path))

    assert not broken, "Broken internal links:\n" + "\n".join(broken)
    assert visited > 30, f"the crawl only reached {visited} pages"
    assert "/publications/the-guide-resources-and-documents/" in seen
    assert any("/download/" in url for url in seen)
