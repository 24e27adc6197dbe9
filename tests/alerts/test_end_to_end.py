"""The whole journey: subscribe, confirm from the email, a publisher publishes a major change, the
workers run (twice), and exactly one alert arrives whose manage and one-click unsubscribe links work."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts.models import Subscriber
from publications.models import Publication
from tests.factories import StaffFactory

from .helpers import deliver, links_in, path_of

pytestmark = pytest.mark.django_db

QUIET = {"stdout": open("/dev/null", "w")}  # noqa: SIM115


def run_the_workers():
    call_command("send_alerts", **QUIET)
    call_command("process_outbox", **QUIET)


def test_subscribe_confirm_publish_and_stop_with_one_click(guidance, adults):
    visitor = Client()
    # The alerts worker is running before anything happens, as it is in production.
    run_the_workers()

    # 1. From the category page, ask for emails about Guidance (Adults is one of its subcategories).
    page = visitor.get("/publications/categories/guidance/").content.decode()
    subscribe_url = re.search(r'href="(/email-alerts/subscribe/\?topic=[^"]+)"', page).group(1)
    response = visitor.post(subscribe_url, {"email": "jo@example.org", "frequency": "immediately"})
    assert response.status_code == 303
    assert "Check your email" in visitor.get(response["Location"]).content.decode()

    # 2. Confirm from the link in the email that arrives.
    run_the_workers()
    [confirmation] = mail.outbox
    [confirm_url] = [url for url in links_in(confirmation.body) if "/confirm/" in url]
    assert "Confirm" in visitor.get(path_of(confirm_url)).content.decode()
    assert "You are subscribed" in visitor.post(path_of(confirm_url)).content.decode()

    # 3. A publisher publishes a new publication in Adults, its change note marked major.
    publisher = Client()
    publisher.force_login(StaffFactory(groups=["Content publisher"]))
    response = publisher.post(
        "/admin/publications/publication/add/",
        {
            "title": "Medicines at home",
            "slug": "medicines-at-home",
            "summary": "Helping people take their medicines safely.",
            "body": "<p>Guidance.</p>",
            "categories": [adults.pk],
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "imported_downloads": "0",
            "image_alt": "",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "change_notes-TOTAL_FORMS": "1",
            "change_notes-INITIAL_FORMS": "0",
            "change_notes-0-date": timezone.localdate().isoformat(),
            "change_notes-0-kind": "added",
            "change_notes-0-text": "First published.",
            "change_notes-0-major": "on",
        },
    )
    assert response.status_code == 302
    assert Publication.objects.get(slug="medicines-at-home").is_public

    # 4. The workers run twice: exactly one alert.
    run_the_workers()
    run_the_workers()
    deliver()
    alerts = [email for email in mail.outbox if email is not confirmation]
    assert len(alerts) == 1
    [alert] = alerts
    assert alert.to == ["jo@example.org"]
    assert alert.subject == "New: Medicines at home"
    assert "First published." in alert.body
    assert "http://127.0.0.1:8000/publications/medicines-at-home/" in alert.body

    # 5. Its manage link works.
    [manage_url] = [url for url in links_in(alert.body) if "/manage/" in url]
    manage_page = visitor.get(path_of(manage_url))
    assert manage_page.status_code == 200
    assert "Publications in Guidance" in manage_page.content.decode()

    # 6. One-click unsubscribe, as a mail provider does it (RFC 8058): a POST to the header's address.
    message = alert.message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click_url = message["List-Unsubscribe"].strip("<>")
    mail_provider = Client(enforce_csrf_checks=True)
    response = mail_provider.post(
        path_of(one_click_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="jo@example.org").exists()
    assert visitor.get(path_of(manage_url)).status_code == 404
