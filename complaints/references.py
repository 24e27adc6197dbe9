"""Complaint references: K7QM-4XRT, read out over the phone and copied by hand.

Seven characters drawn by a CSPRNG and a check character, so a reference with
one character wrong, or two neighbours swapped, is known to be wrong without
looking it up: it gets the same neutral answer as an unknown one, and never
reaches the database.
"""

import re
import secrets

# No 0/O, 1/I/L: easy to confuse when read aloud or written down.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8  # 7 random (31^7, about 2.8 × 10^10) and the check character


def check_character(body: str) -> str:
    """A weighted sum modulo 31 (a prime), with weights 2 and 1 in turn.

    Weights below 31 and a prime modulus make every single wrong character change
    the sum; alternating weights make every swap of two different neighbours change
    it too (by the difference of the two values, never a multiple of 31).
    """
    base = len(REFERENCE_ALPHABET)
    total = sum(
        REFERENCE_ALPHABET.index(character) * (2 if position % 2 == 0 else 1)
        for position, character in enumerate(reversed(body))
    )
    return REFERENCE_ALPHABET[-total % base]


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH - 1))
    return body + check_character(body)


def normalise_reference(typed: str) -> str:
    """What a person reads back ('k7qm 4xrt') -> the stored form ('K7QM4XRT')."""
    return re.sub(r"[^A-Z0-9]", "", (typed or "").upper())


def is_well_formed(reference: str) -> bool:
    """Whether a normalised reference could be one of ours: right length, alphabet and check character."""
    return (
        len(reference) == REFERENCE_LENGTH
        and all(character in REFERENCE_ALPHABET for character in reference)
        and check_character(reference[:-1]) == reference[-1]
    )
