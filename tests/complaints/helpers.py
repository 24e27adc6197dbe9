"""Requests signed the way the providers sign them."""

import json

from twilio.request_validator import RequestValidator

from .conftest import NOTIFY_TOKEN, TWILIO_TOKEN

TWILIO_URL = "/complaints/sms/twilio/"
NOTIFY_URL = "/complaints/sms/notify/"
PUBLIC_TWILIO_URL = "https://www.example.org" + TWILIO_URL


def twilio_params(
    sid="SM0123456789abcdef0123456789abcdef", body="They took my phone away", sender="+447911123456"
):
    return {
        "MessageSid": sid,
        "AccountSid": "AC123",
        "From": sender,
        "To": "+447870981785",
        "Body": body,
        "NumMedia": "0",
    }


def post_twilio(client, params, *, token=TWILIO_TOKEN, signature=None):
    if signature is None:
        signature = RequestValidator(token).compute_signature(PUBLIC_TWILIO_URL, params)
    return client.post(TWILIO_URL, params, HTTP_X_TWILIO_SIGNATURE=signature)


def notify_payload(
    message_id="a1b2c3d4-0000-4000-8000-000000000001",
    message="The night staff shout at us",
    source="447911123456",
):
    return {
        "id": message_id,
        "source_number": source,
        "destination_number": "07870981785",
        "message": message,
        "date_received": "2025-06-02T12:34:56.000000Z",
    }


def post_notify(client, payload, *, token=NOTIFY_TOKEN, raw=None):
    body = raw if raw is not None else json.dumps(payload)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return client.post(NOTIFY_URL, body, content_type="application/json", **headers)
