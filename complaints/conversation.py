"""Two-way texting: a young person asks where their complaint is; an officer texts back.

STATUS: "STATUS K7QM-4XRT" (any case and spacing) from the number the complaint
came from gets its stage and next date, and nothing else. Any other case (a
mistyped, unknown or anonymised reference, or another number's) gets one neutral
reply, from the same single query, so a reply never tells a stranger that a
reference exists. A STATUS text is not stored: it is neither a complaint nor a
message in one.

Officer replies go into the outbox, once, and into the conversation as outbound
messages; never to an opted-out number or an anonymised complaint.
"""

import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import replies
from .models import Channel, Complaint, ComplaintMessage, Direction, OutboxMessage, Status
from .references import is_well_formed, normalise_reference

# The whole text is STATUS and at most something shaped like a reference: "Status of the home is bad"
# is a complaint, not a question.
STATUS_COMMAND = re.compile(r"^\s*STATUS[\s:.#-]*(?P<reference>[A-Z0-9][A-Z0-9 -]{0,15})?\s*$", re.IGNORECASE)
# An officer's reply is stored with no provider and this prefix on a per-form key: a resubmitted form sends nothing more.
OFFICER_REPLY_KEY = "officer-reply:"
# Twilio splits a long body itself and accepts up to 1,600 characters; officers stay under that.
MAX_REPLY_LENGTH = 1_600

STAGE_WORDS = {
    Status.RECEIVED: "we have it and will read it soon",
    Status.ACKNOWLEDGED: "we have read it and are working out what to do",
    Status.ASSESSED: "we have decided what to do and are working on it",
    Status.CLOSED: "we have finished working on it",
}


def status_reference(body: str) -> str | None:
    """The reference a STATUS text asks about ('' when none was given), or None for any other text."""
    match = STATUS_COMMAND.match(body or "")
    return None if match is None else normalise_reference(match["reference"] or "")


def complaint_for_status(reference: str, phone: str | None, sender: str) -> Complaint | None:
    """The complaint with that reference that this number may ask about, else None.

    A reference whose check character is wrong is answered without a look-up; any other costs one query.
    """
    if not is_well_formed(reference):
        return None
    return (
        Complaint.objects.filter(reference=reference, anonymised_at__isnull=True, channel=Channel.TEXT)
        .filter(Q(contact_phone=phone or "\x00") | Q(messages__sender=sender or "\x00"))
        .distinct()
        .first()
    )


def status_reply(complaint: Complaint | None) -> str:
    if complaint is None:
        return replies.status_not_found_sms()
    stage = STAGE_WORDS[complaint.status]
    if complaint.status == Status.CLOSED:
        next_date = None
    elif complaint.status == Status.RECEIVED:
        next_date = complaint.acknowledge_by
    else:
        next_date = complaint.conclude_by
    return replies.status_sms(complaint.display_reference, stage, next_date)


class ReplyRefused(Exception):
    """Why an officer's text cannot go: shown to the officer as it is."""


def reply_number(complaint: Complaint) -> str:
    """The number to text back, or ReplyRefused saying why there is none."""
    from .services import is_opted_out

    if complaint.anonymised_at is not None:
        raise ReplyRefused("This complaint has been anonymised: there is no number to reply to.")
    if complaint.channel != Channel.TEXT or not complaint.contact_phone:
        raise ReplyRefused("This complaint did not come by text: there is no conversation to reply to.")
    if is_opted_out(complaint.contact_phone):
        raise ReplyRefused("This person texted STOP: we cannot text them until they text START.")
    return complaint.contact_phone


@transaction.atomic
def send_officer_reply(complaint: Complaint, body: str, *, request_key: str) -> OutboxMessage:
    """Queue the officer's text and add it to the conversation, once per request_key (a form's token)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    to = reply_number(complaint)
    key = f"{OFFICER_REPLY_KEY}{request_key}"[:100]
    existing = ComplaintMessage.objects.filter(provider="", provider_message_id=key)
    if existing.exists():
        return complaint.outbox.filter(body=existing.get().body).order_by("pk").first()
    now = timezone.now()
    ComplaintMessage.objects.create(
        complaint=complaint,
        direction=Direction.OUTBOUND,
        body=body,
        provider="",
        provider_message_id=key,
        received_at=now,
    )
    return OutboxMessage.objects.create(complaint=complaint, kind=OutboxMessage.Kind.SMS, to=to, body=body)
