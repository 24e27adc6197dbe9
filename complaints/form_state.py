"""The web form's answers so far: signed into one hidden field, read back, summed up.

The form keeps no state on the server until Send: the answers travel with the
person, in one signed hidden field on each page. No session, no database: if
the database is down, every page still works, and Send answers "not sent yet"
with everything still on screen.

A state is a dict: `id` (makes Send idempotent: it is stored as the first
message's provider id), `started` (the signed time the form was first served),
`answers` (the cleaned answers, by step), `suspected_bot`, and while the service
step asks "one of these?", `offered` (the matches offered and the text they were for).
"""

import uuid

from django.conf import settings
from django.core import signing

from .forms import STEP_NAMES, STEPS, sign_started_at
from .models import Channel, MessageProvider
from .services import IncomingMessage

STATE_FIELD = "answers"
STATE_SALT = "complaints.form-answers"


class BadState(Exception):
    """The answers field was altered, or was signed longer ago than we keep answers."""


def new_state() -> dict:
    return {"id": uuid.uuid4().hex, "started": sign_started_at(), "answers": {}, "suspected_bot": False}


def dump_state(state: dict) -> str:
    return signing.dumps(state, salt=STATE_SALT, compress=True)


def load_state(token: str) -> dict | None:
    """The answers in a posted field, None if there were none, BadState if unusable."""
    if not token:
        return None
    try:
        state = signing.loads(token, salt=STATE_SALT, max_age=settings.COMPLAINTS_FORM_MAX_AGE)
    except (signing.BadSignature, ValueError) as error:
        raise BadState from error
    if not isinstance(state, dict) or not isinstance(state.get("answers"), dict) or not state.get("id"):
        raise BadState
    return state


def first_unanswered_step(state: dict) -> str | None:
    return next((name for name in STEP_NAMES if name not in state["answers"]), None)


def answer_summary(state: dict) -> list[dict]:
    """Question, answer and the step that asks it, for each question, in form order."""
    rows = []
    for step, form_class in STEPS.items():
        answers = state["answers"].get(step, {})
        for field in form_class().visible_fields():
            value = answers.get(field.name, "")
            choices = dict(getattr(field.field, "choices", []) or [])
            rows.append(
                {"question": field.label, "answer": choices.get(value, value) if value else "", "step": step}
            )
        for question, answer in form_class.extra_summary_rows(answers):
            rows.append({"question": question, "answer": answer, "step": step})
    return rows


def incoming_message(state: dict, *, suspected_bot: bool) -> IncomingMessage:
    """The complete answers as the complaint to store."""
    details = {}
    for step_answers in state["answers"].values():
        details.update(step_answers)
    details.pop("care_service_label", None)
    details["consent_to_share_identity"] = details.get("consent_to_share_identity") == "yes"
    return IncomingMessage(
        channel=Channel.WEB,
        body=details.pop("what_happened", ""),
        provider=MessageProvider.WEB,
        provider_message_id=state["id"],
        service_number=details.pop("service_number", ""),
        details={**details, "suspected_bot": suspected_bot},
    )
