"""An editor adds a publication with two documents on one screen that fits a laptop, and loses no file to an error."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from publications.factories import CategoryFactory
from publications.models import Publication
from publications.pdf import make_pdf
from tests.factories import StaffFactory

pytestmark = pytest.mark.browser

SCREEN = {"width": 1280, "height": 900}


def signed_in_as(page, user, base_url):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_an_editor_adds_a_publication_with_two_documents_fixing_an_error(
    page, live_server, django_db_serialized_rollback, tmp_path
):
    guidance = CategoryFactory(name="Guidance", slug="guidance")
    CategoryFactory(name="Care homes for adults", slug="care-homes", parent=guidance)
    editor = StaffFactory(username="new-editor", groups=["Content editor"])
    files = {}
    for name in ("full-guide.pdf", "easy-read.pdf"):
        files[name] = tmp_path / name
        files[name].write_bytes(make_pdf(name, pages=2))
    signed_in_as(page, editor, live_server.url)
    page.set_viewport_size(SCREEN)

    page.goto(live_server.url + reverse("admin:publications_publication_add"))
    assert page_width(page) <= SCREEN["width"]
    page.locator("#id_title").fill("Keeping people safe")
    # The summary is left empty: that is the mistake.
    page.get_by_label("— Care homes for adults").check()
    for number, name in enumerate(files):
        page.get_by_role("button", name="Add another Document").click()
        page.locator(f"#id_documents-{number}-title").fill(
            name.removesuffix(".pdf").replace("-", " ").capitalize()
        )
        page.locator(f"#id_documents-{number}-file").set_input_files(files[name])
    page.get_by_role("button", name="Save", exact=True).click()

    summary = page.locator(".error-summary")
    assert "Summary: This field is required." in summary.inner_text()
    summary.get_by_role("link", name="Summary: This field is required.").click()
    summary_row = page.locator(".form-row.field-summary")
    assert "This field is required." in summary_row.locator(".errorlist").inner_text()
    # The error sits beside its field, on the screen, not off to the right.
    field_box = page.locator("#id_summary").bounding_box()
    error_box = summary_row.locator(".errorlist").bounding_box()
    assert error_box["x"] + error_box["width"] <= SCREEN["width"]
    assert abs(error_box["y"] - field_box["y"]) < 80
    assert "Already chosen: full-guide.pdf" in page.locator("#documents-0").inner_text()
    assert "Already chosen: easy-read.pdf" in page.locator("#documents-1").inner_text()
    assert page_width(page) <= SCREEN["width"]

    page.locator("#id_summary").fill("How services keep the people they care for safe.")
    page.get_by_role("button", name="Save", exact=True).click()

    assert "was added successfully" in page.locator(".messagelist").inner_text()
    publication = Publication.objects.get(title="Keeping people safe")
    documents = {document.title: document for document in publication.documents.all()}
    assert set(documents) == {"Full guide", "Easy read"}
    assert all(document.page_count == 2 for document in documents.values())
    assert [category.name for category in publication.categories.all()] == ["Care homes for adults"]


def test_a_withdrawn_publications_page_has_no_wcag_violations(
    axe_page, live_server, django_db_serialized_rollback
):
    from publications.factories import DocumentFactory, PublicationFactory
    from tests.browser.test_accessibility import AXE_JS, AXE_RUN, WCAG_TAGS, _describe

    publication = PublicationFactory(title="Old staffing guide", slug="old-staffing-guide")
    DocumentFactory(publication=publication)
    publication.withdraw("Replaced by the 2026 edition.", by=None)

    response = axe_page.goto(live_server.url + publication.get_absolute_url())
    assert response is not None and response.status == 200
    assert "This publication was withdrawn on" in axe_page.locator(".ds_notification").inner_text()
    axe_page.add_script_tag(path=str(AXE_JS))
    results = axe_page.evaluate(AXE_RUN, WCAG_TAGS)

    assert results["violations"] == [], _describe(results["violations"])
