"""Staff: only Alerts officers see addresses; publishers and registry officers see counts; publishers mark major changes."""

import pytest

from alerts.announcements import announce_changes, forget_gone_topics
from alerts.factories import SubscriptionFactory, TopicFactory, category_topic
from alerts.models import Subscriber, Topic
from publications.factories import CategoryFactory, ChangeNoteFactory
from publications.models import ProposedChangeNote
from publications.revisions import describe_changes, publish_revision, start_revision
from tests.factories import StaffFactory

from .helpers import alert_emails

pytestmark = pytest.mark.django_db

SUBSCRIBERS = "/admin/alerts/subscriber/"
TOPICS = "/admin/alerts/topic/"


@pytest.fixture
def followed(adults):
    SubscriptionFactory(subscriber__email="jo@example.org", topic=category_topic(adults))
    SubscriptionFactory(subscriber__email="al@example.org", topic=category_topic(adults), confirmed_at=None)
    SubscriptionFactory(subscriber__email="mo@example.org", topic=TopicFactory(), frequency="weekly")


def signed_in(client, *groups):
    client.force_login(StaffFactory(groups=list(groups)))
    return client


def test_alerts_officers_see_addresses(client, followed):
    response = signed_in(client, "Alerts officer").get(SUBSCRIBERS)

    assert response.status_code == 200
    assert "jo@example.org" in response.content.decode()


@pytest.mark.parametrize(
    "group", ["Content publisher", "Registry officer", "Content editor", "Complaints officer"]
)
def test_nobody_else_sees_addresses(client, followed, group):
    assert signed_in(client, group).get(SUBSCRIBERS).status_code == 403


@pytest.mark.parametrize("group", ["Content publisher", "Registry officer"])
def test_publishers_and_registry_officers_see_counts_per_topic_without_addresses(client, followed, group):
    response = signed_in(client, group).get(TOPICS)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Publications in Adults" in html and "New and updated publications" in html
    assert "@example.org" not in html
    adults = response.context["cl"].result_list.get(category__slug="adults")
    assert (adults.confirmed_count, adults.waiting_count) == (1, 1)


def test_a_count_cannot_be_narrowed_to_an_address(client, followed):
    response = signed_in(client, "Content publisher").get(
        f"{TOPICS}?subscriptions__subscriber__email__startswith=jo"
    )

    assert response.status_code == 400


def test_deleting_an_address_in_the_admin_withdraws_its_waiting_emails(client, adults, publication):
    from .helpers import major_change

    announce_changes()
    SubscriptionFactory(subscriber__email="jo@example.org", topic=category_topic(adults))
    major_change(publication)
    announce_changes()
    subscriber = Subscriber.objects.get()

    signed_in(client, "Alerts officer").post(f"{SUBSCRIBERS}{subscriber.pk}/delete/", {"post": "yes"})

    assert not Subscriber.objects.exists()
    assert alert_emails() == []


def test_a_publisher_can_still_delete_a_followed_category(client):
    category = CategoryFactory(name="Old things", slug="old-things")
    SubscriptionFactory(topic=category_topic(category))

    response = signed_in(client, "Content publisher").post(
        f"/admin/publications/category/{category.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert forget_gone_topics() == 1
    assert not Topic.objects.exists()


def test_publishers_mark_a_change_note_major_in_the_admin(client, publication):
    ChangeNoteFactory(publication=publication)

    response = signed_in(client, "Content publisher").get(
        f"/admin/publications/publication/{publication.pk}/change/"
    )

    html = response.content.decode()
    assert "Major change: email subscribers" in html
    assert 'name="change_notes-0-major"' in html


def test_publishing_waiting_changes_keeps_a_major_note_major(publication):
    publisher = StaffFactory(groups=["Content publisher"])
    revision = start_revision(publication, publisher)
    ProposedChangeNote.objects.create(
        revision=revision, date=publication.published_at.date(), text="New", major=True
    )

    assert any("major change" in change.proposed for change in describe_changes(revision))
    publish_revision(revision, publisher)

    assert publication.change_notes.get(text="New").major
