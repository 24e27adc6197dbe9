"""Complaints about care services, the messages in them, and what staff did with them.

Contact details and message text are personal data about people who may be
children: only the Complaints officer group sees them (see admin.py), each
look is logged in AccessLog, and anonymise_closed_complaints removes them.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone

from .roles import OFFICERS_GROUP
from .working_days import add_working_days

# Said to the public on the form, the confirmation page, texts and emails.
ACKNOWLEDGE_WITHIN_WORKING_DAYS = 3
CONCLUDE_WITHIN_WORKING_DAYS = 40
# The longest complaint text we take: the form refuses more; texts and other
# channels are cut here, saying so.
MAX_COMPLAINT_LENGTH = 10_000
# Texts from one number this close together are one conversation about one complaint.
CONVERSATION_WINDOW = timedelta(hours=24)
REMOVED = "[removed]"


class Channel(models.TextChoices):
    WEB = "web", "Online form"
    TEXT = "text", "Text message"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    POST = "post", "Post"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ASSESSED = "assessed", "Assessed"
    CLOSED = "closed", "Closed"


class Route(models.TextChoices):
    INTELLIGENCE = "intelligence", "Used as intelligence"
    RESOLVED_BY_SERVICE = "resolved_by_service", "Resolved by the service"
    INVESTIGATED_BY_PROVIDER = "investigated_by_provider", "Investigated by the provider"
    INVESTIGATED_BY_US = "investigated_by_us", "Investigated by us"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Relationship(models.TextChoices):
    USES_SERVICE = "uses_service", "I use the service"
    LIVES_THERE = "lives_there", "I live there"
    USED_TO_LIVE_THERE = "used_to_live_there", "I used to live there"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    WORKS_THERE = "works_there", "I work there"
    PROFESSIONAL = "professional", "Professional (for example a social worker)"
    OTHER = "other", "Other"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "I'd rather not say"


class Risk(models.TextChoices):
    """An officer's protection assessment of a complaint (blank until one is made)."""

    NO_CONCERN = "no_concern", "No protection concern"
    ADULT_PROTECTION = "adult_protection", "Adult protection"
    CHILD_PROTECTION = "child_protection", "Child protection"


class ReferralDestination(models.TextChoices):
    COUNCIL_SOCIAL_WORK = "council_social_work", "A council's social work service"
    POLICE_SCOTLAND = "police_scotland", "Police Scotland"


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    NONE = "none", "Do not contact me"


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Status.CLOSED)

    def awaiting_acknowledgement(self):
        return self.filter(status=Status.RECEIVED)

    def acknowledgement_overdue(self, today=None):
        return self.awaiting_acknowledgement().filter(acknowledge_by__lt=today or timezone.localdate())

    def conclusion_overdue(self, today=None):
        return self.open().filter(conclude_by__lt=today or timezone.localdate())

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(status=Status.RECEIVED, acknowledge_by__lt=today)
            | (~Q(status=Status.CLOSED) & Q(conclude_by__lt=today))
        )

    def open_text_conversation(self, phone_number: str, now=None):
        """The complaint a new text from this number belongs to, if it texted us within a day."""
        now = now or timezone.now()
        return (
            self.open()
            .filter(
                channel=Channel.TEXT,
                contact_phone=phone_number,
                last_message_at__gte=now - CONVERSATION_WINDOW,
            )
            .order_by("-last_message_at")
            .first()
        )

    def count_by(self, field: str) -> list[tuple[str, int]]:
        """(value, count) pairs for one field, for the statistics page: no personal data."""
        rows = self.order_by().values(field).annotate(count=models.Count("id")).order_by(field)
        return [(row[field], row["count"]) for row in rows]

    def count_by_service_type(self) -> list[tuple[str, int]]:
        """Like count_by("service_type"), but the registry's type wherever the complaint is linked to a service."""
        rows = (
            self.order_by()
            .annotate(kind=Coalesce("care_service__service_type", NullIf("service_type", models.Value(""))))
            .values("kind")
            .annotate(count=models.Count("id"))
        )
        # Alphabetical, with "not recorded" last whatever the database's NULL ordering.
        return sorted(
            ((row["kind"] or "", row["count"]) for row in rows), key=lambda row: (not row[0], row[0])
        )

    def count_by_month(self) -> list[tuple[object, int]]:
        rows = (
            self.order_by()
            .annotate(month=TruncMonth("received_at"))
            .values("month")
            .annotate(count=models.Count("id"))
            .order_by("month")
        )
        return [(row["month"], row["count"]) for row in rows]

    def from_children(self):
        """Said they are a child or young person, or texted: the text route is for children and young people."""
        return self.filter(Q(is_child_or_young_person=YesNoUnknown.YES) | Q(channel=Channel.TEXT))

    def awaiting_risk_assessment(self):
        """Flagged at intake for same-day assessment, and no officer has assessed them yet."""
        return self.filter(risk_flagged_at__isnull=False, risk="")

    def due_for_anonymising(self, closed_before):
        return self.filter(status=Status.CLOSED, closed_at__lt=closed_before, anonymised_at__isnull=True)


class Complaint(models.Model):
    # No get_absolute_url: a complaint has no public address, and generic tools
    # (the CMS link picker, the admin's view-on-site redirect) offer every model
    # that has one.
    reference = models.CharField(max_length=8, unique=True, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    route = models.CharField(max_length=30, choices=Route.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_complaints",
        limit_choices_to={"groups__name": OFFICERS_GROUP},
    )

    # The registered service it is about, when the person (or an officer) found it.
    # PROTECT: the link is evidence for inspections. A service leaving the register
    # is marked Cancelled there, never deleted, so nothing should need to delete one
    # with complaints; if someone tries, they are stopped rather than the link lost.
    care_service = models.ForeignKey(
        "services_registry.CareService",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    # What the person typed about the service, always kept, linked or not.
    service_description = models.TextField(blank=True)
    service_type = models.CharField(
        max_length=100,
        blank=True,
        help_text="For statistics when no registered service is linked, for example “Care home for older people”.",
    )

    when_it_happened = models.CharField(max_length=500, blank=True)
    is_child_or_young_person = models.CharField(max_length=20, choices=YesNoUnknown.choices, blank=True)
    relationship = models.CharField(max_length=20, choices=Relationship.choices, blank=True)

    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(
        max_length=32, blank=True, help_text="E.164 where it could be read, for example +447700900123."
    )
    contact_address = models.TextField(blank=True)
    preferred_contact = models.CharField(max_length=10, choices=ContactMethod.choices, blank=True)
    consent_to_share_identity = models.BooleanField(default=False)

    suspected_bot = models.BooleanField(
        default=False, help_text="Caught by the form's honeypot or time trap; kept for a person to check."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # Protection triage: words suggesting immediate risk flag a complaint at intake
    # (triage.py); an officer's assessment is current here, its history in RiskAssessment.
    risk_flagged_at = models.DateTimeField(null=True, blank=True)
    risk_phrases_found = models.CharField(max_length=500, blank=True)
    risk = models.CharField(
        "risk assessment",
        max_length=20,
        choices=Risk.choices,
        blank=True,
        help_text="Blank: not assessed yet.",
    )
    risk_assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    risk_assessed_at = models.DateTimeField(null=True, blank=True)

    # An officer asks for a second look (a manager's review); who asked and when is kept.
    needs_review = models.BooleanField(
        "marked for review",
        default=False,
        help_text="Tick to ask for this complaint's handling to be reviewed.",
    )
    review_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_marked_at = models.DateTimeField(null=True, blank=True)

    received_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    acknowledge_by = models.DateField()
    conclude_by = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "acknowledge_by"]),
            models.Index(fields=["channel", "contact_phone", "last_message_at"]),
        ]

    def __str__(self):
        return self.display_reference

    def save(self, *args, **kwargs):
        self.set_due_dates()
        super().save(*args, **kwargs)

    def set_due_dates(self) -> None:
        received_on = timezone.localdate(self.received_at)
        if not self.acknowledge_by:
            self.acknowledge_by = add_working_days(received_on, ACKNOWLEDGE_WITHIN_WORKING_DAYS)
        if not self.conclude_by:
            self.conclude_by = add_working_days(received_on, CONCLUDE_WITHIN_WORKING_DAYS)

    @property
    def display_reference(self) -> str:
        """'K7QM4XRT' -> 'K7QM-4XRT': easier to read out over the phone."""
        reference = self.reference
        return f"{reference[:4]}-{reference[4:]}" if len(reference) == 8 else reference

    @property
    def is_acknowledgement_overdue(self) -> bool:
        return self.status == Status.RECEIVED and timezone.localdate() > self.acknowledge_by

    @property
    def is_conclusion_overdue(self) -> bool:
        return self.status != Status.CLOSED and timezone.localdate() > self.conclude_by

    @property
    def is_from_child(self) -> bool:
        return self.is_child_or_young_person == YesNoUnknown.YES or self.channel == Channel.TEXT

    @property
    def needs_same_day_assessment(self) -> bool:
        return self.risk_flagged_at is not None and not self.risk

    def assess_risk(self, risk: str, user, now=None) -> "RiskAssessment":
        """Record an officer's assessment: it becomes the current one, and the history keeps every one."""
        now = now or timezone.now()
        self.risk, self.risk_assessed_by, self.risk_assessed_at = risk, user, now
        return self.risk_assessments.create(risk=risk, assessed_by=user, assessed_at=now)

    @property
    def has_contact_details(self) -> bool:
        return any([self.contact_name, self.contact_email, self.contact_phone, self.contact_address])

    @transaction.atomic
    def anonymise(self, now=None) -> None:
        """Remove what could identify the person; keep what the statistics need."""
        self.contact_name = self.contact_email = self.contact_phone = self.contact_address = ""
        self.when_it_happened = ""
        self.anonymised_at = now or timezone.now()
        self.save()
        self.messages.update(body=REMOVED, sender="")
        self.notes.update(text=REMOVED)
        self.outbox.update(to=REMOVED, subject=REMOVED, body=REMOVED)

    def record_status_change(self, now=None) -> None:
        """Stamp when each stage was first reached, whoever moved it there."""
        now = now or timezone.now()
        reached = {
            Status.RECEIVED: [],
            Status.ACKNOWLEDGED: ["acknowledged_at"],
            Status.ASSESSED: ["acknowledged_at", "assessed_at"],
            Status.CLOSED: ["acknowledged_at", "assessed_at", "closed_at"],
        }[self.status]
        for field in reached:
            if getattr(self, field) is None:
                setattr(self, field, now)
        if self.status != Status.CLOSED:
            self.closed_at = None


class RiskPhrase(models.Model):
    """Words that suggest immediate risk; a new complaint containing one is flagged (triage.py)."""

    phrase = models.CharField(
        max_length=100,
        unique=True,
        help_text="Matched as whole words, in any case, with common endings (abuse: abused, abusing) "
        "and doubled letters (hitting, hiting). Add misspellings as their own phrases.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase


class RiskAssessment(models.Model):
    """One officer's protection assessment; the latest is the complaint's current one."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="risk_assessments")
    risk = models.CharField(max_length=20, choices=Risk.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_at", "-pk"]

    def __str__(self):
        return f"{self.get_risk_display()} on {self.complaint}"


class Referral(models.Model):
    """A protection referral made about a complaint: when, to whom, and their reference."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="referrals")
    referred_on = models.DateField(default=timezone.localdate)
    destination = models.CharField("referred to", max_length=30, choices=ReferralDestination.choices)
    council = models.CharField(
        max_length=100, blank=True, help_text="Which council, for a social work referral."
    )
    their_reference = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["referred_on", "pk"]

    def __str__(self):
        return f"Referral to {self.get_destination_display()} on {self.complaint}"

    def clean(self):
        if self.destination == ReferralDestination.COUNCIL_SOCIAL_WORK and not self.council.strip():
            raise ValidationError({"council": "Say which council's social work service."})


class Direction(models.TextChoices):
    INBOUND = "inbound", "From the complainant"
    OUTBOUND = "outbound", "To the complainant"


class MessageProvider(models.TextChoices):
    """Who handed us a message: the web form, an SMS provider, or the demo loader."""

    WEB = "web", "Online form"
    TWILIO = "twilio", "Twilio"
    NOTIFY = "notify", "GOV.UK Notify"
    DEMO = "demo", "Demo data"


class ComplaintMessage(models.Model):
    """One thing the person told us: the web form's text, a text message, a call note."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.INBOUND)
    body = models.TextField()
    sender = models.CharField(max_length=64, blank=True)
    provider = models.CharField(max_length=10, choices=MessageProvider.choices, blank=True)
    provider_message_id = models.CharField(max_length=100, null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_at", "pk"]
        constraints = [
            # Providers retry and duplicate deliveries: each of their messages is stored once.
            models.UniqueConstraint(
                fields=["provider", "provider_message_id"], name="complaint_message_once_per_provider_id"
            ),
        ]

    def __str__(self):
        return f"Message {self.pk} on {self.complaint}"


class ComplaintNote(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note {self.pk} on {self.complaint}"


class SmsOptOut(models.Model):
    """A number that texted STOP: we send it nothing until it texts START."""

    phone_number = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return "Opted-out number"


class OutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=OutboxMessage.State.PENDING, next_attempt_at__lte=now or timezone.now())

    def about_complaints(self):
        """A complainant's acknowledgement or reply, never to wait behind thousands of alert emails."""
        return self.filter(complaint__isnull=False)


class OutboxMessage(models.Model):
    """A text or email to send, written in the same transaction as the change that needs it."""

    class Kind(models.TextChoices):
        SMS = "sms", "Text message"
        EMAIL = "email", "Email"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        SUPPRESSED = "suppressed", "Not sent: the number opted out"
        FAILED = "failed", "Gave up after retries"

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, null=True, blank=True, related_name="outbox"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # Extra email headers, such as the email alerts' List-Unsubscribe.
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["next_attempt_at", "pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            # The worker looks for complaints' messages first: this keeps that look short.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending", complaint__isnull=False),
                name="outbox_complaints_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class AccessLog(models.Model):
    """Who looked at which complaint's personal data, and when."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Opened the complaint"
        REVEALED_CONTACT = "revealed_contact", "Revealed contact details"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="access_log")
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.get_action_display().lower()} {self.complaint}"
