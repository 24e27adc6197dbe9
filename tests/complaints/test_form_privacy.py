"""A young person on a phone someone else may pick up: leaving fast, and what the pages leave behind."""

import re

import pytest
from django.urls import reverse

from .helpers import STEP_ANSWERS, FormVisitor

pytestmark = pytest.mark.django_db

EXIT_LINK = re.compile(
    r'<a href="https://www\.bbc\.co\.uk/weather"[^>]*rel="noreferrer"[^>]*>\s*<strong>Exit this page</strong>'
)


def every_form_page(client):
    visitor = FormVisitor(client)
    pages = {"start": client.get(reverse("complaints:start")), "first step": visitor.page}
    visitor.answer("service", STEP_ANSWERS["service"])
    pages["a later step"] = visitor.page
    pages["an error"] = visitor.answer("what-happened", {"what_happened": ""})
    visitor.complete()
    pages["check answers"] = visitor.page
    pages["confirmation"] = visitor.send()
    return pages


def test_every_complaints_page_has_an_exit_link_to_a_neutral_site_that_works_without_javascript(client):
    for name, page in every_form_page(client).items():
        html = page.content.decode()
        assert EXIT_LINK.search(html), name
        assert 'class="ds_hide-page"' in html, name


def test_the_start_page_says_how_to_keep_the_visit_private(client):
    html = client.get(reverse("complaints:start")).content.decode()

    assert "private or incognito window" in html


def test_the_confirmation_gives_the_text_route_to_check_status_and_no_photo(client):
    visitor = FormVisitor(client)
    visitor.complete()

    html = visitor.send().content.decode()

    assert "photo" not in html
    assert "text <strong>STATUS</strong> and your reference to" in html
    assert "07870 981 785" in html
    assert "We will get in touch within 3 working days" in html
    assert 'id="no-contact-details"' not in html


def test_the_confirmation_without_contact_details_says_how_to_follow_up(client):
    visitor = FormVisitor(client)
    visitor.complete({**STEP_ANSWERS, "contact": {"contact_name": "Jo"}})

    html = visitor.send().content.decode()

    assert "You did not give us a way to contact you" in html
    assert "text STATUS and your reference to 07870 981 785" in html
    assert 'href="tel:+443456009527"' in html
    assert "We will get in touch within" not in html
