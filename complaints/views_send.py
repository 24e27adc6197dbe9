"""Send and the confirmation: the only page that needs the database, and the page after it.

Send is posted, then redirected (303) to the confirmation's address, which
carries the reference signed, so reloading or going Back to it never sends again.
"""

import logging
import time

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from . import services
from .decorators import cookieless_csrf_protection, works_without_the_database
from .form_state import BadState, first_unanswered_step, incoming_message
from .forms import STEP_NAMES, CheckAnswersForm, min_fill_seconds, started_at
from .models import ACKNOWLEDGE_WITHIN_WORKING_DAYS
from .ombudsman import SPSO_NAME, SPSO_URL
from .views import (
    HOME,
    _posted_state,
    _rate_limited,
    _render,
    _render_check_answers,
    _render_step,
    _see_other,
    _start_again,
    _step_form,
    _step_url,
)

logger = logging.getLogger(__name__)

RECEIPT_SALT = "complaints.form-receipt"


@require_http_methods(["GET", "HEAD", "POST"])
@works_without_the_database
@cookieless_csrf_protection
def complaint_send(request):
    """Send: the only page that needs the database. Sending the same answers twice stores one complaint."""
    if request.method != "POST":
        return redirect(_step_url(STEP_NAMES[0]))
    try:
        state = _posted_state(request)
    except BadState:
        return _start_again(request)
    if state is None:
        return redirect(_step_url(STEP_NAMES[0]))
    missing = first_unanswered_step(state)
    if missing is not None:
        return _render_step(request, missing, _step_form(missing, state), state)
    if _rate_limited(request):
        return _render_check_answers(request, state, rate_limited=True, status=429)

    form = CheckAnswersForm(data=request.POST)
    begun = started_at(state["started"])
    too_fast = begun is not None and time.time() - begun < min_fill_seconds()
    suspected_bot = bool(state["suspected_bot"]) or form.looks_like_a_bot() or too_fast

    try:
        receipt = services.receive_complaint(incoming_message(state, suspected_bot=suspected_bot))
    except DatabaseError:
        logger.exception("Could not store a web complaint")
        return _render_check_answers(request, state, not_sent=True, status=503)
    except ValidationError as error:
        logger.warning("A web complaint failed validation after its steps passed: %s", error.messages)
        return _render_check_answers(request, state, problems=error.messages, status=400)
    contact = state["answers"].get("contact", {})
    sent = {
        "reference": receipt.reference,
        "contact": bool(contact.get("contact_email") or contact.get("contact_phone")),
    }
    receipt_token = signing.dumps(sent, salt=RECEIPT_SALT)
    return _see_other(f"{reverse('complaints:sent')}?{urlencode({'receipt': receipt_token})}")


@require_safe
@works_without_the_database
def complaint_sent(request):
    """The confirmation, by address, so that Back or reload from it never sends again."""
    try:
        sent = signing.loads(request.GET.get("receipt", ""), salt=RECEIPT_SALT)
    except signing.BadSignature:
        return redirect(reverse("complaints:start"))
    context = {
        "breadcrumbs": [HOME, ("Make a complaint", reverse("complaints:start")), ("Complaint sent", None)],
        "reference": sent["reference"],
        "gave_contact_details": sent["contact"],
        "acknowledge_within_working_days": ACKNOWLEDGE_WITHIN_WORKING_DAYS,
        "spso_name": SPSO_NAME,
        "spso_url": SPSO_URL,
    }
    return _render(request, "complaints/complaint_confirmation.html", context)
