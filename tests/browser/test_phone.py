"""Lists and pages on a phone (390×844): the first result on the first screen, nothing wider than the
screen, axe-core clean, and a full-page screenshot of each in var/artefacts/phone/ to look at.

To check another page, add a PhonePage to PHONE_PAGES (and its data to `phone_site` if it needs any).
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_complaints import AXE_JS, assert_no_axe_violations

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
PHONE = {"viewport": {"width": WIDTH, "height": HEIGHT}, "is_mobile": True, "has_touch": True}
ARTEFACTS = Path(settings.BASE_DIR) / "var" / "artefacts" / "phone"  # var/ is git-ignored
SERVICE_NUMBER = "CS2003001025"
PUBLICATIONS = 30
SERVICES = 26


@dataclass(frozen=True)
class PhonePage:
    name: str  # the screenshot's file name, and the test's id
    path: str
    first_result: str  # a selector for what must show on the first screen, not below the filters


PHONE_PAGES = [
    PhonePage("library", "/publications/", ".ds_search-result__link"),
    PhonePage("category", "/publications/categories/guidance/", ".ds_search-result__link"),
    PhonePage("services", "/services/", ".ds_search-result__link"),
    PhonePage("service", f"/services/{SERVICE_NUMBER}/", "#about"),
    PhonePage("search", "/search/?q=care", ".ds_search-result__link"),
]


@pytest.fixture
def phone(browser):
    """A phone-sized page that may inject axe-core (the site's CSP would block it)."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(**PHONE, bypass_csp=True, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def phone_site(demo_site, settings):
    """The demo pages, a library with enough publications and categories to filter and page through,
    and a register with enough services to page through; one service with grades, grade history,
    a report and complaint figures."""
    from publications.factories import CategoryFactory, PublicationFactory
    from services_registry.factories import (
        CareServiceFactory,
        GradeHistoryFactory,
        InspectionReportFactory,
        YearlyFiguresFactory,
    )

    settings.SITE_URL = demo_site
    guidance = CategoryFactory(
        name="Guidance and resources", slug="guidance", description="Guidance for services and the public."
    )
    subcategories = [
        CategoryFactory(name=name, parent=guidance, description=f"Guidance about {name.lower()}.")
        for name in ("Adults and older people", "Children and young people", "Self-evaluation")
    ]
    reports = CategoryFactory(name="Inspection reports", slug="inspection-reports")
    categories = [guidance, *subcategories, reports]
    for n in range(PUBLICATIONS):
        PublicationFactory(
            title=f"Guide number {n} to good care at home and in care homes",
            categories=[categories[n % len(categories)]],
            download_count=1000 * n + 234,
            published_at=timezone.make_aware(datetime(2015 + n % 10, 3, 1)),
        )

    for n in range(SERVICES):
        CareServiceFactory(name=f"Sunnyside Care Home {n}", service_number=f"CS20030020{n:02d}")
    service = CareServiceFactory(
        service_number=SERVICE_NUMBER,
        name="Rowan House Care Home with Nursing",
        grade_wellbeing=5,
        grade_leadership=4,
        grade_staff_team=4,
        grade_setting=5,
        grade_care_planning=4,
    )
    GradeHistoryFactory(service=service, published_on=date(2022, 6, 1))
    GradeHistoryFactory(service=service, published_on=date(2019, 6, 1), grade_wellbeing=3)
    InspectionReportFactory(service=service)
    for year in (2022, 2023, 2024):
        YearlyFiguresFactory(service=service, year=year, complaints_upheld=year - 2020, requirements=1234)
    return demo_site


def check_phone_page(page, url, first_result_selector, name):
    """Open `url` at 390×844 and check it as a phone shows it: `first_result_selector` starts on the
    first screen, nothing scrolls sideways, axe-core finds nothing. Saves a full-page screenshot as
    var/artefacts/phone/<name>.png and returns what it measured."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(screenshot), full_page=True)

    first = page.locator(first_result_selector).first
    box = first.bounding_box()
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    measured = {"first_result_top": box and box["y"], "scroll_width": scroll_width, "screenshot": screenshot}

    assert box is not None, f"{first_result_selector} is not shown on {url}"
    assert box["y"] < HEIGHT, (
        f"{first_result_selector} starts at {box['y']}px on {url}: below the first screen"
    )
    assert scroll_width <= WIDTH, f"{url} is {scroll_width}px wide: it scrolls sideways on a phone"
    assert_no_axe_violations(page)
    return measured


@pytest.mark.parametrize("phone_page", PHONE_PAGES, ids=[p.name for p in PHONE_PAGES])
def test_the_first_result_shows_on_the_first_screen_of_a_phone(phone_site, phone, phone_page):
    assert AXE_JS.exists(), f"{AXE_JS} missing: run npm ci"
    page = phone()
    measured = check_phone_page(page, phone_site + phone_page.path, phone_page.first_result, phone_page.name)
    print(f"{phone_page.name}: {measured}")  # shown with -s: the figures for a review


@pytest.mark.parametrize("path", ["/publications/", "/publications/categories/guidance/", "/services/"])
def test_the_filters_are_folded_on_a_phone_and_the_count_shows_first(phone_site, phone, path):
    page = phone()
    page.goto(phone_site + path)

    toggle = page.locator("summary", has_text="Filter and sort")
    assert toggle.is_visible()
    assert not page.get_by_label("Sort by").is_visible(), "the filters must start folded on a phone"
    count = page.locator(".ds_search-results__title")
    assert count.bounding_box()["y"] < HEIGHT
    assert count.bounding_box()["y"] < page.locator(".ds_search-result__link").first.bounding_box()["y"]


def test_without_javascript_filter_and_sort_opens_and_filters_the_library(phone_site, phone):
    page = phone(java_script_enabled=False)
    page.goto(phone_site + "/publications/")

    page.locator("summary", has_text="Filter and sort").click()
    page.get_by_label("Year published").select_option("2019")
    page.get_by_label("Sort by").select_option("title")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()

    assert "year=2019" in page.url and "sort=title" in page.url
    titles = page.locator(".ds_search-result__link").all_inner_texts()
    assert titles == sorted(titles) and len(titles) == PUBLICATIONS // 10
    assert (
        page.locator(".ds_search-results__title").inner_text().strip() == f"{PUBLICATIONS // 10} publications"
    )
    assert (
        page.locator("summary", has_text="Filter and sort").inner_text().strip()
        == "Filter and sort (filtered)"
    )


def test_without_javascript_the_registers_filters_go_with_its_search(phone_site, phone):
    """The filters sit outside the search form's element (in the sidebar) but belong to it."""
    page = phone(java_script_enabled=False)
    page.goto(phone_site + "/services/")
    page.get_by_label("Name, service number, town or postcode").fill("Rowan")

    page.locator("summary", has_text="Filter and sort").click()
    page.get_by_label("Registration status").select_option("Active")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()

    assert "q=Rowan" in page.url and "status=Active" in page.url
    assert page.locator(".ds_search-result__link").all_inner_texts() == ["Rowan House Care Home with Nursing"]


def test_copy_code_copies_each_embed_code_and_says_so(phone_site, phone):
    page = phone()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(phone_site + f"/services/{SERVICE_NUMBER}/")

    for code_id, what in (("#embed-code", "the embed code"), ("#iframe-code", "the frame code")):
        button = page.get_by_role("button", name=f"Copy code ({what})")
        status = page.locator(f"{code_id} + .copy-code [aria-live='polite']")
        assert status.inner_text() == ""
        button.click()
        expect(status).to_have_text("Copied")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == page.locator(code_id).input_value()
    assert "<iframe" in copied and 'style="border:0"' in copied


def test_without_javascript_the_codes_are_there_to_select_and_no_button_is(phone_site, phone):
    page = phone(java_script_enabled=False)
    page.goto(phone_site + f"/services/{SERVICE_NUMBER}/")

    assert page.get_by_role("button", name="Copy code").count() == 0
    code = page.get_by_label(f"Embed code for {SERVICE_NUMBER}")
    assert code.input_value().startswith("<script async src=")
    code.focus()
    assert (
        page.evaluate(
            "() => { const t = document.activeElement; t.select(); return t.selectionEnd - t.selectionStart; }"
        )
        > 0
    )
