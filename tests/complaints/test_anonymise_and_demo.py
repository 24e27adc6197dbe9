"""Personal data goes when its time is up; demo complaints load once."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints import demo, services
from complaints.models import Channel, Complaint, Status
from complaints.services import IncomingMessage

pytestmark = pytest.mark.django_db


def closed_complaint(days_ago):
    receipt = services.receive_complaint(
        IncomingMessage(
            channel=Channel.WEB,
            body="My name is Jo and staff hurt me",
            details={
                "contact_name": "Jo Bloggs",
                "contact_email": "jo@example.org",
                "contact_phone": "+447911123456",
                "service_type": "Care home",
            },
        )
    )
    complaint = receipt.complaint
    complaint.status = Status.CLOSED
    complaint.route = "intelligence"
    complaint.closed_at = timezone.now() - timedelta(days=days_ago)
    complaint.save()
    complaint.notes.create(text="Spoke to Jo on 0791...")
    return complaint


def test_old_closed_complaints_lose_their_personal_data(settings):
    old = closed_complaint(days_ago=400)
    recent = closed_complaint(days_ago=10)

    call_command("anonymise_closed_complaints", stdout=io.StringIO())

    old.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone) == ("", "", "")
    assert old.messages.get().body == "[removed]"
    assert old.notes.get().text == "[removed]"
    assert all(m.to == "[removed]" and m.body == "[removed]" for m in old.outbox.all())
    assert old.anonymised_at is not None
    assert old.service_type == "Care home"
    recent.refresh_from_db()
    assert recent.contact_name == "Jo Bloggs"


def test_anonymising_twice_changes_nothing_more():
    closed_complaint(days_ago=400)
    call_command("anonymise_closed_complaints", stdout=io.StringIO())
    stamped = Complaint.objects.get().anonymised_at

    out = io.StringIO()
    call_command("anonymise_closed_complaints", stdout=out)

    assert "anonymised: 0" in out.getvalue()
    assert Complaint.objects.get().anonymised_at == stamped


def test_open_complaints_are_never_anonymised():
    complaint = closed_complaint(days_ago=400)
    Complaint.objects.filter(pk=complaint.pk).update(status=Status.ASSESSED)

    call_command("anonymise_closed_complaints", stdout=io.StringIO())

    assert Complaint.objects.get().contact_name == "Jo Bloggs"


def test_demo_complaints_load_once_across_channels_and_statuses():
    demo.load(stdout=io.StringIO())
    count = Complaint.objects.count()

    out = io.StringIO()
    demo.load(stdout=out)

    assert Complaint.objects.count() == count == len(demo.DEMO_COMPLAINTS)
    assert "created: 0" in out.getvalue()
    assert set(Complaint.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert {Status.RECEIVED, Status.ACKNOWLEDGED, Status.ASSESSED, Status.CLOSED} <= set(
        Complaint.objects.values_list("status", flat=True)
    )
