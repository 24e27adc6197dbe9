"""The staff's synonym list, read from a kept copy: a search costs no query for it.

Kept under the library's generation, so a changed synonym also makes every
stored search page stale (the full-page cache keys hold that generation).
"""

from inspectorate_site import generations

KEPT_SECONDS = 3600


def current() -> dict[str, list[str]]:
    """word → what else it finds."""
    from .models import Synonym

    def compute():
        return {synonym.word: synonym.meanings for synonym in Synonym.objects.all()}

    return generations.kept(
        "site-search:synonyms", compute, counter=generations.PUBLICATIONS, seconds=KEPT_SECONDS
    )


def forget(sender=None, **kwargs):
    generations.bump(generations.PUBLICATIONS)
