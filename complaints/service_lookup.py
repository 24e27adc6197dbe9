"""Finding the registered care service a person means, from whatever they typed.

People type a name, a name and a town, or a service number copied from a report,
with any spacing and case. Nothing here is required to succeed: what they typed
is always kept, and an officer can link the service later.
"""

import re

from django.core.exceptions import ValidationError

from services_registry.models import SERVICE_NUMBER_RE, CareService

MAX_MATCHES = 10
MAX_WORDS = 6
_NUMBER_IN_TEXT = re.compile(r"C\s*S(?:[\s-]*\d){10}", re.IGNORECASE)
_IGNORED_WORDS = {"the", "and", "in", "at", "of", "for", "near", "care", "service", "services"}
INVALID_NUMBER = "Enter a service number like CS2003001025: the letters CS then 10 numbers."


def normalise_service_number(typed: str) -> str:
    """' cs 2003 001025 ' -> 'CS2003001025'; raises ValidationError if it is not CS and 10 digits."""
    number = re.sub(r"[\s-]", "", typed or "").upper()
    if not SERVICE_NUMBER_RE.match(number):
        raise ValidationError(INVALID_NUMBER)
    return number


def service_number_in(text: str) -> str | None:
    """The service number somewhere in what the person typed, if there is one."""
    found = _NUMBER_IN_TEXT.search(text or "")
    return re.sub(r"[\s-]", "", found.group()).upper() if found else None


def service_label(service: CareService) -> str:
    """How a service is shown to the person choosing it: name, place (never a hidden town), number, and if it has closed."""
    place = f", {service.public_place}" if service.public_place else ""
    closed = "" if service.is_registered else " – no longer registered"
    return f"{service.name}{place} ({service.service_number}){closed}"


def service_with_number(number: str) -> CareService | None:
    return CareService.objects.filter(service_number=number).first()


def matching_services(text: str, limit: int = MAX_MATCHES) -> list[CareService]:
    """Up to `limit` services the text could mean, trying looser readings only when stricter ones find none.

    The registry's own search first (a name, a town, a number or a postcode), then
    every comma-separated part at once ('Rowan House, Aberdeen'), then every word.
    """
    text = " ".join((text or "").split())[:200]
    if not text:
        return []
    for queryset in _readings(text):
        found = list(queryset[:limit])
        if found:
            return found
    return []


def _readings(text: str):
    yield CareService.objects.search(text)
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    if len(parts) > 1:
        yield _all_of(parts[:MAX_WORDS])
    words = [
        word for word in re.findall(r"\w+", text) if len(word) > 1 and word.lower() not in _IGNORED_WORDS
    ]
    if len(words) > 1:
        yield _all_of(words[:MAX_WORDS])


def _all_of(terms):
    queryset = CareService.objects.all()
    for term in terms:
        queryset = queryset.search(term)
    return queryset
