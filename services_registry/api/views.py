"""The API's addresses: read-only, anonymous, cacheable.

Each view checks its query parameters before anything else, answers 200 with
``Cache-Control: public, max-age=300`` and an ETag of its body, and 4xx in the
one error shape (errors.py). The full-page cache keeps the 200s, keyed by the
whole address, until the register changes; ApiMiddleware answers If-None-Match.
Queries per request are fixed, whatever the size of the register.
"""

from __future__ import annotations

import hashlib

from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics
from rest_framework.exceptions import NotFound

from ..models import PROVIDER_NUMBER, SERVICE_NUMBER, CareService, GradeHistory, InspectionReport, Provider
from .errors import ErrorSerializer, error_response
from .filters import ServiceFilters, check_parameters
from .pagination import ProviderPagination, ServicePagination
from .serializers import (
    Addresses,
    ProviderDetailSerializer,
    ProviderSerializer,
    ServiceDetailSerializer,
    ServiceGradesSerializer,
    ServiceSerializer,
)

# How long browsers and shared caches may keep an answer: the register changes with an import or an
# officer's save, and open-data users can wait five minutes. Errors are kept a minute.
MAX_AGE = 300
ERROR_MAX_AGE = 60

NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match ETag is still current.")
TOO_MANY = OpenApiResponse(
    ErrorSerializer, description="Too many requests from this client: wait the seconds in Retry-After."
)
UNAVAILABLE = OpenApiResponse(
    ErrorSerializer, description="The register cannot be read just now: try again after Retry-After seconds."
)


def read_responses(ok, *, bad_request: str, not_found: str | None = None) -> dict:
    """What one address answers, for the schema."""
    responses = {
        200: ok,
        304: NOT_MODIFIED,
        400: OpenApiResponse(ErrorSerializer, description=bad_request),
        429: TOO_MANY,
        503: UNAVAILABLE,
    }
    if not_found:
        responses[404] = OpenApiResponse(ErrorSerializer, description=not_found)
    return responses


class PublicRead:
    """What every API view does (mixed in before DRF's view class)."""

    query_parameters: tuple[str, ...] = ()

    def allowed_parameters(self) -> tuple[str, ...]:
        return self.query_parameters + getattr(self.pagination_class, "query_parameters", ())

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request.query_params, self.allowed_parameters())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "addresses": Addresses(self.request)}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code == 200:
            response.render()
            response.headers["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        elif response.status_code in (400, 404):
            patch_cache_control(response, public=True, max_age=ERROR_MAX_AGE)
        return response


def _service_or_404(queryset, service_number: str):
    service = (
        queryset.filter(service_number=service_number).first()
        if SERVICE_NUMBER.regex.fullmatch(service_number)
        else None
    )
    if service is None:
        raise NotFound(f"No care service has the number {service_number!r} ({SERVICE_NUMBER.shape}).")
    return service


@extend_schema(
    summary="Care services",
    description="Every care service on the register, registered or not, in service-number order, "
    "a page at a time: follow `next` until it is null. Filters given together must all match.",
    parameters=[ServiceFilters],
    responses=read_responses(
        ServiceSerializer(many=True),
        bad_request="A parameter this address does not take, or a filter, `page_size` or `cursor` "
        "that is not valid.",
    ),
)
class ServiceList(PublicRead, generics.ListAPIView):
    serializer_class = ServiceSerializer
    pagination_class = ServicePagination
    query_parameters = tuple(ServiceFilters().fields)

    def get_queryset(self):
        # A plain dict, not the QueryDict: DRF would read an empty value as an HTML form's "any".
        filters = ServiceFilters(data=self.request.query_params.dict())
        filters.is_valid(raise_exception=True)
        return filters.filter(CareService.objects.select_related("provider"))


@extend_schema(
    summary="One care service",
    description="A care service with its latest grades, every set of grades published and its "
    "inspection reports.",
    responses=read_responses(
        ServiceDetailSerializer,
        bad_request="A query parameter: this address takes none.",
        not_found="No care service has this number.",
    ),
)
class ServiceDetail(PublicRead, generics.RetrieveAPIView):
    serializer_class = ServiceDetailSerializer
    queryset = CareService.objects.select_related("provider").prefetch_related(
        Prefetch("grade_history", GradeHistory.objects.all()),
        Prefetch(
            "reports",
            InspectionReport.objects.only(
                "service_id", "title", "inspected_on", "inspection_type", "summary"
            ),
        ),
    )

    def get_object(self):
        return _service_or_404(self.get_queryset(), self.kwargs["service_number"])


@extend_schema(
    summary="A care service's grades",
    description="Every set of grades published for a care service, latest first.",
    responses=read_responses(
        ServiceGradesSerializer,
        bad_request="A query parameter: this address takes none.",
        not_found="No care service has this number.",
    ),
)
class ServiceGrades(PublicRead, generics.RetrieveAPIView):
    serializer_class = ServiceGradesSerializer
    queryset = CareService.objects.only("pk", "service_number").prefetch_related("grade_history")

    def get_object(self):
        return _service_or_404(self.get_queryset(), self.kwargs["service_number"])


@extend_schema(
    summary="Providers",
    description="Every provider with a provider number, in provider-number order, a page at a time: "
    "follow `next` until it is null.",
    responses=read_responses(
        ProviderSerializer(many=True),
        bad_request="A parameter this address does not take, or a `page_size` or `cursor` that is not valid.",
    ),
)
class ProviderList(PublicRead, generics.ListAPIView):
    serializer_class = ProviderSerializer
    pagination_class = ProviderPagination
    queryset = Provider.objects.filter(provider_number__isnull=False).only("provider_number", "name")


@extend_schema(
    summary="One provider",
    description="A provider with the numbers, names and status of the services it provides or provided.",
    responses=read_responses(
        ProviderDetailSerializer,
        bad_request="A query parameter: this address takes none.",
        not_found="No provider has this number.",
    ),
)
class ProviderDetail(PublicRead, generics.RetrieveAPIView):
    serializer_class = ProviderDetailSerializer
    queryset = Provider.objects.prefetch_related(
        Prefetch(
            "services",
            CareService.objects.order_by("service_number").only(
                "provider_id", "service_number", "name", "service_type", "status"
            ),
        )
    )

    def get_object(self):
        number = self.kwargs["provider_number"]
        provider = (
            self.get_queryset().filter(provider_number=number).first()
            if PROVIDER_NUMBER.regex.fullmatch(number)
            else None
        )
        if provider is None:
            raise NotFound(f"No provider has the number {number!r} ({PROVIDER_NUMBER.shape}).")
        return provider


@extend_schema(exclude=True)
class Schema(PublicRead, SpectacularAPIView):
    """The OpenAPI 3.1 description of v1, as JSON, at a fixed address."""

    renderer_classes = [OpenApiJsonRenderer2]
    pagination_class = None


@csrf_exempt
def not_found(request, rest=""):
    """Anything else under /api/: JSON, as an API client expects, never the site's HTML page.

    An address that only lacks its final slash is sent to the one that has it.
    """
    if not request.path_info.endswith("/"):
        try:
            match = resolve(f"{request.path_info}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{request.path}/" + (f"?{query}" if query else ""))
    response = error_response(
        404, "There is nothing at this address. The API's addresses are in /api/v1/schema/."
    )
    patch_cache_control(response, public=True, max_age=ERROR_MAX_AGE)
    return response
