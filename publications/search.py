"""Site search: publications (title above summary above body) and published CMS pages.

On PostgreSQL both use full-text search with ranking; elsewhere (SQLite, the
embedded default) a case-insensitive match ranked by where it matched.
"""

import hashlib
from typing import NamedTuple

from cms.models import PageContent
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Q

from inspectorate_site import generations

from .models import SEARCH_CONFIG, Publication

MAX_PAGE_RESULTS = 10
# Pages change only when someone publishes: a query's page results are kept until then, or an hour.
PAGE_RESULTS_SECONDS = 3600


class PageResult(NamedTuple):
    title: str
    meta_description: str
    url: str


def search_publications(query: str):
    return Publication.objects.published().for_listing().search(query)


def search_pages(query: str, *, site) -> list[PageResult]:
    """Published CMS pages whose title or description matches, best first, at most ten, kept per publish."""
    digest = hashlib.sha256(f"{site.pk}:{query}".encode()).hexdigest()
    return generations.kept(
        f"page-search:{digest}",
        lambda: _matching_pages(query, site=site),
        counter=generations.CMS,
        seconds=PAGE_RESULTS_SECONDS,
    )


def _matching_pages(query: str, *, site) -> list[PageResult]:
    """``PageContent.objects`` is django CMS versioning's published-only manager."""
    pages = PageContent.objects.filter(language="en", page__site=site)
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
            models.functions.Coalesce("meta_description", models.Value(""), output_field=models.TextField()),
            weight="B",
            config=SEARCH_CONFIG,
        )
        pages = (
            pages.annotate(search=vector)
            .filter(search=search_query)
            .annotate(rank=SearchRank(vector, search_query))
            .order_by("-rank", "title")
        )
    else:
        pages = pages.filter(Q(title__icontains=query) | Q(meta_description__icontains=query)).order_by(
            "title"
        )
    pages = pages.select_related("page").prefetch_related("page__urls")[:MAX_PAGE_RESULTS]
    return [
        PageResult(page.title, page.meta_description or "", url)
        for page in pages
        if (url := page.get_absolute_url())
    ]
