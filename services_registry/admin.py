from datetime import timedelta

from django.contrib import admin
from django.utils import timezone

from .models import (
    GRADE_FIELDS,
    CareService,
    GradeHistory,
    InspectionReport,
    Provider,
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


class InspectionReportInline(admin.TabularInline):
    model = InspectionReport
    extra = 0


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
    list_display = ["service_number", "name", "service_type", "town", "status", "min_grade"]
    list_filter = ["status", "service_type", "council_area", "address_hidden"]
    search_fields = ["service_number", "name", "town", "postcode"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider"]
    readonly_fields = ["min_grade", "address_hidden", "updated_at"]
    inlines = [GradeHistoryInline, InspectionReportInline, YearlyFiguresInline, WidgetSightingInline]
    fieldsets = [
        (None, {"fields": ["service_number", "name", "status", "provider", "provided_by_local_authority"]}),
        ("Type", {"fields": ["service_type", "subtype", "sector", "client_group"]}),
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
