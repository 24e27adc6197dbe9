"""The "Registered by" badge: rendered when a service changes, then served from the cache.

Thousands of care services' own websites load the badge on every page view, so
a warm request reads one cache key and touches neither the database nor the
CMS. Saving a service re-renders its badges; the import forgets the badges of
the services it changed, and the next request renders them again. A cached
badge is fresh for five minutes; after that the next request renders it anew,
so one whose forgetting was lost (Redis down or timing out, a crash between the
commit and the forget, a render racing a change) agrees with the register again
within that bound. An older copy is served only while the database cannot
answer. The embed codes a service pastes into its website, which load the
badge, are written here too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .badge_size import badge_frame_size, line_count
from .grade_age import grades_title, how_long_ago
from .models import GRADE_WORDS, KEY_QUESTION_BY_FIELD, CareService, Grade, WidgetSighting, grade_fields_for

logger = logging.getLogger(__name__)

# Bump when the badge's markup changes, so every cached badge is rendered anew.
BADGE_VERSION = "3"
# A cached badge older than this is rendered anew from the register: the bound
# on a badge contradicting it, whatever failed (README, When things fail).
BADGE_FRESH_SECONDS = 5 * 60
# Kept far longer, to be served while the database is down rather than nothing.
BADGE_CACHE_SECONDS = 24 * 60 * 60
UNKNOWN_NUMBER_CACHE_SECONDS = 60
SIGHTING_GUARD_SECONDS = 26 * 60 * 60
# Each worker also keeps the badges it served in memory for a few seconds, so a
# busy badge costs no cache round trip at all; far inside the browsers' max-age.
LOCAL_BADGE_SECONDS = 10
LOCAL_MEMORY_LIMIT = 2_000  # the busiest badges; bounds a worker to a few MB

KINDS = {
    "js": "text/javascript; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "svg": "image/svg+xml",
}
BADGE_CSS = (Path(__file__).parent / "static" / "services_registry" / "widget_badge.css").read_text().strip()
# The iframe page carries its styles inline, allowed by their hash alone. The badge fills the frame,
# whose size the embed code gives (badge_frame_size), so its border is the frame's edge.
BADGE_PAGE_CSS = BADGE_CSS + "\nbody{margin:0;background:transparent}\n.ci-badge{min-height:100vh}"
_page_css_digest = base64.b64encode(hashlib.sha256(BADGE_PAGE_CSS.encode()).digest()).decode()
BADGE_PAGE_STYLE_HASH = f"'sha256-{_page_css_digest}'"
_MISSING = "missing"


@dataclass(frozen=True)
class Badge:
    body: bytes
    etag: str
    service_id: int
    rendered_at: float = 0.0  # time.time(): every server shares the cached copy


def badge_cache_key(service_number: str, kind: str) -> str:
    return f"widget:v{BADGE_VERSION}:{service_number}:{kind}"


def absolute_url(view_name: str, service_number: str) -> str:
    """An address of ours as other sites must write it: with the site's origin."""
    return settings.SITE_URL + reverse(f"services_registry:{view_name}", args=[service_number])


def service_page_url(service_number: str) -> str:
    return absolute_url("service_detail", service_number)


def embed_code(service: CareService) -> str:
    """What a care service pastes into its website: the script, with an image for visitors without JavaScript."""
    return _snippet("services_registry/widget/embed_code.html", service)


def iframe_code(service: CareService) -> str:
    """The badge as a frame, for websites that do not allow scripts: borderless, and as tall as the badge
    can grow while the code stays pasted (frame_size)."""
    width, height = frame_size(service)
    return _snippet("services_registry/widget/iframe_code.html", service, width=width, height=height)


# The longest the grades' title can be: a long month, and the longest "how long ago".
LONGEST_GRADES_TITLE = "Grades published 30 September 2099 (less than a month ago):"


def frame_size(service: CareService) -> tuple[int, int]:
    """The frame a pasted code gives: the badge as it is, or as it may become, whichever is taller.

    A frame cannot grow, and the code is pasted once: a service regraded on every key question its
    type is graded on, with the longest words and "less than a month ago", must still fit.
    """
    context = _badge_context(service)
    longest = [
        max(
            (Grade(KEY_QUESTION_BY_FIELD[field], value) for value in GRADE_WORDS),
            key=lambda grade: line_count(f"{grade.label}: {grade.value} {grade.word}", 13),
        )
        for field in grade_fields_for(service.service_type)
    ]
    grown = {**context, "registered": True, "grades": longest, "grades_title": LONGEST_GRADES_TITLE}
    width, height = badge_frame_size(context)
    return width, max(height, badge_frame_size(grown)[1])


def _snippet(template_name: str, service: CareService, **extra) -> str:
    """The template's HTML as plain text (no trailing newline), for the page to show as code."""
    number = service.service_number
    addresses = {
        "script_url": absolute_url("widget_js", number),
        "image_url": absolute_url("widget_svg", number),
        "frame_url": absolute_url("widget_page", number),
        "service_url": service_page_url(number),
    }
    return render_to_string(template_name, {"name": service.name, **addresses, **extra}).strip()


def _badge_context(service: CareService) -> dict:
    registered = service.is_registered
    status = service.get_status_display()
    return {
        "registered": registered,
        "name": service.name,
        "number": service.service_number,
        "status": status,
        "not_registered_note": (
            f"This service is no longer registered ({status.lower()}). It must not present itself as registered."
        ),
        "grades": service.grades() if registered else [],
        "grades_published_on": service.grades_published_on,
        "grades_title": grades_title(service.grades_published_on),
        "service_url": service_page_url(service.service_number),
    }


def _json_for_script(value: str) -> str:
    """JSON that cannot end the <script> element it might be pasted into."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def widget_badge_html(service: CareService) -> str:
    """The badge's own markup, shared by the script and the iframe page."""
    return render_to_string("services_registry/widget/badge.html", _badge_context(service)).strip()


def widget_badge_js(service: CareService) -> str:
    return render_to_string(
        "services_registry/widget/badge.js",
        {
            "number": service.service_number,
            "terms_url": service_page_url(service.service_number) + "#widget-terms",
            "number_json": _json_for_script(service.service_number),
            "html_json": _json_for_script(widget_badge_html(service)),
            "css_json": _json_for_script(BADGE_CSS),
        },
    )


def widget_badge_page(service: CareService) -> str:
    context = _badge_context(service)
    return render_to_string(
        "services_registry/widget/badge_page.html",
        {**context, "badge_html": widget_badge_html(service), "page_css": BADGE_PAGE_CSS},
    )


def widget_badge_svg(service: CareService) -> str:
    """The badge as an image, for pages (or visitors) without JavaScript."""
    context = _badge_context(service)
    registered = context["registered"]
    lines = []
    y = 24

    def add(text, *, size=13, bold=False, colour=None, gap=17):
        nonlocal y
        lines.append({"text": text, "y": y, "size": size, "bold": bold, "colour": colour})
        y += gap

    if registered:
        add("Registered by the Care Inspectorate", bold=True, colour="#0065bd")
    else:
        add("Not registered with the", bold=True, colour="#d32205")
        add("Care Inspectorate", bold=True, colour="#d32205")
    for part in textwrap.wrap(service.name, 26, max_lines=2, placeholder="…"):
        add(part, size=16, bold=True, gap=20)
    if registered and context["grades"]:
        published = context["grades_published_on"]
        if published:
            add(f"Grades published {format_date(published, 'j F Y')}")
            add(f"({how_long_ago(published)}):")
        else:
            add("Grades:")
        for grade in context["grades"]:
            add(f"{grade.label}: {grade.value} {grade.word}")
    elif registered:
        add("Not graded yet.")
    else:
        add(f"No longer registered ({context['status'].lower()}).")
    height = max(y + 2, 66)
    title = (
        f"Registered by the Care Inspectorate: {service.name}"
        if registered
        else f"{service.name} is not registered with the Care Inspectorate"
    )
    return render_to_string(
        "services_registry/widget/badge.svg",
        {
            "lines": lines,
            "height": height,
            "title": title,
            "registered": registered,
            "colour": "#0065bd" if registered else "#d32205",
        },
    )


RENDERERS = {"js": widget_badge_js, "html": widget_badge_page, "svg": widget_badge_svg}


def _badge(body: str, service_id: int) -> Badge:
    data = body.encode()
    return Badge(data, '"' + hashlib.sha256(data).hexdigest()[:32] + '"', service_id, time.time())


def cache_badges(service: CareService) -> dict[str, Badge]:
    """Render every kind of badge for this service and keep them until it next changes."""
    badges = {kind: _badge(render(service), service.pk) for kind, render in RENDERERS.items()}
    cache.set_many(
        {badge_cache_key(service.service_number, kind): badge for kind, badge in badges.items()},
        timeout=BADGE_CACHE_SECONDS,
    )
    return badges


def forget_badges(service_numbers) -> None:
    keys = [badge_cache_key(number, kind) for number in service_numbers for kind in KINDS]
    cache.delete_many(keys)
    for key in keys:
        _local_badges.pop(key, None)


_local_badges: dict[str, tuple[float, Badge | None]] = {}
_local_sightings: set[str] = set()


def _remember_locally(memory, key, value=None) -> None:
    if len(memory) >= LOCAL_MEMORY_LIMIT:
        memory.clear()
    if isinstance(memory, dict):
        memory[key] = value
    else:
        memory.add(key)


def get_badge(service_number: str, kind: str) -> Badge | None:
    """This worker's recent copy, else the shared cache, else rendered from the database.

    None means there is no such service.
    """
    key = badge_cache_key(service_number, kind)
    now = time.monotonic()
    local = _local_badges.get(key)
    if local is not None and local[0] > now:
        return local[1]
    badge = _shared_badge(service_number, kind)
    _remember_locally(_local_badges, key, (now + LOCAL_BADGE_SECONDS, badge))
    return badge


def forget_local_memory() -> None:
    """Empty this worker's own copies (tests start from nothing)."""
    _local_badges.clear()
    _local_sightings.clear()


def _shared_badge(service_number: str, kind: str) -> Badge | None:
    key = badge_cache_key(service_number, kind)
    badge = cache.get(key)
    if isinstance(badge, Badge) and time.time() - badge.rendered_at < BADGE_FRESH_SECONDS:
        return badge
    if badge == _MISSING:
        return None
    try:
        service = CareService.objects.filter(service_number=service_number).first()
    except DatabaseError:
        if isinstance(badge, Badge):
            return badge  # past its five minutes, but better than no badge while the database is down
        raise
    if service is None:
        # Remember briefly, so scanning for numbers cannot hammer the database.
        cache.set_many(
            {badge_cache_key(service_number, k): _MISSING for k in KINDS}, UNKNOWN_NUMBER_CACHE_SECONDS
        )
        return None
    return cache_badges(service)[kind]


def origin_of(request) -> str | None:
    """The site a badge request came from: scheme, host and port, never the path."""
    # META, not request.headers: that builds a mapping of every header, a tenth of serving a badge.
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    if not source or source == "null" or len(source) > 2000:
        return None
    try:
        parts = urlsplit(source)
        hostname = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not hostname:
        return None
    origin = f"{parts.scheme}://{hostname}" + (f":{port}" if port else "")
    if len(origin) > 200 or origin == settings.SITE_URL:
        return None
    return origin


def record_widget_sighting(request, badge: Badge) -> None:
    """Note the first time each day a site shows this badge: at most one write per site per day."""
    origin = origin_of(request)
    if origin is None:
        return
    day = timezone.localdate()
    origin_digest = hashlib.sha256(origin.encode()).hexdigest()[:24]
    guard = f"widget-seen:{day.isoformat()}:{badge.service_id}:{origin_digest}"
    if guard in _local_sightings:
        return
    _remember_locally(_local_sightings, guard)
    if not cache.add(guard, 1, SIGHTING_GUARD_SECONDS):
        return
    try:
        WidgetSighting.objects.bulk_create(
            [WidgetSighting(service_id=badge.service_id, day=day, origin=origin)], ignore_conflicts=True
        )
    except DatabaseError:
        cache.delete(guard)
        _local_sightings.discard(guard)
        logger.warning("Could not record a widget sighting for %s", origin, exc_info=True)
