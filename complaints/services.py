"""The one way in for complaints, whatever the channel.

The web form, both SMS webhooks, the spool replay and staff entering a phone,
email or letter complaint each hand an IncomingMessage to receive_complaint()
(texts through receive_text_message(), which answers STATUS, STOP, START and HELP first).
It validates, then stores the complaint (flagged for same-day assessment when
its words suggest risk: triage.py), its first message and the
acknowledgements to send in one transaction; only after that commits may the
caller tell the person it worked.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import conversation, replies
from .contact import normalise_phone
from .models import (
    MAX_COMPLAINT_LENGTH,
    Channel,
    Complaint,
    ComplaintMessage,
    ContactMethod,
    OutboxMessage,
    SmsOptOut,
)
from .references import new_reference
from .service_lookup import normalise_service_number, service_with_number
from .triage import find_risk_phrases

STORE_ATTEMPTS = 5
TRUNCATION_NOTE = f"\n[Cut here: the message was longer than {MAX_COMPLAINT_LENGTH:,} characters.]"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# How far ahead of our clock a provider's clock may run before its timestamp is not believed.
CLOCK_SKEW = timedelta(minutes=5)

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
START_WORDS = {"START", "UNSTOP"}
HELP_WORDS = {"HELP", "INFO"}


@dataclass(frozen=True)
class IncomingMessage:
    """A complaint, or one more text in a conversation, as a channel adapter received it.

    `details` are Complaint fields (service_description, contact_email, ...).
    `service_number` links the registered care service with that number, if the
    register has it (what the person typed stays in service_description).
    """

    channel: str
    body: str
    provider: str = ""
    provider_message_id: str | None = None
    sender: str = ""
    received_at: datetime | None = None
    entered_by: AbstractBaseUser | None = None  # the officer who typed in a phone, email or letter complaint
    service_number: str = ""
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Receipt:
    complaint: Complaint
    message: ComplaintMessage
    is_new_complaint: bool
    is_duplicate: bool = False

    @property
    def reference(self) -> str:
        return self.complaint.display_reference


def clean_text(value: str, *, max_length: int = MAX_COMPLAINT_LENGTH) -> str:
    """Text as people and providers send it, made safe to store.

    Drops NUL and other control characters (PostgreSQL refuses NUL), replaces
    unpaired surrogates that arrive through JSON, and cuts text that is far longer
    than any real message, saying so.
    """
    value = (value or "").encode("utf-8", "replace").decode("utf-8")
    value = unicodedata.normalize("NFC", _CONTROL_CHARACTERS.sub("", value)).strip()
    if len(value) > max_length:
        value = value[:max_length] + TRUNCATION_NOTE
    return value


def provider_time(text: str, *, oldest: timedelta, now: datetime | None = None) -> datetime | None:
    """A provider's timestamp, or None when it is unreadable or implausible (the caller uses its own clock).

    A time without an offset is UTC, as Notify sends it. Plausible means between
    `oldest` ago and CLOCK_SKEW ahead: a date far in the future would keep its
    complaint from ever being overdue, one far in the past makes it overdue at once.
    """
    now = now or timezone.now()
    try:
        parsed = parse_datetime(text or "")
        if parsed is None:
            return None
        if timezone.is_naive(parsed):
            parsed = parsed.replace(tzinfo=UTC)
        parsed = parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # 30 February, 25:00, +99:00, or beyond year 1 or 9999 in UTC
        return None
    return parsed if now - oldest <= parsed <= now + CLOCK_SKEW else None


def sms_keyword(body: str) -> str | None:
    """'STOP', 'START' or 'HELP' when the whole text is one of those keywords."""
    word = re.sub(r"[^A-Z]", "", (body or "").upper())
    if word in STOP_WORDS:
        return "STOP"
    if word in START_WORDS:
        return "START"
    if word in HELP_WORDS:
        return "HELP"
    return None


def is_opted_out(phone_number: str) -> bool:
    return bool(phone_number) and SmsOptOut.objects.filter(phone_number=phone_number).exists()


def handle_sms_keyword(keyword: str, phone_number: str | None) -> str:
    """Record a STOP or START and return the reply the keyword expects."""
    if keyword == "STOP":
        if phone_number:
            SmsOptOut.objects.get_or_create(phone_number=phone_number)
        return replies.stop_sms()
    if keyword == "START":
        if phone_number:
            SmsOptOut.objects.filter(phone_number=phone_number).delete()
        return replies.start_sms()
    return replies.help_sms()


def _already_received(provider: str, provider_message_id: str) -> Receipt | None:
    message = (
        ComplaintMessage.objects.select_related("complaint")
        .filter(provider=provider, provider_message_id=provider_message_id)
        .first()
    )
    if message is None:
        return None
    return Receipt(message.complaint, message, is_new_complaint=False, is_duplicate=True)


def queue_sms(to: str, body: str, complaint: Complaint | None = None) -> OutboxMessage | None:
    """Queue a text unless the number opted out (checked again when it is sent)."""
    if not to or is_opted_out(to):
        return None
    return OutboxMessage.objects.create(complaint=complaint, kind=OutboxMessage.Kind.SMS, to=to, body=body)


def _queue_for_complainant(complaint: Complaint, email: tuple[str, str], sms_body: str, *, sms: bool) -> None:
    """A message to the person, the way they asked to hear from us: never when they asked for none."""
    if complaint.preferred_contact == ContactMethod.NONE:
        return
    if complaint.contact_email:
        subject, body = email
        OutboxMessage.objects.create(
            complaint=complaint,
            kind=OutboxMessage.Kind.EMAIL,
            to=complaint.contact_email,
            subject=subject,
            body=body,
        )
    wants_text = complaint.channel == Channel.TEXT or complaint.preferred_contact == ContactMethod.TEXT
    if sms and wants_text and complaint.contact_phone:
        queue_sms(complaint.contact_phone, sms_body, complaint)


def _queue_acknowledgements(complaint: Complaint, *, sms: bool) -> None:
    reference = complaint.display_reference
    _queue_for_complainant(
        complaint, replies.acknowledgement_email(reference), replies.acknowledgement_sms(reference), sms=sms
    )


def queue_closing_messages(complaint: Complaint) -> None:
    """Tell the person we have finished, with the outcome, and that the SPSO is the last stage."""
    reference, outcome = complaint.display_reference, complaint.get_outcome_display()
    _queue_for_complainant(
        complaint,
        replies.closing_email(reference, outcome),
        replies.closing_sms(reference, outcome),
        sms=True,
    )


def receive_complaint(incoming: IncomingMessage, *, acknowledge: bool = True) -> Receipt:
    """Store a complaint (or a further text in a conversation) exactly once.

    A text from a number that texted within the last day joins that complaint.
    A message id already stored returns the first receipt, marked duplicate.
    `acknowledge=False` when the caller replies itself (Twilio's TwiML answer).
    Raises ValidationError for input that cannot be stored, and lets database
    errors through so the caller can answer "not sent yet".
    """
    incoming = _cleaned(incoming)
    provider, provider_message_id = incoming.provider, incoming.provider_message_id
    if provider_message_id and (duplicate := _already_received(provider, provider_message_id)):
        return duplicate

    for attempt in range(STORE_ATTEMPTS):
        try:
            with transaction.atomic():
                return _store(incoming, acknowledge=acknowledge)
        except IntegrityError:
            # Another delivery of the same message won the race, or (rarely) the
            # new reference was taken: look for the first, else try again.
            if provider_message_id and (duplicate := _already_received(provider, provider_message_id)):
                return duplicate
            if attempt == STORE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _cleaned(incoming: IncomingMessage) -> IncomingMessage:
    """The message made safe to store, or ValidationError if it cannot be stored at all."""
    if incoming.channel not in Channel.values:
        raise ValidationError(f"Unknown channel {incoming.channel!r}.")
    body = clean_text(incoming.body)
    if not body:
        raise ValidationError("A complaint needs some text.")
    details = {
        key: clean_text(value) if isinstance(value, str) else value for key, value in incoming.details.items()
    }
    if incoming.channel == Channel.TEXT:
        details["contact_phone"] = normalise_phone(incoming.sender) or ""
    return replace(
        incoming,
        body=body,
        provider_message_id=clean_text(incoming.provider_message_id or "", max_length=100)[:100] or None,
        sender=clean_text(incoming.sender, max_length=64)[:64],
        received_at=incoming.received_at or timezone.now(),
        service_number=normalise_service_number(incoming.service_number) if incoming.service_number else "",
        details=details,
    )


def _store(incoming: IncomingMessage, *, acknowledge: bool) -> Receipt:
    received_at = incoming.received_at
    phone = incoming.details.get("contact_phone", "")
    conversation = None
    if incoming.channel == Channel.TEXT and phone:
        conversation = Complaint.objects.select_for_update().open_text_conversation(phone, now=received_at)

    risk_phrases = find_risk_phrases(incoming.body)
    if conversation is not None:
        complaint = conversation
        complaint.last_message_at = max(complaint.last_message_at, received_at)
        flagged = _flag_risk(complaint, risk_phrases, received_at)
        complaint.save(update_fields=["last_message_at", *flagged])
    else:
        complaint = Complaint(
            reference=new_reference(),
            channel=incoming.channel,
            received_at=received_at,
            last_message_at=received_at,
            entered_by=incoming.entered_by,
            care_service=service_with_number(incoming.service_number) if incoming.service_number else None,
            **incoming.details,
        )
        complaint.set_due_dates()
        _flag_risk(complaint, risk_phrases, received_at)
        complaint.full_clean(validate_unique=False)
        complaint.save()

    message = ComplaintMessage.objects.create(
        complaint=complaint,
        body=incoming.body,
        sender=incoming.sender,
        provider=incoming.provider,
        provider_message_id=incoming.provider_message_id,
        received_at=received_at,
    )
    if acknowledge:
        if conversation is None:
            _queue_acknowledgements(complaint, sms=True)
        else:
            queue_sms(phone, replies.added_to_complaint_sms(complaint.display_reference), complaint)
    return Receipt(complaint, message, is_new_complaint=conversation is None)


def _flag_risk(complaint: Complaint, risk_phrases: list[str], at: datetime) -> list[str]:
    """Flag the complaint for same-day assessment, once; the fields to save (none if nothing changed)."""
    if not risk_phrases or complaint.risk_flagged_at is not None:
        return []
    complaint.risk_flagged_at = at
    complaint.risk_phrases_found = ", ".join(risk_phrases)[:500]
    return ["risk_flagged_at", "risk_phrases_found"]


@dataclass(frozen=True)
class TextReply:
    """What to say back to a text, and the complaint it went into (None for STOP, HELP or an empty text)."""

    reply: str | None
    receipt: Receipt | None = None


def _answer_status(reference: str, phone: str | None, incoming: IncomingMessage, *, reply_inline: bool):
    """A STATUS text: answered like a keyword, inline for Twilio, else through the outbox; never stored."""
    complaint = conversation.complaint_for_status(
        reference, phone, clean_text(incoming.sender, max_length=64)
    )
    reply = conversation.status_reply(complaint)
    if phone and is_opted_out(phone):
        return TextReply(None)
    if reply_inline:
        return TextReply(reply)
    if phone:
        queue_sms(phone, reply, complaint)
    return TextReply(None)


def receive_text_message(incoming: IncomingMessage, *, reply_inline: bool) -> TextReply:
    """An inbound text from either provider (or from the spool): a keyword or part of a complaint.

    `reply_inline` is True for Twilio, which sends the reply we return in TwiML;
    otherwise the reply goes into the outbox for the worker to send.
    """
    phone = normalise_phone(incoming.sender)
    reference = conversation.status_reference(incoming.body)
    if reference is not None:
        return _answer_status(reference, phone, incoming, reply_inline=reply_inline)
    keyword = sms_keyword(incoming.body)
    if keyword or not clean_text(incoming.body):
        reply = handle_sms_keyword(keyword or "HELP", phone)
        if not reply_inline and keyword != "STOP" and phone:
            queue_sms(phone, reply)
        return TextReply(reply if reply_inline else None)

    receipt = receive_complaint(incoming, acknowledge=not reply_inline)
    if not reply_inline or (phone and is_opted_out(phone)):
        return TextReply(None, receipt)
    if receipt.is_new_complaint or receipt.complaint.messages.first() == receipt.message:
        return TextReply(replies.acknowledgement_sms(receipt.reference), receipt)
    return TextReply(replies.added_to_complaint_sms(receipt.reference), receipt)
