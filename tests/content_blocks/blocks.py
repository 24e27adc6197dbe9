"""A published CMS page with one of every design-system block, for the render, HTML and browser tests."""

from dataclasses import dataclass
from datetime import timedelta

from cms.api import add_plugin
from django.urls import reverse
from django.utils import timezone
from djangocms_versioning.models import Version

from publications.factories import CategoryFactory, DocumentFactory, PublicationFactory
from publications.models import Publication
from tests.factories import draft_page

LANGUAGE = "en"
PAGE_SLUG = "every-block"


@dataclass
class EveryBlockPage:
    path: str
    category: object
    popular: object
    newest: object
    draft: object


def add_every_block(placeholder):
    """One of each block in the placeholder; returns the publications the list and document list use."""
    category = CategoryFactory(name="Inspection reports", slug="inspection-reports")
    now = timezone.now()
    popular = PublicationFactory(
        title="Most read guidance", categories=[category], published_at=now - timedelta(days=30)
    )
    popular.imported_downloads = 500
    popular.save()
    newest = PublicationFactory(
        title="Newest guidance", categories=[category], published_at=now - timedelta(hours=1)
    )
    draft = PublicationFactory(
        title="Unfinished draft", categories=[category], status=Publication.Status.DRAFT
    )
    shown_document = DocumentFactory(publication=newest, title="Annual report")
    shown_document.is_accessible = False
    shown_document.save()
    hidden_document = DocumentFactory(publication=draft, title="Draft annex")

    add_plugin(
        placeholder, "InsetTextPlugin", LANGUAGE, text="<p>We inspect every care service in Scotland.</p>"
    )
    add_plugin(placeholder, "WarningTextPlugin", LANGUAGE, text="If someone is in danger now, call 999.")
    add_plugin(
        placeholder,
        "ContactCalloutPlugin",
        LANGUAGE,
        heading="Contact our Dundee office",
        text="<p>Open Monday to Friday.</p>",
        phone="01382 207100",
        email="enquiries@careinspectorate.example",
        address="Compass House\n11 Riverside Drive\nDundee\nDD1 4NY",
    )
    accordion = add_plugin(placeholder, "AccordionPlugin", LANGUAGE, heading_level=2)
    add_plugin(
        placeholder,
        "AccordionItemPlugin",
        LANGUAGE,
        target=accordion,
        title="How we inspect",
        text="<p>We visit unannounced.</p>",
    )
    add_plugin(
        placeholder,
        "AccordionItemPlugin",
        LANGUAGE,
        target=accordion,
        title="What grades mean",
        text="<p>Grades run from 1 (unsatisfactory) to 6 (excellent).</p>",
    )
    add_plugin(
        placeholder,
        "DetailsPlugin",
        LANGUAGE,
        summary="What if I disagree with a report?",
        text="<p>Tell us within 10 working days.</p>",
    )
    add_plugin(
        placeholder,
        "PublicationListPlugin",
        LANGUAGE,
        heading="Latest reports",
        category=category,
        order="newest",
        count=5,
    )
    add_plugin(placeholder, "ServiceSearchPlugin", LANGUAGE, label="Find a care service near you")
    documents = add_plugin(placeholder, "DocumentListPlugin", LANGUAGE, heading="Documents to download")
    documents.documents.set([shown_document, hidden_document])
    add_plugin(placeholder, "ContactNumbersPlugin", LANGUAGE, show_phone=True, show_text_number=True)
    add_plugin(
        placeholder,
        "CallToActionPlugin",
        LANGUAGE,
        text="Not happy with a care service?",
        button_text="Make a complaint",
        link={"external_link": reverse("complaints:start")},
    )
    return category, popular, newest, draft


def publish_every_block_page(user) -> EveryBlockPage:
    content = draft_page("Every block", user=user, slug=PAGE_SLUG)
    placeholder = content.rescan_placeholders()["content"]
    category, popular, newest, draft = add_every_block(placeholder)
    Version.objects.get_for_content(content).publish(user)
    return EveryBlockPage(f"/{PAGE_SLUG}/", category, popular, newest, draft)
