"""The demo site shows the design-system blocks where a visitor would look for them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = True  # load_demo_data refuses to run otherwise
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def main_content(html: str) -> str:
    return html.split('id="main-content"', 1)[1].split("<footer", 1)[0]


def test_contact_us_gives_the_phone_and_text_numbers_in_a_block(client, demo_site, settings):
    html = main_content(client.get("/about-us/contact-us/").content.decode())

    assert 'class="ds_no-bullets content-block-contact-numbers"' in html
    assert f">{settings.CONTACT_PHONE}</a>" in html
    assert f">{settings.TEXT_TO_COMPLAIN_NUMBER}</a>" in html


def test_home_page_has_a_find_a_care_service_search_box(client, demo_site):
    html = main_content(client.get("/").content.decode())

    assert f'action="{reverse("services_registry:service_search")}"' in html


def test_loading_the_demo_twice_adds_no_second_block(client, demo_site):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    html = main_content(client.get("/about-us/contact-us/").content.decode())

    assert html.count("content-block-contact-numbers") == 1
