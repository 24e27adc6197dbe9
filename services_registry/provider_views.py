"""/providers/<provider number>/: who runs which care services, and which they used to run."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .models import CareService, Provider
from .register_history import ProviderChange
from .views import HOME, PUBLIC_PAGE_SECONDS

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
            "breadcrumbs": [
                HOME,
                ("Find a care service", reverse("services_registry:service_search")),
                (provider.name, None),
            ],
        },
    )
