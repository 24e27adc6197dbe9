"""Each design-system block, as an anonymous visitor sees it on a published page."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from publications.factories import DocumentFactory, PublicationFactory
from publications.models import Publication
from tests.content_blocks.blocks import LANGUAGE, publish_every_block_page
from tests.factories import SuperuserFactory, draft_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return SuperuserFactory(username="author")


@pytest.fixture
def every_block(author):
    return publish_every_block_page(author)


@pytest.fixture
def page_html(client, every_block):
    response = client.get(every_block.path)
    assert response.status_code == 200
    return response.content.decode()


def publish_page_with(author, slug, *plugins):
    """A published page whose body holds the given (plugin_type, fields) blocks; returns its path."""
    from cms.api import add_plugin
    from djangocms_versioning.models import Version

    content = draft_page(slug.title(), user=author, slug=slug)
    placeholder = content.rescan_placeholders()["content"]
    for plugin_type, fields in plugins:
        add_plugin(placeholder, plugin_type, LANGUAGE, **fields)
    Version.objects.get_for_content(content).publish(author)
    return f"/{slug}/"


def test_inset_and_warning_text_use_the_design_system_markup(page_html):
    assertInHTML(
        '<div class="ds_inset-text"><div class="ds_inset-text__text">'
        "<p>We inspect every care service in Scotland.</p></div></div>",
        page_html,
    )
    assertInHTML(
        '<div class="ds_warning-text"><strong class="ds_warning-text__icon" aria-hidden="true"></strong>'
        '<strong class="visually-hidden">Warning</strong>'
        '<div class="ds_warning-text__text">If someone is in danger now, call 999.</div></div>',
        page_html,
    )


def test_contact_details_link_the_phone_and_email_and_keep_the_address_lines(page_html):
    assert '<h2 class="ds_contact-details__title">Contact our Dundee office</h2>' in page_html
    assertInHTML('<a href="tel:+441382207100">01382 207100</a>', page_html)
    assertInHTML(
        '<a href="mailto:enquiries@careinspectorate.example">enquiries@careinspectorate.example</a>',
        page_html,
    )
    assert "enquiries@careinspectorate.example" not in page_html, "the address is hidden from harvesters"
    assertInHTML("<address>Compass House<br>11 Riverside Drive<br>Dundee<br>DD1 4NY</address>", page_html)


def test_accordion_sections_open_with_a_labelled_checkbox_without_javascript(page_html):
    assert 'class="ds_accordion" data-module="ds-accordion"' in page_html
    sections = re.findall(
        r'<input type="checkbox" class="visually-hidden ds_accordion-item__control" id="([^"]+)"', page_html
    )
    assert len(sections) == 2
    for section_id in sections:
        assert f'<label class="ds_accordion-item__label" for="{section_id}">' in page_html
        assert f'aria-labelledby="{section_id}-heading"' in page_html
    assert re.search(
        r'<h2 id="[^"]+-heading" class="ds_accordion-item__title">How we inspect</h2>', page_html
    )
    assert "<p>Grades run from 1 (unsatisfactory) to 6 (excellent).</p>" in page_html


def test_accordion_titles_take_the_level_the_editor_chose(client, author):
    from cms.api import add_plugin
    from djangocms_versioning.models import Version

    content = draft_page("Questions", user=author, slug="questions")
    placeholder = content.rescan_placeholders()["content"]
    accordion = add_plugin(placeholder, "AccordionPlugin", LANGUAGE, heading_level=3)
    add_plugin(
        placeholder, "AccordionItemPlugin", LANGUAGE, target=accordion, title="Fees", text="<p>None.</p>"
    )
    Version.objects.get_for_content(content).publish(author)

    html = client.get("/questions/").content.decode()

    assert re.search(r'<h3 id="[^"]+" class="ds_accordion-item__title">Fees</h3>', html)


def test_details_show_their_text_on_request(page_html):
    assertInHTML(
        '<details class="ds_details"><summary class="ds_details__summary">What if I disagree with a report?</summary>'
        '<div class="ds_details__text"><p>Tell us within 10 working days.</p></div></details>',
        page_html,
    )


def test_publication_list_shows_public_publications_newest_first_and_never_drafts(page_html, every_block):
    newest = page_html.index(every_block.newest.title)
    popular = page_html.index(every_block.popular.title)
    assert newest < popular
    assert every_block.draft.title not in page_html
    assert f'href="{every_block.category.get_absolute_url()}"' in page_html


def test_publication_list_can_put_the_most_downloaded_first(client, author):
    from publications.factories import CategoryFactory

    category = CategoryFactory(name="Guidance", slug="guidance")
    quiet = PublicationFactory(title="Rarely read", categories=[category])
    busy = PublicationFactory(title="Often read", categories=[category], imported_downloads=900)
    PublicationFactory(title="Not in the category")
    path = publish_page_with(
        author, "popular", ("PublicationListPlugin", {"category": category, "order": "popular", "count": 5})
    )

    html = client.get(path).content.decode()

    assert html.index(busy.title) < html.index(quiet.title)
    assert "Not in the category" not in html


def test_publication_list_shows_no_more_than_asked(client, author):
    from publications.factories import CategoryFactory

    category = CategoryFactory(name="Guidance", slug="guidance")
    titles = [PublicationFactory(title=f"Guide {n:02}", categories=[category]).title for n in range(4)]
    path = publish_page_with(
        author, "three", ("PublicationListPlugin", {"category": category, "order": "newest", "count": 3})
    )

    html = client.get(path).content.decode()

    assert sum(title in html for title in titles) == 3


def page_queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_publication_and_document_lists_cost_the_same_queries_however_long(client, author):
    from publications.factories import CategoryFactory

    short_category = CategoryFactory(name="Short", slug="short")
    long_category = CategoryFactory(name="Long", slug="long")
    short_docs = [DocumentFactory(publication=PublicationFactory(categories=[short_category]))]
    long_docs = [
        DocumentFactory(publication=PublicationFactory(categories=[long_category])) for _ in range(8)
    ]

    def page(slug, category, documents):
        from cms.api import add_plugin
        from djangocms_versioning.models import Version

        content = draft_page(slug, user=author, slug=slug)
        placeholder = content.rescan_placeholders()["content"]
        add_plugin(placeholder, "PublicationListPlugin", LANGUAGE, category=category, count=10)
        add_plugin(placeholder, "DocumentListPlugin", LANGUAGE).documents.set(documents)
        Version.objects.get_for_content(content).publish(author)
        return f"/{slug}/"

    short_page, long_page = page("short", short_category, short_docs), page("long", long_category, long_docs)
    page_queries(client, short_page)
    page_queries(client, long_page)  # the first renders warm the menu and site caches equally

    assert page_queries(client, long_page) == page_queries(client, short_page)


def test_service_search_is_a_labelled_get_form_to_find_a_care_service(client, page_html):
    action = reverse("services_registry:service_search")
    forms = re.findall(
        r'<form role="search"[^>]*method="get" action="([^"]+)">\s*<label[^>]*for="([^"]+)">([^<]+)</label>',
        page_html,
    )
    match = next((form for form in forms if form[2] == "Find a care service near you"), None)
    assert match, "the search box must be a GET form with a label"
    assert match[0] == action
    assert f'<input name="q" id="{match[1]}"' in page_html
    assert client.get(action, {"q": "Dundee"}).status_code == 200


def test_document_list_shows_format_size_and_accessibility_of_public_documents_only(page_html, every_block):
    document = every_block.newest.documents.get()
    assert f'href="{document.get_download_url()}"' in page_html
    assert ">Annual report</a>" in page_html
    assert document.file_format in page_html
    size = re.search(r'File size</dt> <dd class="ds_metadata__value">([^<]+)</dd>', page_html).group(1)
    assert re.fullmatch(r"[\d.]+\xa0(KB|MB|bytes)", size), size
    assert "This document may not be fully accessible." in page_html
    assert "Draft annex" not in page_html


def test_contact_numbers_come_from_the_one_definition_in_settings(client, author, settings):
    settings.CONTACT_PHONE = "0800 111 2222"
    settings.TEXT_TO_COMPLAIN_NUMBER = "07700 900 123"
    path = publish_page_with(author, "numbers", ("ContactNumbersPlugin", {}))

    html = client.get(path).content.decode()

    assertInHTML('<a href="tel:+448001112222">0800 111 2222</a>', html)
    assertInHTML('<a href="sms:+447700900123">07700 900 123</a>', html)


def test_contact_numbers_show_only_the_numbers_chosen(client, author, settings):
    path = publish_page_with(author, "phone-only", ("ContactNumbersPlugin", {"show_text_number": False}))

    html = client.get(path).content.decode()

    assert f">{settings.CONTACT_PHONE}</a>" in html
    assert (
        f">{settings.TEXT_TO_COMPLAIN_NUMBER}</a>"
        not in html.split('id="main-content"', 1)[1].split("<footer", 1)[0]
    )


def test_call_to_action_is_a_button_link(page_html):
    assertInHTML(f'<a class="ds_button" href="{reverse("complaints:start")}">Make a complaint</a>', page_html)
    assert "<p>Not happy with a care service?</p>" in page_html


def test_editor_html_in_blocks_is_sanitised(client, author):
    attack = '<p onclick="steal()">Hello<script>alert(1)</script><a href="javascript:alert(2)">x</a></p>'
    path = publish_page_with(
        author,
        "sanitised",
        ("InsetTextPlugin", {"text": attack}),
        ("DetailsPlugin", {"summary": "More", "text": attack}),
    )

    response = client.get(path)

    assertContains(response, "Hello", count=2)
    for dangerous in ("steal()", "alert(1)", "javascript:"):
        assertNotContains(response, dangerous)


def test_lists_show_a_change_to_the_library_at_once_though_the_page_is_cached(client, every_block):
    assert every_block.newest.title in client.get(every_block.path).content.decode()  # now cached
    PublicationFactory(title="Just published", categories=[every_block.category])
    every_block.newest.status = Publication.Status.DRAFT  # withdrawn, with its document
    every_block.newest.save()

    html = client.get(every_block.path).content.decode()

    assert "Just published" in html
    assert every_block.newest.title not in html
    assert "Annual report" not in html


def test_lists_ask_to_be_cached_no_longer_than_the_library_pages(client, every_block):
    from publications.cache import PUBLIC_PAGE_SECONDS

    response = client.get(every_block.path)

    max_age = int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1))
    assert max_age <= PUBLIC_PAGE_SECONDS


def test_a_call_to_action_never_links_to_a_script(client, author):
    path = publish_page_with(
        author,
        "scripted",
        ("CallToActionPlugin", {"button_text": "Click me", "link": {"external_link": "javascript:alert(1)"}}),
    )

    response = client.get(path)

    assertNotContains(response, "javascript:")
    assertNotContains(response, "Click me")


def test_document_list_shows_public_files_from_the_media_library(client, author):
    from cms.api import add_plugin
    from django.core.files.base import ContentFile
    from djangocms_versioning.models import Version
    from filer.models import File

    leaflet = File.objects.create(
        file=ContentFile(b"x" * 2048, name="leaflet.pdf"), original_filename="leaflet.pdf", name="Leaflet"
    )
    private = File.objects.create(
        file=ContentFile(b"y" * 10, name="notes.pdf"),
        original_filename="notes.pdf",
        name="Staff notes",
        is_public=False,
    )
    content = draft_page("Files", user=author, slug="files")
    placeholder = content.rescan_placeholders()["content"]
    add_plugin(placeholder, "DocumentListPlugin", LANGUAGE, heading="Leaflets").files.set([leaflet, private])
    Version.objects.get_for_content(content).publish(author)

    html = client.get("/files/").content.decode()

    assert f'href="{leaflet.url}"' in html
    assertInHTML('<dd class="ds_metadata__value">PDF</dd>', html)
    assertInHTML('<dd class="ds_metadata__value">2.0\xa0KB</dd>', html)
    assert "Staff notes" not in html
