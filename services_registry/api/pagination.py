"""Cursor pagination in register-number order: each service or provider exactly once, however many
pages, even while the register changes between them; each page is one indexed query.
"""

from __future__ import annotations

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

from ..models import PROVIDER_NUMBER, SERVICE_NUMBER, RegisterNumber

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
PAGE_SIZE_MESSAGE = f"Give a whole number from 1 to {MAX_PAGE_SIZE}."
CURSOR_MESSAGE = "This is not a cursor the API gave out: follow the `next` or `previous` link of a page."


class RegisterCursorPagination(CursorPagination):
    """Pages of `page_size` (default 100, at most 500: more is refused with 400, never cut quietly).

    A cursor the API did not give out is refused with 400 too, rather than DRF's 404.
    """

    number: RegisterNumber
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"How many to a page: 1 to {MAX_PAGE_SIZE}, {DEFAULT_PAGE_SIZE} if not given."
    )
    cursor_query_description = "Where the page starts: take it from the `next` or `previous` link of a page."
    template = None  # no browsable API
    query_parameters = ("cursor", "page_size")

    def get_page_size(self, request):
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not given.isascii() or not given.isdigit() or not 1 <= int(given) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_MESSAGE]})
        return int(given)

    def decode_cursor(self, request):
        if request.query_params.get(self.cursor_query_param) == "":
            raise ValidationError({self.cursor_query_param: [CURSOR_MESSAGE]})
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = None
            valid = False
        else:
            valid = cursor is None or cursor.position is None or self.number.regex.fullmatch(cursor.position)
        if not valid:
            raise ValidationError({self.cursor_query_param: [CURSOR_MESSAGE]})
        return cursor

    def get_paginated_response_schema(self, schema):
        """DRF's, in OpenAPI 3.1 terms (its `nullable` is 3.0's), with every key always present."""
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The next page; null on the last."},
                "previous": {**link, "description": "The page before; null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
        return parameters


class ServicePagination(RegisterCursorPagination):
    number = SERVICE_NUMBER
    ordering = "service_number"


class ProviderPagination(RegisterCursorPagination):
    number = PROVIDER_NUMBER
    ordering = "provider_number"
