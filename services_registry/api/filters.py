"""The query parameters each address takes, checked before anything is looked up.

A parameter the address does not take, or one given twice, is a 400 that names it
and lists the ones the address does take: a misspelt filter never silently returns
the whole register.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from ..models import CareService

# An offset's "+" arrives as a space when a client forgets to encode it: "2024-06-01T09:00:00 01:00".
_UNENCODED_PLUS = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


def check_parameters(query_params, allowed: tuple[str, ...]) -> None:
    """400 for a parameter `allowed` does not name, or one given more than once."""
    errors = {}
    takes = ", ".join(sorted(allowed)) or "no parameters"
    for name in query_params:
        if name not in allowed:
            errors[name] = [f"Not a parameter of this address. It takes: {takes}."]
        elif len(query_params.getlist(name)) > 1:
            errors[name] = ["Give this parameter once."]
    if errors:
        raise ValidationError(errors)


@extend_schema_field(OpenApiTypes.STR)
class SinceField(serializers.Field):
    """A date (midnight UK time at its start) or a date and time (UK time unless it gives an offset)."""

    default_error_messages = {
        "invalid": "Give a date (2024-06-01) or a date and time (2024-06-01T09:30:00Z or with an offset)."
    }

    def to_internal_value(self, data):
        text = _UNENCODED_PLUS.sub(r"\1+\2", str(data).strip())
        try:
            moment = parse_datetime(text)
            if moment is None and (day := parse_date(text)) is not None:
                moment = datetime.datetime.combine(day, datetime.time())
            if moment is None:
                self.fail("invalid")
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return moment.astimezone(datetime.UTC)
        except (ValueError, OverflowError):
            # A day that does not exist (2024-02-30), or a moment beyond year 1 or 9999 in UTC.
            self.fail("invalid")

    def to_representation(self, value):
        return value.isoformat()


class ServiceFilters(serializers.Serializer):
    """Filters of the services list; given together, a service must match them all."""

    service_type = serializers.CharField(
        required=False,
        max_length=120,
        help_text="The type of care service, exactly as the register writes it: `Care Home Service`, "
        "`Child Minding`, `Day Care of Children`...",
    )
    council_area = serializers.CharField(
        required=False,
        max_length=100,
        help_text="The council area, exactly as the register writes it: `Glasgow City`, `Perth & Kinross`...",
    )
    status = serializers.ChoiceField(
        choices=CareService.Status.choices,
        required=False,
        help_text="`Active` (registered), `Inactive` or `Cancelled` (no longer registered).",
    )
    min_grade = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=6,
        help_text="Only services whose every published grade is at least this (1 Unsatisfactory to 6 Excellent); "
        "services with no grades are left out.",
    )
    updated_since = SinceField(
        required=False,
        help_text="Only services whose register entry changed at or after this: a date (midnight UK time) "
        "or a date and time in ISO 8601, such as `2024-06-01` or `2024-06-01T09:30:00Z`.",
    )

    def filter(self, services):
        """`services` narrowed by the validated filters."""
        given = self.validated_data
        exact = {name: given[name] for name in ("service_type", "council_area", "status") if name in given}
        services = services.filter(**exact)
        if "min_grade" in given:
            services = services.with_minimum_grade(given["min_grade"])
        if "updated_since" in given:
            services = services.filter(updated_at__gte=given["updated_since"])
        return services
