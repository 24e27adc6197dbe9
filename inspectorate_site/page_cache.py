"""Whole anonymous pages, answered before sessions, authentication and the CMS.

The views and django CMS already decide which responses anyone may share: those
with ``Cache-Control: public`` and a max-age, no cookie set, varying on nothing
but ``Cookie``. This middleware keeps exactly those, for that max-age, and
answers the next cookieless GET for the same address from them without running
the session, authentication, CMS or view code at all.

Stale pages are never served past a change: each entry records the generations
it was rendered under (the CMS page-cache version, which publishing bumps; the
publications library's; the register's, bumped when a service or provider is
saved or an import ends), and one ``get_many`` per request fetches the entry and
the current generations together, so a hit costs a single Redis round trip.
Addresses asked for again are kept in this process too, for a couple of seconds
and a bounded number of bytes, and answered with no Redis call at all.

Whatever carries a session, messages or CSRF cookie, the admin, and the CMS
toolbar's switches go straight through. When Redis is down, the fail-open cache
misses and the page is rendered as usual.
"""

from __future__ import annotations

import hashlib
from time import time

from cms.utils.conf import get_cms_setting
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import cc_delim_re, get_max_age
from django.utils.functional import SimpleLazyObject

from . import generations
from .local_memory import ExpiringMemory

ENTRY_PREFIX = "page-cache:entry:"
# Cookies that can change what a page shows (staff toolbar, flash messages, a form's token).
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages", settings.CSRF_COOKIE_NAME)
# Headers the outer middleware adds again on the way out; not stored.
NOT_STORED_HEADERS = {"set-cookie", "date", "age"}

_admin_prefix = SimpleLazyObject(lambda: reverse("admin:index"))
_toolbar_switches = SimpleLazyObject(
    lambda: {
        get_cms_setting("CMS_TOOLBAR_URL__ENABLE"),
        get_cms_setting("CMS_TOOLBAR_URL__DISABLE"),
        get_cms_setting("CMS_TOOLBAR_URL__PERSIST"),
        "edit",
        "structure",
        "preview",
    }
)


def invalidate_register(**kwargs) -> None:
    """Every stored page that may show a care service is stale now (signal receiver, or call it)."""
    generations.bump(generations.REGISTER)


def asks_for_toolbar(request) -> bool:
    """The address carries one of django CMS's toolbar switches (?toolbar_on, ?edit, ...)."""
    return not _toolbar_switches.isdisjoint(request.GET)


def bypasses(request) -> bool:
    """Whether this request must be rendered for its own sake."""
    return (
        request.method not in ("GET", "HEAD")
        or any(name in request.COOKIES for name in PERSONAL_COOKIES)
        or request.path.startswith(str(_admin_prefix))
        or asks_for_toolbar(request)
    )


def storable(response) -> bool:
    """Only what the view already marked as anyone's: public, with a max-age, setting no cookie."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {
        d.strip().lower().split("=")[0] for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    varies = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return (get_max_age(response) or 0) > 0 and varies <= {"cookie"}


def entry_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()  # addresses can be long


class LocalCopies(ExpiringMemory):
    """Entries this process served lately, bounded in seconds and bytes, for the hottest addresses."""

    def __init__(self):
        super().__init__(lambda: settings.PAGE_CACHE_LOCAL_MAX_BYTES)

    def put(self, key: str, entry: dict) -> None:
        super().put(key, entry, size=len(entry["content"]), seconds=settings.PAGE_CACHE_LOCAL_SECONDS)


local_copies = LocalCopies()


def _response_from(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    response.headers["Age"] = str(max(0, int(time() - entry["stored_at"])))
    return response


class FullPageCacheMiddleware:
    """Sits after whitenoise, the health check and the widget, before sessions (see MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Everything behind this reads the generations once for the request (generations.py).
        with generations.RequestGenerations():
            return self._answer(request)

    def _answer(self, request):
        if bypasses(request):
            return self.get_response(request)
        key = entry_key(request)
        entry = local_copies.get(key)
        if entry is not None:
            return _response_from(entry)

        current, found = generations.read(key)
        generations.RequestGenerations.remember(current)
        kept_under = [current[name] for name in generations.KEYS]  # all a page may be made from
        entry = found.get(key)
        if entry is not None and entry["generations"] == kept_under:
            local_copies.put(key, entry)
            return _response_from(entry)

        request.full_page_cache_looked = True
        response = self.get_response(request)
        if storable(response) and None not in kept_under:
            self._store(key, response, kept_under)
        return response

    @staticmethod
    def _store(key, response, generations) -> None:
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS
        ]
        entry = {
            "generations": generations,
            "status": response.status_code,
            "headers": headers,
            "content": response.content,
            "stored_at": time(),
        }
        cache.set(key, entry, get_max_age(response))
