"""Answers the widget's addresses ahead of sessions, authentication and django CMS."""

import re

from .models import SERVICE_NUMBER
from .views import serve_widget, widget_not_found

WIDGET_PATH = re.compile(rf"^/widget/(?P<service_number>{SERVICE_NUMBER.pattern})(?P<suffix>\.js|\.svg|/)$")
SUFFIX_KINDS = {".js": "js", ".svg": "svg", "/": "html"}
# A provider's badge is an ordinary view, answered by the full-page cache.
PROVIDER_BADGES = "/widget/provider/"


class WidgetMiddleware:
    """Third-party pages load the badge on every view: it must cost one cache read, nothing more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith("/widget/") or path.startswith(PROVIDER_BADGES):
            return self.get_response(request)
        match = WIDGET_PATH.match(path)
        if match is None:
            return widget_not_found()
        return serve_widget(request, match["service_number"], SUFFIX_KINDS[match["suffix"]])
