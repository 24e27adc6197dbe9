"""The outbox worker: sends texts and emails after the fact, retries with backoff, respects STOP."""

import logging
import socket
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from complaints import notifier, services
from complaints.models import Channel, OutboxMessage, SmsOptOut
from complaints.notifier import LocmemSmsBackend
from complaints.services import IncomingMessage

pytestmark = pytest.mark.django_db


def queue_both():
    contact = {
        "contact_email": "jo@example.org",
        "contact_phone": "+447911123456",
        "preferred_contact": "text",
    }
    return services.receive_complaint(IncomingMessage(channel=Channel.WEB, body="Help", details=contact))


def test_process_outbox_sends_due_texts_and_emails(capsys):
    receipt = queue_both()

    call_command("process_outbox")

    assert [to for to, _ in LocmemSmsBackend.outbox] == ["+447911123456"]
    assert receipt.reference in LocmemSmsBackend.outbox[0][1]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jo@example.org"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.State.SENT}

    call_command("process_outbox")
    assert len(LocmemSmsBackend.outbox) == 1 and len(mail.outbox) == 1


def test_a_failed_send_is_retried_later_with_growing_delays(monkeypatch):
    queue_both()
    OutboxMessage.objects.filter(kind="email").delete()

    def provider_down(self, to, body):
        raise ConnectionError("provider unavailable")

    monkeypatch.setattr(LocmemSmsBackend, "send", provider_down)
    now = timezone.now()
    notifier.send_due_messages(now=now)
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.State.PENDING and message.attempts == 1
    assert message.next_attempt_at == now + timedelta(minutes=1)
    assert "provider unavailable" in message.last_error

    assert notifier.send_due_messages(now=now) == {"sent": 0, "retried": 0, "suppressed": 0, "failed": 0}
    notifier.send_due_messages(now=now + timedelta(minutes=1))
    message.refresh_from_db()
    assert message.next_attempt_at == now + timedelta(minutes=1) + timedelta(minutes=2)

    monkeypatch.undo()
    notifier.send_due_messages(now=now + timedelta(hours=1))
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.SENT


def test_a_message_is_given_up_after_the_last_attempt(monkeypatch):
    queue_both()
    monkeypatch.setattr(
        LocmemSmsBackend, "send", lambda self, to, body: (_ for _ in ()).throw(OSError("down"))
    )
    OutboxMessage.objects.update(attempts=notifier.MAX_ATTEMPTS - 1)

    notifier.send_due_messages()

    assert OutboxMessage.objects.get(kind="sms").status == OutboxMessage.State.FAILED


def test_a_number_that_opted_out_after_queueing_gets_nothing():
    queue_both()
    SmsOptOut.objects.create(phone_number="+447911123456")

    notifier.send_due_messages()

    assert LocmemSmsBackend.outbox == []
    assert OutboxMessage.objects.get(kind="sms").status == OutboxMessage.State.SUPPRESSED


def test_backoff_is_capped():
    assert notifier.retry_delay(1) == timedelta(minutes=1)
    assert notifier.retry_delay(4) == timedelta(minutes=8)
    assert notifier.retry_delay(30) == timedelta(hours=6)


def test_the_development_text_backend_logs_no_number_and_no_words(caplog):
    caplog.set_level(logging.INFO, logger="complaints.notifier")

    notifier.ConsoleSmsBackend().send("+447911123456", "My son's carer hit him")

    assert "SMS to 07\u2022\u2022\u2022 \u2022\u2022\u2022 456" in caplog.text
    assert "7911" not in caplog.text and "carer" not in caplog.text


def test_the_development_email_backend_logs_no_address_and_no_words(settings, caplog):
    settings.EMAIL_BACKEND = "complaints.notifier.ConsoleEmailBackend"
    caplog.set_level(logging.INFO, logger="complaints.notifier")

    sent = mail.send_mail("Your complaint: K7QM-4XRT", "Dear Morag Smith", None, ["morag.smith@example.org"])

    assert sent == 1
    assert "Email to m\u2022\u2022\u2022@e\u2022\u2022\u2022.org" in caplog.text
    assert "K7QM-4XRT" in caplog.text
    assert "morag" not in caplog.text.lower() and "Dear" not in caplog.text


def test_an_smtp_server_that_never_answers_is_given_up_on_and_the_email_retried_later(settings):
    """A hung mail server costs the worker EMAIL_TIMEOUT, not for ever; the email waits for a retry."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections and never says a word
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = silent.getsockname()
    settings.EMAIL_TIMEOUT = 1
    queue_both()
    OutboxMessage.objects.filter(kind="sms").delete()

    started = time.monotonic()
    try:
        counts = notifier.send_due_messages()
    finally:
        silent.close()

    assert time.monotonic() - started < 10
    assert counts["retried"] == 1
    email = OutboxMessage.objects.get(kind="email")
    assert email.status == OutboxMessage.State.PENDING
    assert "timed out" in email.last_error


def test_a_complaints_acknowledgement_goes_before_alert_emails_queued_earlier():
    earlier = timezone.now() - timedelta(hours=1)
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            kind="email",
            to=f"reader{n}@example.org",
            subject="New publication",
            body="…",
            next_attempt_at=earlier,
        )
        for n in range(5)
    )
    receipt = queue_both()

    counts = notifier.send_due_messages(batch_size=2)

    assert counts["sent"] == 2
    assert [to for to, _ in LocmemSmsBackend.outbox] == ["+447911123456"]
    assert [message.to for message in mail.outbox] == [["jo@example.org"]]
    assert receipt.reference in mail.outbox[0].body
    assert OutboxMessage.objects.filter(complaint__isnull=True, status="pending").count() == 5
