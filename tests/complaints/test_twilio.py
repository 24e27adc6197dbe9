"""Text to complain through Twilio: signatures, TwiML replies, keywords, conversations, the spool."""

import json

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from complaints import services, spool
from complaints.models import Channel, Complaint, ComplaintMessage, OutboxMessage, SmsOptOut

from .helpers import database_down, post_twilio, twilio_params

pytestmark = pytest.mark.django_db


def test_a_signed_text_creates_one_complaint_and_replies_with_its_reference(client):
    response = post_twilio(client, twilio_params())

    complaint = Complaint.objects.get()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert complaint.channel == Channel.TEXT
    assert complaint.contact_phone == "+447911123456"
    assert complaint.messages.get().body == "They took my phone away"
    reply = response.content.decode()
    assert "<Response><Message>" in reply
    assert complaint.display_reference in reply
    assert "We will be in touch within 3 working days" in reply
    assert "999" in reply and "0800 1111" in reply
    # Twilio sends the TwiML reply itself: nothing is queued as well.
    assert not OutboxMessage.objects.exists()


def test_the_same_request_replayed_creates_nothing(client):
    post_twilio(client, twilio_params())

    again = post_twilio(client, twilio_params())

    assert again.status_code == 200
    assert Complaint.objects.count() == 1
    assert ComplaintMessage.objects.count() == 1
    assert Complaint.objects.get().display_reference in again.content.decode()


@pytest.mark.parametrize(
    "signature",
    ["", "bm90IGEgc2lnbmF0dXJl", "x" * 500],
    ids=["missing", "wrong", "long"],
)
def test_a_bad_signature_is_refused(client, signature):
    params = twilio_params()
    if signature:
        response = post_twilio(client, params, signature=signature)
    else:
        response = client.post("/complaints/sms/twilio/", params)

    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_a_request_signed_with_another_token_is_refused(client):
    assert post_twilio(client, twilio_params(), token="someone-elses-token").status_code == 403


def test_a_changed_body_breaks_the_signature(client):
    from twilio.request_validator import RequestValidator

    from .helpers import PUBLIC_TWILIO_URL

    params = twilio_params()
    signature = RequestValidator("test-twilio-auth-token").compute_signature(PUBLIC_TWILIO_URL, params)
    params["Body"] = "tampered"

    assert post_twilio(client, params, signature=signature).status_code == 403


def test_without_a_configured_token_everything_is_refused(client, settings):
    settings.TWILIO_AUTH_TOKEN = ""

    assert post_twilio(client, twilio_params(), token="").status_code == 403
    assert not Complaint.objects.exists()


def test_only_post_is_accepted(client):
    assert client.get("/complaints/sms/twilio/").status_code == 405


def test_a_signed_request_without_a_message_id_is_a_bad_request(client):
    params = twilio_params()
    del params["MessageSid"]

    assert post_twilio(client, params).status_code == 400


def test_texts_within_a_day_join_one_conversation(client):
    post_twilio(client, twilio_params(sid="SM1", body="They took my phone away"))

    second = post_twilio(client, twilio_params(sid="SM2", body="And I cannot call my social worker"))

    complaint = Complaint.objects.get()
    assert [m.body for m in complaint.messages.all()] == [
        "They took my phone away",
        "And I cannot call my social worker",
    ]
    assert f"added this to your complaint {complaint.display_reference}" in second.content.decode()


def test_a_text_from_another_number_is_another_complaint(client):
    post_twilio(client, twilio_params(sid="SM1"))
    post_twilio(client, twilio_params(sid="SM2", sender="+447400123456"))

    assert Complaint.objects.count() == 2


def test_help_explains_the_service_and_creates_nothing(client):
    response = post_twilio(client, twilio_params(body=" help "))

    reply = response.content.decode()
    assert "text us what is wrong" in reply
    assert "0345 600 9527" in reply
    assert not Complaint.objects.exists()


def test_stop_opts_out_of_replies_without_making_a_complaint(client):
    response = post_twilio(client, twilio_params(sid="SM1", body="STOP"))

    assert "you will not get any more texts" in response.content.decode()
    assert SmsOptOut.objects.filter(phone_number="+447911123456").exists()
    assert not Complaint.objects.exists()

    later = post_twilio(client, twilio_params(sid="SM2", body="I still want to complain"))
    assert Complaint.objects.count() == 1
    assert "<Message>" not in later.content.decode()

    post_twilio(client, twilio_params(sid="SM3", body="start"))
    assert not SmsOptOut.objects.exists()


def test_an_empty_text_gets_help_and_makes_no_complaint(client):
    response = post_twilio(client, twilio_params(body="   "))

    assert response.status_code == 200
    assert "text us what is wrong" in response.content.decode()
    assert not Complaint.objects.exists()


def test_html_and_control_characters_are_stored_safely(client):
    post_twilio(client, twilio_params(body="<script>alert(1)</script>\x00\x07 bad"))

    assert ComplaintMessage.objects.get().body == "<script>alert(1)</script> bad"


def test_an_over_long_text_is_stored_not_lost(client):
    post_twilio(client, twilio_params(body="x" * 20_000))

    body = ComplaintMessage.objects.get().body
    assert body.startswith("x" * 10_000)
    assert "longer than 10,000 characters" in body


def test_an_invalid_sender_number_still_makes_a_complaint(client):
    response = post_twilio(client, twilio_params(sender="not-a-number"))

    complaint = Complaint.objects.get()
    assert response.status_code == 200
    assert complaint.contact_phone == ""
    assert complaint.messages.get().sender == "not-a-number"


def store_fails(*args, **kwargs):
    raise OperationalError("could not connect to server")


def test_with_the_database_down_the_text_is_spooled_and_answered(client, monkeypatch, settings):
    monkeypatch.setattr(services, "receive_complaint", store_fails)

    response = post_twilio(client, twilio_params(body="Help me please, staff were rough"))

    assert response.status_code == 200
    assert "we got your message" in response.content.decode()
    lines = spool.spool_path().read_text().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["message_id"] == "SM0123456789abcdef0123456789abcdef"
    assert record["body"] == "Help me please, staff were rough"
    assert not Complaint.objects.exists()


def test_replay_stores_a_spooled_text_exactly_once_and_texts_the_reference(client, monkeypatch):
    monkeypatch.setattr(services, "receive_complaint", store_fails)
    post_twilio(client, twilio_params(sid="SM-outage-1", body="First"))
    post_twilio(client, twilio_params(sid="SM-outage-2", body="Second", sender="+447400123456"))
    post_twilio(client, twilio_params(sid="SM-outage-1", body="First"))  # a duplicate delivery
    monkeypatch.undo()

    call_command("replay_spool")
    call_command("replay_spool")

    assert Complaint.objects.count() == 2
    assert ComplaintMessage.objects.filter(provider_message_id="SM-outage-1").count() == 1
    assert not spool.spool_path().exists()
    acknowledgements = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SMS)
    assert {m.to for m in acknowledgements} == {"+447911123456", "+447400123456"}
    first = Complaint.objects.get(contact_phone="+447911123456")
    assert any(first.display_reference in m.body for m in acknowledgements)


def test_replay_keeps_the_spool_while_the_database_is_still_down(client, monkeypatch):
    monkeypatch.setattr(services, "receive_complaint", store_fails)
    post_twilio(client, twilio_params(body="Kept"))

    call_command("replay_spool")

    replaying = spool.spool_path().with_name(spool.SPOOL_NAME + spool.REPLAYING_SUFFIX)
    assert replaying.exists()
    monkeypatch.undo()
    call_command("replay_spool")
    assert not replaying.exists()
    assert ComplaintMessage.objects.get().body == "Kept"


def test_an_unreadable_spool_line_is_set_aside_not_lost(client):
    spool.spool_dir().mkdir(parents=True)
    spool.spool_path().write_bytes(b'{"half a line\n')
    spool.append({"provider": "twilio", "message_id": "SM-ok", "from": "+447911123456", "body": "ok"})

    call_command("replay_spool")

    assert ComplaintMessage.objects.get().provider_message_id == "SM-ok"
    assert b"half a line" in (spool.spool_dir() / spool.REJECTED_NAME).read_bytes()


@pytest.mark.parametrize(
    "received_at", ["2024-02-30T10:00:00+00:00", "9999-12-31T23:59:59-01:00", "2999-01-01T00:00:00+00:00"]
)
def test_a_spool_line_with_a_damaged_date_is_stored_at_the_time_of_replay(received_at):
    """A bad date used to stop the replay, and with it every text spooled after it."""
    spool.append({"provider": "twilio", "message_id": "SM-bad-date", "from": "+447911123456", "body": "a"})
    spool.append(
        {
            "provider": "twilio",
            "message_id": "SM-damaged",
            "from": "+447400123456",
            "body": "b",
            "received_at": received_at,
        }
    )
    spool.append({"provider": "twilio", "message_id": "SM-after", "from": "+447400654321", "body": "c"})
    before = timezone.now()

    call_command("replay_spool")

    assert ComplaintMessage.objects.count() == 3
    stored = ComplaintMessage.objects.get(provider_message_id="SM-damaged")
    assert before <= stored.received_at <= timezone.now()
    assert not spool.spool_path().with_name(spool.SPOOL_NAME + spool.REPLAYING_SUFFIX).exists()


def test_a_second_replayer_waits_its_turn(settings):
    import fcntl
    import os

    spool.append({"provider": "twilio", "message_id": "SM-x", "from": "+447911123456", "body": "hi"})
    lock_fd = os.open(spool.spool_dir() / spool.LOCK_NAME, os.O_WRONLY | os.O_CREAT)
    fcntl.flock(lock_fd, fcntl.LOCK_EX)
    try:
        result = spool.replay(lambda record: None)
    finally:
        os.close(lock_fd)

    assert result.busy
    assert spool.spool_path().exists()


def test_in_a_total_outage_the_text_is_spooled_answered_and_stored_once_later(client):
    """Nothing can reach the database (not just the service layer): the text must still be kept."""
    with database_down():
        response = post_twilio(client, twilio_params(sid="SM-total-outage", body="Please help, it is night"))
        duplicate = post_twilio(client, twilio_params(sid="SM-total-outage", body="Please help, it is night"))

    assert response.status_code == 200 and duplicate.status_code == 200
    assert "we got your message" in response.content.decode()
    assert not Complaint.objects.exists()

    call_command("replay_spool")

    message = ComplaintMessage.objects.get(provider_message_id="SM-total-outage")
    assert message.body == "Please help, it is night"
    assert Complaint.objects.count() == 1


def test_a_stop_in_a_total_outage_is_spooled_and_kept(client):
    with database_down():
        response = post_twilio(client, twilio_params(sid="SM-stop-outage", body="STOP"))

    assert response.status_code == 200
    call_command("replay_spool")
    assert SmsOptOut.objects.filter(phone_number="+447911123456").exists()
    assert not Complaint.objects.exists()
