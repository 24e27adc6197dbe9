"""Outgoing texts reach Twilio's Messages API, and a refusal is retried by the outbox."""

import logging

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.http import HttpClient
from twilio.http.response import Response

from complaints.notifier import TwilioSmsBackend


class RecordingHttpClient(HttpClient):
    def __init__(self, status=201):
        super().__init__(logger=logging.getLogger("twilio.http_client"), is_async=False)
        self.status = status
        self.requests = []

    def request(self, method, uri, params=None, data=None, headers=None, auth=None, timeout=None, **kwargs):
        self.requests.append({"method": method, "uri": uri, "data": data, "auth": auth})
        body = (
            '{"sid": "SM123", "status": "queued"}'
            if self.status < 400
            else '{"code": 21211, "message": "Invalid To"}'
        )
        return Response(self.status, body)


@pytest.fixture
def twilio_account(settings):
    settings.TWILIO_ACCOUNT_SID = "AC" + "0" * 32
    settings.TWILIO_AUTH_TOKEN = "secret-token"
    settings.TWILIO_FROM_NUMBER = "+447870981785"


def test_a_text_is_posted_to_twilio_from_our_number(twilio_account):
    http = RecordingHttpClient()

    TwilioSmsBackend(http_client=http).send("+447700900123", "Your reference is K7QM-4XRT")

    [request] = http.requests
    assert request["method"] == "POST"
    assert request["uri"].endswith("/Accounts/AC" + "0" * 32 + "/Messages.json")
    assert request["auth"] == ("AC" + "0" * 32, "secret-token")
    assert request["data"]["To"] == "+447700900123"
    assert request["data"]["From"] == "+447870981785"
    assert request["data"]["Body"] == "Your reference is K7QM-4XRT"


def test_a_refused_text_raises_so_the_outbox_retries_it(twilio_account):
    with pytest.raises(TwilioRestException):
        TwilioSmsBackend(http_client=RecordingHttpClient(status=400)).send("+447700900123", "Hello")
