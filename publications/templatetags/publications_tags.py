"""Template tags for the publications pages."""

import hashlib

from cms.cache import _get_cache_version, _set_cache_version
from cms.utils.conf import get_cms_setting
from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from publications.cache import cached_value

register = template.Library()


class CmsChromeNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request.user, "is_authenticated", True):
            # Staff may see drafts and the toolbar's editing markup: never kept.
            return self.nodelist.render(context)
        version = _get_cache_version()
        digest = hashlib.sha256(request.path.encode()).hexdigest()
        key = f"publications:cms-chrome:{self.name}:{version}:{get_language()}:{digest}"
        rendered = cache.get(key)
        if rendered is None:
            rendered = self.nodelist.render(context)
            cache.set(key, str(rendered), get_cms_setting("CACHE_DURATIONS")["content"])
            _set_cache_version(version)  # as django CMS does: the version outlives what was kept under it
        return mark_safe(rendered)  # noqa: S308 (our own template's output, from the cache)


@register.tag
def cms_chrome(parser, token):
    """CMS content shown on an app page, kept for the public until the next publish (the CMS page-cache
    version), per language and address: `{% cms_chrome "introduction" %}{% placeholder … %}{% endcms_chrome %}`.
    """
    try:
        _, name = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError(
            "cms_chrome takes one argument: a name for what it keeps"
        ) from error
    nodelist = parser.parse(("endcms_chrome",))
    parser.delete_first_token()
    return CmsChromeNode(name.strip("\"'"), nodelist)


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
