"""Accessibility in a real browser: axe-core on key pages, the skip link, pages without JavaScript."""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""


def _describe(violations) -> str:
    lines = [f"{len(violations)} axe violation(s):"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:5]:
            lines.append(f"    target: {' | '.join(str(t) for t in node['target'])}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("path", ["/", "/accessibility-statement/"])
def test_page_has_no_wcag_violations(demo_site, axe_page, path):
    failed = []
    axe_page.on(
        "response",
        lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    response = axe_page.goto(demo_site + path)
    assert response is not None and response.status == 200
    axe_page.wait_for_load_state("load")
    # Colour contrast is only meaningful with the stylesheets loaded.
    assert not failed, f"Requests failed: {failed}"

    assert AXE_JS.exists(), f"{AXE_JS} missing: run npm ci"
    axe_page.add_script_tag(path=str(AXE_JS))
    results = axe_page.evaluate(AXE_RUN, WCAG_TAGS)

    assert results["violations"] == [], _describe(results["violations"])


def test_skip_link_moves_focus_to_main_content(demo_site, page):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")

    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href'),"
        " visible: document.activeElement.getBoundingClientRect().height > 0})"
    )
    assert focused["text"] == "Skip to main content"
    assert focused["href"] == "#main-content"
    assert focused["visible"], "the skip link must show when it has focus"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'main-content'")
    assert page.url.endswith("#main-content")


def test_home_page_and_main_navigation_work_without_javascript(demo_site, no_js_page):
    page = no_js_page
    page.goto(demo_site + "/")
    assert page.locator("h1").inner_text().strip() == "Care Inspectorate"

    main_nav = page.get_by_role("navigation", name="Main", exact=True)
    links = main_nav.get_by_role("link")
    assert links.count() >= 4, "the main navigation must list the site's sections"
    for i in range(links.count()):
        assert links.nth(i).get_attribute("href"), "every main navigation link needs an href"

    main_nav.get_by_role("link", name="About us", exact=True).click()
    page.wait_for_url("**/about-us/")
    assert page.locator("h1").inner_text().strip() == "About us"


def test_the_mobile_menu_button_says_what_it_controls_and_opens_the_menu(demo_site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site + "/")

    button = page.get_by_role("button", name="Menu")
    assert button.get_attribute("aria-controls") == "mobile-navigation"
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator("label.js-toggle-menu").get_attribute("aria-controls") is None

    button.click()

    assert button.get_attribute("aria-expanded") == "true"
    menu = page.locator("#mobile-navigation")
    assert menu.get_by_role("link", name="About us", exact=True).is_visible()


def test_the_mobile_menu_opens_without_javascript(demo_site, no_js_page):
    page = no_js_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site + "/")
    menu = page.locator("#mobile-navigation")
    assert not menu.get_by_role("link", name="About us", exact=True).is_visible()

    page.locator("label.js-toggle-menu").click()

    assert menu.get_by_role("link", name="About us", exact=True).is_visible()
