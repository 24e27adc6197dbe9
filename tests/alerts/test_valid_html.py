"""Every email-alert page is valid HTML (the W3C checker, as tests/inspectorate_site/test_valid_html.py runs it)."""

import pytest

from alerts.factories import SubscriptionFactory, category_topic
from alerts.subscriptions import confirmation_token
from tests.inspectorate_site.test_valid_html import checker_messages, html_checker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def test_every_alert_page_is_valid_html(html_checker, client, adults, tmp_path):  # noqa: F811
    waiting = SubscriptionFactory(topic=category_topic(adults), confirmed_at=None)
    confirmed = SubscriptionFactory(topic=category_topic(adults))
    subscribe = "/email-alerts/subscribe/?topic=category:guidance/adults"
    token = confirmed.subscriber.token
    pages = {
        "subscribe": client.get(subscribe),
        "subscribe, with errors": client.post(subscribe, {"email": "nope", "frequency": ""}),
        "check your email": client.get("/email-alerts/check-your-email/?topic=publications"),
        "confirm": client.get(f"/email-alerts/confirm/{confirmation_token(waiting)}/"),
        "confirmed": client.post(f"/email-alerts/confirm/{confirmation_token(waiting)}/"),
        "forged link": client.get("/email-alerts/confirm/forged/"),
        "manage": client.get(f"/email-alerts/manage/{token}/"),
        "manage, with an error": client.post(
            f"/email-alerts/manage/{token}/",
            {"subscription": confirmed.pk, "action": "frequency", f"s{confirmed.pk}-frequency": "x"},
        ),
        "stop all": client.get(f"/email-alerts/unsubscribe/{token}/"),
        "stopped": client.post(f"/email-alerts/unsubscribe/{token}/"),
    }

    messages = checker_messages(
        html_checker, {name: response.content.decode() for name, response in pages.items()}, tmp_path
    )

    errors = [
        f"{message['page']}, line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
