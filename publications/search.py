"""Site search: publications (title above summary above body) and published CMS pages.

On PostgreSQL both use full-text search with ranking; elsewhere (SQLite, the
embedded default) a case-insensitive match ranked by where it matched.
"""

from cms.models import PageContent
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Q

from .models import SEARCH_CONFIG, Publication

MAX_PAGE_RESULTS = 10


def search_publications(query: str):
    return Publication.objects.published().for_listing().search(query)


def search_pages(query: str, *, site) -> list[PageContent]:
    """Published CMS pages whose title or description matches, best first, at most ten.

    ``PageContent.objects`` is django CMS versioning's published-only manager.
    """
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
    return [page for page in pages if page.get_absolute_url()]
