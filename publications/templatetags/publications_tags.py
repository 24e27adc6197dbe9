"""Template tags for the publications pages."""

from django import template
from django.utils.safestring import mark_safe

from publications.cache import cached_value

register = template.Library()


@register.simple_tag(takes_context=True)
def category_question(context, field):
    """The library's category select: over 200 options, so rendered once per library generation and
    choice rather than an option at a time on every request."""
    chosen = str(field.value() or "")
    component = context.template.engine.get_template("components/select_question.html")

    def render():
        return str(component.render(context.new({"field": field})))

    if chosen not in {str(value) for value, _ in field.field.choices}:
        return mark_safe(render())  # noqa: S308 (bad input is rare: not worth a kept copy per odd value)
    return mark_safe(cached_value(f"category-question:{chosen}", render))  # noqa: S308 (our own template's output)
