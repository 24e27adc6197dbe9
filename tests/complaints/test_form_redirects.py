"""Post/redirect/get: each answer is posted once, then the browser is sent to the next page's address.

Back and Forward then move between addresses and never ask to resubmit a form;
the answers travel signed in those addresses, never in a cookie, and the
complaint text never in an address at all.
"""

import re
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from complaints.form_state import MAX_URL_TOKEN
from complaints.models import Complaint

from .conftest import started_token
from .helpers import STEP_ANSWERS, hidden_answers, link_on, step_url

pytestmark = pytest.mark.django_db


class CookielessClient(Client):
    """A browser that keeps no cookies at all."""

    def request(self, **request):
        self.cookies.clear()
        return super().request(**request)


def post_step(client, page, step, answers, url=None):
    fields = {"answers": hidden_answers(page), "started": started_token(), "website": ""}
    return client.post(url or step_url(step), {**fields, **answers})


def walk(client):
    """Every step posted, every redirect followed by a GET, as a browser does; the addresses visited."""
    page, addresses = client.get(step_url("service")), []
    for step, answers in STEP_ANSWERS.items():
        posted = post_step(client, page, step, answers)
        assert posted.status_code == 303, posted.content.decode()[:500]
        addresses.append(posted["Location"])
        page = client.get(posted["Location"])
        assert page.status_code == 200
    return page, addresses


def test_each_step_redirects_to_the_next_page_by_address_even_without_cookies():
    client = CookielessClient()

    check, addresses = walk(client)

    paths = [urlsplit(address).path for address in addresses]
    assert paths == [*(step_url(step) for step in list(STEP_ANSWERS)[1:]), reverse("complaints:check")]
    assert "Check your answers before sending" in check.content.decode()
    assert "Hillview Care Home, Dundee" in check.content.decode()
    assert "Nobody answers the call bell at night." in check.content.decode()
    assert not client.cookies


SIGNED_ANSWERS = re.compile(r"\.[\w-]+(?::|%3A)[\w-]+(?::|%3A)[\w-]+")


def without_signed_answers(response) -> str:
    return SIGNED_ANSWERS.sub("ANSWERS", response.content.decode())


def test_back_and_forward_show_every_answer_again(client):
    check, addresses = walk(client)

    # The browser's Back, three times from the check page: to an address written before
    # "what happened" was answered, which still shows the answer.
    back = client.get(addresses[0])
    forward = client.get(addresses[-1])

    assert "Nobody answers the call bell at night." in back.content.decode()
    assert 'value="Last week"' in back.content.decode()
    # The same page, but for the signed answers in it (re-signed with the second's timestamp).
    assert without_signed_answers(forward) == without_signed_answers(check)
    assert "Morag" in forward.content.decode()


def test_a_resent_post_after_back_stores_nothing_new_and_moves_on(client):
    check, _ = walk(client)
    sent = client.post(
        reverse("complaints:send"), {"answers": hidden_answers(check), "started": started_token()}
    )

    assert sent.status_code == 303
    reloaded = client.get(sent["Location"])
    client.get(sent["Location"])

    assert Complaint.objects.count() == 1
    assert Complaint.objects.get().display_reference in reloaded.content.decode()


def test_the_complaint_text_is_never_in_an_address_even_at_10000_characters(client):
    long_text = "Nobody came when I pressed the bell. " * 270
    answers = {**STEP_ANSWERS, "what-happened": {"what_happened": long_text[:10_000]}}
    page = client.get(step_url("service"))
    for step, step_answers in answers.items():
        posted = post_step(client, page, step, step_answers)
        token = parse_qs(urlsplit(posted["Location"]).query)["answers"][0]
        assert "Nobody" not in posted["Location"] and "Tm9ib2R5" not in token  # nor base64 of it
        assert len(posted["Location"]) < MAX_URL_TOKEN + 100
        page = client.get(posted["Location"])

    assert long_text[:10_000].strip() in page.content.decode()


def test_if_the_cache_cannot_keep_the_text_the_next_page_is_the_answer_to_the_post(client):
    page = client.get(step_url("service"))
    page = client.get(post_step(client, page, "service", STEP_ANSWERS["service"])["Location"])

    with mock.patch.object(cache, "set", side_effect=ConnectionError("cache down")):
        shown = post_step(client, page, "what-happened", STEP_ANSWERS["what-happened"])
        assert shown.status_code == 200
        assert "About you" in shown.content.decode()
        back = post_step(client, shown, "what-happened", {"show": "1"})  # Back posts when it cannot link

    assert "Nobody answers the call bell at night." in back.content.decode()


def test_an_errored_step_is_the_answer_to_its_post_not_a_redirect(client):
    page = client.get(step_url("service"))

    errored = post_step(client, page, "service", {"service_description": ""})

    assert errored.status_code == 200
    assert 'class="ds_error-summary"' in errored.content.decode()


def test_an_altered_address_starts_again(client):
    _, addresses = walk(client)
    token = parse_qs(urlsplit(addresses[1]).query)["answers"][0]

    response = client.get(step_url("contact") + "?answers=" + token[:-3] + "abc")

    assert response.status_code == 400
    assert "Step 1 of 4" in response.content.decode()


def test_a_later_step_without_the_answers_before_it_goes_back_to_them(client):
    _, addresses = walk(client)
    cache.clear()  # the complaint text has gone from the cache

    response = client.get(addresses[-1])

    assert response.status_code == 303
    assert urlsplit(response["Location"]).path == step_url("what-happened")
    assert "Hillview" in client.get(link_on(client.get(response["Location"]), "Back")).content.decode()
