"""The site's own error pages, with the phone number people can call instead."""

import pytest
from django.test import RequestFactory
from django.urls import get_resolver

pytestmark = pytest.mark.django_db


def test_a_server_error_shows_the_site_page_with_the_contact_phone(settings):
    handler = get_resolver().resolve_error_handler(500)

    response = handler(RequestFactory().get("/anything/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert f"call {settings.CONTACT_PHONE}." in html
    assert f"| {settings.SITE_NAME}</title>" in html
    assert "{{" not in html


def test_a_missing_page_is_the_site_page(client):
    response = client.get("/no-such-page-anywhere/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
