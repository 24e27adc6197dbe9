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

from cms.cache import CMS_PAGE_CACHE_VERSION_KEY
from django.core.cache import cache
from django.utils.cache import patch_cache_control

GENERATION_KEY = "publications:generation"
PUBLIC_PAGE_SECONDS = 60
NOTHING_SCHEDULED = 0.0


def invalidate(**kwargs) -> None:
    """Signal receiver: every cached publications page is stale now."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _next_scheduled_timestamp(generation) -> float:
    """When the next scheduled publication goes live (a Unix time), or NOTHING_SCHEDULED.

    Kept per generation (any edit changes it) until that moment comes.
    """
    from .models import Publication

    key = f"publications:next-scheduled:{generation}"
    when = cache.get(key)
    if when is None:
        first = (
            Publication.objects.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        when = first.timestamp() if first else NOTHING_SCHEDULED
        cache.set(key, when, _seconds_until(when) if when else 24 * 60 * 60)
    return when


def _seconds_until(when: float) -> int:
    return max(1, math.ceil(when - time.time()))


def lifetime(timeout_seconds: int, generation) -> int:
    """The timeout, cut short so nothing cached outlives the next scheduled publication date."""
    when = _next_scheduled_timestamp(generation)
    return min(timeout_seconds, _seconds_until(when)) if when else timeout_seconds


def cached_value(name: str, compute, timeout_seconds: int = 3600):
    """A value computed from the library, kept until the library next changes (or the timeout)."""
    key = f"publications:value:{cache.get(GENERATION_KEY) or 0}:{name}"
    return cache.get_or_set(key, compute, timeout_seconds)


def cached_listing_value(name: str, compute, timeout_seconds: int = 3600):
    """Like cached_value, for what a scheduled publication changes (counts): kept no later than its going live."""
    generation = cache.get(GENERATION_KEY) or 0
    key = f"publications:value:{generation}:{name}"
    return cache.get_or_set(key, compute, lifetime(timeout_seconds, generation))


def _key(request, generation, cms_version) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"publications:page:{generation}:{cms_version}:{digest}"


def public_page_cache(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        if not cacheable:
            return view(request, *args, **kwargs)
        # A page shows the CMS's menu and breadcrumbs too: a publish must change its key as well.
        found = cache.get_many([GENERATION_KEY, CMS_PAGE_CACHE_VERSION_KEY])
        generation = found.get(GENERATION_KEY) or 0
        key = _key(request, generation, found.get(CMS_PAGE_CACHE_VERSION_KEY) or 0)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                if hasattr(response, "render"):
                    response.render()
                seconds = lifetime(PUBLIC_PAGE_SECONDS, generation)
                patch_cache_control(response, max_age=seconds, public=True)
                cache.set(key, response, seconds)
        return response

    return wrapper
