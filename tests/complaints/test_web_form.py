"""The public web form: start page, steps, check answers, confirmation, and what goes wrong.

The form keeps nothing on the server until Send: each page carries the answers
so far in a signed hidden field, which FormVisitor posts back like a browser.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from complaints.forms import STEP_NAMES
from complaints.models import Channel, Complaint, OutboxMessage

from .conftest import started_token
from .helpers import (
    SEND_URL,
    STEP_ANSWERS,
    FormVisitor,
    database_down,
    hidden_answers,
    link_on,
    step_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    return FormVisitor(client)


def test_start_page_explains_who_can_complain_and_where_to_get_help(client):
    response = client.get("/complaints/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Anyone can complain" in html
    assert "You do not have to tell us your name" in html
    assert "0345 600 9527" in html
    assert "07870 981 785" in html
    assert "999" in html and "0800 1111" in html
    assert "we get in touch within 3 working days" in html
    assert f'href="{step_url("service")}"' in html


def test_a_person_completes_the_form_and_gets_a_reference(visitor, client):
    check = visitor.complete()
    assert "Hillview Care Home, Dundee" in check.content.decode()
    assert "Family member or friend" in check.content.decode()
    assert "07911 123456" in check.content.decode()  # the number as typed; stored as +447911123456

    sent = visitor.send()

    complaint = Complaint.objects.get()
    assert sent.status_code == 200
    assert complaint.channel == Channel.WEB
    assert complaint.service_description == "Hillview Care Home, Dundee"
    assert complaint.care_service is None
    assert complaint.contact_phone == "+447911123456"
    assert complaint.consent_to_share_identity is True
    assert complaint.suspected_bot is False
    assert complaint.messages.get().body == "Nobody answers the call bell at night."
    assert complaint.display_reference in visitor.html
    assert 'class="ds_notification-panel"' in visitor.html
    assert "We will get in touch within 3 working days" in visitor.html
    email = OutboxMessage.objects.get()
    assert email.kind == OutboxMessage.Kind.EMAIL and email.to == "morag@example.org"
    assert complaint.display_reference in email.body
    assert "contact you within 3 working days" in email.body


def test_the_form_gives_no_session_and_is_never_cached(visitor, client):
    visitor.complete()
    visitor.send()

    assert "sessionid" not in client.cookies
    assert "no-store" in visitor.page.headers["Cache-Control"]


def test_sending_twice_stores_one_complaint_and_shows_the_same_reference(visitor):
    visitor.complete()
    answers_on_the_check_page = hidden_answers(visitor.page)
    first = visitor.send()

    again = visitor.client.post(
        SEND_URL, {"answers": answers_on_the_check_page, "started": started_token()}, follow=True
    )

    reference = Complaint.objects.get().display_reference
    assert reference in first.content.decode() and reference in again.content.decode()
    assert Complaint.objects.count() == 1


def test_a_complaint_can_be_anonymous_with_only_the_required_answers(visitor):
    visitor.complete(
        {
            "service": {"service_description": "the home near the park"},
            "what-happened": {"what_happened": "Ça ne va pas 😢 — 我不开心"},
            "about-you": {},
            "contact": {},
        }
    )
    visitor.send()

    complaint = Complaint.objects.get()
    assert not complaint.has_contact_details
    assert complaint.messages.get().body == "Ça ne va pas 😢 — 我不开心"
    assert not OutboxMessage.objects.exists()


def test_errors_are_summarised_and_everything_typed_is_kept(visitor):
    response = visitor.answer(
        "contact",
        {"contact_name": "Jo <b>Bloggs</b>", "contact_phone": "12345", "contact_email": "not-an-email"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="ds_error-summary"' in html
    assert 'role="alert" tabindex="-1" autofocus>' in html  # focus moves to it, so it is read first
    assert 'href="#id_contact_phone"' in html and 'href="#id_contact_email"' in html
    assert "Enter a phone number" in html
    assert 'value="Jo &lt;b&gt;Bloggs&lt;/b&gt;"' in html
    assert 'value="12345"' in html and 'value="not-an-email"' in html
    assert "<title>Error:" in html


def test_a_radio_question_error_links_to_its_first_option(visitor):
    response = visitor.answer("contact", {"preferred_contact": "text"})

    html = response.content.decode()
    assert "Enter your phone number, or choose another way" in html
    assert "<legend>How would you like us to contact you?</legend>" in html
    assert 'id="id_preferred_contact_2" name="preferred_contact" value="text" checked' in html


def test_the_service_step_needs_something_typed(visitor):
    response = visitor.answer("service", {"service_description": "   "})

    assert "Tell us the name of the care service" in response.content.decode()
    assert "Step 1 of 4" in response.content.decode()


def test_a_complaint_over_10000_characters_is_refused_but_kept_on_screen(visitor):
    visitor.answer("service", STEP_ANSWERS["service"])
    long_text = "a" * 10_001

    response = visitor.answer("what-happened", {"what_happened": long_text})

    html = response.content.decode()
    assert "must be 10,000 characters or fewer" in html
    assert long_text in html


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_an_empty_complaint_is_refused(visitor, text):
    visitor.answer("service", STEP_ANSWERS["service"])

    response = visitor.answer("what-happened", {"what_happened": text})

    assert "Tell us what happened" in response.content.decode()


def test_text_that_is_empty_once_cleaned_is_caught_at_send_and_kept(visitor):
    visitor.complete({**STEP_ANSWERS, "what-happened": {"what_happened": "\x01\x02"}})

    response = visitor.send()

    assert response.status_code == 400
    assert "A complaint needs some text" in visitor.html
    assert "Hillview Care Home, Dundee" in visitor.html
    assert not Complaint.objects.exists()


def test_later_steps_cannot_be_opened_without_the_answers_before_them(client):
    assert client.get(step_url("contact")).url == step_url("service")
    assert client.get(SEND_URL).url == step_url("service")

    response = client.post(step_url("contact"), {"contact_name": "Jo"})

    assert response.status_code == 400
    assert "Please start again" in response.content.decode()
    assert "Step 1 of 4" in response.content.decode()


@pytest.mark.parametrize("answers", ["forged", "eyJhIjoxfQ:1uAbCd:bad-signature", "x" * 5000])
def test_altered_answers_mean_starting_again_never_a_server_error(client, answers):
    for url in (step_url("what-happened"), SEND_URL):
        response = client.post(url, {"answers": answers, "what_happened": "Something"})

        assert response.status_code == 400
        assert "Please start again" in response.content.decode()
        assert "0345 600 9527" in response.content.decode()
    assert not Complaint.objects.exists()


def test_answers_older_than_a_day_mean_starting_again(visitor, settings):
    visitor.complete()
    settings.COMPLAINTS_FORM_MAX_AGE = -1  # everything signed is now too old

    response = visitor.send()

    assert response.status_code == 400
    assert "Please start again" in response.content.decode()
    assert not Complaint.objects.exists()


def test_change_returns_to_check_answers_with_the_new_answer(visitor):
    visitor.complete()
    change_link = link_on(visitor.page, "Change")

    shown = visitor.client.get(change_link)
    assert "Which care service is it about?" in shown.content.decode()
    assert "Hillview Care Home, Dundee" in shown.content.decode()
    visitor.page = shown

    check = visitor.post(step_url("service") + "?change=1", {"service_description": "Another home"})

    assert "Check your answers before sending" in check.content.decode()
    assert "Another home" in check.content.decode()
    assert "Nobody answers the call bell at night." in check.content.decode()


def test_back_shows_the_step_before_with_its_answers(visitor):
    visitor.answer("service", STEP_ANSWERS["service"])
    visitor.answer("what-happened", STEP_ANSWERS["what-happened"])

    back = visitor.client.get(link_on(visitor.page, "Back"))

    html = back.content.decode()
    assert "What happened?" in html
    assert "Nobody answers the call bell at night." in html


def test_a_filled_honeypot_is_kept_and_flagged(visitor):
    visitor.complete()

    visitor.send(website="http://spam.example")

    assert Complaint.objects.get().suspected_bot is True


def test_a_form_sent_faster_than_a_person_could_is_kept_and_flagged(client, settings):
    settings.COMPLAINTS_MIN_FILL_SECONDS = 60
    visitor = FormVisitor(client)  # the answers field says when the form was first served: just now
    visitor.complete()

    visitor.send()

    assert Complaint.objects.get().suspected_bot is True


def test_a_forged_timestamp_is_kept_and_flagged(visitor):
    visitor.answer("service", STEP_ANSWERS["service"], started="forged")
    for step in ["what-happened", "about-you", "contact"]:
        visitor.answer(step, STEP_ANSWERS[step])
    visitor.send()

    assert Complaint.objects.get().suspected_bot is True


def test_with_the_database_down_every_step_works_and_send_says_not_sent(visitor):
    """A total outage from the first page: nothing can reach the database, not even the page's menu."""
    with database_down():
        with pytest.raises(Exception, match="could not connect"):
            connection.cursor()
        visitor.page = visitor.client.get(step_url("service"))
        assert visitor.page.status_code == 200
        visitor.complete()

        response = visitor.send()

    html = response.content.decode()
    assert response.status_code == 503
    assert "Your complaint has not been sent yet" in html
    assert "0345 600 9527" in html
    assert "Complaint sent" not in html
    for typed in [
        "Hillview Care Home, Dundee",
        "Nobody answers the call bell at night.",
        "Last week",
        "Family member or friend",
        "Morag",
        "morag@example.org",
        "07911 123456",  # as typed
    ]:
        assert typed in html, typed
    assert 'href="/complaints/"' in html and 'href="/services/"' in html  # the static menu
    assert not Complaint.objects.exists()

    # The database is back: the same page's Send stores it, once.
    resent = visitor.send()
    assert resent.status_code == 200
    assert Complaint.objects.get().display_reference in resent.content.decode()
    assert Complaint.objects.get().contact_email == "morag@example.org"
    visitor.client.post(SEND_URL, {"answers": hidden_answers(response), "started": started_token()})
    assert Complaint.objects.count() == 1


def test_posts_are_rate_limited_per_client_address(visitor, settings):
    settings.COMPLAINTS_FORM_RATE = "3/m"
    for _ in range(3):
        assert visitor.answer("service", STEP_ANSWERS["service"]).status_code == 200

    response = visitor.answer("what-happened", {"what_happened": "Typed before the limit"})

    html = response.content.decode()
    assert response.status_code == 429
    assert "Please wait a few minutes" in html
    assert "Typed before the limit" in html
    other_client = Client(REMOTE_ADDR="192.0.2.9")
    other = other_client.post(
        step_url("service"), {"started": started_token(), **STEP_ANSWERS["service"]}, follow=True
    )
    assert other.status_code == 200 and "What happened?" in other.content.decode()


def test_a_cache_outage_does_not_stop_a_complaint(visitor, monkeypatch):
    from complaints import views

    def cache_down(*args, **kwargs):
        raise ConnectionError("redis unreachable")

    monkeypatch.setattr(views, "is_ratelimited", cache_down)

    visitor.complete()
    assert visitor.send().status_code == 200
    assert Complaint.objects.count() == 1


def test_form_pages_have_no_inline_script_or_style(visitor, client):
    pages = [client.get("/complaints/"), visitor.page]
    for step, answers in STEP_ANSWERS.items():
        pages.append(visitor.answer(step, answers))
    pages.append(visitor.send())
    for response in pages:
        html = response.content.decode()
        assert "<style" not in html
        assert " style=" not in html
        for chunk in html.split("<script")[1:]:
            assert "src=" in chunk.split(">", 1)[0], "inline script"


def test_unknown_step_is_not_found(client):
    assert client.get("/complaints/form/nope/").status_code == 404


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "PUT", "DELETE"])
def test_complaint_pages_refuse_methods_they_do_not_use(client, method):
    for address in [reverse("complaints:start"), step_url(STEP_NAMES[0]), SEND_URL]:
        response = client.generic(method, address)
        assert response.status_code == 405, (address, response.status_code)
