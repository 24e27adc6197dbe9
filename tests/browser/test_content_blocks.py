"""The design-system blocks in a real browser: axe-core at desktop and phone widths, and use without JavaScript."""

import pytest

from .test_accessibility import AXE_JS, AXE_RUN, WCAG_TAGS, _describe

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def every_block_url(demo_site):
    from tests.content_blocks.blocks import publish_every_block_page
    from tests.factories import SuperuserFactory

    page = publish_every_block_page(SuperuserFactory(username="block-author"))
    return demo_site + page.path


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_every_block_has_no_wcag_violations(every_block_url, axe_page, viewport):
    axe_page.set_viewport_size(viewport)
    failed = []
    axe_page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = axe_page.goto(every_block_url)
    assert response is not None and response.status == 200
    axe_page.wait_for_load_state("load")
    assert not failed, f"Requests failed: {failed}"
    assert axe_page.locator(".ds_accordion.js-initialised").count() == 1, "the design system's script ran"

    axe_page.add_script_tag(path=str(AXE_JS))
    results = axe_page.evaluate(AXE_RUN, WCAG_TAGS)

    assert results["violations"] == [], _describe(results["violations"])


def test_every_block_has_no_wcag_violations_before_the_design_systems_script_runs(every_block_url, axe_page):
    """What a visitor without JavaScript gets: the accordion's checkboxes and labels, not its buttons.

    axe itself needs JavaScript, so the page keeps it and only the design system's script is withheld.
    """
    axe_page.route("**/design-system.js", lambda route: route.abort())
    axe_page.goto(every_block_url)
    axe_page.wait_for_load_state("load")
    assert axe_page.locator(".ds_accordion-item__control").count() == 2
    assert axe_page.locator(".ds_accordion.js-initialised").count() == 0

    axe_page.add_script_tag(path=str(AXE_JS))
    results = axe_page.evaluate(AXE_RUN, WCAG_TAGS)

    assert results["violations"] == [], _describe(results["violations"])


def test_accordion_and_details_open_without_javascript(every_block_url, no_js_page):
    page = no_js_page
    page.goto(every_block_url)
    section_text = page.get_by_text("We visit unannounced.")
    assert not section_text.is_visible()

    page.locator(".ds_accordion-item__header", has_text="How we inspect").click()

    assert section_text.is_visible()
    details_text = page.get_by_text("Tell us within 10 working days.")
    assert not details_text.is_visible()
    page.get_by_text("What if I disagree with a report?").click()
    assert details_text.is_visible()


def test_accordion_sections_are_buttons_with_javascript(every_block_url, page):
    page.goto(every_block_url)
    button = page.get_by_role("button", name="How we inspect")
    assert button.get_attribute("aria-expanded") == "false"

    button.click()

    assert button.get_attribute("aria-expanded") == "true"
    assert page.get_by_text("We visit unannounced.").is_visible()


def test_the_service_search_box_finds_services_without_javascript(every_block_url, no_js_page):
    page = no_js_page
    page.goto(every_block_url)
    page.get_by_label("Find a care service near you").fill("Dundee")
    page.get_by_label("Find a care service near you").press("Enter")
    page.wait_for_url("**/services/?q=Dundee")
    assert "Find a care service" in page.title()
