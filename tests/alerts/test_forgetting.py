"""Addresses are personal data: unconfirmed ones go after 7 days, old emails after a while."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.factories import SubscriberFactory, SubscriptionFactory, TopicFactory
from alerts.models import KEEP_SENT_EMAILS, AlertEmail, Subscriber, Subscription
from alerts.subscriptions import forget_sent_emails, forget_unconfirmed, subscribe
from alerts.topics import find_topic
from complaints.models import OutboxMessage

from .helpers import alert_emails

pytestmark = pytest.mark.django_db


def test_an_address_never_confirmed_is_deleted_after_seven_days_with_its_emails():
    subscribe("late@example.org", find_topic("publications"), "daily")
    eight_days_ago = timezone.now() - timedelta(days=8)
    Subscription.objects.update(created_at=eight_days_ago)
    Subscriber.objects.update(created_at=eight_days_ago)
    fresh = SubscriptionFactory(confirmed_at=None, topic=TopicFactory())
    confirmed = SubscriptionFactory(topic=TopicFactory(), subscriber__created_at=eight_days_ago)

    call_command("send_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(Subscriber.objects.values_list("pk", flat=True)) == {
        fresh.subscriber_id,
        confirmed.subscriber_id,
    }
    assert alert_emails(to="late@example.org") == []


def test_asking_again_gives_seven_more_days():
    subscription = subscribe("jo@example.org", find_topic("publications"), "daily")
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=6))
    Subscriber.objects.update(created_at=timezone.now() - timedelta(days=6))

    subscribe("jo@example.org", find_topic("publications"), "daily")

    assert forget_unconfirmed(now=timezone.now() + timedelta(days=2)) == 0
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_an_address_left_with_nothing_is_deleted():
    SubscriberFactory(created_at=timezone.now() - timedelta(days=30))

    assert forget_unconfirmed() == 1
    assert not Subscriber.objects.exists()


def test_sent_alert_emails_are_forgotten_after_a_while_but_not_those_waiting():
    subscribe("jo@example.org", find_topic("publications"), "daily")
    subscribe("al@example.org", find_topic("publications"), "daily")
    sent, waiting = AlertEmail.objects.order_by("pk")
    OutboxMessage.objects.filter(pk=sent.outbox_id).update(status=OutboxMessage.State.SENT)
    AlertEmail.objects.update(created_at=timezone.now() - KEEP_SENT_EMAILS - timedelta(days=1))

    assert forget_sent_emails() == 1

    assert list(AlertEmail.objects.all()) == [waiting]
    assert [email.to for email in alert_emails()] == ["al@example.org"]
