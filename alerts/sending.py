"""Queueing alert emails in the outbox: one per subscriber for each change, or a daily or weekly summary.

Both cost a fixed number of queries per CHUNK subscribers, however many there are.

- queue_change_emails() runs inside the transaction that records the announcement
  (alerts.announcements), so the emails exist exactly when the announcement does.
- send_digests() queues at most one summary per subscriber per day or ISO week:
  AlertEmail's unique (subscriber, frequency, period) refuses a second, and each
  chunk's summaries, emails and "summarised until" marks commit together, so a run
  stopped halfway, run twice, or run by two machines at once sends each summary once.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import islice

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from complaints.models import OutboxMessage

from . import emails
from .models import (
    AlertEmail,
    Announcement,
    AnnouncementTopic,
    Frequency,
    Subscriber,
    Subscription,
    Topic,
)

CHUNK = 500
# A summary lists the changes since the subscriber's last one, but never from further back than
# this: after weeks without the cron job, nobody gets an email listing everything.
LOOKBACK = {Frequency.DAILY: timedelta(days=8), Frequency.WEEKLY: timedelta(days=36)}


def _chunks(items, size=CHUNK):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _topic_titles(topic_ids) -> dict[int, str]:
    topics = Topic.objects.filter(pk__in=set(topic_ids)).select_related("category", "service")
    return {topic.pk: topic.title for topic in topics}


def _queue(messages: list[OutboxMessage], records: list[AlertEmail]) -> None:
    """Store the emails, then the records that point at them (bulk: two queries a chunk)."""
    OutboxMessage.objects.bulk_create(messages)
    for record, message in zip(records, messages, strict=True):
        record.outbox = message
    AlertEmail.objects.bulk_create(records)


def queue_change_emails(announcement: Announcement, topic_ids: list[int]) -> int:
    """One email to each confirmed subscriber who wants this straight away, however many of
    their topics it touches. Call inside the announcement's transaction."""
    recipients: dict[int, tuple[Subscriber, list[int]]] = {}
    rows = (
        Subscription.objects.confirmed()
        .filter(topic_id__in=topic_ids, frequency=Frequency.IMMEDIATELY)
        .order_by("subscriber_id", "topic_id")
        .values_list("subscriber_id", "subscriber__email", "subscriber__token", "topic_id")
    )
    for subscriber_id, email, token, topic_id in rows:
        subscriber = Subscriber(pk=subscriber_id, email=email, token=token)
        recipients.setdefault(subscriber_id, (subscriber, []))[1].append(topic_id)
    if not recipients:
        return 0
    titles = _topic_titles(topic_ids)
    for chunk in _chunks(recipients.values()):
        messages = [
            emails.change_email(announcement, subscriber, [titles[topic_id] for topic_id in followed])
            for subscriber, followed in chunk
        ]
        records = [
            AlertEmail(
                subscriber=subscriber,
                kind=AlertEmail.Kind.CHANGE,
                announcement=announcement,
                created_at=announcement.created_at,
            )
            for subscriber, _ in chunk
        ]
        _queue(messages, records)
    return len(recipients)


@dataclass(frozen=True)
class Period:
    """The day or week a summary covers: it ends at local midnight, its key names it."""

    frequency: str
    key: str
    ends_at: datetime
    words: str


def _midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def latest_period(frequency: str, now=None) -> Period:
    """The last whole day (daily) or Monday-to-Sunday week (weekly) before now, in local time."""
    today = timezone.localdate(now or timezone.now())
    if frequency == Frequency.DAILY:
        day = today - timedelta(days=1)
        return Period(frequency, day.isoformat(), _midnight(today), f"on {date_format(day, 'j F Y')}")
    monday = today - timedelta(days=today.weekday())
    first, last = monday - timedelta(days=7), monday - timedelta(days=1)
    year, week, _ = last.isocalendar()
    words = f"in the week {date_format(first, 'j F')} to {date_format(last, 'j F Y')}"
    return Period(frequency, f"{year}-W{week:02d}", _midnight(monday), words)


def send_digests(frequency: str, now=None) -> int:
    """Queue this period's summary for each subscriber with something new to hear; return how many."""
    period = latest_period(frequency, now)
    subscriptions = list(
        Subscription.objects.confirmed()
        .filter(frequency=frequency)
        .values_list("subscriber_id", "topic_id", "confirmed_at", "digested_until")
    )
    if not subscriptions:
        return 0
    recent = defaultdict(list)  # topic → [(announcement, when)]
    for topic_id, announcement_id, created_at in AnnouncementTopic.objects.filter(
        announcement__created_at__gt=period.ends_at - LOOKBACK[frequency],
        announcement__created_at__lte=period.ends_at,
    ).values_list("topic_id", "announcement_id", "announcement__created_at"):
        recent[topic_id].append((announcement_id, created_at))
    done = set(
        AlertEmail.objects.filter(
            kind=AlertEmail.Kind.DIGEST, frequency=frequency, period=period.key
        ).values_list("subscriber_id", flat=True)
    )
    wanted: dict[int, set[int]] = defaultdict(set)
    followed: dict[int, list[int]] = defaultdict(list)
    for subscriber_id, topic_id, confirmed_at, digested_until in subscriptions:
        if subscriber_id in done:
            continue
        followed[subscriber_id].append(topic_id)
        since = max(confirmed_at, digested_until or confirmed_at)
        wanted[subscriber_id].update(pk for pk, created_at in recent[topic_id] if created_at > since)
    wanted = {subscriber_id: found for subscriber_id, found in wanted.items() if found}
    if not wanted:
        return 0
    announcements = Announcement.objects.in_bulk(set().union(*wanted.values()))
    titles = _topic_titles(topic_id for subscriber_id in wanted for topic_id in followed[subscriber_id])
    queued = 0
    for chunk in _chunks(sorted(wanted)):
        queued += _queue_digest_chunk(period, chunk, wanted, followed, announcements, titles)
    return queued


def _queue_digest_chunk(period, subscriber_ids, wanted, followed, announcements, titles) -> int:
    # What went to them straight away (they may follow it twice, at two frequencies) is not repeated.
    already = set(
        AlertEmail.objects.filter(
            kind=AlertEmail.Kind.CHANGE,
            subscriber_id__in=subscriber_ids,
            announcement_id__in=set().union(*(wanted[pk] for pk in subscriber_ids)),
        ).values_list("subscriber_id", "announcement_id")
    )
    subscribers = Subscriber.objects.in_bulk(subscriber_ids)
    messages, records = [], []
    for subscriber_id in subscriber_ids:
        items = sorted(
            (
                announcements[pk]
                for pk in wanted[subscriber_id]
                if pk in announcements and (subscriber_id, pk) not in already
            ),
            key=lambda item: (item.created_at, item.pk),
        )
        subscriber = subscribers.get(subscriber_id)
        if not items or subscriber is None:
            continue
        messages.append(
            emails.digest_email(
                subscriber,
                frequency=period.frequency,
                period=period.key,
                period_words=period.words,
                announcements=items,
                topic_titles=[titles[topic_id] for topic_id in followed[subscriber_id]],
            )
        )
        records.append(
            AlertEmail(
                subscriber=subscriber,
                kind=AlertEmail.Kind.DIGEST,
                frequency=period.frequency,
                period=period.key,
            )
        )
    if not records:
        return 0
    try:
        with transaction.atomic():
            _queue(messages, records)
            Subscription.objects.confirmed().filter(
                subscriber_id__in=[record.subscriber_id for record in records], frequency=period.frequency
            ).update(digested_until=period.ends_at)
    except IntegrityError:
        # Another run queued (some of) these summaries meanwhile: it sends them, this one sends none.
        return 0
    return len(records)
