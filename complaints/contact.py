"""Phone numbers and contact details: reading them, and masking them for the triage screens."""

import re

import phonenumbers

DOT = "\u2022"
# A UK mobile's national number: 7 and nine more digits. Accepted even when the
# phonenumbers data does not list its range: new ranges open before the data
# catches up, and 07700 900xxx, the form's own example, is Ofcom's range for fiction.
UK_MOBILE_SHAPE = re.compile(r"7\d{9}")


def normalise_phone(raw: str) -> str | None:
    """A UK or international number in E.164 ('+447870981785'), or None if it is not a phone number.

    Notify sends UK numbers without the plus ('447870981785'); people type '07870 981785'.
    """
    raw = (raw or "").strip()
    if not raw or len(raw) > 32:
        return None
    candidates = [raw]
    if raw.isdigit() and raw.startswith("44"):
        candidates.insert(0, "+" + raw)
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, "GB")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) or _has_uk_mobile_shape(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def _has_uk_mobile_shape(number: phonenumbers.PhoneNumber) -> bool:
    national = phonenumbers.national_significant_number(number)
    return number.country_code == 44 and not number.extension and bool(UK_MOBILE_SHAPE.fullmatch(national))


def display_phone(number: str) -> str:
    """'+447870981785' -> '07870 981785' for UK numbers; others in international format."""
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return number
    if parsed.country_code == 44:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask_phone(number: str) -> str:
    """'+447870981785' -> '07••• ••• 785': enough to tell two numbers apart, not to call one."""
    if not number:
        return ""
    digits = [c for c in display_phone(number) if c.isdigit()]
    if len(digits) < 6:
        return DOT * 5
    return f"{''.join(digits[:2])}{DOT * 3} {DOT * 3} {''.join(digits[-3:])}"


def mask_email(email: str) -> str:
    """'jo.bloggs@example.org' -> 'j•••@e•••.org'."""
    if not email:
        return ""
    local, _, domain = email.partition("@")
    name, _, suffix = domain.rpartition(".")
    return f"{local[:1]}{DOT * 3}@{name[:1]}{DOT * 3}.{suffix}" if name else f"{local[:1]}{DOT * 3}@{DOT * 3}"


def mask_text(text: str) -> str:
    """Names and addresses: only the first letter of each word."""
    return " ".join(f"{word[:1]}{DOT * 3}" for word in (text or "").split())
