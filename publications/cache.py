"""Short-lived caching of the public publication pages.

Anonymous GET requests share one cached copy per address for a minute. Any
save or delete of a publication, category, document or change note bumps a
generation number that is part of every key, so editors' changes show at
once rather than after the timeout. Signed-in users (staff with the CMS
toolbar) are never served from, nor stored in, this cache.

A scheduled publication goes live by itself: no page is cached past the next
scheduled publication date, so the first request after it sees the library
with that publication in it. No cron job is needed. (Values behind the
filters, like the list of years, may lag up to their hour.)
"""

import functools
import hashlib
import math
import time

from django.core.cache import cache
from django.utils.cache import patch_cache_control

from inspectorate_site import generations

PUBLIC_PAGE_SECONDS = 60
NOTHING_SCHEDULED = 0.0


def invalidate(**kwargs) -> None:
    """Signal receiver: every cached publications page is stale now."""
    generations.bump(generations.PUBLICATIONS)


def _next_scheduled_timestamp() -> float:
    """When the next scheduled publication goes live (a Unix time), or NOTHING_SCHEDULED.

    Kept per generation (any edit changes it) until that moment comes.
    """
    from .models import Publication

    def compute():
        first = (
            Publication.objects.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        return first.timestamp() if first else NOTHING_SCHEDULED

    return generations.kept(
        "publications:next-scheduled",
        compute,
        counter=generations.PUBLICATIONS,
        seconds=lambda when: _seconds_until(when) if when else 24 * 60 * 60,
    )


def _seconds_until(when: float) -> int:
    return max(1, math.ceil(when - time.time()))


def lifetime(timeout_seconds: int) -> int:
    """The timeout, cut short so nothing cached outlives the next scheduled publication date."""
    when = _next_scheduled_timestamp()
    return min(timeout_seconds, _seconds_until(when)) if when else timeout_seconds


def cached_value(name: str, compute, timeout_seconds: int = 3600):
    """A value computed from the library, kept until the library next changes (or the timeout)."""
    return generations.kept(
        f"publications:{name}", compute, counter=generations.PUBLICATIONS, seconds=timeout_seconds
    )


def cached_listing_value(name: str, compute, timeout_seconds: int = 3600):
    """Like cached_value, for what a scheduled publication changes (counts): kept no later than its going live."""
    return generations.kept(
        f"publications:{name}", compute, counter=generations.PUBLICATIONS, seconds=lifetime(timeout_seconds)
    )


def _key(request, current: dict) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    # A page shows the CMS's menu and breadcrumbs too: a publish must change its key as well.
    kept_by = ":".join(str(current[name]) for name in generations.KEYS)
    return f"publications:page:{kept_by}:{digest}"


def public_page_cache(view):
    """Anonymous GETs kept a minute (less before a scheduled publication goes live), marked public.

    For a visitor the full-page cache in front has already looked for the address
    (inspectorate_site/page_cache.py) and will keep this answer: looking again here
    would find nothing it missed. This one serves the visitors it lets by, those
    with a form's cookie.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        if not cacheable:
            return view(request, *args, **kwargs)
        key = None
        if not getattr(request, "full_page_cache_looked", False):
            current = generations.current()
            if current[generations.EPOCH_KEY] is not None:
                key = _key(request, current)
        response = cache.get(key) if key else None
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                if hasattr(response, "render"):
                    response.render()
                seconds = lifetime(PUBLIC_PAGE_SECONDS)
                patch_cache_control(response, max_age=seconds, public=True)
                if key:
                    cache.set(key, response, seconds)
        return response

    return wrapper
