"""Short-lived caching of the public publication pages.

Anonymous GET requests share one cached copy per address for a minute. Any
save or delete of a publication, category, document or change note bumps a
generation number that is part of every key, so editors' changes show at
once rather than after the timeout. Signed-in users (staff with the CMS
toolbar) are never served from, nor stored in, this cache.
"""

import functools
import hashlib

from django.core.cache import cache
from django.utils.cache import patch_cache_control

GENERATION_KEY = "publications:generation"
PUBLIC_PAGE_SECONDS = 60


def invalidate(**kwargs) -> None:
    """Signal receiver: every cached publications page is stale now."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def cached_value(name: str, compute, timeout_seconds: int = 3600):
    """A value computed from the library, kept until the library next changes (or the timeout)."""
    key = f"publications:value:{cache.get(GENERATION_KEY) or 0}:{name}"
    return cache.get_or_set(key, compute, timeout_seconds)


def _key(request, generation) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"publications:page:{generation}:{digest}"


def public_page_cache(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        if not cacheable:
            return view(request, *args, **kwargs)
        generation = cache.get(GENERATION_KEY) or 0
        key = _key(request, generation)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                if hasattr(response, "render"):
                    response.render()
                patch_cache_control(response, max_age=PUBLIC_PAGE_SECONDS, public=True)
                cache.set(key, response, PUBLIC_PAGE_SECONDS)
        return response

    return wrapper
