"""The public pages of email alerts: subscribe, check your email, confirm, manage, stop all.

No account, no cookie: the confirm link carries a signed, dated token; the manage
and stop-all links carry the subscriber's random token, the only key to them.
Pages with a token in their address are never cached, send no Referer, and are
not indexed. Forms work without JavaScript and, like the complaint form, without
a CSRF cookie (public pages set none): a post from another site is refused by what
the browser says about it, and the one-click unsubscribe (RFC 8058), posted by
mail providers' servers, needs only its token.
"""

import logging
import re

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from complaints.decorators import cookieless_csrf_protection

from . import subscriptions
from .emails import frequency_words
from .forms import FrequencyForm, SubscribeForm
from .models import CONFIRM_WITHIN, Subscriber, Subscription, normalise_email
from .subscriptions import Confirmed, LinkState
from .topics import find_topic

logger = logging.getLogger(__name__)

HOME = ("Home", "/")
# Subscribe posts per visitor, and emails to one address, however many visitors ask for it.
SUBSCRIBE_RATE = "20/h"
EMAILS_PER_ADDRESS_RATE = "5/h"


def _private(response):
    """A page whose address is a key: kept by no cache, named to no other site, indexed by no engine."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _page(request, template, context, status=200):
    return _private(render(request, template, context, status=status))


def _see_other(url):
    return _private(HttpResponseRedirect(url, status=303))


def _limited(request, group, rate, key="ip") -> bool:
    """Fails open, as the complaint form does: a cache outage must not stop people subscribing."""
    try:
        return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)
    except Exception:  # the cache backend's own connection errors
        logger.exception("Rate limit check failed; letting the request through")
        return False


def subscribe_url(topic_key: str) -> str:
    return f"{reverse('alerts:subscribe')}?{urlencode({'topic': topic_key})}"


def _topic_or_404(request):
    topic = find_topic(request.GET.get("topic", ""))
    if topic is None:
        raise Http404("No such topic")
    return topic


@require_http_methods(["GET", "HEAD", "POST"])
@cookieless_csrf_protection
def subscribe(request):
    topic = _topic_or_404(request)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {
        "topic": topic,
        "form": form,
        "action": subscribe_url(topic.key),
        "confirm_days": CONFIRM_WITHIN.days,
        "breadcrumbs": [HOME, (topic.title, topic.get_absolute_url()), ("Get emails", None)],
    }
    if request.method != "POST":
        return _page(request, "alerts/subscribe.html", context)
    if _limited(request, "alerts-subscribe", SUBSCRIBE_RATE):
        return _page(request, "alerts/subscribe.html", {**context, "rate_limited": True}, status=429)
    if not form.is_valid():
        return _page(request, "alerts/subscribe.html", context, status=400)
    email = normalise_email(form.cleaned_data["email"])
    # Past the limit nothing is sent, but the page says the same: it never reveals an address's state.
    flooded = _limited(request, "alerts-address", EMAILS_PER_ADDRESS_RATE, key=lambda group, request: email)
    subscriptions.subscribe(email, topic, form.cleaned_data["frequency"], send_email=not flooded)
    return _see_other(f"{reverse('alerts:check_email')}?{urlencode({'topic': topic.key})}")


@require_safe
def check_email(request):
    topic = _topic_or_404(request)
    context = {
        "topic": topic,
        "again_url": subscribe_url(topic.key),
        "confirm_days": CONFIRM_WITHIN.days,
        "breadcrumbs": [HOME, (topic.title, topic.get_absolute_url()), ("Check your email", None)],
    }
    return _page(request, "alerts/check_email.html", context)


def _link_problem(request, problem, *, topic_key="", status=400):
    topic = find_topic(topic_key) if topic_key else None
    context = {
        "problem": problem,
        "again_url": subscribe_url(topic.key) if topic else subscribe_url("publications"),
        "topic": topic,
        "confirm_days": CONFIRM_WITHIN.days,
        "breadcrumbs": [HOME, ("Email alerts", None)],
    }
    return _page(request, "alerts/link_problem.html", context, status=status)


def _confirmed_page(request, subscription, *, already):
    context = {
        "subscription": subscription,
        "frequency": frequency_words(subscription.frequency).lower(),
        "already": already,
        "manage_url": subscription.subscriber.manage_path(),
        "breadcrumbs": [HOME, ("Email alerts", None)],
    }
    return _page(request, "alerts/confirmed.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@cookieless_csrf_protection
def confirm(request, token):
    """GET shows a button, POST confirms: a mail scanner opening the link confirms nothing."""
    link = subscriptions.read_confirmation_token(token)
    if link.state == LinkState.FORGED:
        return _link_problem(request, "forged")
    if link.state == LinkState.EXPIRED:
        return _link_problem(request, "expired", topic_key=link.topic_key)
    if request.method == "POST":
        outcome, subscription = subscriptions.confirm(link.subscription_id)
    else:
        subscription = (
            Subscription.objects.select_related("subscriber", "topic__category", "topic__service")
            .filter(pk=link.subscription_id)
            .first()
        )
        outcome = Confirmed.ALREADY if subscription and subscription.is_confirmed else None
    if subscription is None:
        return _link_problem(request, "gone", topic_key=link.topic_key, status=404)
    if outcome is not None:
        return _confirmed_page(request, subscription, already=outcome == Confirmed.ALREADY)
    context = {
        "subscription": subscription,
        "frequency": frequency_words(subscription.frequency).lower(),
        "breadcrumbs": [HOME, ("Email alerts", None)],
    }
    return _page(request, "alerts/confirm.html", context)


def _subscriber_or_none(token):
    return Subscriber.objects.filter(token=token).first() if token else None


SUBSCRIPTION_ID = re.compile(r"[0-9]{1,18}")


@require_http_methods(["GET", "HEAD", "POST"])
@cookieless_csrf_protection
def manage(request, token):
    subscriber = _subscriber_or_none(token)
    if subscriber is None:
        return _link_problem(request, "gone", status=404)
    manage_path = subscriber.manage_path()
    invalid = None
    if request.method == "POST":
        subscription_id = request.POST.get("subscription", "")
        action = request.POST.get("action")
        # ASCII digits only: "²".isdigit() is true, and int() refuses it.
        if not SUBSCRIPTION_ID.fullmatch(subscription_id) or action not in ("frequency", "remove"):
            return _see_other(manage_path)
        if action == "remove":
            removed = subscriptions.remove(subscriber, int(subscription_id))
            done = {"removed": removed.topic.key} if removed else {}
            return _see_other(f"{manage_path}?{urlencode(done)}" if done else manage_path)
        form = FrequencyForm(request.POST, prefix=f"s{subscription_id}")
        if form.is_valid():
            changed = subscriptions.change_frequency(
                subscriber, int(subscription_id), form.cleaned_data["frequency"]
            )
            return _see_other(
                f"{manage_path}?{urlencode({'changed': changed.pk})}" if changed else manage_path
            )
        invalid = (int(subscription_id), form)
    items = []
    for subscription in subscriptions.subscriptions_of(subscriber):
        if invalid and invalid[0] == subscription.pk:
            form = invalid[1]
        else:
            form = FrequencyForm(prefix=f"s{subscription.pk}", initial={"frequency": subscription.frequency})
        items.append({"subscription": subscription, "form": form})
    removed_topic = find_topic(request.GET["removed"]) if request.GET.get("removed") else None
    changed_id = request.GET.get("changed", "")
    changed = next(
        (item["subscription"] for item in items if str(item["subscription"].pk) == changed_id), None
    )
    context = {
        "items": items,
        "invalid_form": invalid[1] if invalid else None,
        "changed": changed,
        "changed_frequency": frequency_words(changed.frequency).lower() if changed else "",
        "removed_topic": removed_topic,
        "stop_url": subscriber.unsubscribe_path(),
        "breadcrumbs": [HOME, ("Your email alerts", None)],
    }
    return _page(request, "alerts/manage.html", context, status=400 if invalid else 200)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """Stop all: GET asks, POST stops. Mail apps post ``List-Unsubscribe=One-Click`` here (RFC 8058)
    from their own servers, with no cookie or CSRF token: the random token is the authority."""
    subscriber = _subscriber_or_none(token)
    if subscriber is None:
        return _link_problem(request, "gone", status=404)
    context = {"breadcrumbs": [HOME, ("Stop all email alerts", None)]}
    if request.method == "POST":
        subscriptions.stop_all(subscriber)
        return _page(request, "alerts/unsubscribed.html", context)
    context["manage_url"] = subscriber.manage_path()
    return _page(request, "alerts/unsubscribe.html", context)
