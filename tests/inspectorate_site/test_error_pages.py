"""The site's own error pages, with the phone number people can call instead."""

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory
from django.urls import get_resolver

from tests.complaints.helpers import database_down

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


def a_database_outage_error(handler, error):
    try:
        raise error
    except type(error):
        return handler(RequestFactory().get("/services/"))


@pytest.mark.parametrize(
    "error", [OperationalError("could not connect to server"), InterfaceError("connection already closed")]
)
def test_a_database_outage_is_the_503_page_with_retry_after_rendered_without_the_database(
    settings, error, django_assert_num_queries, caplog
):
    handler = get_resolver().resolve_error_handler(500)

    with django_assert_num_queries(0):
        response = a_database_outage_error(handler, error)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "If you were sending us a form, it has not reached us" in html
    assert f">{settings.CONTACT_PHONE}</a>" in html
    assert "design-system.min.css" in html  # the site's own look
    assert [record.levelname for record in caplog.records] == ["WARNING"]


def test_any_other_error_is_still_the_500_page():
    handler = get_resolver().resolve_error_handler(500)

    response = a_database_outage_error(handler, ValueError("a bug"))

    assert response.status_code == 500


@pytest.mark.parametrize(
    "path",
    [
        "/services/",
        "/services/export.csv",
        "/widget/CS2003001025.js",
        "/search/?q=care",
        "/publications/feed/",
        "/sitemap.xml",
        "/admin/",
    ],
)
def test_public_pages_and_the_admin_answer_503_when_the_database_is_down(path, caplog):
    visitor = Client(raise_request_exception=False)
    if path.startswith("/admin/"):  # staff come back with their session
        visitor.cookies[settings.SESSION_COOKIE_NAME] = "a-session-kept-in-the-database"

    with database_down():
        response = visitor.get(path)

    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
    assert len(caplog.records) == 1, "logged once, not again by Django with a traceback"
