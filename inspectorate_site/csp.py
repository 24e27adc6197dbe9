"""django-csp, with the policy from settings built once rather than twice for every response.

django-csp deep-copies and rebuilds the policy string on each response, for the
policy and again for the report-only one: half the time left in serving the
widget's script. A response that asks for nothing of its own (no per-response
policy changes, no nonce) gets the same string every time, so it is built once
per settings object and reused. Anything else goes through django-csp as before.
"""

from http import HTTPStatus

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

# What a response or view may set to change its own policy; any of these means "build it for this one".
PER_RESPONSE_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)
_built: dict[tuple[int, int], tuple[object, object, str, str]] = {}


def settings_policies() -> tuple[str, str]:
    """(policy, report-only policy) from settings, built once for each settings object in force."""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
    key = (id(policy), id(report_only))
    found = _built.get(key)
    if found is None or found[0] is not policy or found[1] is not report_only:
        found = (policy, report_only, build_policy(), build_policy(report_only=True))
        _built[key] = found
    return found[2], found[3]


_replaced: dict[tuple[int, str], tuple[object, str]] = {}


def replaced_policy(replace: dict[str, list[str]]) -> str:
    """The settings' policy with `replace`'s directives in place of its own, built once per settings
    object and replacement: for a response with a fixed policy of its own (the framed badge)."""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    key = (id(policy), repr(sorted(replace.items())))
    found = _replaced.get(key)
    if found is None or found[0] is not policy:
        found = (policy, build_policy(replace=replace))
        _replaced[key] = found
    return found[1]


def _excluded(config, path: str) -> bool:
    return path.startswith(tuple((config or {}).get("EXCLUDE_URL_PREFIXES", None) or ()))


class SettingsPolicyCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        debug_page = settings.DEBUG and response.status_code in (
            HTTPStatus.INTERNAL_SERVER_ERROR,
            HTTPStatus.NOT_FOUND,
        )
        own_policy = getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in PER_RESPONSE_ATTRIBUTES
        )
        if debug_page or own_policy:
            return super().process_response(request, response)
        policy, report_only = settings_policies()
        path = request.path_info
        if policy and HEADER not in response and not _excluded(settings.CONTENT_SECURITY_POLICY, path):
            response[HEADER] = policy
        report_only_config = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if report_only and HEADER_REPORT_ONLY not in response and not _excluded(report_only_config, path):
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for after the header was written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
