"""Requests signed the way the providers sign them."""

import html
import json
import re
from contextlib import contextmanager
from datetime import UTC, timedelta
from unittest import mock

from django.contrib.sites.models import Site
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresDatabaseWrapper
from django.urls import reverse
from django.utils import timezone
from twilio.request_validator import RequestValidator

from .conftest import NOTIFY_TOKEN, TWILIO_TOKEN, started_token

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


def notify_date(moment=None) -> str:
    """A date_received as Notify writes it (UTC, with microseconds and a Z); by default two minutes ago."""
    moment = moment or timezone.now() - timedelta(minutes=2)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def notify_payload(
    message_id="a1b2c3d4-0000-4000-8000-000000000001",
    message="The night staff shout at us",
    source="447911123456",
    date_received=None,
):
    return {
        "id": message_id,
        "source_number": source,
        "destination_number": "07870981785",
        "message": message,
        "date_received": date_received if date_received is not None else notify_date(),
    }


def post_notify(client, payload, *, token=NOTIFY_TOKEN, raw=None):
    body = raw if raw is not None else json.dumps(payload)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return client.post(NOTIFY_URL, body, content_type="application/json", **headers)


@contextmanager
def database_down():
    """Every database access fails, as in a real outage: connecting and opening any cursor.

    Patched on the base class, so it holds for SQLite and PostgreSQL alike and for
    whatever code asks (sessions, the CMS, the service layer), not only for the
    function a test expects to fail.
    """

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    Site.objects.clear_cache()  # a cold start: nothing remembered from before the outage
    with (
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse),
        mock.patch.object(BaseDatabaseWrapper, "cursor", refuse),
        mock.patch.object(BaseDatabaseWrapper, "chunked_cursor", refuse),
        mock.patch.object(PostgresDatabaseWrapper, "chunked_cursor", refuse),
    ):
        yield


# --- The web form, posted the way a browser posts it ------------------------------

STEP_ANSWERS = {
    "service": {"service_description": "Hillview Care Home, Dundee"},
    "what-happened": {
        "what_happened": "Nobody answers the call bell at night.",
        "when_it_happened": "Last week",
    },
    "about-you": {"is_child_or_young_person": "no", "relationship": "family_or_friend"},
    "contact": {
        "contact_name": "Morag",
        "contact_email": "morag@example.org",
        "contact_phone": "07911 123456",
        "preferred_contact": "email",
        "consent_to_share_identity": "yes",
    },
}
SEND_URL = reverse("complaints:send")


def step_url(step):
    return reverse("complaints:step", args=[step])


def link_on(response, text) -> str:
    """The address of the first link whose text starts with `text`."""
    found = re.search(r'<a [^>]*href="([^"]*)"[^>]*>' + re.escape(text), response.content.decode())
    assert found, f"the page has no {text!r} link"
    return html.unescape(found.group(1))


def hidden_answers(response) -> str:
    found = re.search(r'name="answers" value="([^"]*)"', response.content.decode())
    assert found, "the page carries no answers field"
    return found.group(1)


class FormVisitor:
    """A person going through the form: every post carries the answers field of the page before,
    and the redirect after it is followed, as a browser does."""

    def __init__(self, client):
        self.client = client
        self.page = client.get(step_url("service"))

    def post(self, url, data=None, *, started=None):
        fields = {"answers": hidden_answers(self.page), "started": started or started_token(), "website": ""}
        self.page = self.client.post(url, {**fields, **(data or {})}, follow=True)
        return self.page

    def answer(self, step, answers, **kwargs):
        return self.post(step_url(step), answers, **kwargs)

    def complete(self, answers=STEP_ANSWERS):
        for step, step_answers in answers.items():
            response = self.answer(step, step_answers)
            assert response.status_code == 200, response.content.decode()[:2000]
        assert "Check your answers before sending" in self.html
        return self.page

    def send(self, **extra):
        return self.post(SEND_URL, extra)

    @property
    def html(self):
        return self.page.content.decode()
