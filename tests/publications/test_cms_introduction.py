"""The library's introduction is the CMS page at /publications/, so editors can change it."""

import pytest
from cms.api import add_plugin

from tests.factories import SuperuserFactory, draft_page, published_page

pytestmark = pytest.mark.django_db


def test_the_published_cms_page_at_the_same_address_supplies_the_introduction(client):
    author = SuperuserFactory(username="author")
    content = published_page(
        "Publications and guidance", user=author, slug="publications", template="cms/landing_page.html"
    )
    add_plugin(
        content.rescan_placeholders()["summary"], "TextPlugin", "en", body="<p>Our new introduction</p>"
    )

    html = client.get("/publications/").content.decode()

    assert "Our new introduction" in html
    assert "self-evaluation resources and inspection documents" not in html


def test_without_a_published_page_the_library_has_its_own_introduction(client):
    author = SuperuserFactory(username="author")
    content = draft_page(
        "Publications and guidance", user=author, slug="publications", template="cms/landing_page.html"
    )
    add_plugin(content.rescan_placeholders()["summary"], "TextPlugin", "en", body="<p>Not yet published</p>")

    html = client.get("/publications/").content.decode()

    assert "Not yet published" not in html
    assert "self-evaluation resources and inspection documents" in html
