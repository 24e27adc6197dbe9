"""Email alerts in a real browser: no WCAG violations, and the journey works without JavaScript."""

import pytest

from alerts.factories import SubscriptionFactory, category_topic
from alerts.models import Subscription
from alerts.subscriptions import confirmation_token
from publications.factories import CategoryFactory

from .test_accessibility import AXE_JS, AXE_RUN, WCAG_TAGS, _describe

pytestmark = pytest.mark.browser


@pytest.fixture
def followed(demo_site):
    category = CategoryFactory(name="Guidance for alerts", slug="alert-guidance")
    subscription = SubscriptionFactory(topic=category_topic(category))
    waiting = SubscriptionFactory(topic=category_topic(category), confirmed_at=None)
    return demo_site, subscription, waiting


def test_alert_pages_have_no_wcag_violations(axe_page, followed):
    base, subscription, waiting = followed
    token = subscription.subscriber.token
    for path in (
        "/email-alerts/subscribe/?topic=category:alert-guidance",
        "/email-alerts/check-your-email/?topic=category:alert-guidance",
        f"/email-alerts/confirm/{confirmation_token(waiting)}/",
        f"/email-alerts/manage/{token}/",
        f"/email-alerts/unsubscribe/{token}/",
    ):
        response = axe_page.goto(base + path)
        assert response is not None and response.status == 200, path
        axe_page.add_script_tag(path=str(AXE_JS))
        results = axe_page.evaluate(AXE_RUN, WCAG_TAGS)
        assert results["violations"] == [], f"{path}: {_describe(results['violations'])}"


def test_subscribing_with_an_error_then_changing_how_often_works_without_javascript(no_js_page, followed):
    base, subscription, _ = followed
    page = no_js_page
    page.goto(base + "/email-alerts/subscribe/?topic=category:alert-guidance")
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_role("link", name="Enter an email address in the correct format").click()
    assert page.evaluate("document.activeElement.id") == "id_email"

    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_text("Once a week").click()  # the label, as a person clicks it
    page.get_by_role("button", name="Subscribe").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert Subscription.objects.get(subscriber__email="sam@example.org").frequency == "weekly"

    page.goto(base + subscription.subscriber.manage_path())
    page.get_by_text("Once a day").click()
    page.get_by_role("button", name="Change how often").click()
    assert page.get_by_text(
        "You will now get emails about Publications in Guidance for alerts once a day"
    ).is_visible()
