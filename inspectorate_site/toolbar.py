"""django CMS's toolbar, built only for a request that could show it.

Only a signed-in editor (who has a session cookie) or an address with one of the
toolbar's switches can see the toolbar. For everyone else django CMS would still
build a whole one on every uncached render (resolving the address again and
asking every app's toolbar class), only to hide it: about a sixth of rendering
the library. They get `VisitorToolbar` instead, django CMS's own empty toolbar
with what a public page asks of it, which leaves the CMS page cache on.
"""

from cms.middleware.toolbar import ToolbarMiddleware
from cms.toolbar.toolbar import EmptyToolbar
from django.conf import settings

from .page_cache import asks_for_toolbar


class VisitorToolbar(EmptyToolbar):
    app_name = ""  # what django CMS's own toolbar works out from the address, for staff's editing views

    def __init__(self, request):
        super().__init__(request)
        # Cleared by django CMS if a placeholder on the page must not be cached.
        self._cache_disabled = False
        self.obj = None
        self.redirect_url = None
        self.request_path = request.path

    def set_object(self, obj):
        if self.obj is None:
            self.obj = obj

    def get_object(self):
        return self.obj

    def object_is_editable(self, obj=None):
        return False


class EditorsToolbarMiddleware(ToolbarMiddleware):
    def process_request(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or asks_for_toolbar(request):
            super().process_request(request)
        else:
            request.toolbar = VisitorToolbar(request)
