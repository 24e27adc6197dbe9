import logging
import sys
import uuid

from cms.toolbar.toolbar import EmptyToolbar
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import database
from .context_processors import site

logger = logging.getLogger(__name__)

# The 503 page asks browsers and crawlers to come back after this (seconds).
RETRY_AFTER_SECONDS = 60


def _database_answers() -> bool:
    try:
        with database.time_limit(settings.HEALTHZ_DATABASE_TIMEOUT), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Health check: database did not answer: %s", error)
        return False


def _cache_answers() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=5)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:
        logger.exception("Health check: cache did not answer")
        return False


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 while the database answers, else 503.

    A cache that does not answer is "degraded", still 200: every server shares
    one Redis, so a 503 would take them all out together, while without it pages
    are only slower (inspectorate_site/cache.py).
    """
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    body = {
        "status": "ok" if all(checks.values()) else "degraded" if checks["database"] else "unavailable",
        "database": "ok" if checks["database"] else "failing",
        "cache": "ok" if checks["cache"] else "degraded",
    }
    return JsonResponse(body, status=200 if checks["database"] else 503)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))


def server_error(request):
    """The 500 page: the site's own words and phone number, with no request context to fail again.

    Django calls this for any exception a view or middleware lets out; one from
    a database that is down or does not answer gets the 503 page instead.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request, error)
    context = {"SITE_NAME": settings.SITE_NAME, "CONTACT_PHONE": settings.CONTACT_PHONE}
    return HttpResponseServerError(loader.render_to_string("500.html", context))


def database_unavailable(request, error):
    """503 with the site's own page, rendered without the database, and Retry-After.

    Logged here, one line per request: Django's traceback for each request of
    an outage would bury everything else in the log.
    """
    logger.warning("Database unavailable, answered 503: %s %s (%s)", request.method, request.path, error)
    # The middleware the answer passes on its way out must not ask the database
    # again: django CMS's toolbar looks up the Site, the staff policy the user.
    request.toolbar = EmptyToolbar(request)
    request.user = AnonymousUser()
    html = loader.render_to_string("503.html", {**site(request), "static_navigation": True})
    response = HttpResponse(html, status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    response._has_been_logged = True  # read by django.utils.log.log_response
    return response
