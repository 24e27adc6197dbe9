"""Who may change the register in the admin, and what registry officers see there."""

import datetime

import pytest

from services_registry.factories import CareServiceFactory
from services_registry.models import CareService, WidgetSighting
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

CHANGE_URL = "/admin/services_registry/careservice/{}/change/"


@pytest.fixture
def service():
    return CareServiceFactory(service_number="CS2003001025", status=CareService.Status.CANCELLED)


def test_registry_officers_may_add_and_change_the_register():
    officer = StaffFactory(username="registry", groups=["Registry officer"])

    for model in ["careservice", "provider", "gradehistory", "inspectionreport", "yearlyfigures"]:
        assert officer.has_perm(f"services_registry.add_{model}")
        assert officer.has_perm(f"services_registry.change_{model}")
    assert officer.has_perm("services_registry.view_widgetsighting")
    assert not officer.has_perm("services_registry.change_widgetsighting")


@pytest.mark.parametrize("group", ["Content editor", "Content publisher", "Complaints officer"])
def test_other_staff_cannot_change_the_register(group):
    user = StaffFactory(username="other", groups=[group])

    assert not user.has_perm("services_registry.change_careservice")
    assert not user.has_perm("services_registry.add_careservice")


def test_officer_edits_a_service_in_the_admin(client, service):
    client.force_login(StaffFactory(username="registry", groups=["Registry officer"]))

    response = client.get(CHANGE_URL.format(service.pk))

    assert response.status_code == 200


def test_content_editor_cannot_open_a_service_in_the_admin(client, service):
    client.force_login(StaffFactory(username="editor", groups=["Content editor"]))

    assert client.get(CHANGE_URL.format(service.pk)).status_code == 403


def test_officers_see_which_sites_show_a_cancelled_services_badge(client, service):
    WidgetSighting.objects.create(
        service=service, day=datetime.date.today(), origin="https://old-site.example"
    )
    client.force_login(StaffFactory(username="registry", groups=["Registry officer"]))

    html = client.get(CHANGE_URL.format(service.pk)).content.decode()
    listing = client.get("/admin/services_registry/widgetsighting/").content.decode()

    assert "https://old-site.example" in html
    assert "https://old-site.example" in listing
