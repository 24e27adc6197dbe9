"""The public web form and the two SMS providers' webhooks.

Each hands what it received to complaints.services; none says "received"
before the database has committed it (or, for Twilio, the spool has it on disk).
"""

import hmac
import json
import logging
import time
from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from . import replies, services, spool
from .forms import STEPS, CheckAnswersForm, min_fill_seconds, sign_started_at, started_at
from .models import Channel, Provider

logger = logging.getLogger(__name__)

SESSION_KEY = "complaint_form"
SENT_SESSION_KEY = "complaint_sent"
STEP_NAMES = list(STEPS)
NOTIFY_FIELDS = ("id", "source_number", "destination_number", "message", "date_received")


# --- The web form ---------------------------------------------------------------


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


def _progress(request) -> dict:
    """The person's answers so far, kept in their (database-backed) session."""
    progress = request.session.get(SESSION_KEY)
    if not isinstance(progress, dict) or "started" not in progress:
        progress = {"started": sign_started_at(), "answers": {}, "suspected_bot": False}
        request.session[SESSION_KEY] = progress
    return progress


def _save_progress(request, progress: dict) -> None:
    request.session[SESSION_KEY] = progress
    request.session.modified = True


def _first_unanswered_step(progress: dict) -> str | None:
    return next((name for name in STEP_NAMES if name not in progress["answers"]), None)


def complaint_start(request):
    return render(request, "complaints/complaint_start.html", {"first_step_url": _step_url(STEP_NAMES[0])})


def _step_url(step: str) -> str:
    return reverse("complaints:step", args=[step])


class ComplaintStepView(View):
    """One question page; every step shares this view and its template."""

    template_name = "complaints/complaint_step.html"

    def dispatch(self, request, *args, step, **kwargs):
        if step not in STEPS:
            raise Http404("No such step")
        self.step = step
        self.form_class = STEPS[step]
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        progress = _progress(request)
        initial = {**progress["answers"].get(self.step, {}), "started": progress["started"]}
        return self._render(self.form_class(initial=initial), progress)

    def post(self, request):
        progress = _progress(request)
        if _rate_limited(request):
            form = self.form_class(initial={**request.POST.dict(), "started": progress["started"]})
            return self._render(form, progress, rate_limited=True, status=429)
        form = self.form_class(data=request.POST)
        if form.looks_like_a_bot():
            progress["suspected_bot"] = True
        if not form.is_valid():
            _save_progress(request, progress)
            return self._render(form, progress)
        progress["answers"][self.step] = form.answers()
        _save_progress(request, progress)
        next_step = _first_unanswered_step(progress)
        if next_step is None or request.GET.get("change"):
            return redirect("complaints:check_answers")
        return redirect(_step_url(next_step))

    def _render(self, form, progress, *, rate_limited=False, status=200):
        index = STEP_NAMES.index(self.step)
        back_url = _step_url(STEP_NAMES[index - 1]) if index else reverse("complaints:start")
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "step_number": index + 1,
                "step_count": len(STEP_NAMES),
                "back_url": back_url,
                "rate_limited": rate_limited,
                "action": self.request.get_full_path(),
            },
            status=status,
        )


def _summary(answers: dict) -> list[dict]:
    """Question, answer and change link for each answered field, in form order."""
    rows = []
    for step, form_class in STEPS.items():
        form = form_class()
        for field in form.visible_fields():
            value = answers.get(step, {}).get(field.name, "")
            choices = dict(getattr(field.field, "choices", []) or [])
            rows.append(
                {
                    "id": f"answer-{field.name}",
                    "question": field.label,
                    "answer": choices.get(value, value) if value else "",
                    "change_url": f"{_step_url(step)}?change=1#{field.auto_id}",
                    "field": field.name,
                }
            )
    return rows


def _complaint_details(answers: dict) -> dict:
    merged = {}
    for step_answers in answers.values():
        merged.update(step_answers)
    merged["consent_to_share_identity"] = merged.get("consent_to_share_identity") == "yes"
    return merged


def complaint_check_answers(request):
    progress = _progress(request)
    missing = _first_unanswered_step(progress)
    if missing is not None:
        return redirect(_step_url(missing))

    context = {
        "form": CheckAnswersForm(initial={"started": progress["started"]}),
        "summary": _summary(progress["answers"]),
    }
    if request.method != "POST":
        return render(request, "complaints/complaint_check_answers.html", context)

    if _rate_limited(request):
        return render(
            request, "complaints/complaint_check_answers.html", {**context, "rate_limited": True}, status=429
        )
    form = CheckAnswersForm(data=request.POST)
    begun = started_at(request.POST.get("started", ""))
    too_fast = begun is not None and time.time() - begun < min_fill_seconds()
    suspected_bot = progress["suspected_bot"] or form.looks_like_a_bot() or too_fast

    details = _complaint_details(progress["answers"])
    body = details.pop("what_happened", "")
    try:
        receipt = services.receive_complaint(
            channel=Channel.WEB, body=body, suspected_bot=suspected_bot, **details
        )
    except DatabaseError:
        logger.exception("Could not store a web complaint")
        return render(
            request, "complaints/complaint_check_answers.html", {**context, "not_sent": True}, status=503
        )
    except ValidationError:
        logger.exception("A web complaint failed validation after its steps passed")
        request.session.pop(SESSION_KEY, None)
        return redirect(_step_url(STEP_NAMES[0]))

    request.session.pop(SESSION_KEY, None)
    request.session[SENT_SESSION_KEY] = receipt.reference
    return redirect("complaints:confirmation")


def complaint_confirmation(request):
    reference = request.session.get(SENT_SESSION_KEY)
    if not reference:
        return redirect("complaints:start")
    return render(request, "complaints/complaint_confirmation.html", {"reference": reference})


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
