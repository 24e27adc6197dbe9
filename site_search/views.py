"""/search/: care services, publications and pages in one results page, grouped by kind.

A fixed handful of queries whatever the size of the site: for each kind of
database result a count (stopping at a cap) and one page; the CMS pages and the
synonyms come from kept copies. A query that finds nothing is tried again with
its nearest spelling.
"""

from dataclasses import dataclass, field

from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from publications.cache import cached_value, public_page_cache
from publications.models import Category
from services_registry.models import SERVICE_NUMBER, CareService, compact_postcode

from . import sources, synonyms
from .spelling import nearest_spelling
from .words import clean_query, terms

PER_PAGE = 20
# "All results" shows this many of each kind, then a link to the rest.
FIRST_OF_EACH = 4
# Counting stops here: a very common word costs the same on any size of site.
MAX_COUNTED = {"services": 500, "publications": 200, "pages": 200}
KINDS = {"services": "Care services", "publications": "Publications", "pages": "Pages"}
HOME = ("Home", "/")


@dataclass
class Section:
    kind: str
    label: str
    count: int
    capped: bool
    results: list | Page = field(default_factory=list)

    @property
    def singular(self) -> str:
        return {"services": "care service", "publications": "publication", "pages": "page"}[self.kind]


def _capped_count(queryset, kind) -> tuple[int, bool]:
    cap = MAX_COUNTED[kind]
    count = queryset.order_by().values("pk")[:cap].count()
    return count, count >= cap


def _find(query: str, *, site, kind: str | None, page_number) -> list[Section]:
    searched = terms(query, synonyms.current())
    found = {
        "services": sources.services(query),
        "publications": sources.publications(searched) if searched else None,
        "pages": sources.pages(searched, site=site) if searched else [],
    }
    sections = []
    for key, label in KINDS.items():
        results = found[key]
        if results is None:
            count, capped = 0, False
        elif isinstance(results, list):
            count, capped = min(len(results), MAX_COUNTED[key]), len(results) > MAX_COUNTED[key]
        else:
            count, capped = _capped_count(results, key)
        section = Section(key, label, count, capped)
        if count and key == kind:
            paginator = Paginator(results[: MAX_COUNTED[key]], PER_PAGE)
            paginator.count = count  # already counted, without the ranking
            section.results = paginator.get_page(page_number)
        elif count and kind is None:
            section.results = list(results[:FIRST_OF_EACH])
        sections.append(section)
    return sections


def _top_categories():
    return cached_value(
        "search-help-categories", lambda: list(Category.objects.top_level().order_by("ordering", "name"))
    )


@require_safe
@public_page_cache
def results(request):
    query = clean_query(request.GET.get("q"))
    kind = request.GET.get("kind")
    kind = kind if kind in KINDS else None
    context = {
        "query": query,
        "kind": kind,
        "kinds": KINDS,
        "search_page": True,
        "breadcrumbs": [HOME, ("Search", None)],
    }
    if not query:
        return render(request, "site_search/results.html", context)

    # A service number typed alone goes straight to that service.
    number = compact_postcode(query)
    if SERVICE_NUMBER.regex.match(number) and CareService.objects.filter(service_number=number).exists():
        return redirect("services_registry:service_detail", service_number=number)

    site = get_current_site(request)
    sections = _find(query, site=site, kind=kind, page_number=request.GET.get("page"))
    corrected = None
    if not any(section.count for section in sections):
        suggestion = nearest_spelling(query, site=site)
        if suggestion:
            retried = _find(suggestion, site=site, kind=kind, page_number=request.GET.get("page"))
            if any(section.count for section in retried):
                corrected, sections = suggestion, retried
    total = sum(section.count for section in sections)
    context.update(
        sections=sections,
        total=total,
        capped=any(section.capped for section in sections),
        corrected=corrected,
        shown=next((section for section in sections if section.kind == kind), None),
        top_categories=_top_categories if not total else None,
    )
    return render(request, "site_search/results.html", context)
