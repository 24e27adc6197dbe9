"""The CMS toolbar's Publications menu, for staff browsing the site."""

from cms.toolbar_base import CMSToolbar
from cms.toolbar_pool import toolbar_pool
from django.urls import reverse


@toolbar_pool.register
class PublicationsToolbar(CMSToolbar):
    def populate(self):
        user = self.request.user
        if not user.has_perm("publications.change_publication"):
            return
        menu = self.toolbar.get_or_create_menu("publications", "Publications")
        publication = getattr(self.request, "toolbar_publication", None)
        if publication is not None:
            menu.add_modal_item(
                "Edit this publication",
                url=reverse("admin:publications_publication_change", args=[publication.pk]),
            )
            menu.add_break()
        menu.add_sideframe_item("All publications", url=reverse("admin:publications_publication_changelist"))
        if user.has_perm("publications.view_publicationrevision"):
            menu.add_sideframe_item(
                "Changes to live publications",
                url=reverse("admin:publications_publicationrevision_changelist"),
            )
        if user.has_perm("publications.add_publication"):
            menu.add_modal_item("New publication", url=reverse("admin:publications_publication_add"))
        if user.has_perm("publications.change_category"):
            menu.add_sideframe_item("Categories", url=reverse("admin:publications_category_changelist"))
