"""The design system's components as blocks editors add to pages, grouped under "Design system".

Blocks that make sense in the middle of a passage of text (inset text, warning
text, contact numbers, a call to action) can also be placed inside a text block
from the editor's toolbar; the rest are added beside text blocks.
"""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.urls import reverse

from publications.models import Publication

from . import models
from .freshness import LIBRARY_BLOCK_SECONDS

MODULE = "Design system"


class DesignSystemPlugin(CMSPluginBase):
    module = MODULE

    def get_render_template(self, context, instance, placeholder):
        return f"content_blocks/{self.model._meta.model_name}.html"


@plugin_pool.register_plugin
class InsetTextPlugin(DesignSystemPlugin):
    model = models.InsetText
    name = "Inset text"
    text_enabled = True


@plugin_pool.register_plugin
class WarningTextPlugin(DesignSystemPlugin):
    model = models.WarningText
    name = "Warning text"
    text_enabled = True


@plugin_pool.register_plugin
class ContactCalloutPlugin(DesignSystemPlugin):
    model = models.ContactCallout
    name = "Contact details"


@plugin_pool.register_plugin
class AccordionPlugin(DesignSystemPlugin):
    model = models.Accordion
    name = "Accordion (sections that open and close)"
    allow_children = True
    child_classes = ["AccordionItemPlugin"]

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        # Each section's title takes the accordion's heading level.
        context["accordion_heading_level"] = instance.heading_level
        return context


@plugin_pool.register_plugin
class AccordionItemPlugin(DesignSystemPlugin):
    model = models.AccordionItem
    name = "Accordion section"
    parent_classes = ["AccordionPlugin"]
    require_parent = True


@plugin_pool.register_plugin
class DetailsPlugin(DesignSystemPlugin):
    model = models.Details
    name = "Details (text shown on request)"


@plugin_pool.register_plugin
class PublicationListPlugin(DesignSystemPlugin):
    model = models.PublicationList
    name = "Publications from a category"

    def get_cache_expiration(self, request, instance, placeholder):
        return LIBRARY_BLOCK_SECONDS

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["publications"] = instance.publications()
        return context


@plugin_pool.register_plugin
class ServiceSearchPlugin(DesignSystemPlugin):
    model = models.ServiceSearch
    name = "Find a care service search box"

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["search_action"] = reverse("services_registry:service_search")
        return context


@plugin_pool.register_plugin
class DocumentListPlugin(DesignSystemPlugin):
    model = models.DocumentList
    name = "Document list"
    filter_horizontal = ["documents", "files"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "documents":
            # Staff pick a document by its publication as well as its own title.
            field.queryset = field.queryset.select_related("publication").order_by("publication__title", "pk")
            field.label_from_instance = lambda document: f"{document.publication.title}: {document}"
        return field

    def get_cache_expiration(self, request, instance, placeholder):
        return LIBRARY_BLOCK_SECONDS

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        documents = instance.documents.filter(publication__in=Publication.objects.published()).select_related(
            "publication"
        )
        rows = [
            {
                "title": str(document),
                "url": document.get_download_url(),
                "file_format": document.file_format,
                "size": document.file_size,
                "page_count": document.page_count,
                "is_accessible": document.is_accessible,
            }
            for document in documents
        ]
        rows += [
            {
                "title": file.label,
                "url": file.url,
                "file_format": file.extension.upper(),
                "size": file.size,
                "page_count": None,
                "is_accessible": True,
            }
            for file in instance.files.filter(is_public=True)
        ]
        context["rows"] = rows
        return context


@plugin_pool.register_plugin
class ContactNumbersPlugin(DesignSystemPlugin):
    model = models.ContactNumbers
    name = "Our phone and text numbers"
    text_enabled = True


@plugin_pool.register_plugin
class CallToActionPlugin(DesignSystemPlugin):
    model = models.CallToAction
    name = "Call to action (button link)"
    text_enabled = True
