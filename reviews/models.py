"""Review requests: an editor asks a publisher to publish a draft, and the log of what happened.

A request points (generic foreign key) at what waits: a page's draft
PageContent, a PublicationRevision (changes to a live publication) or a draft
Publication. The workflow is in ``reviews.services``; this module only keeps
the facts. ReviewEvent rows are the record and are never changed.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReviewRequestQuerySet(models.QuerySet):
    def open(self):
        """Waiting or sent back: at most one per item."""
        return self.filter(state__in=ReviewRequest.OPEN_STATES)

    def waiting(self):
        """The publishers' queue, oldest first."""
        return (
            self.filter(state=ReviewRequest.State.WAITING)
            .select_related("submitted_by")
            .order_by("submitted_at", "pk")
        )

    def for_user(self, user):
        """What this person submitted."""
        return self.filter(submitted_by=user)

    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class ReviewRequest(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", "Page"
        PUBLICATION = "publication", "Publication"

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for review"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN_STATES = (State.WAITING, State.SENT_BACK)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255, help_text="The draft's title when it was submitted.")
    note = models.CharField(max_length=500, help_text="What changed and why, for the publisher.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="The publisher's comment when sending it back.")

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "review request"
        indexes = [
            models.Index(fields=["state", "submitted_at"], name="review_queue_idx"),
            models.Index(fields=["submitted_by", "state"], name="review_mine_idx"),
            models.Index(fields=["content_type", "object_id"], name="review_item_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=["waiting", "sent_back"]),
                name="one_open_review_per_item",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES


class ReviewEvent(models.Model):
    """One line of the review log: who did what to a request, and when."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        RESUBMITTED = "resubmitted", "Submitted again"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    request = models.ForeignKey(ReviewRequest, related_name="events", on_delete=models.CASCADE)
    action = models.CharField(max_length=20, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "review log entry"
        verbose_name_plural = "review log"

    def __str__(self):
        return f"{self.get_action_display()}: {self.request.title}"
