"""Protection triage: flag a new complaint whose words suggest immediate risk.

The phrases are RiskPhrase rows that staff edit in the admin. The rule, applied
the same way to each phrase and to the complaint's text:

- case and accents are ignored, apostrophes dropped ("don't" is "dont"), and
  every other run of punctuation or spaces is one space ("self-harm" is "self harm");
- any letter repeated is read once, so doubled-letter slips match either way
  ("hitting", "hiting" and "hiiiting" are all "hiting");
- a phrase matches whole words only ("hit me" is not found in "white mess") and
  each of its words may take a common ending: -s, -es, -ed, -er, -ers, -ing, with a
  final "e" dropped before them ("abuse" finds "abused", "abuses", "abusing").

Other misspellings ("sucide") are phrases of their own. Matching is one
precompiled regular expression, cached in the process and rebuilt when the
phrase list's fingerprint (count and latest change, one small query that never
touches the cache) differs, so an edit in the admin applies at once in every process.
"""

import re
import unicodedata
from functools import lru_cache

from django.db.models import Count, Max

from .models import RiskPhrase

ENDINGS = "s|es|ed|er|ers|ing"
_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_REPEATED_LETTER = re.compile(r"([a-z])\1+")


def normalise(text: str) -> str:
    """Lower case, plain letters and digits, single spaces, repeated letters once."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    text = _NOT_ALPHANUMERIC.sub(" ", _APOSTROPHES.sub("", text))
    return _REPEATED_LETTER.sub(r"\1", text).strip()


def _word_pattern(word: str) -> str:
    if len(word) > 3 and word.endswith("e"):
        return re.escape(word[:-1]) + f"(?:e|{ENDINGS})"
    return re.escape(word) + f"(?:{ENDINGS})?"


def phrase_pattern(phrase: str) -> str:
    return " ".join(_word_pattern(word) for word in normalise(phrase).split())


@lru_cache(maxsize=4)
def _compiled(fingerprint: tuple) -> tuple[re.Pattern | None, dict[str, str]]:
    """The phrases as one regular expression (None when there are none), and each named group's phrase."""
    phrases = list(RiskPhrase.objects.values_list("phrase", flat=True))
    groups = {f"p{index}": phrase for index, phrase in enumerate(phrases) if normalise(phrase)}
    if not groups:
        return None, {}
    alternatives = "|".join(f"(?P<{name}>{phrase_pattern(phrase)})" for name, phrase in groups.items())
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"), groups


def _fingerprint() -> tuple:
    summary = RiskPhrase.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return summary["count"], summary["latest"]


def find_risk_phrases(text: str) -> list[str]:
    """The staff's phrases found in the text, in the list's order, each once."""
    pattern, groups = _compiled(_fingerprint())
    if pattern is None:
        return []
    found = set()
    for match in pattern.finditer(normalise(text)):
        found.add(match.lastgroup)
    return [phrase for name, phrase in groups.items() if name in found]
