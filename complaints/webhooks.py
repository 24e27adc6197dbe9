"""Text to complain: the two SMS providers' inbound webhooks.

Each checks the provider's credential, reads the text and hands it to
complaints.services. Neither says "received" before the database has committed
it, or, for Twilio (which never retries), the spool has it on disk.
"""

import hmac
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from . import replies, services, spool
from .decorators import works_without_the_database
from .models import Channel, MessageProvider
from .services import IncomingMessage

logger = logging.getLogger(__name__)

NOTIFY_FIELDS = ("id", "source_number", "destination_number", "message", "date_received")
# Older than this, a callback's date_received is not believed: no delivery is delayed that long.
NOTIFY_OLDEST_PLAUSIBLE = timedelta(days=7)


# --- Twilio ------------------------------------------------------------------------


def _twiml(text: str | None) -> HttpResponse:
    response = MessagingResponse()
    if text:
        response.message(text)
    return HttpResponse(str(response), content_type="text/xml; charset=utf-8")


def _twilio_signature_is_valid(request) -> bool:
    token = settings.TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    public_url = settings.SITE_URL + request.get_full_path()
    return RequestValidator(token).validate(public_url, request.POST, signature)


@csrf_exempt
@require_POST
@works_without_the_database
def twilio_inbound(request):
    """Twilio's inbound message webhook; Twilio sends our TwiML answer as the reply."""
    if not _twilio_signature_is_valid(request):
        return HttpResponseForbidden("Invalid signature")
    message_id = request.POST.get("MessageSid") or request.POST.get("SmsSid") or ""
    if not message_id.strip():
        return HttpResponse("MessageSid is missing", status=400, content_type="text/plain")
    sender = request.POST.get("From", "")
    body = request.POST.get("Body", "")
    incoming = IncomingMessage(
        channel=Channel.TEXT,
        body=body,
        provider=MessageProvider.TWILIO,
        provider_message_id=message_id,
        sender=sender,
    )
    try:
        result = services.receive_text_message(incoming, reply_inline=True)
    except DatabaseError:
        # Twilio will not retry: keep the text on disk until the database is back.
        logger.exception("Database unavailable: spooling Twilio message %s", message_id)
        spool.append(
            {
                "provider": MessageProvider.TWILIO,
                "message_id": message_id,
                "from": sender,
                "to": request.POST.get("To", ""),
                "body": body,
                "received_at": timezone.now().isoformat(),
            }
        )
        return _twiml(replies.spooled_sms())
    except ValidationError:
        return _twiml(replies.help_sms())
    return _twiml(result.reply)


# --- GOV.UK Notify -----------------------------------------------------------------


def _notify_token_is_valid(request) -> bool:
    expected = settings.NOTIFY_INBOUND_TOKEN
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), expected.encode())


def _notify_received_at(payload: dict):
    """When Notify received the text; our own clock if its date is unreadable or implausible.

    Storing the text matters more than its exact time; a 400 would lose it, since
    any retry of the callback would carry the same date.
    """
    now = timezone.now()
    received = services.provider_time(payload["date_received"], oldest=NOTIFY_OLDEST_PLAUSIBLE, now=now)
    if received is None:
        logger.warning(
            "Notify message %r has an unusable date_received %r; using the time it reached us",
            payload["id"],
            payload["date_received"][:64],
        )
        return now
    return received


@csrf_exempt
@require_POST
@works_without_the_database
def notify_inbound(request):
    """GOV.UK Notify's received-text callback; replies go out through the outbox."""
    if not _notify_token_is_valid(request):
        return JsonResponse({"error": "Unauthorised"}, status=401)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "The body is not JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "The body must be a JSON object"}, status=400)
    missing = [name for name in NOTIFY_FIELDS if not isinstance(payload.get(name), str)]
    if missing or not payload["id"].strip():
        return JsonResponse({"error": "Missing or invalid fields", "fields": missing or ["id"]}, status=400)
    incoming = IncomingMessage(
        channel=Channel.TEXT,
        body=payload["message"],
        provider=MessageProvider.NOTIFY,
        provider_message_id=payload["id"],
        sender=payload["source_number"],
        received_at=_notify_received_at(payload),
    )
    try:
        result = services.receive_text_message(incoming, reply_inline=False)
    except DatabaseError:
        logger.exception("Database unavailable: asking Notify to retry %s", payload["id"])
        return JsonResponse({"error": "Not stored yet; try again"}, status=503)
    except ValidationError as error:
        return JsonResponse({"error": "; ".join(error.messages)}, status=400)
    if result.receipt is None:
        return JsonResponse({"status": "keyword"})
    return JsonResponse({"status": "duplicate" if result.receipt.is_duplicate else "stored"})
