"""The CMS link picker names only what the public can see.

djangocms-link's picker endpoint (admin/djangocms_link/link/urls), open to all
staff, searches CMS pages and DJANGOCMS_LINKABLE_MODELS. But its look-up of a
single object (?g=app_label.model_name:id) reads any model at all without
asking for permission, so any staff user could read, say, complaint references
one id at a time. Here that look-up answers only for pages and the linkable
models; anything else is refused.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from djangocms_link import admin as link_admin
from djangocms_link.models import Link


class PublicLinkUrlsView(link_admin.AdminUrlsView):
    def get_reference(self, request):
        model_label = request.GET["g"].partition(":")[0].lower()
        if model_label not in linkable_model_labels():
            raise PermissionDenied
        return super().get_reference(request)


def linkable_model_labels() -> set[str]:
    # REGISTERED_ADMIN is what djangocms-link built from DJANGOCMS_LINKABLE_MODELS at start-up.
    return {"cms.page", *(model_admin.opts.label_lower for model_admin in link_admin.REGISTERED_ADMIN)}


class PublicLinkAdmin(link_admin.LinkAdmin):
    def url_view(self, request):
        return PublicLinkUrlsView.as_view(admin_site=self.admin_site)(request)


admin.site.unregister(Link)
admin.site.register(Link, PublicLinkAdmin)
