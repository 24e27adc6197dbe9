"""Site-wide middleware, in the order MIDDLEWARE lists it.

- ``ResponseHeadersMiddleware``: adds Permissions-Policy and tidies ``Vary``.
- ``RejectMalformedPathMiddleware``: a path with a NUL byte is not found, before any lookup.
- ``StaffContentSecurityPolicyMiddleware``: the looser policy signed-in staff need for the CMS.
- ``HealthCheckMiddleware``: answers ``/healthz`` before sessions and the CMS touch the database.
- ``PageMethodsMiddleware``: CMS pages answer only GET and HEAD.
"""

from cms.views import details as cms_page
from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseNotFound
from django.utils.cache import get_max_age, patch_cache_control

from .views import healthz

PAGE_METHODS = ("GET", "HEAD")
# Cache-Control directives that keep a response out of shared caches.
NOT_SHARED = {"private", "no-cache", "no-store"}

HEALTH_CHECK_PATH = "/healthz"


class RejectMalformedPathMiddleware:
    """A NUL character in the path is never a real address, and PostgreSQL refuses it in queries.

    Answered as not found (as every other address that cannot exist) before
    anything looks it up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseNotFound("Not found", content_type="text/plain")
        return self.get_response(request)


class ResponseHeadersMiddleware:
    """Adds Permissions-Policy to every response and drops empty ``Vary`` entries.

    Django's ``patch_vary_headers(response, [])``, which django CMS's page cache
    calls, writes an empty ``Vary`` that later middleware turns into
    ``Vary: , Cookie``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if "Vary" in response.headers:
            vary = [name.strip() for name in response.headers["Vary"].split(",") if name.strip()]
            if vary:
                response.headers["Vary"] = ", ".join(vary)
            else:
                del response.headers["Vary"]
        return response


class StaffContentSecurityPolicyMiddleware:
    """Loosens the policy only for signed-in staff, whom the CMS needs it for.

    django CMS's toolbar, structure mode and the admin use inline scripts and
    open admin forms in same-origin frames. The public keeps the strict policy
    and ``X-Frame-Options: DENY``. Sits after the CSP middleware in MIDDLEWARE so
    it marks the response before the CSP header is written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            response._csp_replace = {
                **settings.STAFF_CONTENT_SECURITY_POLICY,
                **(getattr(response, "_csp_replace", None) or {}),
            }
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


class HealthCheckMiddleware:
    """Serves the load balancers' health check ahead of every database-bound layer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_CHECK_PATH:
            return healthz(request)
        return self.get_response(request)


class PageMethodsMiddleware:
    """CMS pages are documents: GET and HEAD, 405 for anything else.

    django CMS's page view answers every method with the page, OPTIONS and
    TRACE included; the apps' views already say which methods they take.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is cms_page and request.method not in PAGE_METHODS:
            return HttpResponseNotAllowed(PAGE_METHODS)
        return None


class PublicCmsPagesMiddleware:
    """Marks django CMS's pages for anonymous visitors ``public``, as the apps' views mark theirs.

    django CMS sends a max-age and ``Vary: Cookie`` on a page anyone may see, but
    not ``public``; the full-page cache (page_cache.py) keeps only what says so.
    Sits after AuthenticationMiddleware: it needs to know the visitor is anonymous.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (
            match is not None
            and match.func is cms_page
            and not request.user.is_authenticated
            and response.status_code == 200
            and not response.cookies
            and (get_max_age(response) or 0) > 0
            and not NOT_SHARED.intersection(response.get("Cache-Control", "").replace(" ", "").split(","))
        ):
            patch_cache_control(response, public=True)
        return response
