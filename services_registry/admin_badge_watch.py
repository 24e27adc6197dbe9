"""Badge misuse in the admin: the cases ``manage.py watch_badges`` opens, for registry officers to handle.

Open cases first (the list shows only those until another status is chosen); an officer opens a
case, writes what was done if they wish, and marks it handled, or marks several handled from the
list. Nobody adds or deletes a case by hand; a handled case is kept as the record of what was done.
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from .badge_watch import BadgeMisuseCase

SIGHTINGS_LIST = "admin:services_registry_widgetsighting_changelist"


class StatusFilter(admin.SimpleListFilter):
    """Open cases unless asked otherwise: the list is the work waiting."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*BadgeMisuseCase.Status.choices, (self.ALL, "All")]

    def chosen(self) -> str:
        return self.value() if self.value() in dict(self.lookup_choices) else BadgeMisuseCase.Status.OPEN

    def queryset(self, request, queryset):
        return queryset if self.chosen() == self.ALL else queryset.filter(status=self.chosen())

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.chosen() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


@admin.register(BadgeMisuseCase)
class BadgeMisuseCaseAdmin(admin.ModelAdmin):
    list_display = [
        "service_column",
        "kind",
        "site_column",
        "first_seen",
        "last_seen",
        "sites_count",
        "status",
    ]
    list_display_links = ["kind"]
    list_filter = ["kind", StatusFilter]
    list_select_related = ["service"]
    search_fields = ["service__service_number", "service__name", "site"]
    actions = ["mark_handled"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "service_column",
                    "kind",
                    "site_column",
                    "first_seen",
                    "last_seen",
                    "sites_count",
                    "status",
                    "created_at",
                    "earlier_cases",
                ]
            },
        ),
        ("Handling", {"fields": ["note", "handled_by", "handled_at"]}),
    ]
    readonly_fields = [
        "service_column",
        "kind",
        "site_column",
        "first_seen",
        "last_seen",
        "sites_count",
        "status",
        "created_at",
        "earlier_cases",
        "handled_by",
        "handled_at",
    ]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Badge misuse", **(extra_context or {})})

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        """A handled case is a record: it may be read, not changed."""
        return super().has_change_permission(request, obj) and (obj is None or obj.is_open)

    @admin.display(description="service", ordering="service__name")
    def service_column(self, case):
        service = case.service
        url = reverse("admin:services_registry_careservice_change", args=[service.pk])
        return format_html('<a href="{}">{} ({})</a>', url, service.name, service.service_number)

    @admin.display(description="site")
    def site_column(self, case):
        """The site, or all of them, linking to the sightings behind the case."""
        terms = [case.service.service_number]
        if case.site:
            terms.append(case.site)
        url = f"{reverse(SIGHTINGS_LIST)}?{urlencode({'q': ' '.join(terms)})}"
        return format_html('<a href="{}">{}</a>', url, case.site or "See the sites")

    @admin.display(description="earlier cases")
    def earlier_cases(self, case):
        earlier = (
            BadgeMisuseCase.objects.handled()
            .filter(service_id=case.service_id, kind=case.kind, site=case.site)
            .exclude(pk=case.pk)
            .select_related("handled_by")
            .order_by("-handled_at")
        )
        return (
            format_html_join(
                "",
                '<p><a href="{}">Handled {}</a> by {}{}</p>',
                (
                    (
                        reverse("admin:services_registry_badgemisusecase_change", args=[earlier_case.pk]),
                        date_format(timezone.localtime(earlier_case.handled_at), "j F Y"),
                        earlier_case.handled_by or "someone since removed",
                        f": {earlier_case.note}" if earlier_case.note else "",
                    )
                    for earlier_case in earlier
                ),
            )
            or "None"
        )

    def get_fieldsets(self, request, obj=None):
        """Who handled it, and when, once someone has."""
        if obj is not None and obj.is_open:
            return [
                (
                    name,
                    {
                        "fields": [
                            field for field in options["fields"] if field not in {"handled_by", "handled_at"}
                        ]
                    },
                )
                for name, options in self.fieldsets
            ]
        return self.fieldsets

    def save_model(self, request, obj, form, change):
        if "_mark_handled" in request.POST and obj.is_open:
            obj.mark_handled(request.user)  # with the note the form just set
        else:
            super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_mark_handled" in request.POST:
            self.message_user(request, f"Marked handled: {obj}.", messages.SUCCESS)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    @admin.action(description="Mark handled", permissions=["change"])
    def mark_handled(self, request, queryset):
        handled = queryset.mark_handled(request.user)
        self.message_user(request, f"{handled} case{pluralize(handled)} marked handled.", messages.SUCCESS)
