"""Staff triage in the Django admin, for the Complaints officer group only.

Every admin here also asks for membership of the group (or a superuser), and
its lists filter only as they offer (admin_access.py). Contact details are
masked until an officer presses "Reveal contact details" (a POST, logged);
every opened complaint is logged too. The complaint admin's own pages (reveal,
statistics, staff entry) are in admin_views.py, the reply by text in
admin_reply.py, the queue's columns and filters in admin_triage.py, and the
superusers' read-only records in admin_records.py; this module wires them.
"""

from functools import partial

from django import forms
from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from . import admin_reply, admin_views, services
from .admin_access import OfficersOnly
from .admin_records import AccessLogAdmin, OutboxMessageAdmin
from .admin_triage import (
    QUEUE_ORDERING,
    ComplaintNoteInline,
    OverdueFilter,
    QueueColumns,
    ReferralInline,
    TriageFilter,
    in_queue_order,
    stamp_recorded_by,
)
from .contact import mask_email, mask_phone, mask_text
from .models import AccessLog, Channel, Complaint, ComplaintNote, OutboxMessage, Route, Status
from .ombudsman import final_stage_sentence
from .references import normalise_reference


class ComplaintTriageForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "status",
            "route",
            "outcome",
            "assigned_to",
            "needs_review",
            "risk",
            "care_service",
            "service_description",
            "service_type",
        ]
        labels = {"service_description": "Service (as the person described it)"}
        help_texts = {
            "status": "Closing it tells the person, by email or text as they asked, that we have finished, "
            "with the outcome and the SPSO as the last stage.",
            "outcome": f"Our final response ends with: “{final_stage_sentence()}”",
        }

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
        "needs_review",
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
        "bot_warning",
        "entered_by",
        "risk_flag",
        "risk_assessed_by",
        "risk_assessed_at",
        "assessment_history",
        "review_marked_by",
        "review_marked_at",
        "acknowledged_at",
        "assessed_at",
        "closed_at",
        "anonymised_at",
    ]
    # What the person told us first, then protection triage (the referrals inline follows the
    # fieldsets), then handling and dates; contact details last, behind the logged reveal.
    fieldsets = [
        (
            "What they told us",
            {
                "fields": [
                    "reference_display",
                    "conversation",
                    "channel",
                    "received_at",
                    "bot_warning",
                    "entered_by",
                    "about_the_person",
                ]
            },
        ),
        (
            "Care service",
            {"fields": ["linked_service", "care_service", "service_description", "service_type"]},
        ),
        (
            "Protection",
            {"fields": ["risk_flag", "risk", "risk_assessed_by", "risk_assessed_at", "assessment_history"]},
        ),
        (
            "Handling",
            {
                "fields": [
                    "status",
                    "route",
                    "outcome",
                    "assigned_to",
                    "needs_review",
                    "review_marked_by",
                    "review_marked_at",
                ]
            },
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
        ("Contact details", {"fields": ["contact_details", "anonymised_at"]}),
    ]

    class Media:
        css = {"all": ["complaints/admin.css"]}

    # --- columns and read-only fields ---------------------------------------

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
            '{}<button type="submit" class="button" formaction="{}" formmethod="post" formtarget="_blank" '
            "formnovalidate>Reveal contact details (opens in a new tab)</button>"
            '<p class="help">Opens in a new tab, so this page keeps anything you have not saved. '
            "Revealing is recorded in the access log.</p>",
            format_html_join("", "<p><strong>{}:</strong> {}</p>", masked),
            reveal_url,
        )

    @admin.display(description="Messages")
    def conversation(self, complaint):
        # Always escaped: complaint text is whatever the public typed.
        thread = format_html_join(
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
        if complaint.channel != Channel.TEXT or complaint.anonymised_at:
            return thread
        reply_url = reverse("admin:complaints_complaint_reply_by_text", args=[complaint.pk])
        return format_html('{}<p><a href="{}">Reply by text</a></p>', thread, reply_url)

    # --- behaviour ------------------------------------------------------------

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalise_reference(search_term))

    def get_queryset(self, request):
        return in_queue_order(super().get_queryset(request))

    def changelist_view(self, request, extra_context=None):
        # The queue needs the width of a 1280-pixel screen: the list of apps is one click away.
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def get_ordering(self, request):
        return QUEUE_ORDERING

    def save_model(self, request, obj, form, change):
        closing = "status" in form.changed_data and obj.status == Status.CLOSED and obj.closed_at is None
        if "status" in form.changed_data:
            obj.record_status_change()
        if "risk" in form.changed_data:
            obj.assess_risk(obj.risk, request.user)
        if "needs_review" in form.changed_data:
            obj.review_marked_by, obj.review_marked_at = (
                (request.user, timezone.now()) if obj.needs_review else (None, None)
            )
        super().save_model(request, obj, form, change)
        if closing:
            services.queue_closing_messages(obj)  # in the admin's transaction: sent once, or not at all

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, ComplaintNote) and instance.pk is not None:
                continue  # append-only: a saved note is never written again
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
            path(
                "<int:object_id>/reply-by-text/",
                self.admin_site.admin_view(partial(admin_reply.reply_by_text, self)),
                name="complaints_complaint_reply_by_text",
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


admin.site.register(AccessLog, AccessLogAdmin)
admin.site.register(OutboxMessage, OutboxMessageAdmin)
