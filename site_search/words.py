"""What a person typed, as the words a search looks for.

Each word is matched on its own (never the phrase), in any form: "inspections"
finds "inspection". PostgreSQL's 'english' configuration stems with the Snowball
English stemmer; the same stemmer stems for SQLite and for the CMS pages, so the
embedded demo and production find the same things.
"""

import os
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
# Letters and digits: nothing typed reaches a query as syntax.
WORD = re.compile(r"[^\W_]+")
# PostgreSQL's english.stop list, so both databases ignore the same words.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own s same she should so some such
    t than that the their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with you your yours yourself
    yourselves""".split()  # noqa: SIM905 (the list as PostgreSQL prints it)
)

_stemmer = snowballstemmer.stemmer("english")


def clean_query(raw) -> str:
    """The query as shown back: printable, single-spaced, at most MAX_QUERY_LENGTH characters."""
    # Composed (NFC), as the pages are written: "Cafe" + U+0301 from some keyboards is "Café".
    composed = unicodedata.normalize("NFC", str(raw or ""))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in composed)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def words_of(text: str) -> list[str]:
    """Lower-case words, stop words left out (unless nothing else was typed)."""
    words = [word[:MAX_WORD_LENGTH] for word in WORD.findall(text.lower())]
    meaningful = [word for word in words if word not in STOP_WORDS]
    return meaningful or words


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def root(word: str) -> str:
    """What every form of the word begins with, for a substring match: the stem of "nursery" is
    "nurseri", which "nursery" does not contain; their common beginning "nurser" it does."""
    return os.path.commonprefix([word.lower(), stem(word)])


class Term(NamedTuple):
    """One word typed and what else it may match: each alternative is a phrase of one or more words."""

    word: str
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def stems(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(stem(word) for word in phrase) for phrase in self.alternatives)

    @property
    def roots(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(root(word) for word in phrase) for phrase in self.alternatives)


def terms(query: str, synonyms: dict[str, list[str]]) -> list[Term]:
    """A Term for each word of the query, with the staff's synonyms for it."""
    found = []
    for word in list(dict.fromkeys(words_of(query)))[:MAX_WORDS]:
        alternatives = [(word,)]
        for meaning in synonyms.get(word, ()):
            phrase = tuple(words_of(meaning))
            if phrase and phrase not in alternatives:
                alternatives.append(phrase)
        found.append(Term(word, tuple(alternatives)))
    return found
