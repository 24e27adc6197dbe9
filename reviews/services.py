"""The review workflow: an editor submits a draft, a publisher publishes it or sends it back.

What can be reviewed: a page's draft (PageContent in a draft version), changes
to a live publication (PublicationRevision) and a publication that was never
published. Publishing goes through what already publishes each of them
(djangocms-versioning's ``Version.publish``, ``publications.revisions``), so
their own records (version history, the publishing record) stay complete.
Every transition writes a ReviewEvent with who and when.
"""

from cms.models import PageContent
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.models import Version

from publications.models import Publication, PublicationRevision
from publications.revisions import RevisionError, publish_revision, record_save

from .models import ReviewEvent, ReviewRequest

PUBLISH_PAGE_PERMISSION = "cms.publish_page"
PUBLISH_PUBLICATION_PERMISSION = "publications.publish_publication"
SUBMIT_PERMISSION = "reviews.add_reviewrequest"
CHANGE_PERMISSIONS = {
    PageContent: "cms.change_page",
    PublicationRevision: "publications.change_publicationrevision",
    Publication: "publications.change_publication",
}


NOTE_REQUIRED = "Write a short note for the publisher: what changed and why."
COMMENT_REQUIRED = "Say what the editor should change before it can be published."


class ReviewError(Exception):
    """Why this cannot be done now, in words for staff."""


class NotAllowed(ReviewError, PermissionDenied):
    """The person may not do this; views answer 403."""


def kind_of(item) -> str:
    if isinstance(item, PageContent):
        return ReviewRequest.Kind.PAGE
    if isinstance(item, (PublicationRevision, Publication)):
        return ReviewRequest.Kind.PUBLICATION
    raise ReviewError("Only page drafts and publications can be sent for review.")


def can_decide(user, kind: str | None = None) -> bool:
    """Whether this person publishes this kind of item (any kind when None): the queue is theirs."""
    permissions = {
        ReviewRequest.Kind.PAGE: PUBLISH_PAGE_PERMISSION,
        ReviewRequest.Kind.PUBLICATION: PUBLISH_PUBLICATION_PERMISSION,
    }
    if kind is not None:
        return user.has_perm(permissions[kind])
    return any(user.has_perm(permission) for permission in permissions.values())


def can_submit(user, item) -> bool:
    return user.has_perm(SUBMIT_PERMISSION) and user.has_perm(CHANGE_PERMISSIONS[type(item)])


def page_version(content: PageContent) -> Version:
    return Version.objects.get_for_content(content)


def waiting_problem(item) -> str:
    """Why this item is not a draft that can wait for review ("" when it is)."""
    if isinstance(item, PageContent):
        if page_version(item).state != DRAFT:
            return "Only a draft can be sent for review; this version is no longer a draft."
    elif isinstance(item, PublicationRevision):
        if not item.is_open:
            return f"These changes were {item.get_status_display().lower()} already."
    elif item.status != Publication.Status.DRAFT:
        return "This publication is live: change it with “Change this publication”, then send those changes."
    return ""


def title_of(item) -> str:
    return str(item.title)[:255]


def _log(review, action, user, comment=""):
    ReviewEvent.objects.create(request=review, action=action, by=user, comment=comment)


def submit(item, user, note: str) -> ReviewRequest:
    """Send a draft to the publishers, or send a sent-back draft again."""
    note = (note or "").strip()
    if not note:
        raise ReviewError(NOTE_REQUIRED)
    kind = kind_of(item)
    if not can_submit(user, item):
        raise NotAllowed("You cannot send this for review: you may not change it.")
    if problem := waiting_problem(item):
        raise ReviewError(problem)
    with transaction.atomic():
        if isinstance(item, PublicationRevision) and item.status == PublicationRevision.Status.STARTED:
            record_save(item, user)  # moves it to "waiting" and writes the publishing record
        review = ReviewRequest.objects.for_item(item).open().select_for_update().first()
        if review is not None and review.state == ReviewRequest.State.WAITING:
            raise ReviewError("This draft is already waiting for review.")
        action = ReviewEvent.Action.RESUBMITTED if review is not None else ReviewEvent.Action.SUBMITTED
        if review is None:
            review = ReviewRequest(item=item, kind=kind)
        review.title, review.note = title_of(item), note
        review.state, review.submitted_by, review.submitted_at = (
            ReviewRequest.State.WAITING,
            user,
            timezone.now(),
        )
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError:  # someone submitted it at the same moment
            raise ReviewError("This draft is already waiting for review.") from None
        _log(review, action, user, note)
    return review


def _lock(review: ReviewRequest, *states) -> ReviewRequest:
    locked = ReviewRequest.objects.select_for_update().get(pk=review.pk)
    if locked.state not in states:
        raise ReviewError(f"This request is “{locked.get_state_display().lower()}” already.")
    return locked


def _decide(review, user, state, action, comment=""):
    review.state, review.decided_by, review.decided_at = state, user, timezone.now()
    review.comment = comment
    review.save(update_fields=["state", "decided_by", "decided_at", "comment"])
    _log(review, action, user, comment)


def send_back(review: ReviewRequest, user, comment: str) -> ReviewRequest:
    """Return the draft to its editor with the publisher's comment; the draft stays as it is."""
    comment = (comment or "").strip()
    if not can_decide(user, review.kind):
        raise NotAllowed("Only a content publisher can send a draft back.")
    if not comment:
        raise ReviewError(COMMENT_REQUIRED)
    with transaction.atomic():
        review = _lock(review, ReviewRequest.State.WAITING)
        _decide(review, user, ReviewRequest.State.SENT_BACK, ReviewEvent.Action.SENT_BACK, comment)
    return review


def publish(review: ReviewRequest, user) -> ReviewRequest:
    """Publish the draft the way its own workflow does, and close the request; all or nothing."""
    if not can_decide(user, review.kind):
        raise NotAllowed("Only a content publisher can publish.")
    with transaction.atomic():
        review = _lock(review, ReviewRequest.State.WAITING)
        item = review.item
        if item is None:
            raise ReviewError("The draft was deleted; nothing is left to publish.")
        if problem := waiting_problem(item):
            raise ReviewError(problem)
        # Closed first, so that the publishing's own signals (see signals.py) find nothing open.
        _decide(review, user, ReviewRequest.State.PUBLISHED, ReviewEvent.Action.PUBLISHED)
        _publish_item(item, user)
    return review


def _publish_item(item, user):
    if isinstance(item, PageContent):
        version = page_version(item)
        if not version.check_publish.as_bool(user):
            raise NotAllowed("You may not publish this page.")
        version.publish(user)
    elif isinstance(item, PublicationRevision):
        try:
            publish_revision(item, user)
        except RevisionError as error:
            raise ReviewError(str(error)) from error
    else:
        item.status = Publication.Status.PUBLISHED
        item.published_at = item.published_at or timezone.now()
        try:
            item.clean()
        except ValidationError as error:
            raise ReviewError(" ".join(error.messages)) from error
        item.save()


def withdraw(review: ReviewRequest, user) -> ReviewRequest:
    """The editor takes the request back; the draft stays a draft."""
    if review.submitted_by_id != user.pk:
        raise NotAllowed("Only the person who sent it for review can withdraw it.")
    with transaction.atomic():
        review = _lock(review, *ReviewRequest.OPEN_STATES)
        review.state = ReviewRequest.State.WITHDRAWN
        review.save(update_fields=["state"])
        _log(review, ReviewEvent.Action.WITHDRAWN, user)
    return review


def close_decided_elsewhere(item, user, *, published: bool) -> None:
    """A draft published or dropped outside these screens (the CMS, the revision admin) leaves the queue."""
    review = ReviewRequest.objects.for_item(item).open().first()
    if review is None:
        return
    if published:
        _decide(
            review, user, ReviewRequest.State.PUBLISHED, ReviewEvent.Action.PUBLISHED, "Published directly."
        )
    else:
        review.state = ReviewRequest.State.WITHDRAWN
        review.save(update_fields=["state"])
        _log(review, ReviewEvent.Action.WITHDRAWN, user, "The draft was discarded or archived.")
