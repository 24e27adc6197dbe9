"""Demo complaints for `manage.py load_demo_data`: a few per channel and status, stored once.

Each goes in through receive_complaint, keyed by a fixed demo message id, so
running the loader again finds them and adds nothing. Service numbers are from
the registry's demo register (loaded first); without it they are simply not linked.
"""

from datetime import timedelta

from django.utils import timezone

from . import services
from .models import (
    Channel,
    ComplaintMessage,
    MessageProvider,
    Outcome,
    ReferralDestination,
    Risk,
    Route,
    Status,
)
from .services import IncomingMessage

DEMO_COMPLAINTS = [
    {
        "key": "demo-web-1",
        "days_ago": 1,
        "channel": Channel.WEB,
        "body": "My gran's call bell is often not answered at night. She waited over an hour last week.",
        "service_description": "Birchwood Lodge, Dundee",
        "service_number": "CS2003001032",
        "service_type": "Care home for older people",
        "relationship": "family_or_friend",
        "contact_name": "Morag Example",
        "contact_email": "morag@example.org",
        "preferred_contact": "email",
    },
    {
        "key": "demo-text-1",
        "days_ago": 2,
        "channel": Channel.TEXT,
        "sender": "+447911123456",
        "body": "staff wont let me phone my mum in the evenings, its not fair",
        "service_description": "",
        "service_type": "Care home for children and young people",
    },
    {
        "key": "demo-phone-1",
        "days_ago": 12,
        "channel": Channel.PHONE,
        "body": "Caller says the nursery has let children leave with adults not on the collection list.",
        "service_number": "CS2003008081",
        "service_description": "Little Acorns Nursery, Dumfries",
        "service_type": "Day care of children",
        "status": Status.ACKNOWLEDGED,
    },
    {
        "key": "demo-email-1",
        "days_ago": 30,
        "channel": Channel.EMAIL,
        "body": "Care at home visits are often cut short to ten minutes, so my father is not helped to eat.",
        "service_description": "Homecare Together, Inverness",
        "service_type": "Support service – care at home",
        "contact_email": "relative@example.org",
        "status": Status.ASSESSED,
        "route": Route.INVESTIGATED_BY_US,
    },
    {
        "key": "demo-post-1",
        "days_ago": 80,
        "channel": Channel.POST,
        "body": "Letter about missing medication records at a care home.",
        "service_description": "Loch View House, Oban",
        "service_type": "Care home for older people",
        "contact_name": "A. Correspondent",
        "contact_address": "1 Example Street\nOban",
        "status": Status.CLOSED,
        "route": Route.INVESTIGATED_BY_US,
        "outcome": Outcome.UPHELD,
    },
    {
        "key": "demo-web-2",
        "days_ago": 6,
        "channel": Channel.WEB,
        "body": "The home did not tell us when our son was moved to another unit.",
        "service_description": "Ardmore Young People's Home, Ayr",
        "service_number": "CS2003028221",
        "service_type": "Care home for children and young people",
        "status": Status.CLOSED,
        "route": Route.RESOLVED_BY_SERVICE,
    },
    # Protection triage: a child's text flagged at intake and waiting for an officer,
    # and a child's complaint already assessed and referred to the council.
    {
        "key": "demo-text-2",
        "days_ago": 0,
        "channel": Channel.TEXT,
        "sender": "+447911123457",
        "body": "one of the night staff keeps hitting me and i dont feel safe here",
        "service_type": "Care home for children and young people",
    },
    {
        "key": "demo-web-3",
        "days_ago": 3,
        "channel": Channel.WEB,
        "body": "An older boy at the unit pushes me around and the staff say it is just banter. I am scared.",
        "service_description": "Ardmore Young People's Home, Ayr",
        "service_number": "CS2003028221",
        "service_type": "Care home for children and young people",
        "is_child_or_young_person": "yes",
        "relationship": "uses_service",
        "status": Status.ACKNOWLEDGED,
        "risk": Risk.CHILD_PROTECTION,
        "referral": {
            "destination": ReferralDestination.COUNCIL_SOCIAL_WORK,
            "council": "South Ayrshire Council",
            "their_reference": "SAC-CP-0412",
        },
    },
]


def load(*, stdout) -> None:
    """Add the demo complaints that are not there yet."""
    created = 0
    now = timezone.now()
    for spec in DEMO_COMPLAINTS:
        spec = dict(spec)
        key = spec.pop("key")
        if ComplaintMessage.objects.filter(provider=MessageProvider.DEMO, provider_message_id=key).exists():
            continue
        received_at = now - timedelta(days=spec.pop("days_ago"))
        status = spec.pop("status", Status.RECEIVED)
        route = spec.pop("route", "")
        outcome = spec.pop("outcome", "")
        risk, referral = spec.pop("risk", ""), spec.pop("referral", None)
        incoming = IncomingMessage(
            channel=spec.pop("channel"),
            body=spec.pop("body"),
            provider=MessageProvider.DEMO,
            provider_message_id=key,
            sender=spec.pop("sender", ""),
            received_at=received_at,
            service_number=spec.pop("service_number", ""),
            details=spec,
        )
        receipt = services.receive_complaint(incoming, acknowledge=False)
        complaint = receipt.complaint
        complaint.status, complaint.route, complaint.outcome = status, route, outcome
        complaint.record_status_change(now=received_at + timedelta(days=1))
        if risk:
            complaint.assess_risk(risk, None, now=received_at + timedelta(hours=2))
        if referral:
            complaint.referrals.create(referred_on=timezone.localdate(received_at), **referral)
        complaint.save()
        created += 1
    stdout.write(f"Demo complaints created: {created}\n")
