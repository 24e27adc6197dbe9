"""Text to complain through GOV.UK Notify's received-text callback."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from complaints import services
from complaints.models import Channel, Complaint, ComplaintMessage, OutboxMessage

from .helpers import database_down, notify_date, notify_payload, post_notify

pytestmark = pytest.mark.django_db


def test_the_right_token_creates_one_complaint_and_queues_the_reply(client):
    sent_at = timezone.now().replace(microsecond=123456) - timedelta(hours=3)
    response = post_notify(client, notify_payload(date_received=notify_date(sent_at)))

    complaint = Complaint.objects.get()
    assert response.status_code == 200
    assert response.json() == {"status": "stored"}
    assert complaint.channel == Channel.TEXT
    assert complaint.contact_phone == "+447911123456"
    assert complaint.received_at == sent_at
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


IMPOSSIBLE_DATES = [
    "yesterday-ish",
    "2024-02-30T10:00:00",
    "2024-06-01T25:00:00",
    "2024-06-01T10:00:00+99:00",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z",
]


@pytest.mark.parametrize("date_received", IMPOSSIBLE_DATES)
def test_an_impossible_date_stores_the_text_at_the_time_it_reached_us(client, date_received, caplog):
    before = timezone.now()

    response = post_notify(client, notify_payload(date_received=date_received))

    assert response.status_code == 200 and response.json() == {"status": "stored"}
    complaint = Complaint.objects.get()
    assert before <= complaint.received_at <= timezone.now()
    assert complaint.messages.get().received_at == complaint.received_at
    assert "unusable date_received" in caplog.text


@pytest.mark.parametrize(
    "sent_at",
    [timedelta(days=3650), timedelta(hours=1), timedelta(days=-400), timedelta(days=-8)],
    ids=["ten years ahead", "an hour ahead", "over a year ago", "eight days ago"],
)
def test_an_implausible_date_is_replaced_by_the_time_it_reached_us(client, sent_at):
    """A date far ahead would keep the complaint from ever being overdue; one long past makes it overdue at once."""
    before = timezone.now()

    post_notify(client, notify_payload(date_received=notify_date(before + sent_at)))

    complaint = Complaint.objects.get()
    assert before <= complaint.received_at <= timezone.now()
    assert complaint.acknowledge_by >= timezone.localdate(before)


@pytest.mark.parametrize(
    "sent_at", [timedelta(minutes=2), timedelta(days=-6)], ids=["clock skew", "six days ago"]
)
def test_a_plausible_date_is_kept(client, sent_at):
    moment = timezone.now().replace(microsecond=0) + sent_at

    post_notify(client, notify_payload(date_received=notify_date(moment)))

    assert Complaint.objects.get().received_at == moment


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
