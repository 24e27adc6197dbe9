"""The nearest spelling of a query that found nothing: "continance" → "continence".

PostgreSQL finds candidates by trigram similarity (pg_trgm, through GIN indexes
on publication titles and service names); the embedded SQLite compares with the
words of every title, which a demo's few hundred make cheap. Either way the
nearest word is chosen with difflib among the words of what was found, and CMS
page titles (kept in memory) are candidates too.
"""

import contextlib
import difflib
import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction

from inspectorate_site import generations
from publications.models import Publication
from services_registry.models import CareService

from . import pages as page_index
from .words import MAX_WORDS, WORD, words_of

CANDIDATE_TITLES = 5
CLOSE_ENOUGH = 0.75
WORD_SIMILARITY_THRESHOLD = 0.45
VOCABULARY_SECONDS = 3600


def _words(texts) -> set[str]:
    return {word for text in texts for word in WORD.findall(text.lower()) if len(word) > 2}


def _vocabulary() -> set[str]:
    """SQLite: every word of every published title and service name, kept until either changes."""
    titles = generations.kept(
        "site-search:title-words",
        lambda: _words(Publication.objects.published().values_list("title", flat=True)),
        counter=generations.PUBLICATIONS,
        seconds=VOCABULARY_SECONDS,
    )
    names = generations.kept(
        "site-search:name-words",
        lambda: _words(CareService.objects.values_list("name", flat=True)),
        counter=generations.REGISTER,
        seconds=VOCABULARY_SECONDS,
    )
    return titles | names


def _similar_titles(word: str) -> set[str]:
    """PostgreSQL: the words of the titles and names most like this word (two queries)."""
    found = []
    for field, queryset in (("title", Publication.objects.published()), ("name", CareService.objects.all())):
        found += (
            queryset.filter(**{f"{field}__trigram_word_similar": word})
            .annotate(similarity=TrigramWordSimilarity(word, field))
            .order_by("-similarity")
            .values_list(field, flat=True)[:CANDIDATE_TITLES]
        )
    return _words(found)


@contextlib.contextmanager
def _lenient_trigrams():
    """pg_trgm's default word-similarity threshold (0.6) misses a dropped letter in a short word
    ("demntia" is 0.55 like "dementia"): lowered for this transaction only."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD])
        yield


def nearest_spelling(query: str, *, site) -> str | None:
    """The query with each unknown word replaced by the nearest known one, or None if none is nearer."""
    page_words = _words(page.title for page in page_index.current(site))
    on_postgresql = connection.vendor == "postgresql"
    vocabulary = None if on_postgresql else _vocabulary() | page_words
    suggestion = query
    with _lenient_trigrams() if on_postgresql else contextlib.nullcontext():
        # At most MAX_WORDS distinct words, each long enough to correct: a cap on the lookups.
        for word in [w for w in dict.fromkeys(words_of(query)) if len(w) > 2 and not w.isdigit()][:MAX_WORDS]:
            known = page_words | (_similar_titles(word) if vocabulary is None else vocabulary)
            if word in known:
                continue
            nearest = difflib.get_close_matches(word, known, n=1, cutoff=CLOSE_ENOUGH)
            if nearest:
                suggestion = re.sub(rf"\b{re.escape(word)}\b", nearest[0], suggestion, flags=re.IGNORECASE)
    return suggestion if suggestion.lower() != query.lower() else None
