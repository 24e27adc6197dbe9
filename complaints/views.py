"""The public web form: the start page, one view for every question step, and Send.

The answers so far travel signed (form_state.py): in a hidden field on every
page, and in the address of the page each post redirects to (303, post/redirect/
get), so Back and Forward never ask to resubmit and never lose an answer. No
cookie, no session: every page but Send works with the database down. Errors are
shown as the answer to the post itself. Send hands the complaint to
complaints.services (views_send.py) and never says "sent" before the database has committed it.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views import View
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from .decorators import cookieless_csrf_protection, works_without_the_database
from .form_state import (
    STATE_FIELD,
    BadState,
    answer_summary,
    as_typed,
    dump_state,
    first_unanswered_step,
    load_state,
    load_url_token,
    new_state,
    url_token,
)
from .forms import STEP_NAMES, STEPS, CheckAnswersForm, ServiceForm
from .models import ACKNOWLEDGE_WITHIN_WORKING_DAYS
from .service_lookup import matching_services, service_label, service_number_in, service_with_number

logger = logging.getLogger(__name__)

HOME = ("Home", "/")


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
            rate=settings.COMPLAINTS_FORM_RATE,
            method="POST",
            increment=True,
        )
    except Exception:  # the cache backend's own connection errors
        logger.exception("Rate limit check failed; letting the request through")
        return False


def _step_url(step: str) -> str:
    return reverse("complaints:step", args=[step])


def _with_answers(url: str, token: str | None, *, change=False) -> str | None:
    """An address carrying the answers, or None when they cannot travel in one (form_state.url_token)."""
    if token is None:
        return None
    return f"{url}?{urlencode({**({'change': 1} if change else {}), STATE_FIELD: token})}"


def _see_other(url: str):
    response = HttpResponseRedirect(url, status=303)
    add_never_cache_headers(response)
    return response


def _state_in_address(request) -> dict | None:
    """The answers in this page's address, None if there were none; raises BadState if unusable."""
    return load_url_token(request.GET.get(STATE_FIELD, ""))


def _posted_state(request) -> dict | None:
    """The answers posted back with this page, None if there were none, BadState if unusable."""
    return load_state(request.POST.get(STATE_FIELD, ""))


@require_safe
@works_without_the_database
def complaint_start(request):
    context = {
        "breadcrumbs": [HOME, ("Make a complaint", None)],
        "first_step_url": _step_url(STEP_NAMES[0]),
        "acknowledge_within_working_days": ACKNOWLEDGE_WITHIN_WORKING_DAYS,
    }
    return _render(request, "complaints/complaint_start.html", context)


def _start_again(request):
    """The answers field could not be trusted: begin a new form, saying why."""
    state = new_state()
    form = STEPS[STEP_NAMES[0]](initial={"started": state["started"]})
    return _render_step(request, STEP_NAMES[0], form, state, start_again=True, status=400)


def _step_form(step: str, state: dict, **kwargs):
    """The form for a step, filled in with what the person answered before."""
    offered = state.get("offered", {}) if step == "service" else {}
    extra = {"offered": offered.get("choices")} if step == "service" else {}
    initial = {**as_typed(state["answers"].get(step, {})), "started": state["started"]}
    if "typed" in offered:
        # Asked "one of these?": show the text the matches were found for, not an earlier answer.
        initial["service_description"] = offered["typed"]
    return STEPS[step](initial=initial, **extra, **kwargs)


def _render_step(
    request, step, form, state, *, change=False, start_again=False, rate_limited=False, status=200
):
    index = STEP_NAMES.index(step)
    token = url_token(state) if index else None
    return _render(
        request,
        "complaints/complaint_step.html",
        {
            "form": form,
            "state": dump_state(state),
            "step_number": index + 1,
            "step_count": len(STEP_NAMES),
            "back_url": _step_url(STEP_NAMES[index - 1]) if index else None,
            "back_link": _with_answers(_step_url(STEP_NAMES[index - 1]), token) if index else None,
            "action": _step_url(step) + ("?change=1" if change else ""),
            "start_again": start_again,
            "rate_limited": rate_limited,
        },
        status=status,
    )


@method_decorator([works_without_the_database, cookieless_csrf_protection], name="dispatch")
class ComplaintStepView(View):
    """One question page; every step shares this view and its template."""

    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, *args, step, **kwargs):
        if step not in STEPS:
            raise Http404("No such step")
        self.step = step
        self.change = bool(request.GET.get("change"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        """A step, with the answers in its address; without them only the first step can be opened."""
        try:
            state = _state_in_address(request)
        except BadState:
            return _start_again(request)
        if state is None:
            if self.step != STEP_NAMES[0]:
                return redirect(_step_url(STEP_NAMES[0]))
            state = new_state()
        missing = first_unanswered_step(state)
        if missing is not None and STEP_NAMES.index(missing) < STEP_NAMES.index(self.step):
            return _see_other(_with_answers(_step_url(missing), url_token(state)) or _step_url(missing))
        form = _step_form(self.step, state)
        return _render_step(request, self.step, form, state, change=self.change)

    def post(self, request):
        try:
            state = _posted_state(request)
        except BadState:
            return _start_again(request)
        if state is None:
            if self.step != STEP_NAMES[0]:
                return _start_again(request)
            state = new_state()
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
                typed = answers["service_description"]
                state["offered"] = {"for": _comparable(typed), "choices": offered, "typed": typed}
                # The question "one of these?" is a page of its own address too: Back and Forward never resubmit.
                asked_url = _with_answers(_step_url(self.step), url_token(state), change=self.change)
                if asked_url:
                    return _see_other(asked_url)
                return _render_step(
                    request, self.step, _step_form(self.step, state), state, change=self.change
                )
            state.pop("offered", None)
        state["answers"][self.step] = answers

        next_step = first_unanswered_step(state)
        if next_step is None or self.change:
            next_url = _with_answers(reverse("complaints:check"), url_token(state))
            return _see_other(next_url) if next_url else _render_check_answers(request, state)
        next_url = _with_answers(_step_url(next_step), url_token(state))
        if next_url:
            return _see_other(next_url)
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


@require_safe
@works_without_the_database
def complaint_check(request):
    """Check your answers, reached by the redirect after the last step (or a change)."""
    try:
        state = _state_in_address(request)
    except BadState:
        return _start_again(request)
    if state is None:
        return redirect(_step_url(STEP_NAMES[0]))
    missing = first_unanswered_step(state)
    if missing is not None:
        return _see_other(_with_answers(_step_url(missing), url_token(state)) or _step_url(missing))
    return _render_check_answers(request, state)


def _render_check_answers(request, state, *, not_sent=False, rate_limited=False, problems=(), status=200):
    token = url_token(state)
    context = {
        "form": CheckAnswersForm(initial={"started": state["started"]}),
        "state": dump_state(state),
        "summary": [
            {
                **row,
                "change_url": _step_url(row["step"]) + "?change=1",
                "change_link": _with_answers(_step_url(row["step"]), token, change=True),
            }
            for row in answer_summary(state)
        ],
        "back_url": _step_url(STEP_NAMES[-1]),
        "back_link": _with_answers(_step_url(STEP_NAMES[-1]), token),
        "not_sent": not_sent,
        "rate_limited": rate_limited,
        "problems": problems,
    }
    return _render(request, "complaints/complaint_check_answers.html", context, status=status)
