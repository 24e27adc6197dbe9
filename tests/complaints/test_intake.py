"""receive_complaint, the one way in: references, one transaction, idempotency, conversations, due dates."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from complaints import services
from complaints.models import Channel, Complaint, ComplaintMessage, MessageProvider, OutboxMessage
from complaints.services import IncomingMessage
from complaints.working_days import add_working_days

pytestmark = pytest.mark.django_db


def receive(**fields):
    return services.receive_complaint(
        IncomingMessage(**{"channel": Channel.WEB, "body": "Staff shout at residents.", **fields})
    )


def test_references_are_short_readable_and_unambiguous():
    references = {services.new_reference() for _ in range(2000)}

    assert len(references) == 2000
    assert all(re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}", r) for r in references)
    assert receive().reference[4] == "-"


def test_a_taken_reference_is_drawn_again(monkeypatch):
    first = receive().complaint
    draws = iter([first.reference, "NEWREF22"])
    monkeypatch.setattr(services, "new_reference", lambda: next(draws))

    second = receive().complaint

    assert second.reference == "NEWREF22"
    assert Complaint.objects.count() == 2


def test_complaint_message_and_acknowledgement_are_stored_together():
    receipt = receive(details={"contact_email": "jo@example.org", "preferred_contact": "email"})

    assert receipt.is_new_complaint and not receipt.is_duplicate
    assert receipt.message.complaint == receipt.complaint
    assert OutboxMessage.objects.get().complaint == receipt.complaint


def test_nothing_is_stored_when_part_of_the_transaction_fails(monkeypatch):
    def outbox_fails(*args, **kwargs):
        raise IntegrityError("outbox insert failed")

    monkeypatch.setattr(OutboxMessage.objects, "create", outbox_fails)

    with pytest.raises(IntegrityError):
        receive(details={"contact_email": "jo@example.org"})

    assert not Complaint.objects.exists()
    assert not ComplaintMessage.objects.exists()


def test_a_provider_message_is_stored_once():
    first = receive(provider=MessageProvider.NOTIFY, provider_message_id="abc")
    second = receive(provider=MessageProvider.NOTIFY, provider_message_id="abc")

    assert second.is_duplicate and second.complaint == first.complaint
    assert ComplaintMessage.objects.count() == 1


def test_the_same_id_from_two_providers_is_two_messages():
    receive(provider=MessageProvider.NOTIFY, provider_message_id="abc")
    receive(provider=MessageProvider.TWILIO, provider_message_id="abc")

    assert ComplaintMessage.objects.count() == 2


@pytest.mark.parametrize("body", ["", "   ", "\x00\x00", "\n\t"])
def test_a_complaint_without_text_is_refused(body):
    with pytest.raises(ValidationError):
        receive(body=body)


def test_an_unknown_channel_is_refused():
    with pytest.raises(ValidationError):
        receive(channel="pigeon")


def test_a_badly_formed_service_number_is_refused():
    with pytest.raises(ValidationError):
        receive(service_number="CS123")
    assert not Complaint.objects.exists()


def test_a_service_number_links_the_registered_service_and_an_unknown_one_links_nothing():
    from services_registry.factories import CareServiceFactory

    service = CareServiceFactory(service_number="CS2003000025")

    linked = receive(service_number="cs2003000025").complaint
    unknown = receive(
        service_number="CS2003999999", details={"service_description": "CS2003999999"}
    ).complaint

    assert linked.care_service == service
    assert unknown.care_service is None and unknown.service_description == "CS2003999999"


def text(sender="+447911123456", at=None, **fields):
    return receive(channel=Channel.TEXT, body="hi", sender=sender, received_at=at, **fields)


def test_texts_a_day_apart_are_separate_complaints():
    start = timezone.now() - timedelta(days=3)
    first = text(at=start, provider_message_id="1")
    joined = text(at=start + timedelta(hours=23), provider_message_id="2")
    later = text(at=start + timedelta(hours=48), provider_message_id="3")

    assert joined.complaint == first.complaint and not joined.is_new_complaint
    assert later.complaint != first.complaint


def test_a_text_does_not_join_a_closed_complaint():
    first = text(provider_message_id="1")
    Complaint.objects.filter(pk=first.complaint.pk).update(status="closed")

    assert text(provider_message_id="2").complaint != first.complaint


def test_due_dates_count_working_days_and_scottish_bank_holidays():
    # Friday 28 November 2025; St Andrew's Day is observed on Monday 1 December.
    assert add_working_days(date(2025, 11, 28), 3) == date(2025, 12, 4)
    # 1 and 2 January are both holidays in Scotland, then a weekend.
    assert add_working_days(date(2025, 12, 30), 2) == date(2026, 1, 5)


def test_a_complaint_gets_its_due_dates_from_when_it_arrived():
    received = timezone.make_aware(datetime(2025, 11, 28, 10, 0))
    complaint = receive(received_at=received).complaint

    assert complaint.acknowledge_by == date(2025, 12, 4)
    assert complaint.conclude_by == add_working_days(date(2025, 11, 28), 40)


def test_queue_helpers_find_what_is_waiting_and_overdue():
    old = receive(received_at=timezone.now() - timedelta(days=20)).complaint
    new = receive().complaint

    assert set(Complaint.objects.awaiting_acknowledgement()) == {old, new}
    assert list(Complaint.objects.acknowledgement_overdue()) == [old]
    assert list(Complaint.objects.overdue()) == [old]
