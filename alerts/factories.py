"""Factories for the email-alert tests."""

import factory
from django.utils import timezone

from .models import Frequency, Subscriber, Subscription, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    """Every publication by default; pass category= or service= (with kind) for the others."""

    class Meta:
        model = Topic
        django_get_or_create = ("kind", "category", "service")

    kind = Topic.Kind.PUBLICATIONS
    category = None
    service = None


def category_topic(category) -> Topic:
    return TopicFactory(kind=Topic.Kind.CATEGORY, category=category)


def service_topic(service) -> Topic:
    return TopicFactory(kind=Topic.Kind.SERVICE, service=service)


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """Confirmed and straight away unless told otherwise (confirmed_at=None for an unconfirmed one)."""

    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    topic = factory.SubFactory(TopicFactory)
    frequency = Frequency.IMMEDIATELY
    confirmed_at = factory.LazyFunction(timezone.now)
