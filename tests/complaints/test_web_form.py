"""The public web form: start page, steps, check answers, confirmation, and what goes wrong."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from complaints import services
from complaints.models import Channel, Complaint, OutboxMessage

from .conftest import started_token

pytestmark = pytest.mark.django_db

STEP_ANSWERS = {
    "service": {"service_description": "Hillview Care Home, Dundee", "service_number": ""},
    "what-happened": {
        "what_happened": "Nobody answers the call bell at night.",
        "when_it_happened": "Last week",
    },
    "about-you": {"is_child_or_young_person": "no", "relationship": "family_or_friend"},
    "contact": {
        "contact_name": "Morag",
        "contact_email": "morag@example.org",
        "contact_phone": "07911 123456",
        "preferred_contact": "email",
        "consent_to_share_identity": "yes",
    },
}


def step_url(step):
    return reverse("complaints:step", args=[step])


def post_step(client, step, answers, **extra):
    client.get(step_url(step))
    data = {"started": started_token(), "website": "", **answers, **extra}
    return client.post(step_url(step), data)


def complete_steps(client, answers=STEP_ANSWERS):
    for step, step_answers in answers.items():
        response = post_step(client, step, step_answers)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def send(client, **extra):
    return client.post(
        reverse("complaints:check_answers"), {"started": started_token(), "website": "", **extra}
    )


def test_start_page_explains_who_can_complain_and_where_to_get_help(client):
    response = client.get("/complaints/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Anyone can complain" in html
    assert "You do not have to tell us your name" in html
    assert "0345 600 9527" in html
    assert "07870 981 785" in html
    assert "999" in html and "0800 1111" in html
    assert f'href="{step_url("service")}"' in html


def test_a_person_completes_the_form_and_gets_a_reference(client):
    response = complete_steps(client)
    assert response.url == reverse("complaints:check_answers")

    check = client.get(response.url)
    assert "Hillview Care Home, Dundee" in check.content.decode()
    assert "Family member or friend" in check.content.decode()

    sent = send(client)
    assert sent.status_code == 302 and sent.url == reverse("complaints:confirmation")
    confirmation = client.get(sent.url)

    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.WEB
    assert complaint.service_description == "Hillview Care Home, Dundee"
    assert complaint.contact_phone == "+447911123456"
    assert complaint.consent_to_share_identity is True
    assert complaint.suspected_bot is False
    assert complaint.messages.get().body == "Nobody answers the call bell at night."
    assert complaint.display_reference in confirmation.content.decode()
    assert 'class="ds_notification-panel"' in confirmation.content.decode()
    email = OutboxMessage.objects.get()
    assert email.kind == OutboxMessage.Kind.EMAIL and email.to == "morag@example.org"
    assert complaint.display_reference in email.body


def test_sending_twice_does_not_make_a_second_complaint(client):
    complete_steps(client)
    send(client)

    again = send(client)

    assert again.status_code == 302 and again.url == step_url("service")
    assert Complaint.objects.count() == 1


def test_a_complaint_can_be_anonymous_with_only_the_required_answers(client):
    complete_steps(
        client,
        {
            "service": {"service_number": "cs2003001025"},
            "what-happened": {"what_happened": "Ça ne va pas 😢 — 我不开心"},
            "about-you": {},
            "contact": {},
        },
    )
    send(client)

    complaint = Complaint.objects.get()
    assert complaint.service_number == "CS2003001025"
    assert not complaint.has_contact_details
    assert complaint.messages.get().body == "Ça ne va pas 😢 — 我不开心"
    assert not OutboxMessage.objects.exists()


def test_errors_are_summarised_and_everything_typed_is_kept(client):
    response = post_step(
        client,
        "contact",
        {"contact_name": "Jo <b>Bloggs</b>", "contact_phone": "12345", "contact_email": "not-an-email"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="ds_error-summary"' in html
    assert 'href="#id_contact_phone"' in html and 'href="#id_contact_email"' in html
    assert "Enter a phone number" in html
    assert 'value="Jo &lt;b&gt;Bloggs&lt;/b&gt;"' in html
    assert 'value="12345"' in html and 'value="not-an-email"' in html
    assert "<title>Error:" in html


def test_a_radio_question_error_links_to_its_first_option(client):
    response = post_step(client, "contact", {"preferred_contact": "text"})

    html = response.content.decode()
    assert "Enter your phone number, or choose another way" in html
    assert "<legend>How would you like us to contact you?</legend>" in html
    assert 'id="id_preferred_contact_2" name="preferred_contact" value="text" checked' in html


def test_the_service_step_needs_a_name_or_a_number(client):
    response = post_step(client, "service", {"service_description": "   ", "service_number": "CS12"})

    html = response.content.decode()
    assert "Enter a service number like CS2003001025" in html
    assert not Complaint.objects.exists()


def test_a_complaint_over_10000_characters_is_refused_but_kept_on_screen(client):
    long_text = "a" * 10_001

    response = post_step(client, "what-happened", {"what_happened": long_text})

    html = response.content.decode()
    assert "must be 10,000 characters or fewer" in html
    assert long_text in html


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_an_empty_complaint_is_refused(client, text):
    response = post_step(client, "what-happened", {"what_happened": text})

    assert "Tell us what happened" in response.content.decode()


def test_check_answers_sends_people_back_to_the_first_missing_step(client):
    post_step(client, "service", STEP_ANSWERS["service"])

    response = client.get(reverse("complaints:check_answers"))

    assert response.url == step_url("what-happened")


def test_change_link_returns_to_check_answers(client):
    complete_steps(client)

    response = client.post(
        step_url("service") + "?change=1",
        {"started": started_token(), "service_description": "Another home"},
    )

    assert response.url == reverse("complaints:check_answers")
    assert "Another home" in client.get(response.url).content.decode()


def test_a_filled_honeypot_is_kept_and_flagged(client):
    complete_steps(client)

    send(client, website="http://spam.example")

    assert Complaint.objects.get().suspected_bot is True


def test_a_form_sent_faster_than_a_person_could_is_kept_and_flagged(client):
    complete_steps(client)

    client.post(reverse("complaints:check_answers"), {"started": started_token(seconds_ago=1)})

    assert Complaint.objects.get().suspected_bot is True


def test_a_forged_timestamp_is_kept_and_flagged(client):
    for step, answers in STEP_ANSWERS.items():
        client.post(step_url(step), {"started": "forged", **answers})
    send(client)

    assert Complaint.objects.get().suspected_bot is True


def test_database_failure_keeps_the_answers_and_says_not_sent(client, monkeypatch):
    complete_steps(client)

    def database_down(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "receive_complaint", database_down)
    response = send(client)

    html = response.content.decode()
    assert response.status_code == 503
    assert "Your complaint has not been sent yet" in html
    assert "0345 600 9527" in html
    assert "Nobody answers the call bell at night." in html
    assert "Complaint sent" not in html
    assert not Complaint.objects.exists()

    monkeypatch.undo()
    assert send(client).url == reverse("complaints:confirmation")
    assert Complaint.objects.count() == 1


def test_posts_are_rate_limited_per_client_address(client, settings):
    settings.COMPLAINTS_FORM_RATE = "3/m"
    for _ in range(3):
        assert post_step(client, "service", STEP_ANSWERS["service"]).status_code == 302

    response = post_step(client, "service", {"service_description": "Typed before the limit"})

    html = response.content.decode()
    assert response.status_code == 429
    assert "Please wait a few minutes" in html
    assert "Typed before the limit" in html
    other_client = client.post(
        step_url("service"), {"started": started_token(), **STEP_ANSWERS["service"]}, REMOTE_ADDR="192.0.2.9"
    )
    assert other_client.status_code == 302


def test_a_cache_outage_does_not_stop_a_complaint(client, monkeypatch):
    from complaints import views

    def cache_down(*args, **kwargs):
        raise ConnectionError("redis unreachable")

    monkeypatch.setattr(views, "is_ratelimited", cache_down)

    complete_steps(client)
    assert send(client).url == reverse("complaints:confirmation")


def test_form_pages_have_no_inline_script_or_style(client):
    pages = ["/complaints/", *[step_url(step) for step in STEP_ANSWERS]]
    complete_steps(client)
    pages.append(reverse("complaints:check_answers"))
    for path in pages:
        html = client.get(path).content.decode()
        assert "<style" not in html, path
        assert " style=" not in html, path
        for chunk in html.split("<script")[1:]:
            assert "src=" in chunk.split(">", 1)[0], f"inline script on {path}"


def test_form_posts_need_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.get(step_url("service"))

    response = strict.post(step_url("service"), STEP_ANSWERS["service"])

    assert response.status_code == 403


def test_confirmation_without_a_complaint_goes_to_the_start(client):
    assert client.get(reverse("complaints:confirmation")).url == reverse("complaints:start")


def test_unknown_step_is_not_found(client):
    assert client.get("/complaints/form/nope/").status_code == 404
