"""The CMS toolbar's Reviews menu: editors send a page's draft for review, publishers open the queue."""

from cms.models import PageContent
from cms.toolbar_base import CMSToolbar
from cms.toolbar_pool import toolbar_pool
from django.urls import reverse
from djangocms_versioning.constants import DRAFT

from . import admin_views, services


@toolbar_pool.register
class ReviewsToolbar(CMSToolbar):
    def populate(self):
        user = self.request.user
        if not user.has_perm("reviews.view_reviewrequest"):
            return
        menu = self.toolbar.get_or_create_menu("reviews", "Reviews")
        content = self.toolbar.get_object()
        if (
            isinstance(content, PageContent)
            and not content.has_publish_permission(user)
            and services.can_submit(user, content)
            and services.page_version(content).state == DRAFT
        ):
            menu.add_link_item("Send this draft for review", url=admin_views.submit_url(content))
            menu.add_break()
        if services.can_decide(user):
            menu.add_sideframe_item("Waiting for review", url=reverse("admin:reviews_queue"))
        menu.add_sideframe_item(
            "Review requests" if services.can_decide(user) else "My review requests",
            url=reverse("admin:reviews_reviewrequest_changelist"),
        )
