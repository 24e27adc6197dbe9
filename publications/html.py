"""What a publication's body becomes on the page: sanitised, with phone and email links.

``render_body`` runs when a publication is saved and its result is the only
form of the body a page ever shows. It

1. cleans the editor's HTML with nh3 against an explicit allow-list: no
   scripts, no styles, no event handlers, no ``javascript:`` or ``data:`` URLs;
2. turns UK phone numbers in the text into ``tel:`` links;
3. protects email addresses from harvesting robots while keeping them usable.

Email addresses: the address and its ``mailto:`` link are written as HTML
character references (``&#101;&#110;…``). A browser decodes them before
anyone sees or follows them, so the link looks, reads aloud (screen readers
get the decoded text) and works as a normal ``mailto:`` link, with or without
JavaScript. A harvester that scans the page's source for ``name@domain`` or
``mailto:`` finds neither. It is no defence against a robot that decodes
HTML, but it stops the common pattern-matching kind at no cost to people, which
the "You need JavaScript enabled to view it" approach does not.
"""

import html
import re

import nh3
import phonenumbers

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s",
    "sub", "sup", "a", "abbr", "blockquote", "cite", "code", "pre", "hr", "span", "q",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt", "dd", "figure",
    "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Tags whose content goes too, not just the tag.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}

PHONE_REGION = "GB"
EMAIL_PATTERN = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
TAG_PATTERN = re.compile(r"(<[^>]*>)")
HREF_PATTERN = re.compile(r'\shref="([^"]*)"')


def sanitise(value: str) -> str:
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def encode_characters(text: str) -> str:
    """Every character as a numeric character reference, alternating decimal and hex."""
    return "".join(f"&#{ord(c)};" if i % 2 == 0 else f"&#x{ord(c):x};" for i, c in enumerate(text))


def protected_email_link(address: str) -> str:
    return f'<a href="{encode_characters("mailto:" + address)}">{encode_characters(address)}</a>'


def _international(number) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _link_text(text: str) -> str:
    """Plain (unescaped) text to HTML, with phone numbers and email addresses linked."""
    pieces = []
    position = 0
    spans = []
    for match in EMAIL_PATTERN.finditer(text):
        spans.append((match.start(), match.end(), protected_email_link(match.group())))
    for match in phonenumbers.PhoneNumberMatcher(text, PHONE_REGION):
        if any(start < match.end and match.start < end for start, end, _ in spans):
            continue
        link = (
            f'<a href="tel:{_international(match.number)}">{html.escape(match.raw_string, quote=False)}</a>'
        )
        spans.append((match.start, match.end, link))
    for start, end, replacement in sorted(spans):
        pieces.append(html.escape(text[position:start], quote=False))
        pieces.append(replacement)
        position = end
    pieces.append(html.escape(text[position:], quote=False))
    return "".join(pieces)


def link_contacts(cleaned: str) -> str:
    """Link phone numbers and protect email addresses in sanitised HTML.

    nh3's output is well formed and escapes ``<`` in text, so splitting on
    tags is safe here. Text already inside a link is left as a link; a
    ``mailto:`` link an editor made is protected like a bare address.
    """
    out = []
    in_link = False
    in_mailto = False
    for part in TAG_PATTERN.split(cleaned):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">").rstrip("/").lower() if len(part) > 2 else ""
            if name == "a":
                in_link = True
                href = HREF_PATTERN.search(part)
                in_mailto = bool(href and html.unescape(href.group(1)).lower().startswith("mailto:"))
                if in_mailto:
                    address = html.unescape(href.group(1))
                    part = part.replace(href.group(0), f' href="{encode_characters(address)}"')
            elif name == "/a":
                in_link = in_mailto = False
            out.append(part)
        elif in_mailto:
            out.append(encode_characters(html.unescape(part)))
        elif in_link or not part:
            out.append(part)
        else:
            out.append(_link_text(html.unescape(part)))
    return "".join(out)


def render_body(value: str) -> str:
    return link_contacts(sanitise(value))
