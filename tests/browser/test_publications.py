"""The publications library in a real browser: axe-core on each page type, and reading and downloading."""

from io import StringIO

import pytest

from .test_accessibility import AXE_JS, AXE_RUN, WCAG_TAGS, _describe

pytestmark = pytest.mark.browser

GUIDE = "/publications/the-guide-resources-and-documents/"


@pytest.fixture
def library_site(demo_site, settings, tmp_path):
    """The demo site with the demo library; documents stored in a temporary folder."""
    from publications import demo

    settings.MEDIA_ROOT = tmp_path / "media"
    demo.load(stdout=StringIO())
    return demo_site


@pytest.mark.parametrize(
    "path",
    [
        "/publications/",
        "/publications/categories/guidance-and-resources/",
        "/publications/inspection-during-covid-19/",
        GUIDE,
        "/search/?q=inspection",
    ],
)
def test_library_pages_have_no_wcag_violations(library_site, axe_page, path):
    failed = []
    axe_page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = axe_page.goto(library_site + path)
    assert response is not None and response.status == 200
    axe_page.wait_for_load_state("load")
    assert not failed, f"Requests failed: {failed}"

    axe_page.add_script_tag(path=str(AXE_JS))
    results = axe_page.evaluate(AXE_RUN, WCAG_TAGS)

    assert results["violations"] == [], _describe(results["violations"])


def test_a_reader_finds_a_guide_and_downloads_a_document_without_javascript(library_site, no_js_page):
    page = no_js_page
    page.goto(library_site + "/publications/")
    page.get_by_role("link", name="Guidance and resources").first.click()
    page.wait_for_url("**/publications/categories/guidance-and-resources/")
    page.get_by_role("link", name="The Guide - resources and documents").click()
    page.wait_for_url("**" + GUIDE)

    assert page.locator("h1").inner_text().strip() == "The Guide - resources and documents"
    assert page.get_by_role("cell", name="001a", exact=True).is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Inspection co-ordinator profile", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "001-inspection-co-ordinator-profile.pdf"
    with open(download.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"


def test_the_library_filters_and_sorts_without_javascript(library_site, no_js_page):
    page = no_js_page
    page.goto(library_site + "/publications/")
    page.get_by_label("Sort by").select_option("title")
    page.get_by_label("Year published").select_option("2019")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/publications/?**")

    titles = page.locator(".ds_search-result__link").all_inner_texts()
    assert titles == [
        "How to use our 'Registered by' widget",
        "The Guide - introduction",
        "The Guide - resources and documents",
    ]


def test_email_addresses_are_readable_and_usable_links(library_site, page):
    page.goto(library_site + "/publications/children-and-young-people/")

    link = page.get_by_role("link", name="enquiries@careinspectorate.gov.scot")
    assert link.get_attribute("href") == "mailto:enquiries@careinspectorate.gov.scot"
