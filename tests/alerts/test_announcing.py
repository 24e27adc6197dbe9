"""The alerts worker: what a subscriber is emailed about, once, and what they are not."""

import datetime
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.announcements import announce_changes
from alerts.factories import SubscriptionFactory, TopicFactory, category_topic, service_topic
from alerts.models import AlertEmail, Announcement, Frequency
from publications.factories import CategoryFactory, ChangeNoteFactory, PublicationFactory
from publications.models import Publication
from services_registry.factories import CareServiceFactory, GradeHistoryFactory, InspectionReportFactory
from services_registry.models import CareService

from .helpers import alert_emails, major_change, words

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def alerts_already_running(db):
    """Alerts began before each test's changes (the first round records where they begin)."""
    announce_changes()


def test_a_major_change_in_a_followed_category_emails_its_subscriber_once(publication, adults):
    subscription = SubscriptionFactory(topic=category_topic(adults), subscriber__email="jo@example.org")
    major_change(publication, "We added a section on medicines.")

    assert announce_changes() == 1

    [email] = alert_emails()
    assert email.to == "jo@example.org"
    assert email.subject == "Updated: Keeping well at home"
    assert "We added a section on medicines." in email.body
    assert "http://127.0.0.1:8000/publications/keeping-well/" in email.body
    assert f"http://127.0.0.1:8000/email-alerts/manage/{subscription.subscriber.token}/" in email.body
    assert f"http://127.0.0.1:8000/email-alerts/unsubscribe/{subscription.subscriber.token}/" in email.body
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_running_the_worker_again_sends_nothing_more(publication, adults):
    SubscriptionFactory(topic=category_topic(adults))
    major_change(publication)

    call_command("send_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(alert_emails()) == 1
    assert Announcement.objects.filter(first_run=False).count() == 1


def test_a_parent_category_and_every_publication_reach_a_change_in_a_subcategory(publication, guidance):
    parent = SubscriptionFactory(topic=category_topic(guidance))
    everything = SubscriptionFactory(topic=TopicFactory())
    elsewhere = SubscriptionFactory(topic=category_topic(CategoryFactory(name="Reports", slug="reports")))
    major_change(publication)

    announce_changes()

    assert {email.to for email in alert_emails()} == {parent.subscriber.email, everything.subscriber.email}
    assert not alert_emails(to=elsewhere.subscriber.email)


def test_someone_following_it_twice_gets_one_email(publication, adults, guidance):
    first = SubscriptionFactory(topic=category_topic(adults))
    SubscriptionFactory(topic=category_topic(guidance), subscriber=first.subscriber)
    major_change(publication)

    announce_changes()

    [email] = alert_emails()
    assert "Publications in Adults" in email.body and "Publications in Guidance" in email.body


def test_a_minor_change_emails_nobody(publication, adults):
    SubscriptionFactory(topic=category_topic(adults))
    ChangeNoteFactory(publication=publication, text="Fixed a typing error.")

    assert announce_changes() == 0
    assert alert_emails() == []


def test_unconfirmed_and_digest_subscribers_get_no_immediate_email(publication, adults):
    topic = category_topic(adults)
    SubscriptionFactory(topic=topic, confirmed_at=None)
    SubscriptionFactory(topic=topic, frequency=Frequency.DAILY)
    major_change(publication)

    announce_changes()

    assert alert_emails() == []


def test_a_scheduled_publication_is_announced_when_it_goes_live_not_when_saved(adults):
    SubscriptionFactory(topic=category_topic(adults))
    goes_live = timezone.now() + timedelta(hours=2)
    scheduled = PublicationFactory(title="Coming soon", categories=[adults], published_at=goes_live)
    major_change(scheduled, "First published.", kind="added")

    assert announce_changes() == 0
    assert alert_emails() == []

    assert announce_changes(now=goes_live + timedelta(minutes=1)) == 1
    [email] = alert_emails()
    assert email.subject == "New: Coming soon"


def test_a_draft_is_announced_once_published(adults):
    SubscriptionFactory(topic=category_topic(adults))
    draft = PublicationFactory(title="Draft guide", categories=[adults], status=Publication.Status.DRAFT)
    major_change(draft)
    announce_changes()
    assert alert_emails() == []

    draft.status = Publication.Status.PUBLISHED
    draft.save()
    announce_changes()

    assert len(alert_emails()) == 1


def test_a_withdrawn_publication_is_not_announced(publication, adults):
    SubscriptionFactory(topic=category_topic(adults))
    publication.withdraw("Out of date", by=None)
    major_change(publication)

    assert announce_changes() == 0


def test_the_first_round_does_not_email_the_back_catalogue(publication, adults):
    Announcement.objects.all().delete()
    from alerts.models import StartingPoint

    StartingPoint.objects.all().delete()
    service = CareServiceFactory()
    InspectionReportFactory(service=service)
    GradeHistoryFactory(service=service, published_on=datetime.date(2024, 3, 15))
    major_change(publication)
    SubscriptionFactory(topic=category_topic(adults))
    SubscriptionFactory(topic=service_topic(service))

    assert announce_changes() == 0
    assert alert_emails() == []
    assert Announcement.objects.get().first_run

    # What comes after the start is announced.
    InspectionReportFactory(service=service, inspected_on=datetime.date(2025, 1, 9))
    assert announce_changes() == 1


def test_a_new_inspection_report_emails_the_service_followers(rf):
    service = CareServiceFactory(name="Rowan House")
    follower = SubscriptionFactory(topic=service_topic(service))
    SubscriptionFactory(topic=service_topic(CareServiceFactory()))

    InspectionReportFactory(
        service=service, inspected_on=datetime.date(2025, 2, 12), title="Inspection report"
    )
    announce_changes()

    [email] = alert_emails()
    assert email.to == follower.subscriber.email
    assert email.subject == "New inspection report: Rowan House"
    assert "12 February 2025" in email.body
    assert f"/services/{service.service_number}/#reports" in email.body


def test_new_grades_email_the_service_followers_but_not_older_ones_filled_in():
    service = CareServiceFactory(name="Rowan House")
    SubscriptionFactory(topic=service_topic(service))
    GradeHistoryFactory(service=service, published_on=datetime.date(2025, 3, 1), grade_wellbeing=5)
    announce_changes()
    GradeHistoryFactory(service=service, published_on=datetime.date(2019, 3, 1))
    announce_changes()

    [email] = alert_emails()
    assert email.subject == "New grades: Rowan House"
    assert "Wellbeing: 5 Very good" in email.body


def test_a_registration_change_made_in_bulk_still_emails_the_followers():
    """An import writes with bulk upserts and sends no signals: the worker compares what it last saw."""
    service = CareServiceFactory(name="Rowan House")
    SubscriptionFactory(topic=service_topic(service))
    announce_changes()  # first sight of the followed service: noted, not news

    CareService.objects.filter(pk=service.pk).update(status=CareService.Status.CANCELLED)
    assert announce_changes() == 1
    assert announce_changes() == 0

    [email] = alert_emails()
    assert email.subject == "Registration changed: Rowan House"
    assert "“Registered” to “Cancelled: not registered”" in words(email.body)


def test_a_changes_nobody_follows_is_recorded_without_email():
    service = CareServiceFactory()
    InspectionReportFactory(service=service)

    assert announce_changes() == 0
    assert Announcement.objects.filter(kind=Announcement.Kind.INSPECTION_REPORT).count() == 1
    assert alert_emails() == []


def test_the_worker_costs_a_few_queries_however_many_subscribers(
    publication, adults, django_assert_max_num_queries
):
    """Emails are written in bulk: a few more inserts per few hundred subscribers, never a query each."""
    topic = category_topic(adults)
    SubscriptionFactory.create_batch(3, topic=topic)
    major_change(publication, "First")
    with django_assert_max_num_queries(40) as few:
        announce_changes()

    SubscriptionFactory.create_batch(200, topic=topic)
    major_change(publication, "Second")
    with django_assert_max_num_queries(len(few.captured_queries) + 6):
        announce_changes()

    assert AlertEmail.objects.filter(kind=AlertEmail.Kind.CHANGE).count() == 3 + 203


def test_an_import_that_regrades_and_cancels_a_followed_service_emails_both(tmp_path):
    from tests.services_registry.test_import import row, run_import, write_csv

    run_import(write_csv(tmp_path / "first.csv", [row()]))
    announce_changes()
    SubscriptionFactory(topic=service_topic(CareService.objects.get(service_number="CS2003001025")))
    announce_changes()  # first sight of its status

    run_import(
        write_csv(
            tmp_path / "second.csv",
            [row(ServiceStatus="Cancelled", Publication_of_Latest_Grading="20/05/2025", KQ_Leadership="2")],
        )
    )
    announce_changes()
    announce_changes()

    assert sorted(email.subject for email in alert_emails()) == [
        "New grades: Rowan House",
        "Registration changed: Rowan House",
    ]
