"""The three kinds of thing the site search finds, each a function of the search terms.

Each returns a queryset (or, for CMS pages, a list) in best-first order; the view
counts and pages them. Every kind matches each word on its own, in any of its
forms, and a word the staff gave synonyms for matches those too.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import F, Q

from publications.models import SEARCH_CONFIG, Publication
from services_registry.models import CareService

from . import pages as page_index
from .words import Term

PUBLICATION_FIELDS = ("title", "summary", "document_titles", "body_html")


def _tsquery(terms: list[Term]) -> SearchQuery:
    """(word | synonym phrase) & (next word | ...): only letters and digits reach the raw syntax."""
    groups = []
    for term in terms:
        phrases = [" & ".join(phrase) for phrase in term.alternatives]
        groups.append("(" + " | ".join(f"({phrase})" for phrase in phrases) + ")")
    return SearchQuery(" & ".join(groups), search_type="raw", config=SEARCH_CONFIG)


def _contains_every_word(terms: list[Term], fields) -> Q:
    """SQLite: each term's root (or a synonym's) somewhere in the fields, so "services" finds "service"."""
    match = Q()
    for term in terms:
        alternatives = Q()
        for phrase in term.roots:
            every_word = Q()
            for word_root in phrase:
                anywhere = Q()
                for field in fields:
                    anywhere |= Q(**{f"{field}__icontains": word_root})
                every_word &= anywhere
            alternatives |= every_word
        match &= alternatives
    return match


def publications(terms: list[Term]):
    found = Publication.objects.published().for_listing()
    if connection.vendor == "postgresql":
        query = _tsquery(terms)
        return (
            found.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-download_count", "pk")
        )
    in_title = _contains_every_word(terms, ("title",))
    in_summary = _contains_every_word(terms, ("title", "summary", "document_titles"))
    return (
        found.filter(_contains_every_word(terms, PUBLICATION_FIELDS))
        .annotate(
            rank=models.Case(
                models.When(in_title, then=3),
                models.When(in_summary, then=2),
                default=1,
                output_field=models.IntegerField(),
            )
        )
        .order_by("-rank", "-download_count", "pk")
    )


def services(query: str):
    """Names, service numbers, towns and postcodes, as Find a care service matches them."""
    return CareService.objects.search(query).select_related("provider")


def pages(terms: list[Term], *, site) -> list[page_index.IndexedPage]:
    """Published CMS pages with every word in their title, description or text: title matches first."""
    matches = []
    for page in page_index.current(site):
        score = page.score([term.stems for term in terms])
        if score:
            matches.append((-score, page.title.lower(), page))
    return [page for *_, page in sorted(matches, key=lambda match: match[:2])]
