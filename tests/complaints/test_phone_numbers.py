"""Phone numbers as people write them, the form's own example included; junk is still refused."""

import re

import pytest

from complaints.forms import ContactForm


@pytest.mark.parametrize(
    "typed",
    [
        "07700 900 982",
        "07700900982",
        "+44 7700 900 982",
        "+44 (0)7700 900982",
        "(07700) 900 982",
        "0044 7700 900982",
        "07700-900-982",
        "0131 496 0000",
        "(0131) 496 0000",
        "+44 (0)20 7946 0000",
    ],
)
def test_phone_numbers_as_people_write_them_are_accepted(typed):
    form = ContactForm(data={"contact_phone": typed, "preferred_contact": "text"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["contact_phone"].startswith("+44")


def test_the_forms_own_example_numbers_are_accepted():
    field = ContactForm.base_fields["contact_phone"]
    examples = re.findall(r"(?:\+44 |0)7700 900 982", field.help_text + field.error_messages["invalid"])

    assert examples
    for example in examples:
        assert ContactForm(data={"contact_phone": example}).is_valid(), example


@pytest.mark.parametrize(
    "typed", ["12345", "0770090098", "077009009822", "07700 900 98x", "999", "00000000000", "call me"]
)
def test_junk_is_not_a_phone_number(typed):
    form = ContactForm(data={"contact_phone": typed})

    assert not form.is_valid()
    assert "like 07700 900 982" in form.errors["contact_phone"][0]
