"""Email alerts as GOV.UK's email-alert service does them, with no account.

A Subscriber is an email address and the random token that every link we send
it carries (manage, stop all). Each of its Subscriptions follows one Topic (every
publication, a category with its subcategories, or a care service) at a
frequency, and counts only once confirmed from the email we send.

An Announcement is one change worth telling people about (a major change note of
a live publication, a new inspection report, new grades, a change of registration
status), recorded once whatever happens to the worker. An AlertEmail is one email
queued in the complaints outbox; its unique constraints keep the same change, or
the same day's or week's summary, from being queued twice for one address.

Addresses are personal data: only the Alerts officer group sees them (admin.py);
unconfirmed ones are deleted after CONFIRM_WITHIN, stopping all alerts deletes the
address, and sent emails are forgotten after KEEP_SENT_EMAILS.
"""

import secrets
from datetime import timedelta

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from complaints.models import OutboxMessage
from publications.models import Category
from services_registry.models import CareService

# A confirmation link works this long; an address still unconfirmed after it is deleted.
CONFIRM_WITHIN = timedelta(days=7)
# Sent alert emails (addresses, bodies) are kept this long, then forgotten.
KEEP_SENT_EMAILS = timedelta(days=90)


def new_token() -> str:
    """256 random bits: the only key to a subscriber's manage and stop-all pages."""
    return secrets.token_urlsafe(32)


def normalise_email(address: str) -> str:
    """One subscriber per mailbox, however the address was typed."""
    return address.strip().lower()


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Straight away: an email for each change"
    DAILY = "daily", "Once a day: one email listing the day's changes"
    WEEKLY = "weekly", "Once a week: one email listing the week's changes"


def with_ancestors(paths) -> set[str]:
    """Category paths and every path above them: "guidance/adults" gives it and "guidance"."""
    found = set()
    for path in paths:
        parts = path.split("/")
        found.update("/".join(parts[: depth + 1]) for depth in range(len(parts)))
    return found


class TopicQuerySet(models.QuerySet):
    def for_categories(self, paths):
        """What a change to a publication in these categories reaches: every publication,
        each category and each category above it (following one includes its subcategories)."""
        return self.filter(Q(kind=Topic.Kind.PUBLICATIONS) | Q(category__path__in=with_ancestors(paths)))

    def with_counts(self):
        """Confirmed subscriptions per frequency: counts only, never who."""
        confirmed = Q(subscriptions__confirmed_at__isnull=False)
        return self.annotate(
            confirmed_count=Count("subscriptions", filter=confirmed),
            immediately_count=Count(
                "subscriptions", filter=confirmed & Q(subscriptions__frequency=Frequency.IMMEDIATELY)
            ),
            daily_count=Count(
                "subscriptions", filter=confirmed & Q(subscriptions__frequency=Frequency.DAILY)
            ),
            weekly_count=Count(
                "subscriptions", filter=confirmed & Q(subscriptions__frequency=Frequency.WEEKLY)
            ),
            waiting_count=Count("subscriptions", filter=Q(subscriptions__confirmed_at__isnull=True)),
        )


class Topic(models.Model):
    """Something people can follow. Its key ("publications", "category:<path>", "service:<number>")
    is how subscribe links name it.

    Deleting the category or the service leaves the topic without it (it then matches
    nothing, and the worker deletes it with its subscriptions), so alerts never stop
    staff deleting them.
    """

    class Kind(models.TextChoices):
        PUBLICATIONS = "publications", "Every publication"
        CATEGORY = "category", "A category of publications"
        SERVICE = "service", "A care service"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    service = models.ForeignKey(
        CareService, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = "topic (subscribers per topic)"
        verbose_name_plural = "subscribers per topic"
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="publications"), name="alerts_one_publications_topic"
            ),
            models.UniqueConstraint(fields=["category"], name="alerts_one_topic_per_category"),
            models.UniqueConstraint(fields=["service"], name="alerts_one_topic_per_service"),
            models.CheckConstraint(
                condition=Q(kind="publications", category__isnull=True, service__isnull=True)
                | Q(kind="category", service__isnull=True)
                | Q(kind="service", category__isnull=True),
                name="alerts_topic_names_one_thing",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.CATEGORY and self.category_id:
            return self.category.get_absolute_url()
        if self.kind == self.Kind.SERVICE and self.service_id:
            return self.service.get_absolute_url()
        return reverse("publications:library")

    @property
    def is_gone(self) -> bool:
        """Its category or service was deleted."""
        return (self.kind == self.Kind.CATEGORY and self.category_id is None) or (
            self.kind == self.Kind.SERVICE and self.service_id is None
        )

    @property
    def key(self) -> str:
        if self.kind == self.Kind.CATEGORY and self.category_id:
            return f"category:{self.category.path}"
        if self.kind == self.Kind.SERVICE and self.service_id:
            return f"service:{self.service.service_number}"
        return "publications" if self.kind == self.Kind.PUBLICATIONS else ""

    @property
    def title(self) -> str:
        if self.kind == self.Kind.PUBLICATIONS:
            return "New and updated publications"
        if self.kind == self.Kind.CATEGORY and self.category_id:
            return f"Publications in {self.category.name}"
        if self.kind == self.Kind.SERVICE and self.service_id:
            return f"{self.service.name} ({self.service.service_number})"
        return "Something no longer on our website"

    @property
    def what_you_get(self) -> str:
        """What following it brings, in a sentence for the subscribe page."""
        if self.kind == self.Kind.PUBLICATIONS:
            return "We email you when we publish something new or make a major change to a publication."
        if self.kind == self.Kind.CATEGORY:
            return (
                "We email you when we publish something new or make a major change to a publication "
                "in this category or any of its subcategories."
            )
        return (
            "We email you when this care service has a new inspection report or new grades, "
            "or its registration changes."
        )


class Subscriber(models.Model):
    """An email address that asked for alerts; its token is the key in every link we send it."""

    email = models.EmailField("email address", unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["email"]
        verbose_name = "subscriber (email address)"
        verbose_name_plural = "subscribers (email addresses)"

    def __str__(self):
        # Not the address: this string can reach logs and other apps' pages.
        return f"Subscriber {self.pk}"

    def manage_path(self) -> str:
        return reverse("alerts:manage", args=[self.token])

    def unsubscribe_path(self) -> str:
        return reverse("alerts:unsubscribe", args=[self.token])


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="subscriptions")
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATELY)
    created_at = models.DateTimeField(
        default=timezone.now, help_text="When it was asked for (again, if the link was sent again)."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The end of the last daily or weekly summary that covered it.
    digested_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "topic"], name="alerts_one_subscription_per_topic")
        ]
        indexes = [
            models.Index(fields=["topic", "frequency"], name="alerts_topic_frequency_idx"),
            models.Index(
                fields=["created_at"], condition=Q(confirmed_at__isnull=True), name="alerts_unconfirmed_idx"
            ),
        ]

    def __str__(self):
        return f"{self.topic} ({self.get_frequency_display().split(':')[0].lower()})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Announcement(models.Model):
    """One change worth an email, recorded once: the unique source keeps two workers, or one
    restarted, from announcing it twice. What the emails say is kept here, as it was then."""

    class Kind(models.TextChoices):
        PUBLICATION_CHANGE = "publication_change", "Major change to a publication"
        INSPECTION_REPORT = "inspection_report", "New inspection report"
        GRADES = "grades", "New grades"
        REGISTRATION = "registration", "Change of registration status"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The change note, inspection report or grade-history row announced (none for a status change).
    source_id = models.BigIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    text = models.TextField()
    path = models.CharField(max_length=500, help_text="The page on this site that shows the change.")
    topics = models.ManyToManyField(Topic, through="AnnouncementTopic", related_name="announcements")
    first_run = models.BooleanField(
        default=False,
        help_text="Already on the site when alerts began: recorded so that it is never emailed.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "alert sent"
        verbose_name_plural = "alerts sent"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_id"],
                condition=Q(source_id__isnull=False),
                name="alerts_announce_each_change_once",
            )
        ]

    def __str__(self):
        return self.subject


class AnnouncementTopic(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "topic"], name="alerts_announcement_topic_once")
        ]

    def __str__(self):
        return f"{self.announcement} → {self.topic}"


class AlertEmail(models.Model):
    """One email this app put in the outbox, so that none goes twice, stopping alerts withdraws
    what has not gone yet, and sent ones are forgotten after KEEP_SENT_EMAILS."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirm a subscription"
        ALREADY_SUBSCRIBED = "already_subscribed", "Already subscribed"
        CHANGE = "change", "A change, straight away"
        DIGEST = "digest", "Daily or weekly summary"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    outbox = models.OneToOneField(
        OutboxMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    announcement = models.ForeignKey(
        Announcement, null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices, blank=True)
    # A summary's day ("2025-06-03") or ISO week ("2025-W23").
    period = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "announcement"],
                condition=Q(kind="change"),
                name="alerts_one_email_per_change",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "frequency", "period"],
                condition=Q(kind="digest"),
                name="alerts_one_summary_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class SeenStatus(models.Model):
    """The registration status last seen of a followed service; a change from it is announced.

    Compared each round, so a change is noticed however it was made (the admin, an import).
    """

    service = models.OneToOneField(CareService, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "seen statuses"

    def __str__(self):
        return f"{self.service_id}: {self.status}"


class StartingPoint(models.Model):
    """Where alerts began: one row, written by the first round. Reports and grades already on the
    register then are never announced, however many there are."""

    began_at = models.DateTimeField(default=timezone.now)
    last_report_id = models.BigIntegerField(default=0)
    last_grading_id = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Alerts began {self.began_at:%Y-%m-%d %H:%M}"
