"""Shared page chrome as template tags: the main menu, breadcrumbs, pagination and metadata rows.

Each tag renders one component from templates/components/, so a change to the
design-system markup lands on every page at once. App templates
`{% load navigation_tags %}`; no app imports this module.
"""

import hashlib

from cms.cache import _get_cache_version, _set_cache_version
from cms.utils.conf import get_cms_setting
from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

PAGE_PARAMETER = "page"
MAIN_MENU_TEMPLATE = "includes/main_menu_items.html"


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's items: rendered once a request (the header shows them twice, phone and desktop),
    and for the public kept per page until the next publish (django CMS's page-cache version).

    Staff may see unpublished pages in the menu, and a page that must work with the
    database down has a fixed menu: neither is kept.
    """
    request = context.get("request")
    rendered = getattr(request, "_main_menu_html", None)
    if rendered is not None:
        return rendered
    user = getattr(request, "user", None)
    kept = (
        request is not None
        and not context.get("static_navigation")
        and not getattr(user, "is_authenticated", True)
    )
    key = None
    if kept:
        version = _get_cache_version()
        digest = hashlib.sha256(request.path.encode()).hexdigest()
        key = f"main-menu:{version}:{get_language()}:{digest}"
        rendered = cache.get(key)
    if rendered is None:
        rendered = mark_safe(context.template.engine.get_template(MAIN_MENU_TEMPLATE).render(context))  # noqa: S308 (our own template's output)
        if key is not None:
            cache.set(key, str(rendered), get_cms_setting("CACHE_DURATIONS")["content"])
            _set_cache_version(version)  # as django CMS does: the version outlives what was kept under it
    rendered = mark_safe(rendered)  # noqa: S308 (our own template's output, from the cache)
    if request is not None:
        request._main_menu_html = rendered
    return rendered


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(trail):
    """The trail from the home page down, as (title, url) pairs; the last is this page and is not a link.

    A trail of one page (the home page) shows nothing.
    """
    *links, current = list(trail) or [(None, None)]
    return {"links": links, "current_title": current[0]}


@register.filter
def menu_trail(nodes):
    """django CMS menu nodes (the ancestors show_breadcrumb gives) as a breadcrumb trail."""
    return [(node.get_menu_title(), node.get_absolute_url()) for node in nodes]


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_obj, label=None):
    """Links to a list's other pages, each keeping the request's other query parameters (the filters).

    `label` is what screen readers call the links ("Result pages" unless the page says better).
    """
    query = context["request"].GET.copy()
    query.pop(PAGE_PARAMETER, None)
    paginator = page_obj.paginator
    return {
        "page_obj": page_obj,
        "page_numbers": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "ellipsis": paginator.ELLIPSIS,
        "query_prefix": f"?{query.urlencode()}&{PAGE_PARAMETER}=" if query else f"?{PAGE_PARAMETER}=",
        "label": label or "Result pages",
    }


class MetadataItemNode(template.Node):
    def __init__(self, key, nodelist):
        self.key = key
        self.nodelist = nodelist

    def render(self, context):
        component = context.template.engine.get_template("components/metadata_item.html")
        value = self.nodelist.render(context)  # already escaped where it needs to be
        return component.render(context.new({"key": self.key.resolve(context), "value": value}))


@register.tag
def metadata_item(parser, token):
    """One row of a design-system metadata list: `{% metadata_item "Published" %}value{% endmetadata_item %}`.

    The value is the block's content, so it may hold markup (a date, links, a tag).
    """
    try:
        _, key = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError("metadata_item takes one argument: the key") from error
    nodelist = parser.parse(("endmetadata_item",))
    parser.delete_first_token()
    return MetadataItemNode(parser.compile_filter(key), nodelist)
