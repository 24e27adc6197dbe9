"""/providers/<provider number>/: who runs which care services, and which they used to run."""

from csp.constants import HEADER as CSP_HEADER
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from inspectorate_site.csp import replaced_policy

from . import provider_badge
from .models import CareService, Provider
from .register_history import ProviderChange
from .views import BADGE_FRAME_POLICY, HOME, PUBLIC_PAGE_SECONDS
from .widget import KINDS

SERVICES_PER_PAGE = 50
HANDED_OVER_SHOWN = 50


@require_safe
@cache_control(public=True, max_age=PUBLIC_PAGE_SECONDS)
def provider_detail(request, provider_number):
    """A provider's services, a page at a time, and those it passed to another provider."""
    provider = get_object_or_404(
        Provider.objects.annotate(
            services_count=Count("services"),
            registered_count=Count("services", filter=Q(services__status=CareService.Status.ACTIVE)),
        ),
        provider_number=provider_number,
    )
    services = provider.services.select_related("provider").order_by("name", "service_number")
    page = Paginator(services, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    page.paginator.count = provider.services_count  # counted already, with the provider
    handed_over = list(
        ProviderChange.objects.filter(from_provider=provider)
        .exclude(to_provider=provider)
        .select_related("service", "to_provider")
        .order_by("-changed_on", "-id")[:HANDED_OVER_SHOWN]
    )
    return render(
        request,
        "services_registry/provider_detail.html",
        {
            "provider": provider,
            "page": page,
            "handed_over": handed_over,
            "embed_codes": provider_badge.embed_codes(provider) if provider.registered_count else None,
            "breadcrumbs": [
                HOME,
                ("Find a care service", reverse("services_registry:service_search")),
                (provider.name, None),
            ],
        },
    )


# A provider's badge changes only with the register: the full-page cache keeps it until then (one
# cache read a request), and browsers and CDNs may keep it five minutes.
PROVIDER_BADGE_SECONDS = 300


def _numbered_provider(provider_number):
    return get_object_or_404(Provider, provider_number=provider_number)


def _badge_response(body: str, content_type: str):
    response = HttpResponse(body, content_type=content_type)
    patch_cache_control(response, public=True, max_age=PROVIDER_BADGE_SECONDS)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
def provider_badge_page(request, provider_number):
    """The provider's badge as a page for another site's frame."""
    response = _badge_response(provider_badge.badge_page(_numbered_provider(provider_number)), KINDS["html"])
    response.xframe_options_exempt = True
    response.headers[CSP_HEADER] = replaced_policy(BADGE_FRAME_POLICY)
    return response


@require_safe
def provider_badge_svg(request, provider_number):
    """The provider's badge as an image, for pages (or visitors) without frames."""
    return _badge_response(provider_badge.badge_svg(_numbered_provider(provider_number)), KINDS["svg"])
