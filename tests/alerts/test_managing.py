"""Managing and stopping alerts from the links in every email, including one-click unsubscribe (RFC 8058)."""

import pytest
from django.test import Client

from alerts.announcements import announce_changes
from alerts.factories import SubscriberFactory, SubscriptionFactory, TopicFactory, category_topic
from alerts.models import Frequency, Subscriber, Subscription
from complaints.models import OutboxMessage

from .helpers import alert_emails, deliver, major_change, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(adults, guidance):
    subscriber = SubscriberFactory(email="jo@example.org")
    SubscriptionFactory(subscriber=subscriber, topic=category_topic(adults))
    SubscriptionFactory(subscriber=subscriber, topic=category_topic(guidance), frequency=Frequency.WEEKLY)
    return subscriber


def test_the_manage_page_lists_what_they_follow_and_how_often(client, reader):
    response = client.get(reader.manage_path())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Publications in Adults" in html and "Publications in Guidance" in html
    assert html.count("checked") == 2
    assert "jo@example.org" not in html  # the address is not shown to whoever holds the link
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"


def test_changing_how_often(client, reader):
    subscription = reader.subscriptions.get(topic__category__slug="adults")

    response = client.post(
        reader.manage_path(),
        {"subscription": subscription.pk, f"s{subscription.pk}-frequency": "daily", "action": "frequency"},
    )

    assert response.status_code == 303
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.DAILY
    page = client.get(response["Location"]).content.decode()
    assert "You will now get emails about Publications in Adults once a day" in page


def test_an_impossible_frequency_is_refused_with_an_error(client, reader):
    subscription = reader.subscriptions.first()

    response = client.post(
        reader.manage_path(),
        {"subscription": subscription.pk, f"s{subscription.pk}-frequency": "hourly", "action": "frequency"},
    )

    assert response.status_code == 400
    assert (
        f'href="#id_s{subscription.pk}-frequency_0">Select how often you want emails'
        in response.content.decode()
    )


def test_removing_one_subscription_keeps_the_others(client, reader):
    adults = reader.subscriptions.get(topic__category__slug="adults")

    response = client.post(reader.manage_path(), {"subscription": adults.pk, "action": "remove"})

    assert response.status_code == 303
    assert list(reader.subscriptions.values_list("topic__category__slug", flat=True)) == ["guidance"]
    assert (
        "You will get no more emails about Publications in Adults"
        in client.get(response["Location"]).content.decode()
    )


def test_one_address_cannot_change_or_remove_anothers_subscription(client, reader):
    someone_else = SubscriptionFactory(topic=TopicFactory())

    client.post(reader.manage_path(), {"subscription": someone_else.pk, "action": "remove"})
    client.post(
        reader.manage_path(),
        {"subscription": someone_else.pk, f"s{someone_else.pk}-frequency": "weekly", "action": "frequency"},
    )

    someone_else.refresh_from_db()
    assert someone_else.frequency == Frequency.IMMEDIATELY


@pytest.mark.parametrize("token", ["guess", "A" * 43])
def test_a_guessed_token_opens_nothing(client, reader, token):
    for url in (f"/email-alerts/manage/{token}/", f"/email-alerts/unsubscribe/{token}/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404
    assert Subscription.objects.filter(subscriber=reader).count() == 2


def test_the_stop_all_link_asks_before_stopping(client, reader):
    response = client.get(reader.unsubscribe_path())

    assert response.status_code == 200
    assert "Stop all emails" in response.content.decode()
    assert Subscriber.objects.filter(pk=reader.pk).exists()


def test_one_click_unsubscribe_needs_no_csrf_token_and_deletes_the_address(reader):
    mail_provider = Client(enforce_csrf_checks=True)

    response = mail_provider.post(
        reader.unsubscribe_path(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="jo@example.org").exists()
    assert not Subscription.objects.exists()
    assert "You will get no more email alerts" in response.content.decode()
    assert mail_provider.get(reader.manage_path()).status_code == 404


def test_stopping_withdraws_emails_not_yet_sent(reader, publication, client):
    announce_changes()
    major_change(publication)
    announce_changes()
    assert len(alert_emails(status=OutboxMessage.State.PENDING)) == 1

    client.post(reader.unsubscribe_path())

    assert alert_emails() == []
    assert deliver() == []


def test_every_alert_email_carries_one_click_unsubscribe_headers_and_working_links(
    reader, publication, client
):
    announce_changes()
    major_change(publication)
    announce_changes()

    [sent] = deliver()

    message = sent.message()
    stop_url = f"http://127.0.0.1:8000/email-alerts/unsubscribe/{reader.token}/"
    assert message["List-Unsubscribe"] == f"<{stop_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].startswith("<alert-")
    assert message.get_content_type() == "text/plain"
    assert all(len(line) <= 100 for line in sent.body.splitlines())
    assert f"Stop all emails:\n{stop_url}" in sent.body
    manage_url = f"http://127.0.0.1:8000/email-alerts/manage/{reader.token}/"
    assert f"Manage your email alerts:\n{manage_url}" in sent.body
    assert client.get(path_of(manage_url)).status_code == 200


@pytest.mark.parametrize("subscription_id", ["²", "١", "99999999999999999999999", "-1", ""])
def test_a_tampered_subscription_number_changes_nothing_and_goes_back_to_the_list(
    client, reader, subscription_id
):
    response = client.post(reader.manage_path(), {"subscription": subscription_id, "action": "remove"})

    assert response.status_code == 303
    assert response["Location"] == reader.manage_path()
    assert reader.subscriptions.count() == 2
