"""The three ways a complaint arrives, sent the way the outage drill sends them.

A person filling in the web form (and pressing Send again if it says "not sent
yet"), Twilio delivering a text (once: Twilio never retries a webhook, and gives
up on an answer after 15 seconds) and GOV.UK Notify delivering a received-text
callback (again after a failure, as Notify does). Each message carries a marker
in its text so the drill can count what the database holds at the end.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field

import requests
from twilio.request_validator import RequestValidator

TWILIO_TOKEN = "drill-twilio-auth-token"
NOTIFY_TOKEN = "drill-notify-inbound-token"
# Longer than gunicorn's 30-second worker timeout, so the drill sees what the server does.
CLIENT_TIMEOUT = 40
# Twilio abandons a webhook that has not answered within this many seconds.
TWILIO_GIVES_UP_AFTER = 15
# Load balancer headers: HTTPS, and a visitor address of its own for each person.
FORWARDED = {"X-Forwarded-Proto": "https"}


@dataclass
class Attempt:
    """One delivery of one message: the HTTP status (or 'timeout', 'reset') and how long it took."""

    status: int | str
    seconds: float
    text: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Message:
    channel: str
    marker: str
    phase: str
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def first(self) -> Attempt:
        return self.attempts[0]

    @property
    def answered(self) -> bool:
        return any(attempt.ok for attempt in self.attempts)


def _timed(send) -> Attempt:
    started = time.monotonic()
    try:
        response = send()
    except requests.Timeout:
        return Attempt("timeout", time.monotonic() - started)
    except requests.ConnectionError:
        return Attempt("reset", time.monotonic() - started)
    if response is None:
        return Attempt("done", time.monotonic() - started)
    return Attempt(response.status_code, time.monotonic() - started, response.text)


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    return found.group(1) if found else ""


class WebFormPerson:
    """Fills in every step (none needs the database), then presses Send until it says sent."""

    def __init__(self, base_url: str, marker: str, address: str):
        self.base_url = base_url
        self.marker = marker
        self.session = requests.Session()
        self.session.headers.update({**FORWARDED, "X-Forwarded-For": address})
        self.page = ""
        self.check_page = ""
        self.last_status = 0

    def _post(self, path: str, answers: dict) -> requests.Response:
        fields = {"answers": _hidden(self.page, "answers"), "started": _hidden(self.page, "started")}
        response = self.session.post(
            self.base_url + path, {**fields, "website": "", **answers}, timeout=CLIENT_TIMEOUT
        )
        self.page = response.text
        self.last_status = response.status_code
        return response

    def fill_in(self) -> None:
        self.page = self.session.get(self.base_url + "/complaints/form/service/", timeout=CLIENT_TIMEOUT).text
        self._post("/complaints/form/service/", {"service_description": "A care home I cannot name"})
        if 'name="care_service"' in self.page:
            self._post("/complaints/form/service/", {"care_service": "none"})
        self._post(
            "/complaints/form/what-happened/", {"what_happened": f"Nobody came at night {self.marker}"}
        )
        self._post("/complaints/form/about-you/", {})
        self._post(
            "/complaints/form/contact/",
            {"contact_email": "drill@example.org", "preferred_contact": "email"},
        )
        if "Check your answers" in self.page:
            self.check_page = self.page

    def send(self) -> Attempt:
        """Send (filling in the form first if it has not reached the check page yet)."""
        if not self.check_page:
            filling_in = _timed(self.fill_in)
            if not self.check_page:  # a step failed: say how
                failure = self.last_status if filling_in.status == "done" else filling_in.status
                filling_in.status = f"step {failure}"
                return filling_in
        self.page = self.check_page
        attempt = _timed(lambda: self._post("/complaints/form/send/", {}))
        if attempt.ok and "Complaint sent" not in attempt.text:
            attempt.status = "not sent"
        return attempt


class TwilioText:
    def __init__(self, base_url: str, marker: str, number: int):
        self.url = base_url + "/complaints/sms/twilio/"
        self.params = {
            "MessageSid": "SMdrill" + marker.strip("[]").replace(" ", ""),
            "AccountSid": "ACdrill",
            "From": f"+4477009{number % 100000:05d}",
            "To": "+447870981785",
            "Body": f"Staff shout at us {marker}",
            "NumMedia": "0",
        }

    def send(self) -> Attempt:
        signature = RequestValidator(TWILIO_TOKEN).compute_signature(self.url, self.params)
        headers = {**FORWARDED, "X-Twilio-Signature": signature}
        attempt = _timed(
            lambda: requests.post(self.url, self.params, headers=headers, timeout=CLIENT_TIMEOUT)
        )
        if attempt.ok and attempt.seconds > TWILIO_GIVES_UP_AFTER:
            attempt.status = "too late"  # Twilio had given up: the person got no reply
        return attempt

    @staticmethod
    def was_spooled(attempt: Attempt) -> bool:
        return attempt.ok and "we got your message" in attempt.text


class NotifyCallback:
    def __init__(self, base_url: str, marker: str, number: int):
        self.url = base_url + "/complaints/sms/notify/"
        self.payload = {
            "id": "drill-" + marker.strip("[]").replace(" ", "-"),
            "source_number": f"4477009{number % 100000:05d}",
            "destination_number": "07870981785",
            "message": f"The food is cold {marker}",
            "date_received": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
        }

    def send(self) -> Attempt:
        headers = {**FORWARDED, "Authorization": f"Bearer {NOTIFY_TOKEN}", "Content-Type": "application/json"}
        body = json.dumps(self.payload)
        return _timed(lambda: requests.post(self.url, body, headers=headers, timeout=CLIENT_TIMEOUT))
