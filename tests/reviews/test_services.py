"""The review workflow itself: each transition, who may make it, and the log it leaves."""

import pytest
from djangocms_versioning.constants import DRAFT, PUBLISHED
from djangocms_versioning.models import Version

from publications.models import Publication, PublicationEvent, PublicationRevision
from reviews import services
from reviews.models import ReviewEvent, ReviewRequest

pytestmark = pytest.mark.django_db


def version_state(content):
    """Read afresh: djangocms-versioning caches a content object's version on it."""
    return Version.objects.get(pk=Version.objects.get_for_content(content).pk).state


def actions(review):
    return [(event.action, event.by.username, event.comment) for event in review.events.order_by("at", "pk")]


@pytest.mark.parametrize("item_name", ["page_draft", "revision", "draft_publication"])
def test_a_draft_goes_back_and_forth_then_is_published_and_every_step_is_logged(
    request, item_name, editor, publisher
):
    item = request.getfixturevalue(item_name)

    review = services.submit(item, editor, "New fees from April.")
    assert review.state == ReviewRequest.State.WAITING and review.title == item.title
    assert list(ReviewRequest.objects.waiting()) == [review]

    services.send_back(review, publisher, "Say which April.")
    review.refresh_from_db()
    assert review.state == ReviewRequest.State.SENT_BACK and review.comment == "Say which April."
    assert review.decided_by == publisher and review.decided_at is not None
    assert list(ReviewRequest.objects.waiting()) == []

    again = services.submit(item, editor, "April 2027.")
    assert again.pk == review.pk and again.state == ReviewRequest.State.WAITING

    services.publish(again, publisher)
    again.refresh_from_db()
    assert again.state == ReviewRequest.State.PUBLISHED and again.decided_by == publisher
    assert actions(again) == [
        ("submitted", "editor", "New fees from April."),
        ("sent_back", "publisher", "Say which April."),
        ("resubmitted", "editor", "April 2027."),
        ("published", "publisher", ""),
    ]
    assert all(event.at is not None for event in again.events.all())


def test_publishing_a_page_request_publishes_the_draft_version(page_draft, editor, publisher):
    review = services.submit(page_draft, editor, "New fees.")

    services.publish(review, publisher)

    assert version_state(page_draft) == PUBLISHED


def test_publishing_a_revision_applies_it_and_keeps_the_publishing_record(revision, editor, publisher):
    review = services.submit(revision, editor, "Revised text.")

    services.publish(review, publisher)

    revision.refresh_from_db()
    assert revision.status == PublicationRevision.Status.PUBLISHED
    assert revision.publication.body == "<p>Revised guidance text.</p>"
    assert not revision.publication.documents.exists()
    kinds = set(PublicationEvent.objects.filter(revision=revision).values_list("kind", "by__username"))
    assert kinds == {("submitted", "editor"), ("published", "publisher")}


def test_publishing_a_draft_publication_makes_it_live_from_now(draft_publication, editor, publisher):
    review = services.submit(draft_publication, editor, "Ready.")

    services.publish(review, publisher)

    draft_publication.refresh_from_db()
    assert draft_publication.is_public


def test_an_editor_cannot_publish_or_send_back_and_nothing_changes(page_draft, draft_publication, editor):
    page_review = services.submit(page_draft, editor, "Please publish.")
    publication_review = services.submit(draft_publication, editor, "Please publish.")

    for review in (page_review, publication_review):
        with pytest.raises(services.NotAllowed, match="Only a content publisher"):
            services.publish(review, editor)
        with pytest.raises(services.NotAllowed, match="Only a content publisher"):
            services.send_back(review, editor, "no")

    assert version_state(page_draft) == DRAFT
    draft_publication.refresh_from_db()
    assert draft_publication.status == Publication.Status.DRAFT
    assert set(ReviewRequest.objects.values_list("state", flat=True)) == {"waiting"}
    assert set(ReviewEvent.objects.values_list("action", flat=True)) == {"submitted"}


def test_a_note_and_a_comment_are_required(draft_publication, editor, publisher):
    with pytest.raises(services.ReviewError, match="short note"):
        services.submit(draft_publication, editor, "   ")
    review = services.submit(draft_publication, editor, "Ready.")
    with pytest.raises(services.ReviewError, match="should change"):
        services.send_back(review, publisher, "")
    review.refresh_from_db()
    assert review.state == ReviewRequest.State.WAITING


def test_one_open_request_per_draft(draft_publication, editor):
    services.submit(draft_publication, editor, "Ready.")

    with pytest.raises(services.ReviewError, match="already waiting"):
        services.submit(draft_publication, editor, "Ready, really.")

    assert ReviewRequest.objects.count() == 1


def test_only_drafts_can_be_submitted(draft_publication, editor):
    draft_publication.status = Publication.Status.PUBLISHED
    draft_publication.save()

    with pytest.raises(services.ReviewError, match="This publication is live"):
        services.submit(draft_publication, editor, "Ready.")


def test_the_editor_withdraws_a_request_and_can_send_it_again_later(draft_publication, editor, publisher):
    review = services.submit(draft_publication, editor, "Ready.")
    with pytest.raises(services.NotAllowed):
        services.withdraw(review, publisher)

    services.withdraw(review, editor)

    review.refresh_from_db()
    assert review.state == ReviewRequest.State.WITHDRAWN
    with pytest.raises(services.ReviewError, match="withdrawn"):
        services.publish(review, publisher)
    fresh = services.submit(draft_publication, editor, "Ready now.")
    assert fresh.pk != review.pk


def test_a_page_draft_published_from_the_cms_leaves_the_queue_with_who_did_it(page_draft, editor, publisher):
    review = services.submit(page_draft, editor, "New fees.")

    Version.objects.get_for_content(page_draft).publish(publisher)

    review.refresh_from_db()
    assert review.state == ReviewRequest.State.PUBLISHED and review.decided_by == publisher
    assert actions(review)[-1] == ("published", "publisher", "Published directly.")
    with pytest.raises(services.ReviewError, match="published"):
        services.publish(review, publisher)


def test_changes_published_or_discarded_in_the_publications_admin_leave_the_queue(
    revision, draft_publication, editor, publisher
):
    from publications.revisions import discard_revision

    revision_review = services.submit(revision, editor, "Revised.")
    draft_review = services.submit(draft_publication, editor, "Ready.")

    discard_revision(revision, publisher)
    draft_publication.status = Publication.Status.PUBLISHED
    draft_publication.save()

    revision_review.refresh_from_db()
    draft_review.refresh_from_db()
    assert revision_review.state == ReviewRequest.State.WITHDRAWN
    assert actions(revision_review)[-1] == ("withdrawn", "publisher", "The draft was discarded or archived.")
    assert draft_review.state == ReviewRequest.State.PUBLISHED
    assert list(ReviewRequest.objects.waiting()) == []
