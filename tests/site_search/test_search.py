"""/search/: care services, publications and pages in one page, each word matched on its own, any input.

CI runs this file on PostgreSQL and again on SQLite (`make test-sqlite`): the
embedded default must find what production finds.
"""

import pytest
from cms.api import add_plugin
from django.urls import reverse
from djangocms_versioning.models import Version

from publications.factories import CategoryFactory, DocumentFactory, PublicationFactory
from publications.models import Publication
from services_registry.factories import CareServiceFactory
from site_search.models import Synonym
from tests.factories import SuperuserFactory, draft_page, published_page

pytestmark = pytest.mark.django_db
CONTINENCE_TITLE = "Promoting continence for people living with dementia"


def results(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def continence_guide():
    return PublicationFactory(
        title=CONTINENCE_TITLE,
        summary="Practical guidance for care staff supporting people with dementia to stay continent.",
    )


@pytest.mark.parametrize("query", ["continence dementia", "dementia continence", "Continence  DEMENTIA"])
def test_every_word_is_matched_on_its_own(client, continence_guide, query):
    PublicationFactory(title="Dementia friendly design")

    page = results(client, query)

    assert f">{CONTINENCE_TITLE}</a>" in page
    assert "Dementia friendly design" not in page  # every word must be there, not any


def test_words_match_in_any_form(client, continence_guide):
    PublicationFactory(title="Inspecting care services", summary="How an inspection of a service works.")

    assert ">Inspecting care services</a>" in results(client, "inspection service")


def test_a_synonym_staff_add_in_the_admin_finds_the_word_our_pages_use(client, continence_guide):
    # Without it the nearest spelling is the only way there, and the page says it guessed.
    assert "Showing results for “<strong>continence</strong>”" in results(client, "incontinence")

    client.force_login(SuperuserFactory(username="editor"))
    response = client.post(
        reverse("admin:site_search_synonym_add"), {"word": "Incontinence", "also_finds": "continence"}
    )
    assert response.status_code == 302
    client.logout()

    page = results(client, "incontinence")
    assert f">{CONTINENCE_TITLE}</a>" in page
    assert "Showing results for" not in page
    assert f">{CONTINENCE_TITLE}</a>" in results(client, "incontinence dementia")


def test_a_synonym_may_be_a_phrase(client):
    PublicationFactory(title="About the Care Inspectorate")
    Synonym.objects.create(word="ci", also_finds="Care Inspectorate")

    assert ">About the Care Inspectorate</a>" in results(client, "CI")


def test_the_synonym_form_explains_what_it_needs(client):
    client.force_login(SuperuserFactory(username="editor"))

    response = client.post(reverse("admin:site_search_synonym_add"), {"word": "two words", "also_finds": "x"})

    assert response.status_code == 200
    assert "Type one word" in response.content.decode()
    assert not Synonym.objects.exists()


def test_a_misspelling_finds_the_right_publication(client, continence_guide):
    assert f">{CONTINENCE_TITLE}</a>" in results(client, "continance")


def test_a_query_that_finds_nothing_is_tried_with_its_nearest_spelling(client, continence_guide):
    page = results(client, "continence demntia")

    assert (
        "No results for “continence demntia”. Showing results for “<strong>continence dementia</strong>”."
        in page
    )
    assert f">{CONTINENCE_TITLE}</a>" in page


def test_a_misspelt_care_home_name_finds_the_home(client):
    CareServiceFactory(name="Rosewood House Care Home", service_number="CS2003001025")

    page = results(client, "rosewod")

    assert ">Rosewood House Care Home</a>" in page


def test_text_to_complain_finds_the_page_that_says_so(client):
    author = SuperuserFactory(username="author")
    published_page(
        "Make a complaint",
        user=author,
        slug="complain",
        body="<p>You can text us on 07870 981 785 to complain about a care service.</p>",
    )
    published_page("Our history", user=author, slug="history", body="<p>Who we are.</p>")

    page = results(client, "text to complain")

    assert 'href="/complain/">Make a complaint</a>' in page
    assert "Our history</a>" not in page


def test_a_document_title_finds_its_publication(client):
    guide = PublicationFactory(title="Annual report 2025")
    DocumentFactory(publication=guide, title="Technical appendix: staffing tables")

    assert ">Annual report 2025</a>" in results(client, "staffing appendix")


def test_a_care_homes_name_finds_the_service_beside_the_publications(client, continence_guide):
    CareServiceFactory(name="Rosewood House Care Home", service_number="CS2003001025", town="Dundee")

    page = results(client, "rosewood house")

    assert "Care services (1)" in page
    assert 'href="/services/CS2003001025/">Rosewood House Care Home</a>' in page
    assert "Publications (" not in page


def test_results_are_grouped_by_kind_with_counts_and_one_kind_can_be_shown(client):
    author = SuperuserFactory(username="author")
    CareServiceFactory(name="Meadow View Nursery")
    for n in range(6):
        PublicationFactory(title=f"Nursery guidance {n}")
    published_page("Nursery inspections", user=author, slug="nursery-inspections")

    page = results(client, "nursery")

    assert "8 results for “nursery”" in page
    assert "All results (8)" in page
    assert "Care services (1)" in page
    assert "Publications (6)" in page
    assert "Pages (1)" in page
    assert "See all 6 publications" in page
    assert page.count(">Nursery guidance") == 4  # the first few of each kind

    only_publications = results(client, "nursery", kind="publications")
    assert only_publications.count(">Nursery guidance") == 6
    assert "Meadow View Nursery</a>" not in only_publications
    assert 'aria-current="page">Publications (6)' in only_publications


def test_one_kind_is_paginated_keeping_the_query(client):
    for n in range(25):
        PublicationFactory(title=f"Guide {n}")

    page = results(client, "guide", kind="publications")

    assert 'value="guide"' in page
    assert "?q=guide&amp;kind=publications&amp;page=2" in page
    assert "1 to 20 of 25" in page


def test_title_matches_rank_above_summary_above_body(client):
    PublicationFactory(title="Body match", summary="Nothing here.", body="<p>All about continence care.</p>")
    PublicationFactory(title="Title continence", summary="Nothing here.", body="<p>Nothing.</p>")
    PublicationFactory(title="Summary match", summary="Continence support.", body="<p>Nothing.</p>")

    page = results(client, "continence", kind="publications")

    assert (
        page.index(">Title continence</a>") < page.index(">Summary match</a>") < page.index(">Body match</a>")
    )
    assert "Publications (3)" in page


def test_a_service_number_typed_alone_goes_to_the_service(client):
    CareServiceFactory(name="Rosewood House", service_number="CS2003001025")

    response = client.get("/search/", {"q": " cs2003001025 "})

    assert response.status_code == 302
    assert response["Location"] == "/services/CS2003001025/"


def test_an_unknown_service_number_says_nothing_was_found(client):
    assert "No results for “CS2003009999”" in results(client, "CS2003009999")


def test_a_hidden_address_is_never_searched(client):
    CareServiceFactory(
        name="Harbour Children's House",
        service_type="Care Home Service",
        subtype="Children & Young People",
        town="Arbroath",
        postcode="DD11 1AA",
    )
    CareServiceFactory(
        name="Harbour Nursery", service_type="Day Care of Children", town="Arbroath", postcode="DD11 1AB"
    )

    by_town = results(client, "Arbroath")
    by_postcode = results(client, "DD11 1A")

    assert "Harbour Nursery</a>" in by_town and "Harbour Nursery</a>" in by_postcode
    assert "Harbour Children" not in by_town and "Harbour Children" not in by_postcode
    assert "DD11 1AA" not in results(client, "Harbour")


def test_no_results_say_so_and_offer_other_ways_on(client):
    CategoryFactory(name="Guidance for services")

    page = results(client, "zzqxw")

    assert "No results for “zzqxw”" in page
    assert 'href="/services/">Find a care service</a>' in page
    assert ">Guidance for services</a>" in page
    assert "0345 600 9527" in page


def test_drafts_and_scheduled_publications_are_not_found(client):
    PublicationFactory(title="Secret continence plan", status=Publication.Status.DRAFT)

    assert "Secret continence plan" not in results(client, "continence")


def test_published_cms_pages_are_found_but_drafts_are_not(client):
    author = SuperuserFactory(username="author")
    published_page(
        "Privacy notice", user=author, slug="privacy", meta_description="How we use personal data."
    )
    draft_page("Privacy draft", user=author, slug="privacy-draft")

    page = results(client, "privacy")

    assert 'href="/privacy/">Privacy notice</a>' in page
    assert "How we use personal data." in page
    assert "Privacy draft" not in page


def test_a_page_published_after_a_search_is_found_by_the_same_search(client):
    author = SuperuserFactory(username="author")
    assert "Fostering panels" not in results(client, "fostering")

    published_page("Fostering panels", user=author, slug="fostering-panels")

    assert 'href="/fostering-panels/">Fostering panels</a>' in results(client, "fostering")


def test_the_query_costs_the_same_few_queries_whatever_the_size_of_the_site(
    client, django_assert_max_num_queries
):
    """Warm (menus, pages and synonyms kept): a count and a page of each kind of database result."""
    author = SuperuserFactory(username="author")
    published_page("Care at home", user=author, slug="care-at-home")

    def searched(query, kind=None):
        params = {"kind": kind} if kind else {}
        results(client, "care warm-up " + query, **params)  # a different address: not a stored page
        with django_assert_max_num_queries(4):
            return results(client, "care " + query, **params)

    for n in range(3):
        PublicationFactory(title=f"Care guide {n}")
        CareServiceFactory(name=f"Care home {n}")
    searched("")
    for n in range(3, 40):
        PublicationFactory(title=f"Care guide {n}")
        CareServiceFactory(name=f"Care home {n}")
    assert "Care services (40)" in searched("")
    searched("", "publications")
    searched("", "services")


@pytest.mark.parametrize(
    "query",
    ["", " ", '"', "'", '"unbalanced', "%", "%%", "_", "\\", "<script>alert(1)</script>", "😀", "continence 😀",
     "a" * 10000, "word " * 2000, "!@#$%^&*()", "OR AND NOT", "-", "&", "|", ":*", "\x00", "é ß ł",
     "'; DROP TABLE publications_publication; --", "1' OR '1'='1", "to the of", "\x1b[31m red \x07",
     "<img src=x onerror=alert(1)>", "continence & | ! ( ) :* <->", "CS", "CS2003"],
)  # fmt: skip
def test_hostile_queries_give_a_normal_page(client, query):
    PublicationFactory(title="Continence")
    CareServiceFactory(name="Rosewood")

    page = results(client, query)

    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "Search</h1>" in page


def test_a_very_long_query_is_cut_short(client):
    page = results(client, "a" * 10000)

    assert "a" * 201 not in page


def test_content_publishers_keep_the_synonyms_and_editors_only_read_them(client):
    from django.contrib.auth.models import Group

    from tests.factories import StaffFactory

    publisher = StaffFactory(username="publisher")
    publisher.groups.add(Group.objects.get(name="Content publisher"))
    editor = StaffFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Content editor"))
    add = reverse("admin:site_search_synonym_add")

    client.force_login(editor)
    assert client.post(add, {"word": "bladder", "also_finds": "continence"}).status_code == 403
    client.force_login(publisher)
    assert client.post(add, {"word": "bladder", "also_finds": "continence"}).status_code == 302
    assert Synonym.objects.get().meanings == ["continence"]


@pytest.mark.parametrize("query", ["house rosewood", "Rosewood's house", "ROSEWOOD  house care"])
def test_a_care_home_is_found_by_its_words_in_any_order(client, query):
    CareServiceFactory(name="Rosewood House Care Home", service_number="CS2003001025")
    CareServiceFactory(name="Rosewood Nursery")

    page = results(client, query)

    assert ">Rosewood House Care Home</a>" in page
    assert "Rosewood Nursery" not in page


def test_the_search_page_has_one_search_box_and_other_pages_the_headers(client):
    assert results(client, "care").count('role="search"') == 1
    assert 'id="site-search"' in client.get("/publications/").content.decode()


def test_trying_the_nearest_spelling_costs_a_few_queries_a_word(
    client, continence_guide, django_assert_max_num_queries
):
    """Both searches (four each at most), and per word typed two lookups of similar titles and names."""
    for n in range(30):
        PublicationFactory(title=f"Dementia guide {n}")
    results(client, "warm up the kept values")
    with django_assert_max_num_queries(4 + 1 + 2 * 2 + 4):
        page = results(client, "continence demntia")
    assert "Showing results for" in page


def test_pages_that_need_a_sign_in_are_not_found(client):
    author = SuperuserFactory(username="author")
    published_page("Staff rota secrets", user=author, slug="staff-rota", login_required=True)

    assert "Staff rota secrets" not in results(client, "rota")


def test_a_long_query_of_unknown_words_costs_a_bounded_number_of_lookups(
    client, django_assert_max_num_queries
):
    results(client, "warm up the kept values")
    with django_assert_max_num_queries(4 + 1 + 2 * 8):
        results(client, " ".join(f"zq{chr(97 + n % 26)}x{n}" for n in range(40)))


def test_a_word_typed_with_a_separate_accent_finds_the_page_written_with_an_accented_letter(client):
    PublicationFactory(title="Café culture in day care")

    # "e" followed by a combining acute accent, as some phone keyboards and pasted text send it.
    page = results(client, "Cafe\u0301 culture")

    assert ">Café culture in day care</a>" in page
    assert "Showing results for" not in page  # found as typed, not by guessing a spelling


def test_a_blocks_settings_are_not_words_of_its_page(client):
    author = SuperuserFactory(username="author")
    content = draft_page("Adult services", user=author, slug="adults", body="<p>Care for adults.</p>")
    add_plugin(
        content.rescan_placeholders()["content"],
        "PublicationListPlugin",
        "en",
        heading="Guidance for adult services",
        category=CategoryFactory(),
        order="popular",
    )
    Version.objects.get_for_content(content).publish(author)

    assert 'href="/adults/">Adult services</a>' in results(client, "guidance adult")
    assert 'href="/adults/">Adult services</a>' not in results(client, "popular")
