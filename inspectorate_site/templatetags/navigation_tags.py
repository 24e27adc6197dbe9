"""Shared page chrome as template tags: the main menu, breadcrumbs, pagination and metadata rows.

Each tag renders one component from templates/components/, so a change to the
design-system markup lands on every page at once. App templates
`{% load navigation_tags %}`; no app imports this module.
"""

import hashlib

from cms.cache import _set_cache_version
from cms.models import PageContent
from cms.utils.conf import get_cms_setting
from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from inspectorate_site import generations

register = template.Library()

PAGE_PARAMETER = "page"
MAIN_MENU_TEMPLATE = "includes/main_menu_items.html"


def _kept_name(context, name: str, *, site_wide: bool) -> str | None:
    """What a piece of CMS chrome is kept as for the public, or None when it must be rendered afresh.

    Staff may see drafts and the toolbar's editing markup, and a page that must
    work with the database down has fixed chrome: neither is kept. It is kept
    under django CMS's page-cache version, so every publish starts afresh in
    every worker (generations.py). Chrome that depends on the page is kept per
    page: a CMS page by its address; an app page by its URL pattern, since the
    CMS finds its page by exact address and every address of one pattern (each
    service, each publication) gets the same chrome. So the current CMS page of
    an app address costs no query once kept.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or context.get("static_navigation") or getattr(user, "is_authenticated", True):
        return None
    if site_wide:
        where = "site"
    else:
        match = getattr(request, "resolver_match", None)
        # Our apps are namespaced; django CMS's own page view is not.
        where = f"route:{match.route}" if match is not None and match.namespace else f"path:{request.path}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"cms-chrome:{name}:{get_language()}:{digest}"


def kept_for_public(context, name: str, render, *, site_wide: bool = False):
    """`render()`'s HTML, kept for the public until the next publish (see `_kept_name`)."""
    kept_name = _kept_name(context, name, site_wide=site_wide)
    if kept_name is None:
        return mark_safe(str(render()))  # noqa: S308 (our own templates' output)

    def compute():
        html = str(render())
        # As django CMS does: the version outlives what is kept under it.
        _set_cache_version(generations.current()[generations.CMS])
        return html

    seconds = get_cms_setting("CACHE_DURATIONS")["content"]
    rendered = generations.kept(kept_name, compute, counter=generations.CMS, seconds=seconds)
    return mark_safe(rendered)  # noqa: S308 (our own templates' output)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's items: rendered once a request (the header shows them twice, phone and desktop),
    and for the public kept per page until the next publish."""
    request = context.get("request")
    rendered = getattr(request, "_main_menu_html", None)
    if rendered is not None:
        return rendered
    template_ = context.template.engine.get_template(MAIN_MENU_TEMPLATE)
    rendered = kept_for_public(context, "main-menu", lambda: template_.render(context))
    if request is not None:
        request._main_menu_html = rendered
    return rendered


class KeptChromeNode(template.Node):
    def __init__(self, name, nodelist, site_wide):
        self.name = name
        self.nodelist = nodelist
        self.site_wide = site_wide

    def render(self, context):
        return kept_for_public(
            context, self.name, lambda: self.nodelist.render(context), site_wide=self.site_wide
        )


@register.tag
def kept_chrome(parser, token):
    """CMS chrome kept for the public until the next publish: `{% kept_chrome "breadcrumbs" %}…{% endkept_chrome %}`
    per page, or `{% kept_chrome "site-notice" site_wide %}…{% endkept_chrome %}` once for the whole site.
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] != "site_wide"):
        raise template.TemplateSyntaxError('kept_chrome takes a name and, optionally, "site_wide"')
    nodelist = parser.parse(("endkept_chrome",))
    parser.delete_first_token()
    return KeptChromeNode(bits[1].strip("\"'"), nodelist, site_wide=len(bits) == 3)


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(trail):
    """The trail from the home page down, as (title, url) pairs; the last is this page and is not a link.

    A trail of one page (the home page) shows nothing.
    """
    *links, current = list(trail) or [(None, None)]
    return {"links": links, "current_title": current[0]}


@register.simple_tag
def with_summaries(nodes):
    """(node, its page's meta description) for django CMS menu nodes, in one query: a section card says
    where it leads in the words its page gives search engines. A page without one has ""."""
    nodes = list(nodes)
    summaries = dict(
        PageContent.objects.filter(page_id__in=[node.id for node in nodes], language=get_language())
        .exclude(meta_description=None)
        .values_list("page_id", "meta_description")
    )
    return [(node, summaries.get(node.id, "")) for node in nodes]


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
