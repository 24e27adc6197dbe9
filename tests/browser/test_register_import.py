"""A registry officer imports the register in the admin, in a real browser, on a 1280-pixel screen."""

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from services_registry.factories import CareServiceFactory
from services_registry.import_worker import run_waiting_imports
from services_registry.models import CareService
from tests.factories import StaffFactory
from tests.services_registry.test_import import HEADER, row

pytestmark = pytest.mark.browser

SCREEN = {"width": 1280, "height": 800}
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""


def signed_in_as(page, user, base_url):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)["violations"]
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in violations]


@pytest.fixture
def register_file(tmp_path):
    """The register with one service renamed, one new, one cancelled, and one bad row."""
    path = tmp_path / "datastore.csv"
    rows = [
        row("CS2003001025", ServiceName="Rowan House Care Home"),
        row("CS2003001026", ServiceName="Birchwood Lodge, Residential Care for Older People, Dundee"),
        row("CS2003001027", ServiceName="Old Mill", ServiceStatus="Cancelled"),
        row("CS2003001028", ServiceName="Heather Court", Date_Reg="31/02/2011"),
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_officer_uploads_previews_confirms_and_sees_the_result(
    no_js_page, live_server, django_db_serialized_rollback, register_file
):
    """Without JavaScript: the Refresh link shows the progress and then the result."""
    page = no_js_page
    CareServiceFactory(service_number="CS2003001025", name="Rowan House")
    CareServiceFactory(service_number="CS2003001027", name="Old Mill")
    signed_in_as(page, StaffFactory(username="registry", groups=["Registry officer"]), live_server.url)
    page.set_viewport_size(SCREEN)

    page.goto(live_server.url + reverse("admin:services_registry_registerimport_changelist"))
    page.get_by_role("link", name="Upload a register file").click()
    assert fits_the_screen(page)
    page.get_by_label("Datastore file (CSV)").set_input_files(str(register_file))
    page.get_by_role("button", name="Upload and preview").click()

    rejected = page.locator("#rejected-rows")
    assert "Date_Reg '31/02/2011' is not a date" in rejected.inner_text()
    assert rejected.locator("td").first.inner_text() == "5"
    assert "Birchwood Lodge" in page.get_by_role("table", name="Services to add").inner_text()
    assert "name" in page.get_by_role("table", name="Services to change").inner_text()
    assert "Old Mill" in page.get_by_role("table", name="Services to cancel").inner_text()
    assert fits_the_screen(page)
    assert CareService.objects.get(service_number="CS2003001025").name == "Rowan House"

    page.get_by_role("button", name="Confirm and import").click()
    assert "Waiting for the import worker" in page.get_by_role("status").inner_text()
    run_waiting_imports()
    page.get_by_role("link", name="Refresh to see progress").click()

    assert page.get_by_role("heading", name="Imported").is_visible()
    counts = page.locator("dl.register-import-counts").first.inner_text()
    assert "Services added\n1" in counts and "Rows rejected\n1" in counts
    assert fits_the_screen(page)
    assert CareService.objects.get(service_number="CS2003001027").status == CareService.Status.CANCELLED


def test_the_care_service_form_fits_the_screen_with_its_grade_history(
    page, live_server, django_db_serialized_rollback
):
    service = CareServiceFactory(service_number="CS2003001025", name="Rowan House")
    service.grade_history.create(
        published_on=service.grades_published_on, grade_wellbeing=5, grade_leadership=4
    )
    signed_in_as(page, StaffFactory(username="registry", groups=["Registry officer"]), live_server.url)
    page.set_viewport_size(SCREEN)

    page.goto(live_server.url + reverse("admin:services_registry_careservice_change", args=[service.pk]))

    assert page.get_by_label("How good is our leadership?").first.is_visible()
    assert fits_the_screen(page)


def test_with_javascript_the_page_shows_the_result_by_itself(
    page, live_server, django_db_serialized_rollback, register_file
):
    signed_in_as(page, StaffFactory(username="registry", groups=["Registry officer"]), live_server.url)
    page.goto(live_server.url + reverse("admin:services_registry_registerimport_upload"))
    page.get_by_label("Datastore file (CSV)").set_input_files(str(register_file))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("button", name="Confirm and import").click()

    run_waiting_imports()

    page.get_by_role("heading", name="Imported").wait_for()
    assert "Services added\n3" in page.locator("dl.register-import-counts").first.inner_text()


def test_the_import_pages_have_no_wcag_violations(
    axe_page, live_server, django_db_serialized_rollback, register_file
):
    page = axe_page
    signed_in_as(page, StaffFactory(username="registry", groups=["Registry officer"]), live_server.url)
    page.goto(live_server.url + reverse("admin:services_registry_registerimport_upload"))
    page.get_by_role("button", name="Upload and preview").click()  # with no file: the error state
    violations = {"upload": axe_violations(page)}
    page.get_by_label("Datastore file (CSV)").set_input_files(str(register_file))
    page.get_by_role("button", name="Upload and preview").click()
    violations["preview"] = axe_violations(page)

    assert violations == {"upload": [], "preview": []}
