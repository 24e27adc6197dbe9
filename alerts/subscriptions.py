"""Subscribing, confirming, changing and stopping: what the public pages do, and the clean-up.

Nothing here tells a caller whether an address was subscribed before: subscribe()
always emails the address (a link to confirm, or, if already confirmed, a link to
manage) and the page always says "check your email".
"""

from dataclasses import dataclass
from enum import Enum

from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from complaints.models import OutboxMessage

from . import emails
from .models import (
    CONFIRM_WITHIN,
    KEEP_SENT_EMAILS,
    AlertEmail,
    Subscriber,
    Subscription,
    Topic,
    normalise_email,
)
from .topics import saved

CONFIRM_SALT = "alerts.confirm"


def confirmation_token(subscription: Subscription) -> str:
    """Signed and dated: forged or altered, it fails; older than CONFIRM_WITHIN, it has expired.

    It carries the topic's key, so an expired link can still offer to subscribe again.
    """
    return signing.dumps({"s": subscription.pk, "t": subscription.topic.key}, salt=CONFIRM_SALT)


class LinkState(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    FORGED = "forged"


@dataclass(frozen=True)
class ConfirmationLink:
    state: LinkState
    subscription_id: int | None = None
    topic_key: str = ""


def read_confirmation_token(token: str) -> ConfirmationLink:
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_WITHIN)
        state = LinkState.VALID
    except signing.SignatureExpired:
        payload = signing.loads(token, salt=CONFIRM_SALT)  # genuine, only too old
        state = LinkState.EXPIRED
    except signing.BadSignature:
        return ConfirmationLink(LinkState.FORGED)
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        return ConfirmationLink(LinkState.FORGED)
    return ConfirmationLink(state, payload["s"], str(payload.get("t") or ""))


def _queue(subscriber: Subscriber, kind: str, message: OutboxMessage) -> None:
    message.save()
    AlertEmail.objects.create(subscriber=subscriber, kind=kind, outbox=message)


@transaction.atomic
def subscribe(email: str, topic: Topic, frequency: str, *, send_email: bool = True) -> Subscription:
    """Record the wish (never twice for one address and topic) and email the address about it.

    Asked again before confirming, the link is sent again, with the frequency now chosen.
    Asked again once confirmed, nothing changes: the address is told it already has them.
    """
    now = timezone.now()
    topic = saved(topic)
    subscriber, _ = Subscriber.objects.get_or_create(email=normalise_email(email))
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        subscriber=subscriber, topic=topic, defaults={"frequency": frequency, "created_at": now}
    )
    if not created and not subscription.is_confirmed:
        # The new link works for CONFIRM_WITHIN, and the address is kept as long.
        subscription.frequency, subscription.created_at = frequency, now
        subscription.save(update_fields=["frequency", "created_at"])
    if send_email:
        if subscription.is_confirmed:
            _queue(
                subscriber, AlertEmail.Kind.ALREADY_SUBSCRIBED, emails.already_subscribed_email(subscription)
            )
        else:
            message = emails.confirmation_email(subscription, confirmation_token(subscription))
            _queue(subscriber, AlertEmail.Kind.CONFIRMATION, message)
    return subscription


class Confirmed(Enum):
    NOW = "now"
    ALREADY = "already"
    GONE = "gone"


def confirm(subscription_id: int) -> tuple[Confirmed, Subscription | None]:
    """Confirm the subscription a valid link names; a second click changes nothing."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(of=("self",))
            .select_related("subscriber", "topic__category", "topic__service")
            .filter(pk=subscription_id)
            .first()
        )
        if subscription is None:
            return Confirmed.GONE, None
        if subscription.is_confirmed:
            return Confirmed.ALREADY, subscription
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        return Confirmed.NOW, subscription


def subscriptions_of(subscriber: Subscriber):
    """What the manage page lists: confirmed subscriptions, with what they follow, in one query."""
    return (
        subscriber.subscriptions.confirmed()
        .select_related("topic__category", "topic__service")
        .order_by("created_at", "pk")
    )


def change_frequency(subscriber: Subscriber, subscription_id, frequency: str) -> Subscription | None:
    subscription = subscriptions_of(subscriber).filter(pk=subscription_id).first()
    if subscription is not None and subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    return subscription


def remove(subscriber: Subscriber, subscription_id) -> Subscription | None:
    """Stop one subscription of this subscriber's (never another's: the lookup is through them)."""
    subscription = subscriptions_of(subscriber).filter(pk=subscription_id).first()
    if subscription is not None:
        subscription.delete()
    return subscription


def forget_subscribers(subscribers) -> None:
    """Delete the subscribers, with the outbox emails to them: those not sent yet never go."""
    outbox_ids = AlertEmail.objects.filter(subscriber__in=subscribers, outbox__isnull=False).values(
        "outbox_id"
    )
    OutboxMessage.objects.filter(pk__in=outbox_ids).delete()
    subscribers.delete()


@transaction.atomic
def stop_all(subscriber: Subscriber) -> None:
    """Every subscription ends and the address is deleted, with what was waiting to be sent to it."""
    forget_subscribers(Subscriber.objects.filter(pk=subscriber.pk))


def forget_unconfirmed(now=None) -> int:
    """Delete subscriptions never confirmed within CONFIRM_WITHIN, then addresses left with none.

    Returns how many addresses were deleted.
    """
    cutoff = (now or timezone.now()) - CONFIRM_WITHIN
    with transaction.atomic():
        Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
        lonely = Subscriber.objects.filter(created_at__lt=cutoff).exclude(
            Exists(Subscription.objects.filter(subscriber=OuterRef("pk")))
        )
        count = lonely.count()
        if count:
            forget_subscribers(lonely)
    return count


def forget_sent_emails(now=None) -> int:
    """Forget alert emails (the outbox's copies too) older than KEEP_SENT_EMAILS, unless still waiting."""
    cutoff = (now or timezone.now()) - KEEP_SENT_EMAILS
    with transaction.atomic():
        old = list(
            AlertEmail.objects.filter(created_at__lt=cutoff)
            .exclude(outbox__status=OutboxMessage.State.PENDING)
            .values_list("pk", "outbox_id")
        )
        OutboxMessage.objects.filter(pk__in=[outbox_id for _, outbox_id in old if outbox_id]).delete()
        AlertEmail.objects.filter(pk__in=[pk for pk, _ in old]).delete()
    return len(old)
