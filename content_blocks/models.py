"""Content blocks from the Scottish Government Design System, as django CMS plugins.

Each model holds what an editor types into one block; the markup is the
design system's, in templates/content_blocks/. Rich text is cleaned twice:
djangocms-text's field cleans it on save, and ``publications.html.render_body``
cleans it again, against the site's own allow-list, when the block is shown.
"""

import phonenumbers
from cms.models import CMSPlugin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from djangocms_link.fields import LinkField
from djangocms_text.fields import HTMLField

from publications.html import protected_email_link, render_body
from publications.models import Category, Document, Publication

MAX_LISTED_PUBLICATIONS = 10
PHONE_REGION = "GB"
# Where a call-to-action button may point: this site, the web, email or phone.
SAFE_LINK_STARTS = ("/", "#", "https://", "http://", "mailto:", "tel:")


def rich_text(value: str) -> str:
    """Editor HTML as a page shows it: sanitised, with phone numbers and email addresses linked."""
    return mark_safe(render_body(value or ""))  # noqa: S308 - render_body sanitises with nh3 first


def validate_uk_phone(value: str) -> None:
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError("Enter a UK phone number, like 0345 600 9527.")


class InsetText(CMSPlugin):
    text = HTMLField(help_text="A short passage to set apart from the text around it.")

    def __str__(self):
        return strip_tags(self.text)[:60]

    @property
    def text_html(self):
        return rich_text(self.text)


class WarningText(CMSPlugin):
    text = models.CharField(max_length=300, help_text="One or two sentences people must not miss.")

    def __str__(self):
        return self.text[:60]


class ContactCallout(CMSPlugin):
    heading = models.CharField(max_length=200, default="Contact us")
    text = HTMLField(blank=True, help_text="Optional: who to contact and when.")
    phone = models.CharField(max_length=30, blank=True, validators=[validate_uk_phone])
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True, help_text="One line of the address on each line.")

    def __str__(self):
        return self.heading

    def clean(self):
        if not (self.phone or self.email or self.address.strip()):
            raise ValidationError("Give at least one way to get in touch: a phone number, email or address.")

    @property
    def text_html(self):
        return rich_text(self.text)

    @property
    def email_link(self) -> str:
        """A mailto: link that address-harvesting robots do not recognise (publications/html.py)."""
        return mark_safe(protected_email_link(self.email))  # noqa: S308 - every character is a character reference

    @property
    def phone_tel(self) -> str:
        """The number for a tel: link; empty for one saved without the form's check, shown unlinked."""
        try:
            number = phonenumbers.parse(self.phone, PHONE_REGION)
        except phonenumbers.NumberParseException:
            return ""
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class Accordion(CMSPlugin):
    class HeadingLevel(models.IntegerChoices):
        H2 = 2, "Heading 2 (a main section of the page)"
        H3 = 3, "Heading 3 (inside a section)"

    heading_level = models.PositiveSmallIntegerField(
        choices=HeadingLevel.choices,
        default=HeadingLevel.H2,
        help_text="The level of each section's title, so the page's headings stay in order.",
    )

    def __str__(self):
        return f"Accordion (heading {self.heading_level})"


class AccordionItem(CMSPlugin):
    title = models.CharField(max_length=200)
    text = HTMLField()
    open_at_start = models.BooleanField(
        default=False, help_text="Show this section open when the page loads."
    )

    def __str__(self):
        return self.title

    @property
    def html_id(self) -> str:
        return f"accordion-section-{self.pk}"

    @property
    def text_html(self):
        return rich_text(self.text)


class Details(CMSPlugin):
    summary = models.CharField(max_length=200, help_text="The link people select to show the text.")
    text = HTMLField()

    class Meta:
        verbose_name_plural = "details"

    def __str__(self):
        return self.summary

    @property
    def text_html(self):
        return rich_text(self.text)


class PublicationList(CMSPlugin):
    class Order(models.TextChoices):
        POPULAR = "popular", "Most downloaded first"
        NEWEST = "newest", "Newest first"

    heading = models.CharField(max_length=200, blank=True, help_text="Optional heading above the list.")
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Publications in this category and its subcategories.",
    )
    order = models.CharField(max_length=10, choices=Order.choices, default=Order.NEWEST)
    count = models.PositiveSmallIntegerField(
        "how many",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LISTED_PUBLICATIONS)],
        help_text=f"From 1 to {MAX_LISTED_PUBLICATIONS}.",
    )

    def __str__(self):
        return f"{self.get_order_display()} in {self.category}"

    def publications(self):
        """The public publications to list, in one query."""
        listed = Publication.objects.published().in_category(self.category).for_listing()
        ordered = listed.popular() if self.order == self.Order.POPULAR else listed.newest()
        return list(ordered[: self.count])


class ServiceSearch(CMSPlugin):
    label = models.CharField(
        max_length=200,
        default="Find a care service",
        help_text="The search box's label, which people hear and see.",
    )

    def __str__(self):
        return self.label

    @property
    def input_id(self) -> str:
        return f"service-search-{self.pk}"


class DocumentList(CMSPlugin):
    heading = models.CharField(max_length=200, blank=True, help_text="Optional heading above the list.")
    documents = models.ManyToManyField(
        Document,
        blank=True,
        related_name="+",
        help_text="Documents of publications; only those of published publications are shown.",
    )
    files = models.ManyToManyField(
        "filer.File", blank=True, related_name="+", help_text="Files from the media library."
    )

    def __str__(self):
        return self.heading or "Document list"

    def copy_relations(self, old_instance):
        self.documents.set(old_instance.documents.all())
        self.files.set(old_instance.files.all())


class ContactNumbers(CMSPlugin):
    show_phone = models.BooleanField("show the phone number", default=True)
    show_text_number = models.BooleanField("show the number children and young people can text", default=True)

    class Meta:
        verbose_name_plural = "contact numbers"

    def __str__(self):
        shown = [name for name, on in (("phone", self.show_phone), ("text", self.show_text_number)) if on]
        return " and ".join(shown) or "nothing"

    def clean(self):
        if not (self.show_phone or self.show_text_number):
            raise ValidationError("Choose at least one number to show.")


class CallToAction(CMSPlugin):
    text = models.CharField(max_length=300, blank=True, help_text="Optional sentence before the button.")
    button_text = models.CharField(max_length=80, help_text="What the button does, like “Make a complaint”.")
    link = LinkField(help_text="Where the button goes.")

    def __str__(self):
        return self.button_text

    def clean(self):
        if self.link and not self.button_url:
            raise ValidationError({"link": "Link to a page on this site or a web address starting https://."})

    @property
    def button_url(self) -> str:
        """The link's address when it is one a button may go to; never a javascript: or data: URL."""
        url = self.link.url if self.link else ""
        return url if url.startswith(SAFE_LINK_STARTS) else ""
