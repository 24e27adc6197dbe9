"""Two-way texting: STATUS answers only the number the complaint came from; officers text back once."""

import pytest
from django.urls import reverse

from complaints import notifier
from complaints.conversation import MAX_REPLY_LENGTH
from complaints.models import Channel, Complaint, ComplaintMessage, Direction, OutboxMessage, Status
from complaints.notifier import LocmemSmsBackend
from tests.factories import StaffFactory

from .helpers import notify_payload, post_notify, post_twilio, twilio_params

pytestmark = pytest.mark.django_db

PHONE = "+447911123456"
NEUTRAL = "we cannot give an update on that reference from this phone"


@pytest.fixture
def complaint(client):
    assert post_twilio(client, twilio_params(sender=PHONE)).status_code == 200
    return Complaint.objects.get()


def status_text(client, body, sender=PHONE, sid="SMstatus0000000000000000000000001"):
    response = post_twilio(client, twilio_params(sid=sid, body=body, sender=sender))
    assert response.status_code == 200
    return response.content.decode()


def test_status_with_a_valid_reference_gets_the_stage_and_next_date(client, complaint):
    reply = status_text(client, f"status {complaint.display_reference.lower()}")

    assert "we have it and will read it soon" in reply
    assert f"{complaint.acknowledge_by:%-d %B %Y}" in reply
    # Not stored: no new complaint, no message in the conversation.
    assert Complaint.objects.count() == 1
    assert complaint.messages.count() == 1


def test_status_after_acknowledgement_gives_the_date_to_conclude_by(client, complaint):
    complaint.status = Status.ACKNOWLEDGED
    complaint.save()

    reply = status_text(client, f"STATUS  {complaint.reference}")

    assert "working out what to do" in reply
    assert f"{complaint.conclude_by:%-d %B %Y}" in reply


def mistyped(reference: str) -> str:
    last = "B" if reference[-1] != "B" else "C"
    return reference[:-1] + last


@pytest.mark.parametrize("case", ["mistyped", "unknown", "other number", "no reference"])
def test_any_other_status_gets_one_neutral_reply(client, complaint, case):
    body, sender = {
        "mistyped": (f"STATUS {mistyped(complaint.reference)}", PHONE),
        "unknown": ("STATUS ZZZZ-2222", PHONE),
        "other number": (f"STATUS {complaint.display_reference}", "+447911999888"),
        "no reference": ("STATUS", PHONE),
    }[case]

    reply = status_text(client, body, sender=sender)

    assert NEUTRAL in reply
    assert complaint.display_reference not in reply
    assert "read it soon" not in reply
    assert Complaint.objects.count() == 1


def test_the_neutral_reply_is_identical_whatever_went_wrong(client, complaint):
    replies = {
        status_text(client, f"STATUS {mistyped(complaint.reference)}", sid="SMa"),
        status_text(client, "STATUS ZZZZ2222", sid="SMb"),
        status_text(client, f"STATUS {complaint.reference}", sender="+447911999888", sid="SMc"),
    }
    assert len(replies) == 1


def test_a_complaint_that_starts_with_the_word_status_is_still_a_complaint(client, complaint):
    reply = status_text(client, "Status of the home is bad, staff shout at night", sender="+447911999888")

    assert NEUTRAL not in reply
    assert Complaint.objects.count() == 2


def test_a_status_text_through_notify_is_answered_through_the_outbox(client, complaint):
    response = post_notify(
        client, notify_payload(message=f"Status {complaint.display_reference}", source="447911123456")
    )

    assert response.status_code == 200
    queued = OutboxMessage.objects.get()
    assert queued.to == PHONE and "we have it and will read it soon" in queued.body
    assert Complaint.objects.count() == 1 and complaint.messages.count() == 1


# --- officers text back -------------------------------------------------------------


@pytest.fixture
def officer_client(client):
    client.force_login(StaffFactory(username="officer", groups=["Complaints officer"]))
    return client


def reply_url(complaint):
    return reverse("admin:complaints_complaint_reply_by_text", args=[complaint.pk])


def send_reply(client, complaint, message, key="form-key-1"):
    return client.post(reply_url(complaint), {"message": message, "key": key})


def test_the_reply_form_shows_the_number_masked(officer_client, complaint):
    html = officer_client.get(reply_url(complaint)).content.decode()

    assert "07\u2022\u2022\u2022 \u2022\u2022\u2022 456" in html
    assert "7911123456" not in html and "07911 123456" not in html


def test_an_officers_reply_is_sent_once_and_joins_the_conversation(officer_client, complaint):
    send_reply(officer_client, complaint, "Hi, this is Ailsa from the Care Inspectorate.")
    send_reply(officer_client, complaint, "Hi, this is Ailsa from the Care Inspectorate.")  # resubmitted

    assert notifier.send_due_messages()["sent"] == 1
    assert notifier.send_due_messages()["sent"] == 0
    assert LocmemSmsBackend.outbox == [(PHONE, "Hi, this is Ailsa from the Care Inspectorate.")]
    outbound = complaint.messages.get(direction=Direction.OUTBOUND)
    assert outbound.body == "Hi, this is Ailsa from the Care Inspectorate."
    page = officer_client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    assert "Hi, this is Ailsa" in page.content.decode()


def test_a_reply_after_stop_is_refused(officer_client, client, complaint):
    status_text(client, "STOP", sid="SMstop")

    response = send_reply(officer_client, complaint, "Are you OK?")

    assert response.status_code == 302
    assert not OutboxMessage.objects.exists()
    page = officer_client.get(response["Location"]).content.decode()
    assert "texted STOP" in page
    assert not complaint.messages.filter(direction=Direction.OUTBOUND).exists()


def test_start_lets_replies_through_again(officer_client, client, complaint):
    status_text(client, "STOP", sid="SMstop")
    status_text(client, "START", sid="SMstart")

    send_reply(officer_client, complaint, "Are you OK?")

    assert OutboxMessage.objects.get().body == "Are you OK?"


def test_a_reply_to_an_anonymised_complaint_is_refused(officer_client, complaint):
    complaint.anonymise()

    response = send_reply(officer_client, complaint, "Hello?")

    assert response.status_code == 302
    assert not OutboxMessage.objects.exists()
    assert "anonymised" in officer_client.get(response["Location"]).content.decode()


def test_a_web_complaint_has_no_text_conversation(officer_client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(channel=Channel.WEB)

    send_reply(officer_client, complaint, "Hello?")

    assert not OutboxMessage.objects.exists()


def test_the_longest_reply_is_accepted_and_one_more_character_refused(officer_client, complaint):
    too_long = send_reply(officer_client, complaint, "a" * (MAX_REPLY_LENGTH + 1), key="k1")
    assert too_long.status_code == 200
    assert "1,600 characters or fewer" in too_long.content.decode()
    assert not OutboxMessage.objects.exists()

    longest = send_reply(officer_client, complaint, "a" * MAX_REPLY_LENGTH, key="k2")
    assert longest.status_code == 302
    assert len(OutboxMessage.objects.get().body) == MAX_REPLY_LENGTH


@pytest.mark.parametrize("group", ["Content editor", "Registry officer"])
def test_other_staff_cannot_reply(client, complaint, group):
    client.force_login(StaffFactory(username="someone", groups=[group]))

    assert send_reply(client, complaint, "Hello").status_code == 403
    assert client.get(reply_url(complaint)).status_code == 403
    assert not ComplaintMessage.objects.filter(direction=Direction.OUTBOUND).exists()
