"""Who may open the complaints admin, and what its lists may be filtered by.

A complainant's contact details are shown only through the logged reveal, and
their words only on the complaint's own (logged) page. The admin has other ways
in, each closed here for every complaints admin:

- A change list filters by any field lookup named in its address, so
  ``?contact_phone__startswith=0770`` would let a masked number be read a digit
  at a time from whether the row is still listed. Only the parameters the
  list's own filters and date drill-down write are accepted; Django answers
  anything else with 400 Bad Request.
- Django's history page looks the object up before asking permission, and
  third-party views (the CMS link picker) read through ``get_queryset`` without
  asking at all: for anyone not let in, both find nothing.
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import PermissionDenied
from django.db import models

from .roles import is_complaints_officer


class RestrictedAdmin:
    """Let in only those for whom ``may_enter`` holds; filter lists only as they offer."""

    def may_enter(self, request) -> bool:
        raise NotImplementedError

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if self.may_enter(request) else queryset.none()

    def history_view(self, request, object_id, extra_context=None):
        if not self.may_enter(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in offered_lookups(self, request)


class OfficersOnly(RestrictedAdmin):
    """Adds the group test to every admin permission check.

    Model permissions alone are not enough: a permission handed to another group
    by mistake must still open nothing.
    """

    def may_enter(self, request) -> bool:
        return is_complaints_officer(request.user)

    def has_module_permission(self, request):
        return self.may_enter(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.may_enter(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.may_enter(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self.may_enter(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        # Complaints are anonymised when their time is up, never deleted by hand.
        return False


class SuperusersOnlyReadOnly(RestrictedAdmin):
    """Records kept for audit and support: superusers may read them, nobody edits them here."""

    def may_enter(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.may_enter(request)

    def has_view_permission(self, request, obj=None):
        return self.may_enter(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def offered_lookups(model_admin, request) -> set[str]:
    """The query-string parameters that the list's own filters and date drill-down write."""
    offered = set()
    if model_admin.date_hierarchy:
        offered |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    for list_filter in model_admin.get_list_filter(request):
        if isinstance(list_filter, type) and issubclass(list_filter, admin.SimpleListFilter):
            offered.add(list_filter.parameter_name)
            continue
        path = list_filter[0] if isinstance(list_filter, (list, tuple)) else list_filter
        offered |= _field_filter_parameters(path, get_fields_from_path(model_admin.model, path)[-1])
    return offered


def _field_filter_parameters(path: str, field) -> set[str]:
    """What Django's filter for this kind of field puts in the address.

    RelatedFieldListFilter, DateFieldListFilter, and the choices, boolean and
    all-values filters for the rest; tests/complaints/test_access.py follows
    every link the lists offer, so a new kind of filter that writes something
    else is noticed.
    """
    if field.is_relation:
        return {f"{path}__{field.target_field.name}__exact", f"{path}__isnull"}
    if isinstance(field, models.DateField):  # DateTimeField too
        return {f"{path}__gte", f"{path}__lt", f"{path}__isnull"}
    return {f"{path}__exact", f"{path}__isnull"}
