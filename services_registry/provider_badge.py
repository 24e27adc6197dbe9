"""The provider's badge: "Registered by the Care Inspectorate", the provider and the registered care
services it runs, for a provider's own website. As a frame (/widget/provider/<number>/) and an image
(.svg); both are ordinary views the full-page cache answers (one cache read) until the register changes.
"""

from __future__ import annotations

import math
import textwrap

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from .badge_size import _LINE_HEIGHT, _NAME, _SMALL, BADGE_WIDTH, line_count
from .models import CareService, Provider
from .widget import BADGE_PAGE_CSS

SERVICES_SHOWN = 5
HEADING = "Registered by the Care Inspectorate"
MORE_LINK = "View its services and their grades"


def provider_url(provider: Provider) -> str:
    return settings.SITE_URL + provider.get_absolute_url()


def badge_context(provider: Provider) -> dict:
    """Its registered services by name, the first SERVICES_SHOWN of them: two queries."""
    registered = CareService.objects.filter(provider=provider, status=CareService.Status.ACTIVE)
    count = registered.count()
    shown = list(
        registered.order_by("name", "service_number").values_list("name", flat=True)[:SERVICES_SHOWN]
    )
    return {
        "name": provider.name,
        "number": provider.provider_number,
        "count": count,
        "summary": f"Runs {count:,} registered care service{'s' if count != 1 else ''}"
        + (":" if count else "."),
        "services": shown,
        "more": count - len(shown),
        "provider_url": provider_url(provider),
        "more_link": MORE_LINK,
    }


def _lines_height(text: str, size: int, *, bold: bool = False) -> float:
    return line_count(text, size, bold=bold) * size * _LINE_HEIGHT


def frame_size(context: dict) -> tuple[int, int]:
    """(width, height) of the badge in its frame, laid out as badge_size lays out a service's."""
    height = 2 * 2 + 2 * 10 + _lines_height(HEADING, _SMALL, bold=True)
    height += _lines_height(context["name"], _NAME, bold=True) + 2 + 4
    height += _lines_height(context["summary"], _SMALL) + 2
    for name in context["services"]:
        height += _lines_height(name, _SMALL)
    # Room for services it may register later (a line each) and the "and N more" line: a pasted
    # frame cannot grow.
    height += (SERVICES_SHOWN - len(context["services"])) * _lines_height("", _SMALL)
    height += _lines_height(f"and {max(context['more'], 1000):,} more", _SMALL)
    height += 6 + _lines_height(MORE_LINK, _SMALL)
    return BADGE_WIDTH, math.ceil(height)


def badge_html(context: dict) -> str:
    return render_to_string("services_registry/widget/provider_badge.html", context).strip()


def badge_page(provider: Provider) -> str:
    context = badge_context(provider)
    return render_to_string(
        "services_registry/widget/badge_page.html",
        {
            "registered": True,
            "name": provider.name,
            "badge_html": badge_html(context),
            "page_css": BADGE_PAGE_CSS,
        },
    )


def badge_svg(provider: Provider) -> str:
    context = badge_context(provider)
    lines, y = [], 24

    def add(text, *, size=13, bold=False, colour=None, gap=17):
        nonlocal y
        lines.append({"text": text, "y": y, "size": size, "bold": bold, "colour": colour})
        y += gap

    add(HEADING, bold=True, colour="#0065bd")
    for part in textwrap.wrap(provider.name, 26, max_lines=2, placeholder="…"):
        add(part, size=16, bold=True, gap=20)
    add(context["summary"])
    for name in context["services"]:
        add(textwrap.shorten(name, 34, placeholder="…"))
    if context["more"]:
        add(f"and {context['more']:,} more")
    return render_to_string(
        "services_registry/widget/badge.svg",
        {
            "lines": lines,
            "height": max(y + 2, 66),
            "title": f"Registered by the Care Inspectorate: {provider.name}, {context['summary'].rstrip(':.')}",
            "registered": True,
            "colour": "#0065bd",
        },
    )


def embed_codes(provider: Provider) -> dict[str, str]:
    """What a provider pastes into its website: the frame, or the image in a link."""
    number = provider.provider_number
    width, height = frame_size(badge_context(provider))
    addresses = {
        "frame_url": settings.SITE_URL + reverse("services_registry:provider_badge_page", args=[number]),
        "image_url": settings.SITE_URL + reverse("services_registry:provider_badge_svg", args=[number]),
        "provider_url": provider_url(provider),
    }
    context = {"name": provider.name, "width": width, "height": height, **addresses}
    return {
        kind: render_to_string(f"services_registry/widget/provider_{kind}_code.html", context).strip()
        for kind in ("frame", "image")
    }
