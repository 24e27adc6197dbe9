"""A withdrawn publication keeps a page that says when and why, as GOV.UK's do, and nothing else."""

import pytest
from django.urls import reverse

from publications.factories import DocumentFactory, PublicationFactory
from publications.models import Publication, PublicationEvent, SlugHistory

pytestmark = pytest.mark.django_db

REASON = "Replaced by the 2026 edition."


@pytest.fixture
def guide(category):
    publication = PublicationFactory(
        title="Staffing guide",
        slug="staffing-guide",
        summary="How many staff a service needs.",
        categories=[category],
    )
    DocumentFactory(publication=publication, title="Full staffing guide")
    return publication


def withdraw_url(publication):
    return reverse("admin:publications_publication_withdraw", args=[publication.pk])


def withdraw(client, user, publication, reason=REASON):
    client.force_login(user)
    response = client.post(withdraw_url(publication), {"reason": reason})
    client.logout()
    return response


def test_a_publisher_withdraws_with_a_reason_and_the_record_says_who_and_when(client, publisher, guide):
    response = withdraw(client, publisher, guide)

    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.status == Publication.Status.WITHDRAWN
    assert guide.withdrawn_reason == REASON
    event = PublicationEvent.objects.get(publication=guide)
    assert (event.kind, event.by, event.note, event.at) == (
        "withdrawn",
        publisher,
        REASON,
        guide.withdrawn_at,
    )


def test_withdrawing_needs_a_reason(client, publisher, guide):
    response = withdraw(client, publisher, guide, reason="  ")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    guide.refresh_from_db()
    assert guide.status == Publication.Status.PUBLISHED


def test_an_editor_cannot_withdraw(client, editor, guide):
    client.force_login(editor)
    assert client.get(withdraw_url(guide)).status_code == 403
    assert client.post(withdraw_url(guide), {"reason": REASON}).status_code == 403
    guide.refresh_from_db()
    assert guide.status == Publication.Status.PUBLISHED
    page = client.get(reverse("admin:publications_publication_change", args=[guide.pk])).content.decode()
    assert withdraw_url(guide) not in page


def test_a_publisher_finds_the_withdraw_button_on_a_published_publication(client, publisher, guide):
    client.force_login(publisher)
    page = client.get(reverse("admin:publications_publication_change", args=[guide.pk])).content.decode()
    assert f'href="{withdraw_url(guide)}"' in page
    assert "Withdraw" in client.get(withdraw_url(guide)).content.decode()


def test_the_page_stays_and_says_when_and_why(client, publisher, guide):
    withdraw(client, publisher, guide)
    guide.refresh_from_db()

    response = client.get(guide.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="ds_notification publication-withdrawn"' in html
    assert f'This publication was withdrawn on <time datetime="{guide.withdrawn_at:%Y-%m-%d}">' in html
    assert REASON in html
    assert "Staffing guide" in html and "How many staff a service needs." in html
    assert "Full staffing guide" not in html
    assert "/download/" not in html


def test_an_old_address_still_leads_to_the_withdrawn_page(client, publisher, guide):
    SlugHistory.objects.create(old_slug="staffing", publication=guide)
    withdraw(client, publisher, guide)

    response = client.get("/publications/staffing/")

    assert response.status_code == 301
    assert response["Location"] == guide.get_absolute_url()


def test_its_documents_are_gone_with_a_page_that_says_so(client, publisher, guide):
    download_url = guide.documents.get().get_download_url()
    assert client.get(download_url).status_code == 200
    withdraw(client, publisher, guide)

    response = client.get(download_url)

    assert response.status_code == 410
    html = response.content.decode()
    assert "Document withdrawn" in html
    assert f'<a href="{guide.get_absolute_url()}">Staffing guide</a>' in html


def test_it_drops_out_of_lists_search_and_feeds(client, publisher, guide, category):
    PublicationFactory(title="Still here", slug="still-here", categories=[category])
    places = ["/publications/", category.get_absolute_url(), "/search/?q=guide", "/publications/feed/"]
    before = {place: client.get(place).content.decode() for place in places}
    assert all("staffing-guide" in html for html in before.values()), [
        p for p, h in before.items() if "staffing-guide" not in h
    ]

    withdraw(client, publisher, guide)

    for place in places:
        html = client.get(place).content.decode()
        assert "staffing-guide" not in html, place


def test_choosing_withdrawn_in_the_status_menu_is_not_offered(client, publisher, guide):
    client.force_login(publisher)
    page = client.get(reverse("admin:publications_publication_change", args=[guide.pk])).content.decode()
    assert '<option value="withdrawn"' not in page


def test_publishing_it_again_clears_the_withdrawal(client, publisher, guide):
    withdraw(client, publisher, guide)
    guide.refresh_from_db()
    guide.status = Publication.Status.PUBLISHED
    guide.save()

    assert (guide.withdrawn_at, guide.withdrawn_reason) == (None, "")
    assert client.get(guide.documents.get().get_download_url()).status_code == 200


def test_it_drops_out_of_the_sitemap(client, publisher, guide):
    from publications.sitemaps import PublicationSitemap

    withdraw(client, publisher, guide)

    assert guide not in PublicationSitemap().items()


def test_an_editors_changes_to_a_withdrawn_publication_wait_for_a_publisher(client, publisher, editor, guide):
    withdraw(client, publisher, guide)
    client.force_login(editor)

    response = client.post(
        reverse("admin:publications_publication_change", args=[guide.pk]),
        {"title": "Changed quietly", "slug": guide.slug, "summary": guide.summary, "categories": []},
    )

    assert response.status_code == 403
    guide.refresh_from_db()
    assert guide.title == "Staffing guide"
