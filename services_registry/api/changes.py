"""What each import changed: the change feed (/api/v1/changes/), the imports (/api/v1/imports/) and
each import's changes as a CSV file, for data users who would otherwise diff monthly files by hand.

Every value here was written public (datastore/recording.py): a hidden address is null in them all.
"""

from __future__ import annotations

import csv
import datetime
import json

from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError

from ..register_history import RegisterChange
from ..register_import import RegisterImport
from .filters import SinceField
from .pagination import CURSOR_MESSAGE, RegisterCursorPagination
from .serializers import Addresses
from .views import MAX_AGE, PublicRead, read_responses

CSV_COLUMNS = ["import", "recorded_at", "service_number", "kind", "field", "old", "new"]
FINISHED = (RegisterImport.State.DONE, RegisterImport.State.FAILED)


class RecordPagination(RegisterCursorPagination):
    """Pages in the order things were recorded (their ids only ever grow): oldest first."""

    ordering = "id"

    def decode_cursor(self, request):
        if request.query_params.get(self.cursor_query_param) == "":
            raise ValidationError({self.cursor_query_param: [CURSOR_MESSAGE]})
        try:
            cursor = super(RegisterCursorPagination, self).decode_cursor(request)
        except NotFound:
            cursor = None
            valid = False
        else:
            position = cursor.position if cursor else None
            valid = position is None or (position.isascii() and position.isdigit() and len(position) < 19)
        if not valid:
            raise ValidationError({self.cursor_query_param: [CURSOR_MESSAGE]})
        return cursor


class NewestFirstPagination(RecordPagination):
    ordering = "-id"


class ChangeFilters(serializers.Serializer):
    since = SinceField(
        required=False,
        help_text="Only changes recorded at or after this: a date (midnight UK time) or a date and time "
        "in ISO 8601, such as `2024-06-01` or `2024-06-01T09:30:00Z`.",
    )
    register_import = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="Only the changes of this import (its `id` in /api/v1/imports/).",
    )
    kind = serializers.ChoiceField(
        choices=RegisterChange.Kind.choices,
        required=False,
        help_text="`added`, `changed` or `cancelled`.",
    )

    # "import" is the public name; it is a Python keyword, hence the field's own name.
    PUBLIC_NAMES = {"import": "register_import"}

    @classmethod
    def from_query(cls, query_params):
        data = {cls.PUBLIC_NAMES.get(name, name): value for name, value in query_params.dict().items()}
        return cls(data=data)

    def is_valid(self, *, raise_exception=False):
        """Errors under the names the client used."""
        try:
            return super().is_valid(raise_exception=raise_exception)
        except ValidationError as error:
            private = {value: name for name, value in self.PUBLIC_NAMES.items()}
            raise ValidationError(
                {private.get(name, name): messages for name, messages in error.detail.items()}
            ) from error

    def filter(self, changes):
        given = self.validated_data
        if "since" in given:
            changes = changes.filter(recorded_at__gte=given["since"])
        if "register_import" in given:
            changes = changes.filter(register_import_id=given["register_import"])
        if "kind" in given:
            changes = changes.filter(kind=given["kind"])
        return changes


@extend_schema_field(
    {
        "type": "object",
        "description": "Each field that changed, by name, with its `old` value (null for a service "
        "added) and its `new` one. `provider` is the provider number (or name, if it has none); "
        "`figures_2024` is the financial year 2024/25's complaints upheld, enforcements issued "
        "and requirements. Address fields of a service whose address is not published are named "
        "with null values.",
        "additionalProperties": {
            "type": "object",
            "required": ["old", "new"],
            "properties": {"old": {}, "new": {}},
        },
    }
)
class ChangedFieldsField(serializers.JSONField):
    pass


class ChangeSerializer(serializers.Serializer):
    """One service that one import added, changed or cancelled."""

    id = serializers.IntegerField(help_text="Grows with each change recorded.")
    service_number = serializers.CharField()
    service = serializers.SerializerMethodField(help_text="The service in this API.")
    kind = serializers.ChoiceField(choices=RegisterChange.Kind.choices)
    fields = ChangedFieldsField()
    recorded_at = serializers.DateTimeField(default_timezone=datetime.UTC)
    register_import = serializers.IntegerField(source="register_import_id", help_text="The import's id.")

    def get_fields(self):
        fields = super().get_fields()
        fields["import"] = fields.pop("register_import")
        return fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_service(self, change) -> str:
        return self.context["addresses"].service(change.service_number)


class ImportSerializer(serializers.Serializer):
    """One import of the datastore into the register, with its counts."""

    id = serializers.IntegerField()
    source = serializers.ChoiceField(choices=RegisterImport.Source.choices)
    state = serializers.ChoiceField(
        choices=[(state, RegisterImport.State(state).label) for state in FINISHED]
    )
    started_at = serializers.DateTimeField(default_timezone=datetime.UTC, allow_null=True)
    finished_at = serializers.DateTimeField(default_timezone=datetime.UTC, allow_null=True)
    services_added = serializers.IntegerField()
    services_changed = serializers.IntegerField(help_text="Including those cancelled.")
    services_cancelled = serializers.IntegerField()
    services_unchanged = serializers.IntegerField()
    rows_rejected = serializers.IntegerField()
    changes = serializers.SerializerMethodField(help_text="Its changes in the change feed.")
    changes_csv = serializers.SerializerMethodField(help_text="Its changes as a CSV file, a row per field.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_changes(self, register_import) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(f"{reverse('api:v1:changes')}?import={register_import.pk}")

    @extend_schema_field(OpenApiTypes.URI)
    def get_changes_csv(self, register_import) -> str:
        return self.context["request"].build_absolute_uri(changes_csv_path(register_import.pk))


def changes_csv_path(import_id: int) -> str:
    return reverse("api:v1:import_changes_csv", args=[import_id])


@extend_schema(
    summary="Changes to the register",
    description="What each import added, changed (which fields, old and new values) or cancelled, "
    "oldest first, a page at a time: follow `next` until it is null. Keep the `id` of the last "
    "change you read, or the time you last asked, and ask again with `since`.",
    parameters=[
        OpenApiParameter("since", OpenApiTypes.STR, description=ChangeFilters().fields["since"].help_text),
        OpenApiParameter(
            "import",
            OpenApiTypes.INT,
            description="Only the changes of this import (its `id` in /api/v1/imports/).",
        ),
        OpenApiParameter(
            "kind", enum=RegisterChange.Kind.values, description="`added`, `changed` or `cancelled`."
        ),
    ],
    responses=read_responses(
        ChangeSerializer(many=True),
        bad_request="A parameter this address does not take, or a `since`, `import`, `kind`, "
        "`page_size` or `cursor` that is not valid.",
    ),
)
class ChangeList(PublicRead, generics.ListAPIView):
    serializer_class = ChangeSerializer
    pagination_class = RecordPagination
    query_parameters = ("since", "import", "kind")

    def get_queryset(self):
        filters = ChangeFilters.from_query(self.request.query_params)
        filters.is_valid(raise_exception=True)
        return filters.filter(RegisterChange.objects.all())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "addresses": Addresses(self.request)}


def finished_imports():
    return RegisterImport.objects.filter(state__in=FINISHED)


@extend_schema(
    summary="Imports",
    description="Each import of the datastore into the register that has finished, newest first, "
    "with its counts and its changes.",
    responses=read_responses(
        ImportSerializer(many=True),
        bad_request="A parameter this address does not take, or a `page_size` or `cursor` that is not valid.",
    ),
)
class ImportList(PublicRead, generics.ListAPIView):
    serializer_class = ImportSerializer
    pagination_class = NewestFirstPagination

    def get_queryset(self):
        return finished_imports()


@extend_schema(
    summary="One import",
    responses=read_responses(
        ImportSerializer,
        bad_request="A query parameter: this address takes none.",
        not_found="No finished import has this id.",
    ),
)
class ImportDetail(PublicRead, generics.RetrieveAPIView):
    serializer_class = ImportSerializer

    def get_object(self):
        found = finished_imports().filter(pk=self.kwargs["import_id"]).first()
        if found is None:
            raise NotFound(f"No finished import has the id {self.kwargs['import_id']}.")
        return found


class _Echo:
    def write(self, value):
        return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def change_rows(changes):
    """A row per field changed, in the order recorded; read in chunks, never all held."""
    yield CSV_COLUMNS
    for change in changes.order_by("id").iterator(chunk_size=2000):
        recorded_at = change.recorded_at.astimezone(datetime.UTC).isoformat()
        for field, values in change.fields.items():
            yield [
                change.register_import_id,
                recorded_at,
                change.service_number,
                change.kind,
                field,
                _csv_value(values.get("old")),
                _csv_value(values.get("new")),
            ]


@require_safe
def import_changes_csv(request, import_id: int):
    """/api/v1/imports/<id>/changes.csv: what one import changed, a row per field, streamed."""
    register_import = finished_imports().filter(pk=import_id).first()
    if register_import is None:
        raise Http404
    writer = csv.writer(_Echo())
    changes = RegisterChange.objects.filter(register_import=register_import)
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in change_rows(changes)), content_type="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="register-changes-{import_id}.csv"'
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
