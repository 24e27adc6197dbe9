"""Site search at /search/: publications ranked by where the words appear, CMS pages too, any input."""

import pytest

from publications.factories import PublicationFactory
from publications.models import Publication
from tests.factories import SuperuserFactory, draft_page, published_page

pytestmark = pytest.mark.django_db


def results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_title_matches_rank_above_summary_above_body(client):
    PublicationFactory(title="Body match", summary="Nothing here.", body="<p>All about continence care.</p>")
    PublicationFactory(title="Title continence", summary="Nothing here.", body="<p>Nothing.</p>")
    PublicationFactory(title="Summary match", summary="Continence support.", body="<p>Nothing.</p>")

    page = results(client, "continence")

    assert (
        page.index(">Title continence</a>") < page.index(">Summary match</a>") < page.index(">Body match</a>")
    )
    assert "3 publications found" in page


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


@pytest.mark.parametrize(
    "query",
    ["", " ", '"', "'", '"unbalanced', "%", "%%", "_", "\\", "<script>alert(1)</script>", "😀", "continence 😀",
     "a" * 2000, "word " * 400, "!@#$%^&*()", "OR AND NOT", "-", "&", "|", ":*", "\x00", "é ß ł"],
)  # fmt: skip
def test_odd_queries_give_a_normal_page(client, query):
    PublicationFactory(title="Continence")

    page = results(client, query)

    assert "<script>alert(1)</script>" not in page
    assert "Search</h1>" in page


def test_a_very_long_query_is_cut_short(client):
    page = results(client, "a" * 2000)

    assert "a" * 201 not in page


def test_the_query_is_kept_in_the_search_box_and_pagination(client):
    for n in range(25):
        PublicationFactory(title=f"Guide {n}")

    page = results(client, "guide")

    assert 'value="guide"' in page
    assert "?q=guide&amp;page=2" in page
