"""Words a young person uses: where they live, staying anonymous by default, what a text costs."""

import pytest
from django.urls import reverse

from complaints.models import Complaint

from .helpers import STEP_ANSWERS, FormVisitor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "words"), [("lives_there", "I live there"), ("used_to_live_there", "I used to live there")]
)
def test_a_young_person_can_say_they_live_or_lived_there(client, value, words):
    visitor = FormVisitor(client)
    visitor.answer("service", STEP_ANSWERS["service"])
    about_you = visitor.answer("what-happened", STEP_ANSWERS["what-happened"])
    assert words in about_you.content.decode()

    visitor.complete({**STEP_ANSWERS, "about-you": {"relationship": value}})
    assert words in visitor.html
    visitor.send()

    assert Complaint.objects.get().relationship == value


def test_not_telling_the_service_who_they_are_is_chosen_unless_they_change_it(client):
    visitor = FormVisitor(client)
    for step in ("service", "what-happened", "about-you"):
        visitor.answer(step, STEP_ANSWERS[step])

    html = visitor.html
    assert 'value="no" checked' in html and 'value="yes" checked' not in html
    assert "No, don’t tell them who I am" in html


def test_the_check_page_says_in_words_that_the_service_will_not_be_told(client):
    visitor = FormVisitor(client)
    visitor.complete({**STEP_ANSWERS, "contact": {}})

    assert "No, don’t tell them who I am" in visitor.html
    visitor.send()
    assert Complaint.objects.get().consent_to_share_identity is False


def test_the_text_option_says_what_it_costs_who_reads_it_and_when_they_reply(client):
    html = client.get(reverse("complaints:start")).content.decode()

    assert "costs the same as a normal text" in html
    assert "Our complaints team reads it" in html
    assert "we do not tell the service who texted" in html
    assert "We reply within 3 working days" in html
