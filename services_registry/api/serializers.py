"""What the API says about a service, a provider and a service's grades: the v1 shapes.

Names here are public. Add a field if you must; never rename or remove one within v1.
Hidden addresses follow the rule every public surface follows (CareService.public_value):
each of CareService.ADDRESS_FIELDS is null for a service whose address is not published.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import KEY_QUESTIONS, SERVICE_NUMBER, CareService, InspectionReport

PLACEHOLDER = "NUMBER"


class Addresses:
    """Absolute addresses for one request's answer: each kind reversed once, not once a row."""

    def __init__(self, request):
        self.request = request
        self._templates: dict[str, tuple[str, str]] = {}

    def _fill(self, name: str, placeholder: str, number: str) -> str:
        if name not in self._templates:
            address = self.request.build_absolute_uri(reverse(name, args=[placeholder]))
            before, _, after = address.rpartition(placeholder)  # the path's, never the host's
            self._templates[name] = (before, after)
        before, after = self._templates[name]
        return f"{before}{number}{after}"

    def service(self, number: str) -> str:
        return self._fill("api:v1:service", PLACEHOLDER, number)

    def service_page(self, number: str) -> str:
        return self._fill("services_registry:service_detail", SERVICE_NUMBER.example, number)

    def provider(self, number: str) -> str:
        return self._fill("api:v1:provider", PLACEHOLDER, number)

    def report(self, service_number: str, report_id: int) -> str:
        args = [service_number, report_id]
        return self.request.build_absolute_uri(reverse("services_registry:inspection_report", args=args))


def _addresses(field) -> Addresses:
    return field.context["addresses"]


class GradesSerializer(serializers.Serializer):
    """The grade for each key question, 1 (Unsatisfactory) to 6 (Excellent); null where not graded."""

    def get_fields(self):
        return {
            key_question.field.removeprefix("grade_"): serializers.IntegerField(
                source=key_question.field,
                allow_null=True,
                min_value=1,
                max_value=6,
                read_only=True,
                help_text=key_question.question,
            )
            for key_question in KEY_QUESTIONS
        }


class ServiceProviderSerializer(serializers.Serializer):
    provider_number = serializers.CharField(
        allow_null=True, help_text="SP followed by 10 digits; null if the register has none."
    )
    name = serializers.CharField()
    url = serializers.SerializerMethodField(allow_null=True, help_text="The provider in this API.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, provider) -> str | None:
        return _addresses(self).provider(provider.provider_number) if provider.provider_number else None


class PublicAddressField(serializers.CharField):
    """One address field as the public may see it: null where the register does not publish the address."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def get_attribute(self, service):
        if service.address_hidden:
            return None
        return service.public_value(self.source)


class ServiceSerializer(serializers.Serializer):
    """A care service as the register lists it."""

    service_number = serializers.CharField(help_text="CS followed by 10 digits; never changes.")
    url = serializers.SerializerMethodField(help_text="This service in this API.")
    page_url = serializers.SerializerMethodField(help_text="The service's page on this site.")
    name = serializers.CharField()
    service_type = serializers.CharField()
    subtype = serializers.CharField()
    sector = serializers.CharField(
        help_text="Who runs it: private, voluntary, local authority, health board."
    )
    provided_by_local_authority = serializers.BooleanField()
    client_group = serializers.CharField()
    provider = ServiceProviderSerializer(allow_null=True)
    address_published = serializers.SerializerMethodField(
        help_text="False for services where people live or are cared for in private homes: then every "
        "address field, the town and the phone are null, and only the council area is given."
    )
    council_area = serializers.CharField()
    status = serializers.ChoiceField(
        choices=CareService.Status.choices,
        help_text="`Active` is registered; `Inactive` and `Cancelled` are no longer registered.",
    )
    registered_on = serializers.DateField(allow_null=True)
    registered_places = serializers.IntegerField(
        allow_null=True, help_text="How many people it may care for at once; null if not recorded."
    )
    manager_name = serializers.CharField(help_text="Empty if not recorded.")
    conditions = serializers.CharField(help_text="Its conditions of registration; empty if none recorded.")
    last_inspected_on = serializers.DateField(allow_null=True)
    grades_published_on = serializers.DateField(
        allow_null=True, help_text="When the grades below were published."
    )
    min_grade = serializers.IntegerField(allow_null=True, help_text="The lowest of the grades; null if none.")
    grades = GradesSerializer(source="*", help_text="The latest published grades.")
    updated_at = serializers.DateTimeField(
        default_timezone=datetime.UTC, help_text="When the register entry last changed (UTC)."
    )

    def get_fields(self):
        """The address fields go after `address_published`, one for each of CareService.ADDRESS_FIELDS."""
        fields = {}
        for name, field in super().get_fields().items():
            fields[name] = field
            if name == "address_published":
                fields.update({address: PublicAddressField() for address in CareService.ADDRESS_FIELDS})
        return fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, service) -> str:
        return _addresses(self).service(service.service_number)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, service) -> str:
        return _addresses(self).service_page(service.service_number)

    def get_address_published(self, service) -> bool:
        return not service.address_hidden


class GradeHistorySerializer(serializers.Serializer):
    """One set of grades as published on one date."""

    published_on = serializers.DateField(allow_null=True)
    grades = GradesSerializer(source="*")


class ReportSerializer(serializers.Serializer):
    title = serializers.CharField()
    inspected_on = serializers.DateField()
    inspection_type = serializers.ChoiceField(choices=InspectionReport.InspectionType.choices)
    summary = serializers.CharField(
        help_text="What the inspectors found, in two or three sentences; may be empty."
    )
    url = serializers.SerializerMethodField(help_text="The report's file (PDF).")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, report) -> str:
        return _addresses(self).report(report.service.service_number, report.pk)


class ServiceDetailSerializer(ServiceSerializer):
    """A care service with its grade history and inspection reports, latest first."""

    grade_history = GradeHistorySerializer(
        many=True, help_text="Every set of grades published, latest first."
    )
    reports = ReportSerializer(many=True, help_text="Inspection reports, latest first.")


class ServiceGradesSerializer(serializers.Serializer):
    service_number = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The service in this API.")
    results = GradeHistorySerializer(
        many=True, source="grade_history", help_text="Every set of grades published, latest first."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, service) -> str:
        return _addresses(self).service(service.service_number)


class ProviderServiceSerializer(serializers.Serializer):
    service_number = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The service in this API.")
    name = serializers.CharField()
    service_type = serializers.CharField()
    status = serializers.ChoiceField(choices=CareService.Status.choices)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, service) -> str:
        return _addresses(self).service(service.service_number)


class ProviderSerializer(serializers.Serializer):
    """An organisation that provides care services."""

    provider_number = serializers.CharField(help_text="SP followed by 10 digits; never changes.")
    url = serializers.SerializerMethodField(help_text="This provider in this API.")
    name = serializers.CharField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, provider) -> str:
        return _addresses(self).provider(provider.provider_number)


class ProviderDetailSerializer(ProviderSerializer):
    services = ProviderServiceSerializer(
        many=True, help_text="Every service it provides or provided, in service-number order."
    )
