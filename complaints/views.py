"""The public web form and the two SMS providers' webhooks.

Each hands what it received to complaints.services; none says "received"
before the database has committed it (or, for Twilio, the spool has it on disk).
"""

import hmac
import json
import logging
import time
import uuid
from datetime import UTC
from functools import wraps

from cms.toolbar.toolbar import EmptyToolbar
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from . import replies, services, spool
from .forms import STEPS, CheckAnswersForm, ServiceForm, min_fill_seconds, sign_started_at, started_at
from .models import Channel, Provider
from .service_lookup import matching_services, service_label, service_number_in, service_with_number

logger = logging.getLogger(__name__)


def works_without_the_database(view):
    """For the pages and webhooks that must answer while the database is down.

    django CMS's toolbar middleware builds its toolbar on every response, and that
    looks up the Site in the database. These views have no CMS content to edit, so
    they get the CMS's own empty toolbar instead. If the view raises (a 404, say),
    the real toolbar is put back for the site's error page, which shows the CMS menu.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        real_toolbar = request.__dict__.get("toolbar")
        request.toolbar = EmptyToolbar(request)
        try:
            return view(request, *args, **kwargs)
        except BaseException:
            if real_toolbar is None:
                del request.toolbar
            else:
                request.toolbar = real_toolbar
            raise

    return wrapper


STEP_NAMES = list(STEPS)
NOTIFY_FIELDS = ("id", "source_number", "destination_number", "message", "date_received")


# --- The web form ---------------------------------------------------------------
#
# The form keeps no state on the server until Send: the answers so far travel
# with the person, in one signed hidden field on each page. No session, no
# database: if the database is down, every page still works, and Send answers
# "not sent yet" with everything still on screen. Pages move forward by POST, so
# each answer is posted once and the next page is the answer to that POST.

STATE_FIELD = "answers"
STATE_SALT = "complaints.form-answers"


class BadState(Exception):
    """The answers field was altered, or was signed longer ago than we keep answers."""


def _state_max_age() -> int:
    return int(getattr(settings, "COMPLAINTS_FORM_MAX_AGE", 24 * 60 * 60))


def _new_state() -> dict:
    # `id` makes Send idempotent: it is stored as the first message's provider id.
    return {"id": uuid.uuid4().hex, "started": sign_started_at(), "answers": {}, "suspected_bot": False}


def _dump_state(state: dict) -> str:
    return signing.dumps(state, salt=STATE_SALT, compress=True)


def _load_state(request) -> dict | None:
    """The answers posted back with this page, None if there were none, BadState if unusable."""
    token = request.POST.get(STATE_FIELD, "")
    if not token:
        return None
    try:
        state = signing.loads(token, salt=STATE_SALT, max_age=_state_max_age())
    except (signing.BadSignature, ValueError) as error:
        raise BadState from error
    if not isinstance(state, dict) or not isinstance(state.get("answers"), dict) or not state.get("id"):
        raise BadState
    return state


def _render(request, template, context, status=200):
    """A form page that needs no database: static navigation, and never kept in a browser's cache."""
    response = render(request, template, {**context, "static_navigation": True}, status=status)
    add_never_cache_headers(response)  # includes no-store: answers stay off shared computers' disks
    return response


def _rate_limited(request) -> bool:
    """Too many form posts from one client address recently.

    If the cache cannot be reached the person is let through: a lost complaint
    costs more than a few extra posts.
    """
    try:
        return is_ratelimited(
            request,
            group="complaints-form",
            key="ip",
            rate=getattr(settings, "COMPLAINTS_FORM_RATE", "60/h"),
            method="POST",
            increment=True,
        )
    except Exception:  # the cache backend's own connection errors
        logger.exception("Rate limit check failed; letting the request through")
        return False


def _first_unanswered_step(state: dict) -> str | None:
    return next((name for name in STEP_NAMES if name not in state["answers"]), None)


def _step_url(step: str) -> str:
    return reverse("complaints:step", args=[step])


@works_without_the_database
def complaint_start(request):
    return _render(request, "complaints/complaint_start.html", {"first_step_url": _step_url(STEP_NAMES[0])})


def _start_again(request):
    """The answers field could not be trusted: begin a new form, saying why."""
    state = _new_state()
    form = STEPS[STEP_NAMES[0]](initial={"started": state["started"]})
    return _render_step(request, STEP_NAMES[0], form, state, start_again=True, status=400)


def _step_form(step: str, state: dict, **kwargs):
    """The form for a step, filled in with what the person answered before."""
    extra = {"offered": state.get("offered", {}).get("choices")} if step == "service" else {}
    initial = {**state["answers"].get(step, {}), "started": state["started"]}
    return STEPS[step](initial=initial, **extra, **kwargs)


def _render_step(
    request, step, form, state, *, change=False, start_again=False, rate_limited=False, status=200
):
    index = STEP_NAMES.index(step)
    return _render(
        request,
        "complaints/complaint_step.html",
        {
            "form": form,
            "state": _dump_state(state),
            "step_number": index + 1,
            "step_count": len(STEP_NAMES),
            "back_url": _step_url(STEP_NAMES[index - 1]) if index else None,
            "action": _step_url(step) + ("?change=1" if change else ""),
            "start_again": start_again,
            "rate_limited": rate_limited,
        },
        status=status,
    )


@method_decorator(works_without_the_database, name="dispatch")
class ComplaintStepView(View):
    """One question page; every step shares this view and its template."""

    def dispatch(self, request, *args, step, **kwargs):
        if step not in STEPS:
            raise Http404("No such step")
        self.step = step
        self.change = bool(request.GET.get("change"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        """Only the first step can be opened by address: later ones need the answers posted to them."""
        if self.step != STEP_NAMES[0]:
            return redirect(_step_url(STEP_NAMES[0]))
        state = _new_state()
        return _render_step(request, self.step, _step_form(self.step, state), state)

    def post(self, request):
        try:
            state = _load_state(request)
        except BadState:
            return _start_again(request)
        if state is None:
            if self.step != STEP_NAMES[0]:
                return _start_again(request)
            state = _new_state()
        if request.POST.get("show"):
            # "Back" or "Change": show the step as answered, check nothing.
            return _render_step(request, self.step, _step_form(self.step, state), state, change=self.change)
        if _rate_limited(request):
            form = _step_form(self.step, {**state, "answers": {self.step: request.POST.dict()}})
            return _render_step(
                request, self.step, form, state, change=self.change, rate_limited=True, status=429
            )

        form = self._submitted_form(state)
        if form.looks_like_a_bot():
            state["suspected_bot"] = True
        if not form.is_valid():
            return _render_step(request, self.step, form, state, change=self.change)
        answers = form.answers()
        if self.step == "service":
            answers, offered = self._link_service(form, state)
            if offered:
                state["offered"] = {"for": _comparable(answers["service_description"]), "choices": offered}
                form = _step_form(self.step, {**state, "answers": {**state["answers"], self.step: answers}})
                return _render_step(request, self.step, form, state, change=self.change)
            state.pop("offered", None)
        state["answers"][self.step] = answers

        next_step = _first_unanswered_step(state)
        if next_step is None or self.change:
            return _render_check_answers(request, state)
        return _render_step(request, next_step, _step_form(next_step, state), state)

    def _submitted_form(self, state):
        """The step's form bound to the post; the service step's with the matches offered for the same text."""
        if self.step != "service":
            return STEPS[self.step](data=self.request.POST)
        offered = state.get("offered")
        typed = self.request.POST.get("service_description", "")
        if offered and offered["for"] != _comparable(typed):
            state.pop("offered")
            offered = None
        return ServiceForm(data=self.request.POST, offered=offered["choices"] if offered else None)

    def _link_service(self, form, state) -> tuple[dict, list]:
        """The service step's answers, and the registry's matches to offer if it should ask "one of these?".

        An exact service number links at once; a name is searched. If the register
        cannot be searched (the database is down), the text alone is kept: an
        officer links the service later.
        """
        typed = form.cleaned_data["service_description"]
        answers = {"service_description": typed, "service_number": "", "care_service_label": ""}
        if form.offered:
            number, label = form.chosen_service()
            return {**answers, "service_number": number, "care_service_label": label}, []
        before = state["answers"].get("service", {})
        if before and _comparable(before.get("service_description", "")) == _comparable(typed):
            return {**before, "service_description": typed}, []

        number = service_number_in(typed)
        try:
            service = service_with_number(number) if number else None
            if service is not None:
                return {**answers, "service_number": number, "care_service_label": service_label(service)}, []
            matches = matching_services(typed)
        except DatabaseError:
            logger.warning("Care service lookup failed; keeping what the person typed", exc_info=True)
            return {**answers, "service_number": number or ""}, []
        return answers, [(service.service_number, service_label(service)) for service in matches]


def _comparable(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _summary(state: dict) -> list[dict]:
    """Question, answer and the step to change it, for each question, in form order."""
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
    for row in rows:
        row["change_url"] = _step_url(row["step"]) + "?change=1"
    return rows


def _render_check_answers(request, state, *, not_sent=False, rate_limited=False, problems=(), status=200):
    context = {
        "form": CheckAnswersForm(initial={"started": state["started"]}),
        "state": _dump_state(state),
        "summary": _summary(state),
        "back_url": _step_url(STEP_NAMES[-1]),
        "not_sent": not_sent,
        "rate_limited": rate_limited,
        "problems": problems,
    }
    return _render(request, "complaints/complaint_check_answers.html", context, status=status)


def _complaint_details(answers: dict) -> dict:
    merged = {}
    for step_answers in answers.values():
        merged.update(step_answers)
    merged.pop("care_service_label", None)
    merged["consent_to_share_identity"] = merged.get("consent_to_share_identity") == "yes"
    return merged


@works_without_the_database
def complaint_send(request):
    """Send: the only page that needs the database. Sending the same answers twice stores one complaint."""
    if request.method != "POST":
        return redirect(_step_url(STEP_NAMES[0]))
    try:
        state = _load_state(request)
    except BadState:
        return _start_again(request)
    if state is None:
        return redirect(_step_url(STEP_NAMES[0]))
    missing = _first_unanswered_step(state)
    if missing is not None:
        return _render_step(request, missing, _step_form(missing, state), state)
    if _rate_limited(request):
        return _render_check_answers(request, state, rate_limited=True, status=429)

    form = CheckAnswersForm(data=request.POST)
    begun = started_at(state["started"])
    too_fast = begun is not None and time.time() - begun < min_fill_seconds()
    suspected_bot = bool(state["suspected_bot"]) or form.looks_like_a_bot() or too_fast

    details = _complaint_details(state["answers"])
    body = details.pop("what_happened", "")
    try:
        receipt = services.receive_complaint(
            channel=Channel.WEB,
            body=body,
            provider=Provider.WEB,
            provider_message_id=state["id"],
            suspected_bot=suspected_bot,
            **details,
        )
    except DatabaseError:
        logger.exception("Could not store a web complaint")
        return _render_check_answers(request, state, not_sent=True, status=503)
    except ValidationError as error:
        logger.warning("A web complaint failed validation after its steps passed: %s", error.messages)
        return _render_check_answers(request, state, problems=error.messages, status=400)
    return _render(request, "complaints/complaint_confirmation.html", {"reference": receipt.reference})


# --- Text to complain: the providers' webhooks -----------------------------------


def _twiml(text: str | None) -> HttpResponse:
    response = MessagingResponse()
    if text:
        response.message(text)
    return HttpResponse(str(response), content_type="text/xml; charset=utf-8")


def _twilio_signature_is_valid(request) -> bool:
    token = getattr(settings, "TWILIO_AUTH_TOKEN", "")
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
    try:
        result = services.receive_text_message(
            provider=Provider.TWILIO, message_id=message_id, sender=sender, body=body, reply_inline=True
        )
    except DatabaseError:
        # Twilio will not retry: keep the text on disk until the database is back.
        logger.exception("Database unavailable: spooling Twilio message %s", message_id)
        spool.append(
            {
                "provider": Provider.TWILIO,
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


def _notify_token_is_valid(request) -> bool:
    expected = getattr(settings, "NOTIFY_INBOUND_TOKEN", "")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), expected.encode())


def _parse_received_at(value: str):
    received = parse_datetime(value) if value else None
    if received is None:
        return timezone.now()
    if timezone.is_naive(received):
        received = timezone.make_aware(received, UTC)
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
    try:
        result = services.receive_text_message(
            provider=Provider.NOTIFY,
            message_id=payload["id"],
            sender=payload["source_number"],
            body=payload["message"],
            received_at=_parse_received_at(payload["date_received"]),
            reply_inline=False,
        )
    except DatabaseError:
        logger.exception("Database unavailable: asking Notify to retry %s", payload["id"])
        return JsonResponse({"error": "Not stored yet; try again"}, status=503)
    except ValidationError as error:
        return JsonResponse({"error": "; ".join(error.messages)}, status=400)
    if result.receipt is None:
        return JsonResponse({"status": "keyword"})
    return JsonResponse({"status": "duplicate" if result.receipt.is_duplicate else "stored"})
