from datetime import timedelta

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join

from . import admin_badge_watch  # noqa: F401  (registers the badge misuse cases)
from .admin_forms import CareServiceForm, offered_grade_fields, record_grade_history
from .admin_import import RegisterImportAdmin
from .models import (
    GRADE_FIELDS,
    KEY_QUESTION_BY_FIELD,
    CareService,
    GradeHistory,
    InspectionReport,
    Provider,
    RegisterChange,
    RegisterImport,
    RegulatoryAction,
    WidgetSighting,
    YearlyFigures,
)

WIDGET_USE_SHOWN_DAYS = 90


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "provider_number"]
    search_fields = ["name", "provider_number"]


class GradeHistoryInline(admin.TabularInline):
    model = GradeHistory
    fields = ["published_on", *GRADE_FIELDS]
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Column headings in a word or two ("Wellbeing"), so the table fits the screen."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in KEY_QUESTION_BY_FIELD:
            formfield.label = KEY_QUESTION_BY_FIELD[db_field.name].short_label
        return formfield

    def get_fields(self, request, obj=None):
        return ["published_on", *offered_grade_fields(obj)]


class InspectionReportInline(admin.StackedInline):
    model = InspectionReport
    extra = 0
    fields = [("inspected_on", "inspection_type"), "title", "summary", "file"]


class RegulatoryActionInline(admin.StackedInline):
    model = RegulatoryAction
    extra = 0
    fields = [("kind", "made_on", "due_by", "met_on"), "text"]
    verbose_name = "requirement or enforcement notice"
    verbose_name_plural = "Requirements and enforcement notices (shown on the service page until met)"


class YearlyFiguresInline(admin.TabularInline):
    model = YearlyFigures
    extra = 0


class WidgetSightingInline(admin.TabularInline):
    """Which websites showed this service's badge lately: a record, never edited by hand."""

    model = WidgetSighting
    verbose_name = "website showing the badge"
    verbose_name_plural = f"websites showing the badge (last {WIDGET_USE_SHOWN_DAYS} days)"
    fields = ["day", "origin", "first_seen_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        since = timezone.localdate() - timedelta(days=WIDGET_USE_SHOWN_DAYS)
        return super().get_queryset(request).filter(day__gte=since)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CareService)
class CareServiceAdmin(admin.ModelAdmin):
    form = CareServiceForm

    class Media:
        css = {"all": ["services_registry/registry_admin.css"]}

    list_display = ["service_number", "name", "service_type", "town", "status", "min_grade"]
    list_filter = ["status", "service_type", "council_area", "address_hidden"]
    search_fields = ["service_number", "name", "town", "postcode"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider"]
    readonly_fields = ["min_grade", "address_hidden", "updated_at"]
    inlines = [
        GradeHistoryInline,
        InspectionReportInline,
        RegulatoryActionInline,
        YearlyFiguresInline,
        WidgetSightingInline,
    ]
    fieldsets = [
        (None, {"fields": ["service_number", "name", "status", "provider", "provided_by_local_authority"]}),
        ("Type", {"fields": ["service_type", "subtype", "sector", "client_group"]}),
        (
            "Registration",
            {"fields": ["registered_places", "manager_name", "phone", "conditions"]},
        ),
        (
            "Address",
            {
                "fields": [
                    "address_line_1",
                    "address_line_2",
                    "address_line_3",
                    "address_line_4",
                    "town",
                    "postcode",
                    "council_area",
                    "publish_address",
                    "address_hidden",
                ]
            },
        ),
        ("Dates", {"fields": ["registered_on", "last_inspected_on"]}),
        (
            "Latest grades",
            {"fields": ["grades_published_on", *GRADE_FIELDS, "min_grade"]},
        ),
        ("Record", {"fields": ["updated_at"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        """Only the key questions its type is graded on (a care home has no care, play and learning)."""
        offered = offered_grade_fields(obj)
        return [
            (
                name,
                {
                    "fields": [
                        field for field in options["fields"] if field not in GRADE_FIELDS or field in offered
                    ]
                },
            )
            for name, options in self.fieldsets
        ]

    def save_related(self, request, form, formsets, change):
        """After the inlines, so the new grades are not overwritten by the history's inline rows."""
        super().save_related(request, form, formsets, change)
        service = form.instance
        if form.grades_changed and service.grades_published_on and any(service.grades_tuple()):
            record_grade_history(service)
            published = date_format(service.grades_published_on, "j F Y")
            self.message_user(
                request,
                f"The grades were added to the grade history as published on {published}.",
                messages.INFO,
            )


admin.site.register(RegisterImport, RegisterImportAdmin)


@admin.register(WidgetSighting)
class WidgetSightingAdmin(admin.ModelAdmin):
    """Every site seen showing a badge, including for services no longer registered."""

    list_display = ["day", "origin", "service", "service_status"]
    list_filter = ["day", "service__status"]
    search_fields = ["origin", "service__service_number", "service__name"]
    list_select_related = ["service"]
    date_hierarchy = "day"

    @admin.display(description="status", ordering="service__status")
    def service_status(self, sighting):
        return sighting.service.get_status_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RegisterChange)
class RegisterChangeAdmin(admin.ModelAdmin):
    """What each import added, changed or cancelled, as the open-data change feed gives it: read only."""

    list_display = ["recorded_at", "service_number", "kind", "fields_changed", "register_import"]
    list_filter = ["kind", "recorded_at"]
    search_fields = ["service_number"]
    list_select_related = ["register_import"]
    date_hierarchy = "recorded_at"
    fields = ["recorded_at", "service", "kind", "register_import", "changes_in_words"]
    readonly_fields = fields

    @admin.display(description="fields")
    def fields_changed(self, change):
        return ", ".join(change.fields)

    @admin.display(description="what changed")
    def changes_in_words(self, change):
        return format_html_join(
            "\n",
            "<p><strong>{}</strong>: {} → {}</p>",
            (
                (name, values.get("old") if values.get("old") is not None else "(none)", values.get("new"))
                for name, values in change.fields.items()
            ),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
