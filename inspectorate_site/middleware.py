"""Site-wide middleware: extra security headers and the health check."""

from django.conf import settings
from django.http import HttpResponseNotFound

from .views import healthz

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


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class StaffContentSecurityPolicyMiddleware:
    """Loosens the policy only for signed-in staff, whom the CMS needs it for.

    django CMS's toolbar, structure mode and the admin use inline scripts and
    open admin forms in same-origin frames. The public keeps the strict policy
    and ``X-Frame-Options: DENY``. Sits after ``CSPMiddleware`` in MIDDLEWARE so
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
