"""Hypothesis throws odd input at the web form and both webhooks: no 500s, and every 2xx has its row."""

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.forms import STEP_NAMES
from complaints.models import ComplaintMessage
from complaints.services import CLOCK_SKEW, clean_text, sms_keyword
from complaints.webhooks import NOTIFY_OLDEST_PLAUSIBLE

from .helpers import FormVisitor, notify_payload, post_notify, post_twilio, twilio_params

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Each example of the web form is five page renders: fewer of them keep the suite fast.
FUZZ_FORM = settings(FUZZ, max_examples=20)


@pytest.fixture
def no_rate_limit(settings):
    settings.COMPLAINTS_FORM_RATE = "100000/h"


any_text = st.text(max_size=300) | st.sampled_from(
    ["", "   ", "STOP", "help", "<script>alert(1)</script>", "\x00", "😀" * 50]
)
message_ids = st.text(alphabet="abcdefABCDEF0123456789-", min_size=1, max_size=40)


def _printable_for_form(value: str) -> str:
    # The test client encodes form data as UTF-8; unpaired surrogates cannot be sent by a browser either.
    return value.encode("utf-8", "replace").decode("utf-8")


@FUZZ_FORM
@given(
    description=any_text,
    what=any_text,
    when=any_text,
    phone=any_text,
    email=any_text,
    preferred=any_text,
)
def test_the_web_form_never_fails(client, no_rate_limit, description, what, when, phone, email, preferred):
    steps = {
        "service": {"service_description": description, "care_service": preferred},
        "what-happened": {"what_happened": what, "when_it_happened": when},
        "about-you": {"is_child_or_young_person": preferred, "relationship": preferred},
        "contact": {"contact_phone": phone, "contact_email": email, "preferred_contact": preferred},
    }
    visitor = FormVisitor(client)
    for step, answers in steps.items():
        response = visitor.answer(step, {k: _printable_for_form(v) for k, v in answers.items()})
        assert response.status_code == 200
    before = ComplaintMessage.objects.count()
    response = visitor.send()
    assert response.status_code in (200, 400)
    if "Complaint sent" in visitor.html:
        assert ComplaintMessage.objects.count() == before + 1
        assert ComplaintMessage.objects.latest("pk").complaint.display_reference in visitor.html
    else:
        assert ComplaintMessage.objects.count() == before


@FUZZ
@given(answers=any_text | st.binary(max_size=200).map(lambda b: b.hex()), step=st.sampled_from(STEP_NAMES))
def test_any_answers_field_is_refused_cleanly(client, no_rate_limit, answers, step):
    data = {"answers": _printable_for_form(answers), "what_happened": "x"}
    for url in (f"/complaints/form/{step}/", "/complaints/form/send/"):
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400)


@FUZZ
@given(message_id=message_ids, body=any_text, sender=any_text)
def test_the_twilio_webhook_never_fails(client, message_id, body, sender):
    params = {
        k: _printable_for_form(v) for k, v in twilio_params(sid=message_id, body=body, sender=sender).items()
    }

    response = post_twilio(client, params)

    assert response.status_code in (200, 400)
    is_a_complaint = clean_text(params["Body"]) and not sms_keyword(params["Body"])
    if response.status_code == 200 and is_a_complaint:
        assert ComplaintMessage.objects.filter(
            provider="twilio", provider_message_id=message_id.strip()
        ).exists()


json_values = st.none() | st.booleans() | st.integers() | any_text | st.lists(st.integers(), max_size=3)


@FUZZ
@given(
    payload=st.one_of(
        st.fixed_dictionaries(
            {
                "id": message_ids,
                "source_number": any_text,
                "destination_number": any_text,
                "message": any_text,
                "date_received": any_text,
            }
        ),
        st.dictionaries(
            st.sampled_from(["id", "source_number", "destination_number", "message", "date_received"]),
            json_values,
        ),
        json_values,
    )
)
def test_the_notify_webhook_never_fails(client, payload):
    response = post_notify(client, None, raw=json.dumps(payload))

    assert response.status_code in (200, 400)
    if response.status_code == 200 and response.json()["status"] in ("stored", "duplicate"):
        assert ComplaintMessage.objects.filter(
            provider="notify", provider_message_id=payload["id"].strip()
        ).exists()


def test_a_notify_body_of_raw_bytes_is_a_bad_request(client):
    assert post_notify(client, notify_payload(), raw=b"\x00\xff\xfe garbage").status_code == 400


def _offset(hours: int, minutes: int) -> str:
    return f"{'-' if hours < 0 else '+'}{abs(hours):02d}:{minutes:02d}"


# Dates shaped like ISO 8601 whose parts may be impossible: month 13, 30 February,
# hour 25, offset +99:00, year 0 or 9999; and real times from decades away to a moment ago.
impossible_dates = st.builds(
    "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}{}".format,
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 61),
    st.integers(0, 61),
    st.sampled_from(["", ".000000", ".5"]),
    st.sampled_from(["", "Z"]) | st.builds(_offset, st.integers(-99, 99), st.integers(0, 99)),
)
real_dates = st.integers(-(10**9), 10**9) | st.integers(-8 * 86400, 600)
any_date = (
    any_text
    | impossible_dates
    | real_dates.map(lambda seconds: (timezone.now() + timedelta(seconds=seconds)).isoformat())
)


@FUZZ
@given(date_received=any_date)
def test_any_notify_date_stores_the_text_at_a_plausible_time(client, date_received):
    message_id = uuid.uuid4().hex
    before = timezone.now()

    response = post_notify(client, notify_payload(message_id=message_id, date_received=date_received))

    assert response.status_code == 200 and response.json() == {"status": "stored"}
    received_at = ComplaintMessage.objects.get(provider="notify", provider_message_id=message_id).received_at
    assert before - NOTIFY_OLDEST_PLAUSIBLE <= received_at <= timezone.now() + CLOCK_SKEW
