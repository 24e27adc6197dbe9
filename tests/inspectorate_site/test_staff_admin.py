"""The staff site: the site's own name and logo, staff words, and a dashboard per group."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.factories import ComplaintFactory
from publications.factories import PublicationFactory
from publications.models import PublicationRevision
from services_registry.factories import CareServiceFactory
from services_registry.models import WidgetSighting
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PANEL_TITLES = {"Waiting for a publisher", "The register", "Complaints"}


def staff(username, group):
    return StaffFactory(username=username, groups=[group])


def index_page(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response


def listed_labels(response) -> set[str]:
    """App and model names as the index lists them."""
    return {app["name"] for app in response.context["app_list"]} | {
        model["name"] for app in response.context["app_list"] for model in app["models"]
    }


def panel_titles(response) -> set[str]:
    return {panel.title for panel in response.context["dashboard_panels"]}


def test_the_admin_carries_the_sites_name_and_logo(client):
    html = index_page(client, staff("editor", "Content editor")).content.decode()

    assert f"{settings.SITE_NAME} staff site" in html
    assert "Django administration" not in html
    assert "Django site admin" not in html
    assert re.search(r'<img class="staff-branding__logo" src="[^"]*images/logo\.svg"', html)


def test_an_editor_reads_staff_words_not_developers_words(client):
    labels = listed_labels(index_page(client, staff("editor", "Content editor")))

    assert {
        "Website pages",
        "Pages",
        "Media library folders",
        "Publication categories",
        "Shared block categories",
        "Old addresses",
    } <= labels
    for old_label in ["Page contents", "Slug history", "Folders", "Categories", "django CMS", "Filer"]:
        assert old_label not in labels


def test_the_old_words_are_gone_from_the_sidebar_too(client):
    client.force_login(staff("editor", "Content editor"))
    html = client.get(reverse("admin:publications_publication_changelist")).content.decode()

    assert "Old addresses" in html
    assert "Slug history" not in html
    assert ">Folders<" not in html


def test_a_publisher_sees_the_review_queue_and_no_other_groups_panels(client):
    live = PublicationFactory()
    PublicationRevision.objects.create(
        publication=live, status=PublicationRevision.Status.WAITING, title="t", slug="t", summary="s"
    )
    PublicationFactory(title="Winter guidance", published_at="2099-01-05T09:00:00Z")
    response = index_page(client, staff("publisher", "Content publisher"))

    assert panel_titles(response) == {"Waiting for a publisher"}
    html = response.content.decode()
    changes = reverse("admin:publications_publicationrevision_changelist") + "?state=open"
    assert re.search(
        rf'href="{re.escape(changes)}"><strong>1</strong> change to live publications waiting', html
    )
    assert re.search(
        rf'href="{reverse("admin:reviews_queue")}"><strong>0</strong> drafts waiting for review', html
    )
    assert "Winter guidance</a>: 5 January 2099, 09:00" in html


def test_an_editor_gets_no_dashboard_panels(client):
    assert panel_titles(index_page(client, staff("editor", "Content editor"))) == set()


def test_a_registry_officer_sees_widget_sightings_and_the_last_import(client):
    service = CareServiceFactory(name="Rowan House")
    WidgetSighting.objects.create(service=service, day="2026-11-30", origin="https://rowan.example")
    response = index_page(client, staff("registry", "Registry officer"))

    assert panel_titles(response) == {"The register"}
    html = response.content.decode()
    assert "Rowan House on https://rowan.example, 30 November 2026" in html
    assert "The register has not been imported here yet." in html


def test_a_complaints_officer_sees_their_queue_counts(client):
    ComplaintFactory()
    response = index_page(client, staff("complaints", "Complaints officer"))

    assert panel_titles(response) == {"Complaints"}
    html = response.content.decode()
    queue = reverse("admin:complaints_complaint_changelist")
    assert f'href="{queue}?triage=same_day"' in html
    assert re.search(r"<strong>1</strong> Not yet acknowledged", html)


def test_the_dashboard_costs_the_same_queries_however_much_waits(client):
    superuser = StaffFactory(username="boss", is_superuser=True)
    client.force_login(superuser)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("admin:index")).status_code == 200
        return len(captured)

    queries()  # the first request fills per-process caches
    few = queries()
    service = CareServiceFactory()
    for n in range(6):
        PublicationFactory(title=f"Scheduled {n}", published_at="2099-01-01T00:00:00Z")
        WidgetSighting.objects.create(service=service, day="2026-11-30", origin=f"https://{n}.example")
        ComplaintFactory()
    many = queries()

    assert many == few
    assert panel_titles(client.get(reverse("admin:index"))) == PANEL_TITLES
