"""The officers' complaint queue in a real browser: it fits a 1280-pixel screen with every column visible."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.factories import ComplaintFactory
from services_registry.factories import CareServiceFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.browser

COLUMNS = ["Reference", "Received", "Child", "Risk", "Waited", "Care service", "Assigned to", "Status"]


def signed_in_as(page, user, base_url):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def test_the_queue_fits_a_1280_pixel_screen(page, live_server, django_db_serialized_rollback):
    officer = StaffFactory(
        username="officer-with-a-long-name", first_name="Alexandrina", groups=["Complaints officer"]
    )
    service = CareServiceFactory(name="Ardmore Young People's Home and Residential Outreach Service, Ayr")
    for index in range(5):
        ComplaintFactory(
            care_service=service,
            assigned_to=officer,
            is_child_or_young_person="yes",
            risk_flagged_at=timezone.now() if index % 2 else None,
        )
    signed_in_as(page, officer, live_server.url)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(live_server.url + reverse("admin:complaints_complaint_changelist"))

    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [text.strip().lower() for text in headers if text.strip()] == [c.lower() for c in COLUMNS]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    table_right = page.evaluate("document.querySelector('#result_list').getBoundingClientRect().right")
    assert table_right <= 1280
