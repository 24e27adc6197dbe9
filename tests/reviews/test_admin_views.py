"""The review screens as staff use them: submit, the queue, the comparison, decisions, the log."""

import pytest
from cms.toolbar.utils import get_object_edit_url
from django.urls import reverse
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.models import Version

from publications.factories import PublicationFactory
from publications.models import Publication
from reviews import services
from reviews.models import ReviewEvent, ReviewRequest

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:reviews_queue")


def review_url(review, action=None):
    if action is None:
        return reverse("admin:reviews_reviewrequest_change", args=[review.pk])
    return reverse(f"admin:reviews_reviewrequest_{action}", args=[review.pk])


def public(client, url):
    client.logout()
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_an_editor_sends_a_page_draft_with_a_note(client, editor, page_draft):
    client.force_login(editor)
    url = reverse("admin:reviews_submit", args=["page", page_draft.pk])

    form = client.get(url).content.decode()
    assert "Note for the publisher" in form and "Fees and charges" in form
    empty = client.post(url, {"note": "  "})
    assert empty.status_code == 200 and "Write a short note" in empty.content.decode()
    assert not ReviewRequest.objects.exists()

    response = client.post(url, {"note": "New fees from April."})

    review = ReviewRequest.objects.get()
    assert response.status_code == 302 and response.url == review_url(review)
    assert (review.kind, review.submitted_by, review.note) == ("page", editor, "New fees from April.")


def test_the_page_toolbar_offers_an_editor_to_send_the_draft(client, editor, publisher, page_draft):
    submit = reverse("admin:reviews_submit", args=["page", page_draft.pk])
    client.force_login(editor)
    assert submit in client.get(get_object_edit_url(page_draft)).content.decode()
    client.force_login(publisher)
    assert submit not in client.get(get_object_edit_url(page_draft)).content.decode()


def test_publication_pages_link_editors_to_the_submit_form(
    client, editor, publisher, revision, draft_publication
):
    revision_page = reverse("admin:publications_publicationrevision_change", args=[revision.pk])
    draft_page = reverse("admin:publications_publication_change", args=[draft_publication.pk])
    client.force_login(editor)
    assert (
        reverse("admin:reviews_submit", args=["revision", revision.pk])
        in client.get(revision_page).content.decode()
    )
    assert (
        reverse("admin:reviews_submit", args=["publication", draft_publication.pk])
        in client.get(draft_page).content.decode()
    )
    client.force_login(publisher)  # publishers publish directly
    assert "Send for review" not in client.get(draft_page).content.decode()


def test_the_queue_shows_pages_and_publications_oldest_first(
    client, editor, publisher, page_draft, draft_publication
):
    services.submit(draft_publication, editor, "Plans are ready.")
    services.submit(page_draft, editor, "New fees from April.")
    client.force_login(publisher)

    page = client.get(QUEUE).content.decode()

    assert page.index("Inspection plans 2027") < page.index("Fees and charges")
    assert "Plans are ready." in page and "New fees from April." in page
    assert "Publication" in page and "Page" in page and "editor" in page


def test_editors_have_no_queue(client, editor):
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 403


def test_the_queue_takes_the_same_queries_for_one_request_or_many(
    client, editor, publisher, django_assert_max_num_queries
):
    def submit_drafts(count):
        for _ in range(count):
            draft = PublicationFactory(status=Publication.Status.DRAFT, published_at=None)
            services.submit(draft, editor, "Ready.")

    client.force_login(publisher)
    submit_drafts(1)
    client.get(QUEUE)  # warm the permission and session caches
    with django_assert_max_num_queries(8) as one:
        assert client.get(QUEUE).status_code == 200
    submit_drafts(20)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(QUEUE).content.decode()
    assert page.count("Ready.") == 21


def test_the_comparison_marks_what_changed_on_a_page(client, editor, publisher, page_draft):
    review = services.submit(page_draft, editor, "New fees.")
    client.force_login(publisher)

    page = client.get(review_url(review)).content.decode()

    assert '<del><span class="visually-hidden">removed: </span>Old</del>' in page
    assert '<ins><span class="visually-hidden">added: </span>New</ins>' in page
    assert "Title <strong>(changed)</strong>" in page and "and charges" in page


def test_the_comparison_shows_changed_publication_text_and_documents(client, editor, publisher, revision):
    review = services.submit(revision, editor, "Revised.")
    client.force_login(publisher)

    page = client.get(review_url(review)).content.decode()

    assert '<span class="visually-hidden">removed: </span>Original</del>' in page
    assert '<span class="visually-hidden">added: </span>Revised</ins>' in page
    assert '<span class="visually-hidden">removed: </span>Full guide</del>' in page


def test_an_editor_posting_publish_is_refused_and_nothing_changes(
    client, editor, page_draft, draft_publication
):
    reviews = [services.submit(page_draft, editor, "Go."), services.submit(draft_publication, editor, "Go.")]
    client.force_login(editor)

    for review in reviews:
        assert client.post(review_url(review, "publish")).status_code == 403
        assert client.post(review_url(review, "send_back"), {"comment": "x"}).status_code == 403
        assert "Send back" not in client.get(review_url(review)).content.decode()

    assert Version.objects.get(pk=Version.objects.get_for_content(page_draft).pk).state == DRAFT
    assert Publication.objects.get(pk=draft_publication.pk).status == Publication.Status.DRAFT
    assert list(ReviewRequest.objects.values_list("state", flat=True)) == ["waiting", "waiting"]
    assert public(client, "/fees/")[1].count("Old fees") == 1
    assert public(client, draft_publication.get_absolute_url())[0] == 404


def test_publish_only_by_post(client, editor, publisher, draft_publication):
    review = services.submit(draft_publication, editor, "Go.")
    client.force_login(publisher)
    assert client.get(review_url(review, "publish")).status_code == 405


def test_sent_back_the_editor_reads_the_comment_and_sends_it_again(client, editor, publisher, page_draft):
    review = services.submit(page_draft, editor, "New fees.")
    client.force_login(publisher)
    no_comment = client.post(review_url(review, "send_back"), {"comment": ""})
    assert (
        no_comment.status_code == 400 and "Say what the editor should change" in no_comment.content.decode()
    )
    assert ReviewRequest.objects.get().state == "waiting"
    assert client.post(review_url(review, "send_back"), {"comment": "Give the date."}).status_code == 302

    client.force_login(editor)
    mine = client.get(reverse("admin:reviews_reviewrequest_changelist")).content.decode()
    assert "My review requests" in mine and "Give the date." in mine and "Sent back" in mine
    own_page = client.get(review_url(review)).content.decode()
    assert "Give the date." in own_page and "Send for review again" in own_page
    client.post(review_url(review, "resubmit"), {"note": "Date added."})

    assert ReviewRequest.objects.get().state == "waiting"
    assert list(ReviewEvent.objects.order_by("at", "pk").values_list("action", "by__username")) == [
        ("submitted", "editor"),
        ("sent_back", "publisher"),
        ("resubmitted", "editor"),
    ]


def test_another_editor_cannot_open_or_withdraw_the_request(client, editor, draft_publication):
    from tests.factories import StaffFactory

    review = services.submit(draft_publication, editor, "Go.")
    client.force_login(StaffFactory(username="other", groups=["Content editor"]))

    assert client.get(review_url(review)).status_code == 403
    assert client.post(review_url(review, "withdraw")).status_code == 403
    assert (
        "Inspection plans"
        not in client.get(reverse("admin:reviews_reviewrequest_changelist")).content.decode()
    )
    assert ReviewRequest.objects.get().state == "waiting"


def test_the_public_sees_only_what_was_published(client, editor, publisher, page_draft, draft_publication):
    page_review = services.submit(page_draft, editor, "New fees.")
    services.submit(draft_publication, editor, "Plans.")
    assert "Old fees" in public(client, "/fees/")[1]

    client.force_login(publisher)
    assert client.post(review_url(page_review, "publish")).status_code == 302

    status, page = public(client, "/fees/")
    assert status == 200 and "New fees" in page and "Old fees" not in page
    assert public(client, draft_publication.get_absolute_url())[0] == 404


def test_a_publisher_publishes_a_draft_publication_from_its_request(
    client, editor, publisher, draft_publication
):
    review = services.submit(draft_publication, editor, "Plans.")
    assert public(client, draft_publication.get_absolute_url())[0] == 404
    client.force_login(publisher)

    client.post(review_url(review, "publish"))

    status, page = public(client, draft_publication.get_absolute_url())
    assert status == 200 and "Our plans for next year." in page


def test_the_review_log_is_readable_and_read_only(client, editor, publisher, draft_publication, page_draft):
    services.send_back(services.submit(draft_publication, editor, "Plans."), publisher, "Needs a date.")
    services.submit(page_draft, editor, "Fees.")
    client.force_login(publisher)
    log = reverse("admin:reviews_reviewevent_changelist")

    everything = client.get(log).content.decode()
    pages_only = client.get(log, {"request__kind__exact": "page"}).content.decode()

    assert "Needs a date." in everything and "Sent back" in everything
    assert "Fees and charges" in pages_only and "Inspection plans" not in pages_only
    event = ReviewEvent.objects.first()
    assert (
        client.post(reverse("admin:reviews_reviewevent_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert ReviewEvent.objects.count() == 3


def test_the_submit_form_points_to_a_request_already_waiting(client, editor, draft_publication):
    review = services.submit(draft_publication, editor, "Ready.")
    client.force_login(editor)

    page = client.get(
        reverse("admin:reviews_submit", args=["publication", draft_publication.pk])
    ).content.decode()

    assert "already waiting for review" in page and review_url(review) in page
    assert 'name="note"' not in page
