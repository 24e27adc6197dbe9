"""References carry a check character: one wrong character is known to be wrong without a look-up."""

import pytest

from complaints.conversation import complaint_for_status
from complaints.factories import ComplaintFactory
from complaints.models import Channel
from complaints.references import REFERENCE_ALPHABET, is_well_formed, new_reference, normalise_reference


def test_every_new_reference_passes_its_own_check():
    references = [new_reference() for _ in range(500)]

    assert all(is_well_formed(reference) for reference in references)
    assert len(set(references)) == len(references)


def test_any_single_wrong_character_is_caught():
    reference = new_reference()
    for position, right in enumerate(reference):
        for wrong in REFERENCE_ALPHABET.replace(right, ""):
            assert not is_well_formed(reference[:position] + wrong + reference[position + 1 :])


def test_every_swap_of_different_neighbours_is_caught():
    swapped = caught = 0
    for _ in range(500):
        reference = new_reference()
        for position in range(len(reference) - 1):
            first, second = reference[position], reference[position + 1]
            if first != second:
                swapped += 1
                caught += not is_well_formed(
                    reference[:position] + second + first + reference[position + 2 :]
                )
    assert caught == swapped


@pytest.mark.parametrize("typed", ["", "K7QM", "K7QM4XRTX", "O0I1L0I1", "k7qm-4xr?"])
def test_anything_not_shaped_like_a_reference_is_refused(typed):
    assert not is_well_formed(normalise_reference(typed))


@pytest.mark.django_db
def test_a_reference_failing_its_check_is_answered_without_a_database_look_up(django_assert_num_queries):
    complaint = ComplaintFactory(channel=Channel.TEXT, contact_phone="+447911123456")
    last = complaint.reference[-1]
    mistyped = complaint.reference[:-1] + REFERENCE_ALPHABET[(REFERENCE_ALPHABET.index(last) + 1) % 31]

    with django_assert_num_queries(0):
        assert complaint_for_status(mistyped, "+447911123456", "+447911123456") is None
    with django_assert_num_queries(1):
        assert complaint_for_status(complaint.reference, "+447911123456", "+447911123456") == complaint
