"""Confirming from the emailed link: once, and a clear answer for a forged, expired or dead link."""

import time

import pytest
from django.core import signing

from alerts.factories import SubscriptionFactory, TopicFactory
from alerts.models import CONFIRM_WITHIN, Subscription
from alerts.subscriptions import confirmation_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    return SubscriptionFactory(confirmed_at=None, topic=TopicFactory(), frequency="daily")


def confirm_url(subscription):
    return f"/email-alerts/confirm/{confirmation_token(subscription)}/"


def test_opening_the_link_asks_first_so_a_mail_scanner_confirms_nothing(client, waiting):
    response = client.get(confirm_url(waiting))

    html = response.content.decode()
    assert response.status_code == 200
    assert "You asked for emails about <strong>New and updated publications</strong>, once a day." in html
    assert '<button type="submit" class="ds_button">Confirm</button>' in html
    waiting.refresh_from_db()
    assert not waiting.is_confirmed
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_confirming_works_once_and_then_says_so(client, waiting):
    first = client.post(confirm_url(waiting))
    waiting.refresh_from_db()
    confirmed_at = waiting.confirmed_at

    second = client.post(confirm_url(waiting))
    again = client.get(confirm_url(waiting))

    assert first.status_code == 200 and "You are subscribed" in first.content.decode()
    assert waiting.subscriber.manage_path() in first.content.decode()
    assert confirmed_at is not None
    assert "You already get these emails" in second.content.decode()
    assert "You already get these emails" in again.content.decode()
    waiting.refresh_from_db()
    assert waiting.confirmed_at == confirmed_at
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-3] + "abc",  # signature changed
        lambda token: token[: len(token) // 2],  # cut short by an email program
        lambda token: signing.dumps(
            {"s": 1, "t": "publications"}, key="someone-elses-key", salt="alerts.confirm"
        ),
        lambda token: "nonsense",
    ],
)
def test_a_forged_or_damaged_link_is_refused_clearly(client, waiting, mangle):
    response = client.post(f"/email-alerts/confirm/{mangle(confirmation_token(waiting))}/")

    html = response.content.decode()
    assert response.status_code == 400
    assert "This link does not work" in html
    assert "copy the whole link" in html
    waiting.refresh_from_db()
    assert not waiting.is_confirmed


def test_an_expired_link_says_so_and_offers_to_subscribe_again(client, waiting, monkeypatch):
    long_ago = int(time.time()) - int(CONFIRM_WITHIN.total_seconds()) - 60
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(long_ago))
    url = confirm_url(waiting)
    monkeypatch.undo()

    response = client.post(url)

    html = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in html
    assert 'href="/email-alerts/subscribe/?topic=publications"' in html
    waiting.refresh_from_db()
    assert not waiting.is_confirmed


def test_a_link_to_a_subscription_since_deleted_says_it_no_longer_works(client, waiting):
    url = confirm_url(waiting)
    waiting.subscriber.delete()

    response = client.get(url)

    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()
