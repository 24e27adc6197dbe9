"""The web form's answers so far: signed into one hidden field, read back, summed up.

The form keeps no state on the server until Send: the answers travel with the
person, in one signed hidden field on each page. No session, no database: if
the database is down, every page still works, and Send answers "not sent yet"
with everything still on screen.

A state is a dict: `id` (makes Send idempotent: it is stored as the first
message's provider id), `started` (the signed time the form was first served),
`answers` (the cleaned answers, by step), `suspected_bot`, and while the service
step asks "one of these?", `offered` (the matches offered and the text they were for).

Each step is posted, then redirected (303) to the next page's address with the
answers in its query string (`url_token`), so Back and Forward never ask to
resubmit. The complaint text itself never goes into an address: addresses end up
in server logs and in the browser history of a phone that may be shared, and
10,000 characters would not fit. It waits in the cache under the form's random id
and its own digest (`KEPT_TEXT`); the address carries only the digest. The
newest answers wait there too, so the browser's Back, which opens an address
written before the page's own answer was given, still shows that answer. Someone
holding the phone can still reopen a page from its history for a day
(COMPLAINTS_FORM_MAX_AGE) and see the short answers: that is why every page has
"Exit this page" and says how to browse privately. If the cache cannot keep the
text, the next page is sent as the answer to the post instead, as a form without
redirects would.
"""

import hashlib
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from .forms import AS_TYPED, STEP_NAMES, STEPS, sign_started_at
from .models import Channel, MessageProvider
from .services import IncomingMessage

STATE_FIELD = "answers"
STATE_SALT = "complaints.form-answers"
LONG_TEXT = ("what-happened", "what_happened")  # (step, field) kept out of addresses
KEPT_TEXT = "kept_text_sha256"
MAX_URL_TOKEN = 1800  # well inside the ~2,000 characters every browser, proxy and log keeps whole


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


def _text_key(state: dict, digest: str) -> str:
    return f"complaints:form-text:{state['id']}:{digest}"


def url_token(state: dict) -> str | None:
    """The answers for an address, the complaint text left in the cache; None if that cannot be done."""
    step, field = LONG_TEXT
    answers = dict(state["answers"].get(step, {}))
    text = answers.pop(field, None)
    if text is not None:
        digest = hashlib.sha256(text.encode()).hexdigest()
        if not _cache_set(_text_key(state, digest), text):
            return None
        answers[KEPT_TEXT] = digest
    token = dump_state(
        {**state, "answers": {**state["answers"], step: answers}} if text is not None else state
    )
    if len(token) > MAX_URL_TOKEN:
        return None
    _cache_set(f"complaints:form-newest:{state['id']}", token)
    return token


def _cache_set(key: str, value: str) -> bool:
    """Keep a value for as long as answers are kept; whether the cache really has it."""
    try:
        cache.set(key, value, timeout=settings.COMPLAINTS_FORM_MAX_AGE)
        return cache.get(key) == value
    except Exception:  # the cache backend's own connection errors
        return False


def _cache_get(key: str) -> str | None:
    try:
        return cache.get(key)
    except Exception:  # the cache backend's own connection errors
        return None


def _newest(state: dict) -> dict:
    """The newest answers given in this form: an address in the history may be older than its page."""
    try:
        newest = load_state(_cache_get(f"complaints:form-newest:{state['id']}") or "")
    except BadState:
        newest = None
    return newest if newest and newest["id"] == state["id"] else state


def load_url_token(token: str) -> dict | None:
    """The answers in an address, the complaint text fetched back; a text no longer kept is asked for again."""
    state = load_state(token)
    if state is None:
        return None
    state = _newest(state)
    step, field = LONG_TEXT
    digest = state["answers"].get(step, {}).pop(KEPT_TEXT, None)
    if digest is None:
        return state
    text = _cache_get(_text_key(state, digest))
    if text is None:
        del state["answers"][step]
    else:
        state["answers"][step][field] = text
    return state


def first_unanswered_step(state: dict) -> str | None:
    return next((name for name in STEP_NAMES if name not in state["answers"]), None)


def as_typed(answers: dict) -> dict:
    """A step's answers as the person typed them (a phone number not yet in +44 form), to show back."""
    shown = {name: value for name, value in answers.items() if not name.endswith(AS_TYPED)}
    for name, value in answers.items():
        if name.endswith(AS_TYPED) and value:
            shown[name.removesuffix(AS_TYPED)] = value
    return shown


def answer_summary(state: dict) -> list[dict]:
    """Question, answer and the step that asks it, for each question, in form order."""
    rows = []
    for step, form_class in STEPS.items():
        answers = as_typed(state["answers"].get(step, {}))
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
        details.update({name: value for name, value in step_answers.items() if not name.endswith(AS_TYPED)})
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
