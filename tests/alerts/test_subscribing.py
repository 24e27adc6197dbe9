"""Subscribing: the form, the confirmation email, and what bad or repeated input gets."""

import pytest
from django.core import signing

from alerts.factories import SubscriptionFactory, category_topic, service_topic
from alerts.models import AlertEmail, Frequency, Subscriber, Subscription, Topic
from alerts.subscriptions import CONFIRM_SALT
from services_registry.factories import CareServiceFactory

from .helpers import alert_emails, links_in, path_of

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/email-alerts/subscribe/"


def post(client, topic="publications", **data):
    return client.post(
        f"{SUBSCRIBE}?topic={topic}", {"email": "jo@example.org", "frequency": "immediately", **data}
    )


def test_the_form_names_what_you_follow_and_offers_three_frequencies(client, adults):
    response = client.get(f"{SUBSCRIBE}?topic=category:guidance/adults")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Get emails about Publications in Adults" in html
    assert "subcategories" in html
    for frequency in Frequency:
        assert f'value="{frequency.value}"' in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


def test_a_service_topic_names_the_service(client):
    service = CareServiceFactory(name="Rowan House")

    response = client.get(f"{SUBSCRIBE}?topic=service:{service.service_number}")

    assert f"Get emails about Rowan House ({service.service_number})" in response.content.decode()


@pytest.mark.parametrize(
    "topic", ["", "nonsense", "category:no/such/path", "service:CS0000000000", "service:x"]
)
def test_a_topic_that_names_nothing_is_not_found(client, topic):
    assert client.get(f"{SUBSCRIBE}?topic={topic}").status_code == 404


def test_subscribing_emails_a_confirmation_link_and_says_check_your_email(client):
    response = post(client, frequency="daily")

    assert response.status_code == 303
    assert response["Location"] == "/email-alerts/check-your-email/?topic=publications"
    page = client.get(response["Location"])
    assert "Check your email" in page.content.decode()
    [email] = alert_emails()
    assert email.to == "jo@example.org"
    assert email.subject == "Confirm that you want emails from the Care Inspectorate"
    assert "New and updated publications" in email.body and "once a day" in email.body
    [link] = [url for url in links_in(email.body) if "/confirm/" in url]
    assert path_of(link).startswith("/email-alerts/confirm/")
    subscription = Subscription.objects.get()
    assert subscription.frequency == Frequency.DAILY and not subscription.is_confirmed


def test_an_invalid_address_is_refused_with_an_error_summary_linking_to_the_field(client):
    response = post(client, email="not an address")

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert '<a href="#id_email">Enter an email address in the correct format' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Error:" in html
    assert not Subscriber.objects.exists() and alert_emails() == []


def test_no_frequency_chosen_is_refused(client):
    response = post(client, frequency="")

    assert response.status_code == 400
    assert '<a href="#id_frequency_0">Select how often you want emails</a>' in response.content.decode()


def test_subscribing_twice_keeps_one_subscription_and_sends_a_new_link(client):
    post(client, frequency="immediately")
    post(client, email=" Jo@Example.ORG ", frequency="weekly")

    assert Subscriber.objects.count() == 1 and Subscription.objects.count() == 1
    assert Subscription.objects.get().frequency == Frequency.WEEKLY
    assert [email.subject for email in alert_emails()] == [
        "Confirm that you want emails from the Care Inspectorate"
    ] * 2


def test_subscribing_again_once_confirmed_changes_nothing_and_says_the_same(client):
    subscription = SubscriptionFactory(
        subscriber__email="jo@example.org", topic=Topic.objects.create(kind="publications")
    )

    response = post(client, frequency="weekly")

    assert response.status_code == 303  # the same "check your email": a stranger learns nothing
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.IMMEDIATELY
    assert Subscription.objects.count() == 1
    [email] = alert_emails()
    assert email.subject == "You already get emails about New and updated publications"
    assert subscription.subscriber.manage_path() in email.body


def test_one_address_gets_a_few_emails_an_hour_however_many_ask(client):
    for _ in range(8):
        post(client)

    assert len(alert_emails()) == 5
    assert Subscription.objects.count() == 1


def test_too_many_posts_from_one_visitor_are_refused(client, monkeypatch):
    monkeypatch.setattr("alerts.views.SUBSCRIBE_RATE", "2/h")
    post(client, email="a@example.org")
    post(client, email="b@example.org")

    response = post(client, email="c@example.org")

    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert not Subscriber.objects.filter(email="c@example.org").exists()


def test_a_post_from_another_site_is_refused(client):
    response = client.post(
        f"{SUBSCRIBE}?topic=publications",
        {"email": "jo@example.org", "frequency": "daily"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )

    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_a_topic_is_stored_once_however_many_follow_it(client, adults):
    post(client, topic="category:guidance/adults", email="a@example.org")
    post(client, topic="category:guidance/adults", email="b@example.org")

    assert Topic.objects.get() == category_topic(adults)
    assert AlertEmail.objects.filter(kind=AlertEmail.Kind.CONFIRMATION).count() == 2


def test_the_pages_link_to_get_emails(client, adults):
    service = CareServiceFactory()
    service_topic(service)  # harmless: the link needs no topic stored

    library = client.get("/publications/").content.decode()
    category = client.get("/publications/categories/guidance/adults/").content.decode()
    service_page = client.get(f"/services/{service.service_number}/").content.decode()

    assert f'href="{SUBSCRIBE}?topic=publications"' in library
    assert f'href="{SUBSCRIBE}?topic=category:guidance/adults"' in category
    assert f'href="{SUBSCRIBE}?topic=service:{service.service_number}"' in service_page


def test_the_confirmation_token_names_the_subscription_and_topic(client):
    post(client)
    [email] = alert_emails()
    [link] = [url for url in links_in(email.body) if "/confirm/" in url]

    payload = signing.loads(path_of(link).split("/")[-2], salt=CONFIRM_SALT)

    assert payload == {"s": Subscription.objects.get().pk, "t": "publications"}


def test_the_pages_set_no_cookie(client):
    assert not client.get(f"{SUBSCRIBE}?topic=publications").cookies
    assert not post(client).cookies
