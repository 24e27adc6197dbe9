"""Staff triage in the Django admin, for the Complaints officer group only.

Every admin here also asks for membership of the group (or a superuser), and
its lists filter only as they offer (admin_access.py). Contact details are
masked until an officer presses "Reveal contact details" (a POST, logged);
every opened complaint is logged too. The complaint admin's own pages (reveal,
statistics, staff entry) are in admin_views.py; this module wires their URLs.
"""

from functools import partial

from django import forms
from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from . import admin_views, services
from .admin_access import OfficersOnly, SuperusersOnlyReadOnly
from .admin_triage import (
    QUEUE_ORDERING,
    QueueColumns,
    ReferralInline,
    TriageFilter,
    in_queue_order,
    stamp_recorded_by,
)
from .contact import mask_email, mask_phone, mask_text
from .models import AccessLog, Complaint, ComplaintNote, OutboxMessage, Route, Status


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


class ComplaintTriageForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "status",
            "route",
            "outcome",
            "assigned_to",
            "risk",
            "care_service",
            "service_description",
            "service_type",
        ]
        labels = {"service_description": "Service (as the person described it)"}

    def clean(self):
        cleaned = super().clean()
        status, route, outcome = cleaned.get("status"), cleaned.get("route"), cleaned.get("outcome")
        if status in (Status.ASSESSED, Status.CLOSED) and not route:
            self.add_error("route", "Choose the route before marking the complaint assessed or closed.")
        if outcome and route != Route.INVESTIGATED_BY_US and route != Route.INVESTIGATED_BY_PROVIDER:
            self.add_error("outcome", "Only an investigated complaint has an outcome.")
        if self.instance.risk and not cleaned.get("risk"):
            self.add_error("risk", "An assessment stays on record: choose the one that applies now.")
        return cleaned


class ComplaintNoteInline(OfficersOnly, admin.StackedInline):
    model = ComplaintNote
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1
    can_delete = False


@admin.register(Complaint)
class ComplaintAdmin(QueueColumns, OfficersOnly, admin.ModelAdmin):
    form = ComplaintTriageForm
    # The officers' queue: what must be looked at today first (admin_triage.py); fits 1280 px.
    list_display = [
        "reference_display",
        "received_display",
        "child_flag",
        "risk_display",
        "waited_display",
        "care_service",
        "assigned_to",
        "status_display",
    ]
    list_display_links = ["reference_display"]
    list_filter = [
        TriageFilter,
        OverdueFilter,
        "status",
        "risk",
        "channel",
        "route",
        "outcome",
        "suspected_bot",
        "assigned_to",
    ]
    list_select_related = ["assigned_to", "care_service"]
    list_per_page = 50
    search_fields = ["reference"]
    search_help_text = "Search by reference, for example K7QM-4XRT."
    date_hierarchy = "received_at"
    inlines = [ReferralInline, ComplaintNoteInline]
    # Officers find the service by name, number or town; needs view permission on
    # CareService, which the Complaints officer group has (migration 0006).
    autocomplete_fields = ["care_service"]
    readonly_fields = [
        "linked_service",
        "reference_display",
        "channel",
        "received_at",
        "acknowledge_by_display",
        "conclude_by_display",
        "about_the_person",
        "contact_details",
        "conversation",
        "suspected_bot",
        "entered_by",
        "risk_flag",
        "risk_assessed_by",
        "risk_assessed_at",
        "assessment_history",
        "acknowledged_at",
        "assessed_at",
        "closed_at",
        "anonymised_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference_display", "channel", "received_at", "suspected_bot", "entered_by"]}),
        ("Triage", {"fields": ["status", "route", "outcome", "assigned_to"]}),
        (
            "Protection",
            {"fields": ["risk_flag", "risk", "risk_assessed_by", "risk_assessed_at", "assessment_history"]},
        ),
        (
            "Due dates (working days)",
            {
                "fields": [
                    "acknowledge_by_display",
                    "conclude_by_display",
                    "acknowledged_at",
                    "assessed_at",
                    "closed_at",
                ]
            },
        ),
        (
            "Care service",
            {"fields": ["linked_service", "care_service", "service_description", "service_type"]},
        ),
        ("What they told us", {"fields": ["conversation", "about_the_person"]}),
        ("Contact details", {"fields": ["contact_details", "anonymised_at"]}),
    ]

    class Media:
        css = {"all": ["complaints/admin.css"]}

    # --- columns and read-only fields ---------------------------------------

    @admin.display(description="Reference", ordering="reference")
    def reference_display(self, complaint):
        return complaint.display_reference

    @admin.display(description="Acknowledge by", ordering="acknowledge_by")
    def acknowledge_by_display(self, complaint):
        return _due_date(complaint.acknowledge_by, complaint.is_acknowledgement_overdue)

    @admin.display(description="Conclude by", ordering="conclude_by")
    def conclude_by_display(self, complaint):
        return _due_date(complaint.conclude_by, complaint.is_conclusion_overdue)

    @admin.display(description="Linked service")
    def linked_service(self, complaint):
        service = complaint.care_service
        if service is None:
            return "Not linked: find it below from what the person told us."
        return format_html(
            '{} <a href="{}">registry record</a> · <a href="{}">public page</a>',
            service,
            reverse("admin:services_registry_careservice_change", args=[service.pk]),
            service.get_absolute_url(),
        )

    @admin.display(description="About the person")
    def about_the_person(self, complaint):
        rows = [
            ("Child or young person", complaint.get_is_child_or_young_person_display() or "Not said"),
            ("Connection to the service", complaint.get_relationship_display() or "Not said"),
            ("When it happened", complaint.when_it_happened or "Not said"),
            ("May tell the service who they are", "Yes" if complaint.consent_to_share_identity else "No"),
            ("Preferred contact", complaint.get_preferred_contact_display() or "Not said"),
        ]
        return format_html_join("", "<p><strong>{}:</strong> {}</p>", rows)

    @admin.display(description="Contact details")
    def contact_details(self, complaint):
        if not complaint.has_contact_details:
            return "None given (anonymous)"
        masked = [
            (label, value)
            for label, value in [
                ("Name", mask_text(complaint.contact_name)),
                ("Email", mask_email(complaint.contact_email)),
                ("Phone", mask_phone(complaint.contact_phone)),
                ("Address", mask_text(complaint.contact_address)),
            ]
            if value
        ]
        reveal_url = reverse("admin:complaints_complaint_reveal_contact", args=[complaint.pk])
        return format_html(
            '{}<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate>'
            "Reveal contact details</button>"
            '<p class="help">Revealing is recorded in the access log.</p>',
            format_html_join("", "<p><strong>{}:</strong> {}</p>", masked),
            reveal_url,
        )

    @admin.display(description="Messages")
    def conversation(self, complaint):
        # Always escaped: complaint text is whatever the public typed.
        return format_html_join(
            "",
            '<div class="complaints-message"><p class="help">{} · {}</p><p class="complaints-message__body">{}</p></div>',
            (
                (
                    timezone.localtime(message.received_at).strftime("%-d %b %Y %H:%M"),
                    message.get_direction_display(),
                    message.body,
                )
                for message in complaint.messages.all()
            ),
        )

    # --- behaviour ------------------------------------------------------------

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, services.normalise_reference(search_term))

    def get_queryset(self, request):
        return in_queue_order(super().get_queryset(request))

    def changelist_view(self, request, extra_context=None):
        # The queue needs the width of a 1280-pixel screen: the list of apps is one click away.
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def get_ordering(self, request):
        return QUEUE_ORDERING

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.record_status_change()
        if "risk" in form.changed_data:
            obj.assess_risk(obj.risk, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, ComplaintNote) and instance.author_id is None:
                instance.author = request.user
            stamp_recorded_by(instance, request.user)
            instance.save()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            AccessLog.objects.create(
                user=request.user, complaint_id=int(object_id), action=AccessLog.Action.VIEWED
            )
        return response

    def get_urls(self):
        own = [
            path(
                "<int:object_id>/reveal-contact/",
                self.admin_site.admin_view(partial(admin_views.reveal_contact, self)),
                name="complaints_complaint_reveal_contact",
            ),
            path(
                "statistics/",
                self.admin_site.admin_view(partial(admin_views.statistics, self)),
                name="complaints_complaint_statistics",
            ),
        ]
        return own + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        """Not a model form: staff entry goes through the same intake as the public (admin_views)."""
        return admin_views.enter_complaint(self, request)


def _due_date(day, overdue: bool):
    if overdue:
        return format_html(
            '<strong class="complaints-overdue">{} (overdue)</strong>', day.strftime("%-d %b %Y")
        )
    return day.strftime("%-d %b %Y")


@admin.register(AccessLog)
class AccessLogAdmin(SuperusersOnlyReadOnly, admin.ModelAdmin):
    """Read-only, for superusers: the record of who looked at what."""

    list_display = ["at", "user", "action", "complaint"]
    list_filter = ["action"]
    list_select_related = ["user", "complaint"]
    date_hierarchy = "at"


@admin.register(OutboxMessage)
class OutboxMessageAdmin(SuperusersOnlyReadOnly, admin.ModelAdmin):
    """Read-only, for superusers: what the worker sent, and what it could not; never to whom."""

    list_display = ["created_at", "kind", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind"]
    date_hierarchy = "created_at"
    fields = readonly_fields = [
        "complaint",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "error",
        "created_at",
        "sent_at",
    ]

    @admin.display(description="Last error")
    def error(self, message):
        """The provider's error, which often quotes the number or address: masked here too."""
        mask = mask_phone if message.kind == OutboxMessage.Kind.SMS else mask_email
        return message.last_error.replace(message.to, mask(message.to)) if message.to else message.last_error
