"""`xml_text`: text made safe inside an XML document, for the badge's SVG."""

import re

from django import template
from django.utils.html import escape

register = template.Library()

# What XML 1.0 forbids anywhere in a document, even escaped: one of these and a browser shows no image.
NOT_XML_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@register.filter
def xml_text(value) -> str:
    """Drop the characters XML cannot hold, then escape & < > " ' as HTML escaping does (valid XML too)."""
    return escape(NOT_XML_CHARACTERS.sub("", str(value)))
