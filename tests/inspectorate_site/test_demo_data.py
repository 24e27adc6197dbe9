"""`manage.py load_demo_data` builds the site a visitor expects, once."""

import pytest
from cms.models import Page, PageContent
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from djangocms_versioning.models import Version

from inspectorate_site.demo_pages import DEMO_PAGES

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = [
    "/",
    "/publications/",
    "/services/",
    "/complaints/",
    "/about-us/",
    "/about-us/what-we-do/",
    "/about-us/open-data/",
    "/accessibility-statement/",
    "/privacy-notice/",
    "/cookies/",
]


def snapshot():
    return (
        Page.objects.count(),
        PageContent.admin_manager.count(),
        Version.objects.count(),
        get_user_model().objects.count(),
        sorted(get_user_model().objects.values_list("username", "password")),
    )


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_expected_page_is_published(client, demo_site):
    for path in EXPECTED_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path


def test_footer_links_to_the_statutory_pages_and_gives_the_phone_number(client, demo_site):
    html = client.get("/").content.decode()

    for path in ("/accessibility-statement/", "/privacy-notice/", "/cookies/"):
        assert f'href="{path}"' in html
    assert "0345 600 9527" in html
    assert 'href="tel:+443456009527"' in html


def test_main_menu_lists_the_sections(client, demo_site):
    html = client.get("/accessibility-statement/").content.decode()

    for title in ("Publications and guidance", "Find a care service", "Make a complaint", "About us"):
        assert title in html


def test_second_run_changes_nothing(settings, demo_site):
    before = snapshot()

    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert snapshot() == before
    assert before[0] == len(DEMO_PAGES)


def test_one_demo_user_per_staff_group(demo_site):
    users = get_user_model().objects.prefetch_related("groups")
    groups = {group.name for user in users for group in user.groups.all()}

    assert groups == {
        "Content editor",
        "Content publisher",
        "Registry officer",
        "Complaints officer",
        "Alerts officer",
    }


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo_data")
    assert not Page.objects.exists()


def test_passwords_are_printed_only_with_debug_on(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo_data", "--force")

    output = capsys.readouterr().out
    assert "demo-editor-password" not in output
    assert not get_user_model().objects.get(username="editor").has_usable_password()


def test_sitemap_lists_the_published_pages_and_robots_points_to_it(client, demo_site):
    sitemap = client.get("/sitemap.xml").content.decode()
    robots = client.get("/robots.txt")

    assert "/accessibility-statement/</loc>" in sitemap
    assert "/about-us/what-we-do/</loc>" in sitemap
    assert robots.headers["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots.content.decode()


def test_the_open_data_page_links_the_register_file_and_the_api_and_both_answer(client, demo_site):
    html = client.get("/about-us/open-data/").content.decode()
    assert 'href="/about-us/open-data/">Open data</a>' in client.get("/").content.decode()

    for address in ("/services/export.csv", "/api/v1/schema/"):
        assert f'href="{address}"' in html
        assert client.get(address).status_code == 200
    assert "<code>/api/v1/services/</code>" in html
