"""Daily and weekly summaries: one email listing the period's changes, never two for one period."""

import datetime
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.announcements import announce_changes
from alerts.factories import SubscriptionFactory, category_topic
from alerts.models import AlertEmail, Frequency
from alerts.sending import latest_period, send_digests
from publications.factories import PublicationFactory

from .helpers import alert_emails, major_change

pytestmark = pytest.mark.django_db

# A Wednesday, at 7 in the morning in Scotland.
WEDNESDAY = timezone.make_aware(datetime.datetime(2025, 6, 4, 7, 0))
TUESDAY_NOON = WEDNESDAY - timedelta(hours=19)
LAST_MONTH = WEDNESDAY - timedelta(days=30)


@pytest.fixture
def live_since_last_month(adults):
    announce_changes(now=LAST_MONTH)  # alerts began then
    return [
        PublicationFactory(title=f"Guide {n}", categories=[adults], published_at=LAST_MONTH) for n in range(3)
    ]


def test_the_periods_are_the_last_whole_day_and_week():
    daily = latest_period(Frequency.DAILY, WEDNESDAY)
    weekly = latest_period(Frequency.WEEKLY, WEDNESDAY)

    assert daily.key == "2025-06-03" and daily.words == "on 3 June 2025"
    assert daily.ends_at == timezone.make_aware(datetime.datetime(2025, 6, 4))
    assert weekly.key == "2025-W22" and weekly.words == "in the week 26 May to 1 June 2025"
    assert weekly.ends_at == timezone.make_aware(datetime.datetime(2025, 6, 2))


def test_a_daily_summary_lists_the_days_changes_in_one_email_once(adults, live_since_last_month):
    daily = SubscriptionFactory(
        topic=category_topic(adults), frequency=Frequency.DAILY, confirmed_at=LAST_MONTH
    )
    for number, publication in enumerate(live_since_last_month):
        major_change(publication, f"Change number {number}.")
        announce_changes(now=TUESDAY_NOON + timedelta(minutes=number))

    assert send_digests(Frequency.DAILY, now=WEDNESDAY) == 1
    assert send_digests(Frequency.DAILY, now=WEDNESDAY + timedelta(hours=1)) == 0

    [email] = alert_emails()
    assert email.to == daily.subscriber.email
    assert email.subject == "Your daily email alert: 3 changes on 3 June 2025"
    for number in range(3):
        assert f"Change number {number}." in email.body
    assert email.body.index("Guide 0") < email.body.index("Guide 2")
    assert "List-Unsubscribe" in email.headers


def test_the_next_summary_lists_only_what_came_after(adults, live_since_last_month):
    SubscriptionFactory(topic=category_topic(adults), frequency=Frequency.DAILY, confirmed_at=LAST_MONTH)
    first, second, _ = live_since_last_month
    major_change(first, "Before.")
    announce_changes(now=TUESDAY_NOON)
    send_digests(Frequency.DAILY, now=WEDNESDAY)
    major_change(second, "After.")
    announce_changes(now=WEDNESDAY + timedelta(hours=3))

    assert send_digests(Frequency.DAILY, now=WEDNESDAY + timedelta(days=1)) == 1

    latest = alert_emails()[-1]
    assert "After." in latest.body and "Before." not in latest.body


def test_nothing_new_sends_no_summary(adults, live_since_last_month):
    SubscriptionFactory(topic=category_topic(adults), frequency=Frequency.DAILY, confirmed_at=LAST_MONTH)

    assert send_digests(Frequency.DAILY, now=WEDNESDAY) == 0
    assert alert_emails() == []


def test_a_weekly_summary_goes_once_a_week(adults, live_since_last_month):
    SubscriptionFactory(topic=category_topic(adults), frequency=Frequency.WEEKLY, confirmed_at=LAST_MONTH)
    major_change(live_since_last_month[0])
    announce_changes(now=WEDNESDAY - timedelta(days=5))  # Friday of the week before

    call_command("send_alert_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115 - today: last week is long gone
    assert send_digests(Frequency.WEEKLY, now=WEDNESDAY) == 1
    assert send_digests(Frequency.WEEKLY, now=WEDNESDAY + timedelta(days=2)) == 0

    [email] = alert_emails()
    assert email.subject == "Your weekly email alert: 1 change in the week 26 May to 1 June 2025"


def test_what_went_straight_away_is_not_repeated_in_the_summary(adults, guidance, live_since_last_month):
    straight_away = SubscriptionFactory(topic=category_topic(adults), confirmed_at=LAST_MONTH)
    SubscriptionFactory(
        subscriber=straight_away.subscriber,
        topic=category_topic(guidance),
        frequency=Frequency.DAILY,
        confirmed_at=LAST_MONTH,
    )
    major_change(live_since_last_month[0])
    announce_changes(now=TUESDAY_NOON)

    assert send_digests(Frequency.DAILY, now=WEDNESDAY) == 0
    assert [email.subject for email in alert_emails()] == ["Updated: Guide 0"]


def test_changes_before_confirming_are_not_in_the_summary(adults, live_since_last_month):
    major_change(live_since_last_month[0])
    announce_changes(now=TUESDAY_NOON)
    SubscriptionFactory(
        topic=category_topic(adults),
        frequency=Frequency.DAILY,
        confirmed_at=TUESDAY_NOON + timedelta(hours=1),
    )

    assert send_digests(Frequency.DAILY, now=WEDNESDAY) == 0


def test_summaries_cost_a_few_queries_however_many_subscribers(
    adults, live_since_last_month, django_assert_max_num_queries
):
    topic = category_topic(adults)
    SubscriptionFactory.create_batch(3, topic=topic, frequency=Frequency.DAILY, confirmed_at=LAST_MONTH)
    major_change(live_since_last_month[0])
    announce_changes(now=TUESDAY_NOON)
    with django_assert_max_num_queries(20) as few:
        send_digests(Frequency.DAILY, now=WEDNESDAY)

    SubscriptionFactory.create_batch(200, topic=topic, frequency=Frequency.DAILY, confirmed_at=LAST_MONTH)
    major_change(live_since_last_month[1])
    announce_changes(now=WEDNESDAY + timedelta(hours=2))
    with django_assert_max_num_queries(len(few.captured_queries) + 6):
        send_digests(Frequency.DAILY, now=WEDNESDAY + timedelta(days=1))

    assert AlertEmail.objects.filter(kind=AlertEmail.Kind.DIGEST).count() == 3 + 203
