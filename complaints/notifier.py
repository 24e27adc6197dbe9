"""Sending what the outbox holds: texts through a pluggable backend, email through Django's.

Nothing is sent inside a web request. `manage.py process_outbox` calls
send_due_messages(); several workers may run at once because each row is
claimed with SELECT ... FOR UPDATE SKIP LOCKED. Each message is claimed, sent
and marked in its own transaction, so a worker killed mid-batch leaves at most
the one message it was sending to go again, never the ones it sent before.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .contact import mask_email, mask_phone
from .models import OutboxMessage, SmsOptOut

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_AFTER = timedelta(minutes=1)
LONGEST_RETRY_AFTER = timedelta(hours=6)
BATCH_SIZE = 50


class ConsoleSmsBackend:
    """Development: logs that a text would go, with the number masked and the text left out.

    A development log is copied, pasted and kept; complainants' numbers and words stay out of it.
    """

    def send(self, to: str, body: str) -> None:
        logger.info("SMS to %s, %d characters (development: not sent)", mask_phone(to), len(body))


class ConsoleEmailBackend(BaseEmailBackend):
    """Development (no EMAIL_HOST): logs that an email would go, addresses masked, body left out."""

    def send_messages(self, email_messages) -> int:
        for email in email_messages:
            logger.info(
                "Email to %s, %r, %d characters (development: not sent)",
                ", ".join(mask_email(address) for address in email.recipients()),
                email.subject,
                len(email.body),
            )
        return len(email_messages)


class LocmemSmsBackend:
    """Tests: keeps sent texts in a list."""

    outbox: list[tuple[str, str]] = []

    def send(self, to: str, body: str) -> None:
        type(self).outbox.append((to, body))


class TwilioSmsBackend:
    """Production: sends through Twilio's Messages API from our text-to-complain number.

    A failure raises, and the outbox retries the message with backoff.
    """

    def __init__(self, http_client=None):
        from twilio.rest import Client

        self.sender = settings.TWILIO_FROM_NUMBER
        self.client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=http_client)

    def send(self, to: str, body: str) -> None:
        self.client.messages.create(to=to, from_=self.sender, body=body)


def sms_backend():
    return import_string(settings.COMPLAINTS_SMS_BACKEND)()


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes, at most 6 hours."""
    return min(FIRST_RETRY_AFTER * 2 ** max(attempts - 1, 0), LONGEST_RETRY_AFTER)


def _send(message: OutboxMessage, backend) -> None:
    if message.kind == OutboxMessage.Kind.SMS:
        backend.send(message.to, message.body)
    else:
        EmailMessage(
            message.subject, message.body, None, [message.to], headers=message.headers or None
        ).send()


def _deliver(message: OutboxMessage, backend, now) -> str:
    """Send one claimed message (or suppress it) and record what happened; return which count it adds to."""
    if message.kind == OutboxMessage.Kind.SMS and SmsOptOut.objects.filter(phone_number=message.to).exists():
        message.status = OutboxMessage.State.SUPPRESSED
        outcome = "suppressed"
    else:
        message.attempts += 1
        try:
            _send(message, backend)
        except Exception as error:  # noqa: BLE001 - any failure of a provider is retried
            logger.warning("Outbox message %s failed (attempt %s): %s", message.pk, message.attempts, error)
            message.last_error = f"{type(error).__name__}: {error}"[:1000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.State.FAILED
                outcome = "failed"
            else:
                message.next_attempt_at = now + retry_delay(message.attempts)
                outcome = "retried"
        else:
            message.status = OutboxMessage.State.SENT
            message.sent_at = now
            outcome = "sent"
    message.save(update_fields=["status", "attempts", "next_attempt_at", "last_error", "sent_at"])
    return outcome


def send_due_messages(now=None, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Send up to batch_size due messages; return how many were sent, retried, suppressed or failed.

    One transaction per message: what was sent is marked sent at once, so a worker
    stopped by force between two messages sends neither again. Complaints' messages go
    first, so an acknowledgement never waits behind a day's alert emails.
    """
    now = now or timezone.now()
    backend = sms_backend()
    counts = {"sent": 0, "retried": 0, "suppressed": 0, "failed": 0}
    for _ in range(batch_size):
        with transaction.atomic():
            due = OutboxMessage.objects.due(now).select_for_update(skip_locked=True)
            message = due.about_complaints().first() or due.first()
            if message is None:
                break
            counts[_deliver(message, backend, now)] += 1
    return counts
