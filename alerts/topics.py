"""Topic keys: how a subscribe link names what to follow, and the topic it stands for.

"publications" (every publication), "category:<path>" (a category and its
subcategories), "service:<service number>". They appear in links on other apps'
pages and in confirmation links, so they never change shape.
"""

from django.db import IntegrityError, transaction

from publications.models import Category
from services_registry.models import SERVICE_NUMBER, CareService

from .models import Topic

PUBLICATIONS = "publications"


def find_topic(key: str) -> Topic | None:
    """The topic a key names: saved if someone followed it before, unsaved if not, None if the
    key names nothing on the site."""
    key = (key or "").strip()
    if key == PUBLICATIONS:
        return Topic.objects.filter(kind=Topic.Kind.PUBLICATIONS).first() or Topic(
            kind=Topic.Kind.PUBLICATIONS
        )
    kind, _, value = key.partition(":")
    if kind == Topic.Kind.CATEGORY and value:
        category = Category.objects.filter(path=value).first()
        if category is None:
            return None
        return Topic.objects.filter(category=category).select_related("category").first() or Topic(
            kind=Topic.Kind.CATEGORY, category=category
        )
    if kind == Topic.Kind.SERVICE and SERVICE_NUMBER.regex.match(value):
        service = CareService.objects.filter(service_number=value).first()
        if service is None:
            return None
        return Topic.objects.filter(service=service).select_related("service").first() or Topic(
            kind=Topic.Kind.SERVICE, service=service
        )
    return None


def saved(topic: Topic) -> Topic:
    """The topic, stored if it was not yet; someone saving the same one at the same moment is fine."""
    if topic.pk:
        return topic
    try:
        with transaction.atomic():
            topic.save()
            return topic
    except IntegrityError:
        if topic.kind == Topic.Kind.PUBLICATIONS:
            return Topic.objects.get(kind=topic.kind)
        if topic.kind == Topic.Kind.CATEGORY:
            return Topic.objects.get(category=topic.category)
        return Topic.objects.get(service=topic.service)
