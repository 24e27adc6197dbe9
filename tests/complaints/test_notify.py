"""Text to complain through GOV.UK Notify's received-text callback."""

import pytest
from django.db import OperationalError

from complaints import services
from complaints.models import Channel, Complaint, ComplaintMessage, OutboxMessage

from .helpers import database_down, notify_payload, post_notify

pytestmark = pytest.mark.django_db


def test_the_right_token_creates_one_complaint_and_queues_the_reply(client):
    response = post_notify(client, notify_payload())

    complaint = Complaint.objects.get()
    assert response.status_code == 200
    assert response.json() == {"status": "stored"}
    assert complaint.channel == Channel.TEXT
    assert complaint.contact_phone == "+447911123456"
    assert complaint.received_at.isoformat().startswith("2025-06-02T12:34:56")
    reply = OutboxMessage.objects.get()
    assert reply.kind == OutboxMessage.Kind.SMS and reply.to == "+447911123456"
    assert complaint.display_reference in reply.body


def test_a_duplicate_delivery_creates_nothing(client):
    post_notify(client, notify_payload())

    again = post_notify(client, notify_payload())

    assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    assert ComplaintMessage.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize("token", ["wrong-token", "", None], ids=["wrong", "empty", "missing"])
def test_a_wrong_or_missing_token_is_unauthorised(client, token):
    response = post_notify(client, notify_payload(), token=token)

    assert response.status_code == 401
    assert not Complaint.objects.exists()


def test_without_a_configured_token_everything_is_refused(client, settings):
    settings.NOTIFY_INBOUND_TOKEN = ""

    assert post_notify(client, notify_payload(), token="").status_code == 401


@pytest.mark.parametrize(
    "raw", ["{not json", "[]", '"text"', "\xff\xfe"], ids=["broken", "list", "string", "bytes"]
)
def test_malformed_json_is_a_bad_request(client, raw):
    assert post_notify(client, None, raw=raw).status_code == 400


@pytest.mark.parametrize("field", ["id", "source_number", "destination_number", "message", "date_received"])
def test_a_missing_field_is_a_bad_request(client, field):
    payload = notify_payload()
    del payload[field]

    assert post_notify(client, payload).status_code == 400
    assert not Complaint.objects.exists()


def test_a_field_of_the_wrong_type_is_a_bad_request(client):
    assert post_notify(client, {**notify_payload(), "message": 42}).status_code == 400


def test_with_the_database_down_notify_is_asked_to_retry(client, monkeypatch):
    def database_down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(services, "receive_complaint", database_down)
    assert post_notify(client, notify_payload()).status_code == 503

    monkeypatch.undo()
    assert post_notify(client, notify_payload()).status_code == 200
    assert Complaint.objects.count() == 1


def test_an_unreadable_date_still_stores_the_text(client):
    post_notify(client, {**notify_payload(), "date_received": "yesterday-ish"})

    assert Complaint.objects.count() == 1


def test_help_queues_instructions_and_stop_opts_out(client):
    post_notify(client, notify_payload(message_id="m1", message="HELP"))
    post_notify(client, notify_payload(message_id="m2", message="stop"))
    post_notify(client, notify_payload(message_id="m3", message="Staff shout at us"))

    assert Complaint.objects.count() == 1
    texts = list(OutboxMessage.objects.values_list("body", flat=True))
    assert len(texts) == 1 and "text us what is wrong" in texts[0]


def test_unpaired_surrogates_and_nul_in_json_are_cleaned(client):
    raw = '{"id": "x1", "source_number": "447911123456", "destination_number": "1", "message": "bad \\ud800 \\u0000 text", "date_received": ""}'

    response = post_notify(client, None, raw=raw)

    assert response.status_code == 200
    assert ComplaintMessage.objects.get().body == "bad ?  text"


def test_in_a_total_outage_notify_is_asked_to_retry_and_the_retry_stores_once(client):
    with database_down():
        response = post_notify(client, notify_payload())

    assert response.status_code == 503
    assert not Complaint.objects.exists()
    assert post_notify(client, notify_payload()).status_code == 200
    assert post_notify(client, notify_payload()).status_code == 200
    assert ComplaintMessage.objects.count() == 1
