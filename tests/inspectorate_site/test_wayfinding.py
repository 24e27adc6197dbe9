"""A visitor finds their way: the breadcrumbs say what the menu says, each home page card says where it
leads, and the ways to reach us are on the pages people look for them."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from inspectorate_site.demo_pages import DEMO_PAGES
from publications.factories import CategoryFactory
from services_registry.factories import CareServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pages():
    from inspectorate_site import demo

    staff = demo.load_staff_users(with_known_passwords=False)
    demo.load_pages(owner=staff["admin"].user)


def main_menu(html: str) -> dict[str, str]:
    """The main menu's words for each address."""
    menu = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    return {url: words.strip() for url, words in re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', menu)}


def breadcrumbs(html: str) -> dict[str, str]:
    trail = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    return {url: words.strip() for url, words in re.findall(r'href="([^"]+)">([^<]+)</a>', trail)}


def main_content(html: str) -> str:
    return html.split('id="main-content"', 1)[1].split("<footer", 1)[0]


def test_breadcrumbs_use_the_main_menus_words_for_each_section(client, demo_pages):
    category = CategoryFactory(name="Guidance and resources", slug="guidance")
    CareServiceFactory(service_number="CS2003001025")
    for path in (category.get_absolute_url(), "/services/CS2003001025/", "/about-us/contact-us/"):
        html = client.get(path).content.decode()
        menu, trail = main_menu(html), breadcrumbs(html)

        shared = set(menu) & set(trail)
        assert len(shared) >= 2, (path, trail)  # the home page and the section
        for url in shared:
            assert trail[url] == menu[url], (
                f"{path}: the breadcrumb says {trail[url]!r}, the menu {menu[url]!r}"
            )


def test_the_library_and_find_a_care_service_name_themselves_as_the_menu_does(client, demo_pages):
    for path in (reverse("publications:library"), reverse("services_registry:service_search")):
        html = client.get(path).content.decode()
        current = re.search(r'<li class="ds_breadcrumbs__item" aria-current="page">([^<]+)</li>', html).group(
            1
        )

        assert main_menu(html)[path] == current


def test_each_home_page_card_says_where_it_leads(client, demo_pages):
    html = main_content(client.get("/").content.decode())

    cards = re.findall(
        r'<a class="ds_category-item__link" href="([^"]+)">([^<]+)</a></h2>\s*'
        r'<p class="ds_category-item__summary">([^<]+)</p>',
        html,
    )
    described = {url for url, _, _ in cards}
    assert described == {"/publications/", "/services/", "/complaints/", "/about-us/"}
    sections = {page.slug: page.meta_description for page in DEMO_PAGES if page.parent is None}
    for url, _, summary in cards:
        assert summary == sections[url.strip("/")]


def test_the_concerned_box_links_the_complaint_form_and_our_numbers(client, demo_pages, settings):
    html = main_content(client.get("/").content.decode())
    box = html[html.index("Concerned about a care service?") :]

    assert f'<a class="ds_button" href="{reverse("complaints:start")}">Make a complaint</a>' in box
    assert f'href="tel:+443456009527">{settings.CONTACT_PHONE}</a>' in box
    assert f'href="sms:+447870981785">{settings.TEXT_TO_COMPLAIN_NUMBER}</a>' in box


def test_contact_us_gives_our_address_email_numbers_and_opening_hours(client, demo_pages, settings):
    html = main_content(client.get("/about-us/contact-us/").content.decode())

    for line in settings.CONTACT_ADDRESS:
        assert line in html
    assert "Compass House" in html and "Dundee" in html
    assert settings.CONTACT_HOURS in html
    assert f'href="tel:+443456009527">{settings.CONTACT_PHONE}</a>' in html
    assert f'href="sms:+447870981785">{settings.TEXT_TO_COMPLAIN_NUMBER}</a>' in html
    # The email address is a working mailto: link, written so that harvesting robots miss it.
    assert "mailto:" not in html and settings.CONTACT_EMAIL not in html
    assert "&#101;&#x6e;&#113;" in html  # "enq", as character references


def test_the_widget_guidance_shows_an_example_badge(client, settings, tmp_path):
    settings.DEBUG = True  # load_demo_data refuses to run otherwise
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data", stdout=StringIO())
    settings.DEBUG = False

    html = client.get("/publications/how-to-use-our-registered-by-widget/").content.decode()
    badge = re.search(r'<img src="(/widget/CS\d{10}\.svg)"[^>]*alt="([^"]+)"', html)

    assert badge, "no example badge"
    assert "Registered by the Care Inspectorate" in badge.group(2)
    response = client.get(badge.group(1))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
