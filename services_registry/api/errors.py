"""One shape for every error the API answers: ``{"errors": {name: [message, ...]}}``.

``name`` is the query parameter at fault, or ``detail`` for the request as a whole (not
found, method not allowed, too many requests). Clients read one shape, whatever went wrong.
"""

from __future__ import annotations

from django.http import JsonResponse
from rest_framework import serializers
from rest_framework.views import exception_handler

WHOLE_REQUEST = "detail"


def as_errors(detail) -> dict[str, list[str]]:
    """DRF's error detail (a message, a list, or messages by field) as names and lists of messages."""
    if isinstance(detail, dict):
        return {
            name: [str(message) for message in (messages if isinstance(messages, list) else [messages])]
            for name, messages in detail.items()
        }
    if isinstance(detail, list):
        return {WHOLE_REQUEST: [str(message) for message in detail]}
    return {WHOLE_REQUEST: [str(detail)]}


def api_exception_handler(exc, context):
    """DRF's handler (REST_FRAMEWORK's EXCEPTION_HANDLER), with its body in the API's error shape."""
    response = exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": as_errors(response.data)}
    return response


def error_response(status: int, message: str, **headers: str) -> JsonResponse:
    """An error answered outside DRF's views (the middleware, the catch-all), in the same shape."""
    response = JsonResponse({"errors": {WHOLE_REQUEST: [message]}}, status=status)
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = value
    return response


class ErrorSerializer(serializers.Serializer):
    """What went wrong: every 4xx and 5xx answer of the API has this body."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by the name of the query parameter at fault, or under `detail` for the "
        "request as a whole.",
    )
