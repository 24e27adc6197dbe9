"""Inspection reports, downloaded from a service's page whatever storage holds the files."""

import datetime
import re

import pytest

from services_registry.factories import CareServiceFactory, InspectionReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    service = CareServiceFactory(service_number="CS2003001025", name="Rowan House")
    return InspectionReportFactory(
        service=service, inspected_on=datetime.date(2024, 2, 12), title="Inspection report"
    )


def report_links(html):
    return re.findall(r'<a href="([^"]+)" download>Inspection report</a>', html)


def test_report_link_on_the_service_page_downloads_the_pdf(client, report):
    [link] = report_links(client.get("/services/CS2003001025/").content.decode())

    response = client.get(link)

    assert link == f"/services/CS2003001025/reports/{report.pk}/"
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "report-2024-02-12" in response.headers["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert body == report.file.open("rb").read()


def test_report_link_works_without_anything_serving_media(client, report, settings):
    """Production without a bucket serves nothing under /media/; the link must not go there."""
    settings.MEDIA_URL = "/nothing-serves-this/"

    [link] = report_links(client.get("/services/CS2003001025/").content.decode())

    assert not link.startswith(settings.MEDIA_URL)
    assert client.get(link).status_code == 200


def test_a_report_whose_file_is_missing_gets_the_site_404_page(client, report):
    report.file.storage.delete(report.file.name)

    response = client.get(f"/services/CS2003001025/reports/{report.pk}/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_report_is_not_found_under_another_service_number(client, report):
    CareServiceFactory(service_number="CS2003009999")

    response = client.get(f"/services/CS2003009999/reports/{report.pk}/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("path", ["/services/CS2003001025/reports/999999/", "/services/CS12/reports/1/"])
def test_unknown_report_addresses_get_the_site_404_page(client, report, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
