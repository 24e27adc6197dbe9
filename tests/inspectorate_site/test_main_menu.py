"""The main menu is rendered once a page, kept for the public until the next publish, never for staff."""

import pytest
from djangocms_versioning.models import Version

from tests.factories import SuperuserFactory, published_page

pytestmark = pytest.mark.django_db

MENU_TEMPLATE = "includes/main_menu_items.html"


def menu_renders(response):
    return [template.name for template in response.templates].count(MENU_TEMPLATE)


@pytest.fixture
def author():
    return SuperuserFactory(username="author")


@pytest.fixture
def site_pages(author):
    published_page("Guidance", user=author, slug="guidance", body="<p>Read me</p>", in_navigation=True)
    published_page("About us", user=author, slug="about-us", in_navigation=True)


def test_the_header_shows_the_menu_twice_from_one_render(client, site_pages):
    response = client.get("/publications/?q=first")
    html = response.content.decode()

    assert menu_renders(response) == 1
    assert html.count('href="/about-us/"') >= 2, "phone and desktop menus both list the page"


def test_the_public_get_the_menu_kept_from_an_earlier_visit_to_the_same_address(client, site_pages):
    client.get("/publications/?q=first")

    second = client.get("/publications/?q=second")  # another search, the same menu

    assert menu_renders(second) == 0
    assert 'href="/guidance/"' in second.content.decode()


def test_the_current_page_is_marked_in_its_own_menu_not_in_a_kept_one(client, site_pages):
    client.get("/guidance/")

    about = client.get("/about-us/").content.decode()

    assert 'href="/about-us/" aria-current="page"' in about
    assert 'href="/guidance/" aria-current="page"' not in about


def test_a_newly_published_page_is_in_the_menu_at_once(client, site_pages, author):
    client.get("/publications/?q=first")

    published_page("Inspections", user=author, slug="inspections", in_navigation=True)

    assert 'href="/inspections/"' in client.get("/publications/?q=again").content.decode()


def test_a_renamed_page_is_renamed_in_the_menu_once_published(client, site_pages, author):
    client.get("/publications/?q=first")
    guidance = published_page("Inspections", user=author, slug="inspections", in_navigation=True)
    draft = Version.objects.get_for_content(guidance).copy(author).content
    draft.menu_title = "How we inspect"
    draft.save()
    client.get("/publications/?q=before")

    Version.objects.get_for_content(draft).publish(author)

    assert "How we inspect" in client.get("/publications/?q=after").content.decode()


def test_staff_get_the_menu_rendered_for_them(client, site_pages, author):
    client.get("/publications/?q=first")
    client.force_login(author)

    response = client.get("/publications/?q=second")

    assert menu_renders(response) == 1
