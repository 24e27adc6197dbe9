"""Template tags for the publications pages: pieces rendered once per change of the library, not per request."""

import hashlib

from django import template
from django.utils.safestring import mark_safe

from publications.cache import cached_value

register = template.Library()

ENTRY_TEMPLATE = "publications/includes/publication_entry.html"
SELECT_TEMPLATE = "components/select_question.html"


@register.simple_tag(takes_context=True)
def publication_entry(context, publication):
    """One entry of a list of publications, kept per library generation (which any edit bumps).

    Its download count changes without an edit, so it is part of what the entry is kept as.
    """
    component = context.template.engine.get_template(ENTRY_TEMPLATE)

    def render():
        return str(component.render(context.new({"publication": publication})))

    name = f"entry:{publication.pk}:{publication.download_count}"
    return mark_safe(cached_value(name, render))  # noqa: S308 (our own template's output)


@register.simple_tag(takes_context=True)
def filter_question(context, field, selected=None, choices=None):
    """A filter's select (the category one has over 200 options), kept per library generation and
    choice rather than rendered an option at a time on every request. `choices` for a field that
    has none of its own."""
    chosen = str(selected if selected is not None else (field.value() or ""))
    choices = [(str(value), str(label)) for value, label in (choices or field.field.choices)]
    component = context.template.engine.get_template(SELECT_TEMPLATE)

    def render():
        return str(component.render(context.new({"field": field, "selected": selected, "choices": choices})))

    if chosen not in {value for value, _ in choices}:
        return mark_safe(render())  # noqa: S308 (bad input is rare: not worth a kept copy per odd value)
    # The choices come from the kept category tree and years; they are in the key all the same.
    shape = hashlib.sha256(
        repr((field.html_name, field.auto_id, str(field.label), choices)).encode()
    ).hexdigest()
    return mark_safe(cached_value(f"select-question:{shape}:{chosen}", render))  # noqa: S308 (our own template's output)


class KeptForLibraryNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        return mark_safe(cached_value(f"block:{self.name}", lambda: str(self.nodelist.render(context))))  # noqa: S308


@register.tag
def kept_for_library(parser, token):
    """A block that shows only what changes with an edit of the library (the category grid), kept per
    generation: `{% kept_for_library "top-categories" %}…{% endkept_for_library %}`. Nothing in it may
    depend on the request."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("kept_for_library takes one argument: a name")
    nodelist = parser.parse(("endkept_for_library",))
    parser.delete_first_token()
    return KeptForLibraryNode(bits[1].strip("\"'"), nodelist)
