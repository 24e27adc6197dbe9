"""What every /api/ answer gets, whoever made it: the full-page cache, a view or an error page.

Sits before the full-page cache (MIDDLEWARE), so that each request counts against its
client's rate limit even when the cache answers it, and a copy from the cache still
answers a matching If-None-Match with 304. Cross-origin reads are open to any site: the
API is anonymous and sets no cookie, so there is nothing to protect from other origins.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django_ratelimit.core import get_usage

from .errors import error_response

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    # What a script on another origin may read besides the safelisted headers.
    "Access-Control-Expose-Headers": "ETag, Retry-After",
}
# Answers to a browser's preflight (a script that sends If-None-Match, say), kept a day.
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Max-Age": "86400",
}
# For the answers Django and the site make before or after the API's views (a request too big to
# read, a database outage, a bug), which would otherwise be HTML pages.
ERROR_MESSAGES = {
    400: "This request cannot be read.",
    503: "The register cannot be read just now. Try again after the number of seconds in Retry-After.",
}
CLIENT_ERROR_MESSAGE = "This request cannot be answered."
SERVER_ERROR_MESSAGE = "Something went wrong on our side. Try again later."


def rate_limit_usage(request) -> dict | None:
    """Counts this request against its client's API_RATE (in the shared cache); None if not counted.

    A cache that cannot count lets the request through: the limit protects the
    database, and without Redis the pages it would protect are slower, not gone.
    """
    try:
        return get_usage(request, group="api", key="ip", rate=settings.API_RATE, increment=True)
    except Exception:  # the cache backend's own connection errors
        logger.exception("API rate limit check failed; letting the request through")
        return None


def too_many_requests(usage: dict):
    seconds = max(1, usage["time_left"])
    response = error_response(
        429,
        f"Too many requests from your address: at most {settings.API_RATE.replace('/', ' per ')}. "
        f"Try again in {seconds} seconds.",
        Retry_After=str(seconds),
    )
    # Another client asking the same address through a shared cache is not limited.
    patch_cache_control(response, no_store=True)
    return response


def as_json_error(response):
    """An error page of the site's or Django's, as the API's JSON error with its status and Retry-After."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
        return response
    fallback = SERVER_ERROR_MESSAGE if response.status_code >= 500 else CLIENT_ERROR_MESSAGE
    message = ERROR_MESSAGES.get(response.status_code, fallback)
    json_response = error_response(response.status_code, message)
    for name in ("Retry-After", "Cache-Control"):
        if name in response:
            json_response.headers[name] = response[name]
    return json_response


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        usage = rate_limit_usage(request)
        if usage is not None and usage["should_limit"]:
            response = too_many_requests(usage)
        else:
            response = as_json_error(self.get_response(request))
            if request.method in ("GET", "HEAD") and response.status_code == 200 and "ETag" in response:
                response = get_conditional_response(request, etag=response["ETag"], response=response)
        if request.method in READ_METHODS:
            headers = CORS_HEADERS | (PREFLIGHT_HEADERS if request.method == "OPTIONS" else {})
            for name, value in headers.items():
                response.headers[name] = value
        return response
