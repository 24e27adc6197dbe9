"""Every answer is JSON, whatever Accept says (REST_FRAMEWORK's DEFAULT_CONTENT_NEGOTIATION_CLASS).

With one representation an answer need not vary on Accept, so one cached copy of an
address serves every client, and no client is ever refused with 406.
"""

from rest_framework.negotiation import BaseContentNegotiation


class JsonOnly(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
