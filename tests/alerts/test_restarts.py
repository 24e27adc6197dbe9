"""Nothing is sent twice: not when a worker dies mid-round, not when two run at once."""

import os
import threading

import pytest
from django.core import mail
from django.db import connection, connections

from alerts import emails
from alerts.announcements import announce_changes
from alerts.factories import SubscriptionFactory, category_topic
from alerts.models import Announcement, Frequency
from alerts.sending import send_digests
from complaints import notifier
from complaints.models import OutboxMessage
from publications.factories import CategoryFactory, PublicationFactory

from .helpers import alert_emails, deliver, major_change

WORKERS = 8


class Killed(BaseException):
    """The process dying: not an error any code catches."""


def dies_on_call(real, number):
    calls = {"count": 0}

    def wrapper(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == number:
            raise Killed
        return real(*args, **kwargs)

    return wrapper


@pytest.mark.django_db
def test_a_round_killed_while_queueing_leaves_nothing_and_the_next_sends_each_once(
    publication, adults, monkeypatch
):
    announce_changes()
    SubscriptionFactory.create_batch(3, topic=category_topic(adults))
    major_change(publication)
    monkeypatch.setattr(emails, "render_to_string", dies_on_call(emails.render_to_string, 2))

    with pytest.raises(Killed):
        announce_changes()

    assert alert_emails() == [] and not Announcement.objects.filter(first_run=False).exists()
    monkeypatch.undo()
    announce_changes()
    announce_changes()
    assert len({email.to for email in alert_emails()}) == len(alert_emails()) == 3


@pytest.mark.django_db
def test_an_outbox_worker_killed_mid_batch_does_not_send_again_what_it_sent(publication, adults, monkeypatch):
    announce_changes()
    SubscriptionFactory.create_batch(3, topic=category_topic(adults))
    major_change(publication)
    announce_changes()
    monkeypatch.setattr(notifier, "_send", dies_on_call(notifier._send, 3))

    with pytest.raises(Killed):
        notifier.send_due_messages()

    assert len(mail.outbox) == 2
    assert len(alert_emails(status=OutboxMessage.State.SENT)) == 2
    monkeypatch.undo()
    deliver()
    assert sorted(email.to[0] for email in mail.outbox) == sorted(email.to for email in alert_emails())


@pytest.mark.django_db
def test_a_summary_run_killed_halfway_sends_each_summary_once(adults, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    yesterday = timezone.now() - timedelta(days=1)
    announce_changes(now=yesterday - timedelta(days=1))
    publication = PublicationFactory(categories=[adults], published_at=yesterday - timedelta(days=2))
    SubscriptionFactory.create_batch(
        3, topic=category_topic(adults), frequency=Frequency.DAILY, confirmed_at=yesterday - timedelta(days=2)
    )
    major_change(publication)
    announce_changes(now=yesterday.replace(hour=12))
    monkeypatch.setattr(emails, "render_to_string", dies_on_call(emails.render_to_string, 2))

    with pytest.raises(Killed):
        send_digests(Frequency.DAILY)

    assert alert_emails() == []
    monkeypatch.undo()
    assert send_digests(Frequency.DAILY) == 3
    assert send_digests(Frequency.DAILY) == 0


@pytest.fixture
def needs_postgres():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs on PostgreSQL: set DATABASE_URL", pytrace=False)
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def at_once(work):
    start = threading.Barrier(WORKERS)
    errors = []

    def one():
        try:
            start.wait()
            work()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_running_at_once_queue_each_email_once(needs_postgres):
    adults = CategoryFactory(name="Adults", slug="adults")
    publication = PublicationFactory(categories=[adults])
    announce_changes()
    SubscriptionFactory.create_batch(5, topic=category_topic(adults))
    major_change(publication)

    at_once(announce_changes)

    assert len(alert_emails()) == 5
    assert len({email.to for email in alert_emails()}) == 5
    at_once(lambda: notifier.send_due_messages(batch_size=2))
    deliver()
    assert len(mail.outbox) == 5
