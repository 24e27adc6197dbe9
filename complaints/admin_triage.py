"""Triage in the complaints admin: the queue's order, columns and filters, referrals, notes, the phrase list.

The queue puts first what must be looked at today: flagged complaints not yet
assessed (children's before adults'), then open complaints from children and
young people, longest waiting first; everything else follows, newest first.
"""

from django.contrib import admin
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .admin_access import OfficersOnly
from .models import Channel, ComplaintNote, Referral, RiskPhrase, Status, YesNoUnknown

FROM_CHILD = Q(is_child_or_young_person=YesNoUnknown.YES) | Q(channel=Channel.TEXT)
AWAITING_ASSESSMENT = Q(risk_flagged_at__isnull=False, risk="")


def queue_priority():
    """3: flagged child, 2: flagged adult, 1: open child's complaint not yet assessed, 0: the rest."""
    return Case(
        When(AWAITING_ASSESSMENT & FROM_CHILD, then=Value(3)),
        When(AWAITING_ASSESSMENT, then=Value(2)),
        When(FROM_CHILD & ~Q(status=Status.CLOSED) & Q(risk=""), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def in_queue_order(queryset):
    """The queryset with the annotations that the queue's ordering (QUEUE_ORDERING) uses."""
    return queryset.annotate(triage_priority=queue_priority()).annotate(
        triage_waiting_since=Case(When(triage_priority__gt=0, then=F("received_at")), default=None)
    )


QUEUE_ORDERING = [
    F("triage_priority").desc(),
    F("triage_waiting_since").asc(nulls_last=True),
    F("received_at").desc(),
]


def waited(since, now=None) -> str:
    """'40 min', '3 h', '2 days': how long since it came in."""
    minutes = int(((now or timezone.now()) - since).total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 0)} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


class TriageFilter(admin.SimpleListFilter):
    title = "protection triage"
    parameter_name = "triage"

    def lookups(self, request, model_admin):
        return [
            ("same_day", "Flagged: assess today"),
            ("children", "From children and young people"),
            ("referred", "Referred"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "same_day":
            return queryset.awaiting_risk_assessment()
        if self.value() == "children":
            return queryset.from_children()
        if self.value() == "referred":
            return queryset.filter(referrals__isnull=False).distinct()
        return queryset


BOT_WARNING = "Warning: this may have been sent by a bot (it filled in a hidden field or was sent too fast)."


class QueueColumns:
    """The triage columns of ComplaintAdmin's list and the protection fields of its page."""

    @admin.display(description="Reference", ordering="reference")
    def reference_display(self, complaint):
        if complaint.suspected_bot:
            return format_html(
                '{}<br><strong class="complaints-flag">{}</strong>',
                complaint.display_reference,
                "Warning: may be a bot",
            )
        return complaint.display_reference

    @admin.display(description="Sent by a bot?")
    def bot_warning(self, complaint):
        if complaint.suspected_bot:
            return format_html('<strong class="complaints-flag">{}</strong>', BOT_WARNING)
        return "No sign of a bot"

    @admin.display(description="Received", ordering="received_at")
    def received_display(self, complaint):
        return timezone.localtime(complaint.received_at).strftime("%-d %b %Y %H:%M")

    @admin.display(description="Child")
    def child_flag(self, complaint):
        if complaint.is_from_child:
            return format_html('<strong class="complaints-child">{}</strong>', "Child")
        return ""

    @admin.display(description="Risk", ordering="risk")
    def risk_display(self, complaint):
        if complaint.risk:
            return complaint.get_risk_display()
        if complaint.risk_flagged_at:
            return format_html('<strong class="complaints-flag">{}</strong>', "Flagged: assess today")
        return "Not assessed"

    @admin.display(description="Waited")
    def waited_display(self, complaint):
        return "" if complaint.status == Status.CLOSED else waited(complaint.received_at)

    @admin.display(description="Status", ordering="status")
    def status_display(self, complaint):
        overdue = [
            (label, day.strftime("%-d %b"))
            for label, day, is_overdue in [
                ("acknowledge by", complaint.acknowledge_by, complaint.is_acknowledgement_overdue),
                ("conclude by", complaint.conclude_by, complaint.is_conclusion_overdue),
            ]
            if is_overdue
        ]
        return format_html(
            "{}{}{}",
            complaint.get_status_display(),
            format_html('<br><strong class="complaints-flag">{}</strong>', "Marked for review")
            if complaint.needs_review
            else "",
            format_html_join("", '<br><strong class="complaints-overdue">{} {} (overdue)</strong>', overdue),
        )

    @admin.display(description="Flagged at intake")
    def risk_flag(self, complaint):
        if not complaint.risk_flagged_at:
            return "No risk words found"
        return format_html(
            '<strong class="complaints-flag">Flagged for same-day assessment</strong> at {}: {}',
            timezone.localtime(complaint.risk_flagged_at).strftime("%-d %b %Y %H:%M"),
            complaint.risk_phrases_found,
        )

    @admin.display(description="Earlier assessments")
    def assessment_history(self, complaint):
        rows = [
            (
                timezone.localtime(row.assessed_at).strftime("%-d %b %Y %H:%M"),
                row.get_risk_display(),
                row.assessed_by or "unknown",
            )
            for row in complaint.risk_assessments.select_related("assessed_by")[1:]
        ]
        return format_html_join("", "<p>{}: {} ({})</p>", rows) if rows else "None"


class OverdueFilter(admin.SimpleListFilter):
    title = "due dates"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [
            ("any", "Overdue"),
            ("acknowledgement", "Acknowledgement overdue"),
            ("conclusion", "Conclusion overdue"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "any":
            return queryset.overdue()
        if self.value() == "acknowledgement":
            return queryset.acknowledgement_overdue()
        if self.value() == "conclusion":
            return queryset.conclusion_overdue()
        return queryset


class ComplaintNoteInline(OfficersOnly, admin.StackedInline):
    model = ComplaintNote
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1
    can_delete = False
    verbose_name_plural = "notes (saved notes cannot be changed: add a new note to correct one)"

    def has_change_permission(self, request, obj=None):
        """Append-only: Django shows saved notes read-only and ignores anything posted for them."""
        return False


class ReferralInline(OfficersOnly, admin.TabularInline):
    model = Referral
    fields = ["referred_on", "destination", "council", "their_reference", "recorded_by"]
    readonly_fields = ["recorded_by"]
    extra = 0
    verbose_name = "protection referral"


@admin.register(RiskPhrase)
class RiskPhraseAdmin(OfficersOnly, admin.ModelAdmin):
    """The words that flag a new complaint for same-day assessment (triage.py says how they match)."""

    list_display = ["phrase", "updated_at"]
    search_fields = ["phrase"]
    fields = ["phrase"]

    def has_delete_permission(self, request, obj=None):
        return self.may_enter(request) and admin.ModelAdmin.has_delete_permission(self, request, obj)


def stamp_recorded_by(instance, user) -> None:
    """Notes and referrals made on the complaint's page record who made them."""
    if isinstance(instance, Referral) and instance.recorded_by_id is None:
        instance.recorded_by = user
