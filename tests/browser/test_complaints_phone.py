"""The complaint form on a phone (390×844): history, blocked cookies, axe-core and "Exit this page"."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.test_complaints import AXE_JS, assert_no_axe_violations

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
EXIT_URL = "https://www.bbc.co.uk/weather"


@pytest.fixture
def phone(browser):
    """Open a phone-sized page; keyword options go to the browser context."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(**PHONE, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context, context.new_page()

    yield open_page
    for context in contexts:
        # A route handler may still be fetching (a favicon) as the test ends: let it go quietly.
        context.unroute_all(behavior="ignoreErrors")
        context.close()


def heading(page):
    return page.locator("h1").inner_text()


def press(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def complete_form(page, base_url, on_each_page=lambda page: None):
    """Start to check answers, calling on_each_page on every page (and one error state)."""
    page.goto(base_url + "/complaints/")
    on_each_page(page)
    with page.expect_navigation():
        page.locator("a.ds_button:not(.js-hide-page)").click()
    assert "Which care service is it about?" in heading(page)
    on_each_page(page)
    press(page, "Continue")  # nothing typed: the error state
    assert page.locator(".ds_error-summary").is_visible()
    on_each_page(page)
    page.fill("#id_service_description", "Seaview, Ayr")
    press(page, "Continue")
    assert "What happened?" in heading(page)
    on_each_page(page)
    page.fill("#id_what_happened", "Nobody comes when I press the call bell at night.")
    page.fill("#id_when_it_happened", "Last week")
    press(page, "Continue")
    assert "About you" in heading(page)
    on_each_page(page)
    # The design system draws the radio under its label, so tap the label as a person would.
    page.locator("label", has_text="I use the service").click()
    press(page, "Continue")
    assert "How can we contact you?" in heading(page)
    on_each_page(page)
    page.fill("#id_contact_phone", "07400 123456")
    press(page, "Continue")
    assert "Check your answers" in heading(page)
    on_each_page(page)


def go_back_and_forward_then_change(page):
    """Back twice and Forward once with the browser, then change what happened via its Change link."""
    methods = record_navigations(page)
    back = page.go_back()
    assert "How can we contact you?" in heading(page)
    assert page.locator("#id_contact_phone").input_value() == "07400 123456"
    history = [back, page.go_back()]
    assert "About you" in heading(page)
    assert page.locator("input[name='relationship'][value='uses_service']").is_checked()
    history.append(page.go_forward())
    assert "How can we contact you?" in heading(page)
    assert page.locator("#id_contact_phone").input_value() == "07400 123456"
    assert "POST" not in methods, f"history navigation re-sent a form: {methods}"
    for response in history:  # None means it came from the back/forward cache: no request at all
        assert response is None or (response.request.method == "GET" and response.status == 200)
    press(page, "Continue")
    assert "Check your answers" in heading(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Change what is wrong, or what happened?").click()
    assert page.locator("#id_what_happened").input_value().startswith("Nobody comes")
    page.fill("#id_what_happened", "Staff shout at me when I ask for help.")
    press(page, "Continue")
    while "Check your answers" not in heading(page):  # a Change may walk through the later steps
        press(page, "Continue")
    text = page.locator("main").inner_text()
    for answer in ("Seaview, Ayr", "Staff shout at me when I ask for help.", "Last week", "07400 123456"):
        assert answer in text, f"{answer!r} lost from the check page"
    assert "Nobody comes" not in text


def send(page):
    press(page, "Send complaint")
    assert heading(page).strip() == "Complaint sent"


def record_navigations(page):
    """Every top-level document request's method, in order."""
    methods = []
    page.on("request", lambda r: methods.append(r.method) if r.is_navigation_request() else None)
    return methods


def test_back_forward_and_change_on_a_phone_lose_nothing_and_never_resubmit(demo_site, phone):
    from complaints.models import Complaint

    _, page = phone()
    complete_form(page, demo_site)
    go_back_and_forward_then_change(page)
    send(page)

    complaint = Complaint.objects.get()
    assert complaint.messages.get().body.startswith("Staff shout at me when I ask for help.")
    assert complaint.contact_phone == "+447400123456"


def block_cookies(context):
    """Refuse cookies both ways: none sent to the site, none accepted from it."""

    def handle(route):
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "cookie"}
        # Redirects go back to the browser as they came (route.fetch would follow them itself).
        try:
            response = route.fetch(headers=headers, max_redirects=0)
        except PlaywrightError:  # the context closed while a request (the favicon) was in flight
            return
        kept = {k: v for k, v in response.headers.items() if k.lower() != "set-cookie"}
        route.fulfill(response=response, headers=kept)

    context.route("**/*", handle)


def test_the_same_journey_with_cookies_blocked_stores_one_complaint(demo_site, phone):
    from complaints.models import Complaint

    context, page = phone()
    block_cookies(context)
    seen = []

    def no_cookies(page):
        seen.append(page.evaluate("() => document.cookie"))

    complete_form(page, demo_site, no_cookies)
    go_back_and_forward_then_change(page)
    send(page)

    assert set(seen) == {""}
    assert context.cookies() == [], "the browser kept a cookie"
    assert page.evaluate("() => document.cookie") == ""
    assert Complaint.objects.count() == 1


def test_every_step_passes_axe_at_390_pixels(demo_site, phone):
    assert AXE_JS.exists(), f"{AXE_JS} missing: run npm ci"
    _, page = phone(bypass_csp=True)
    pages = []

    def check(page):
        pages.append(page.url)
        assert_no_axe_violations(page)

    complete_form(page, demo_site, check)
    send(page)
    check(page)
    assert len(pages) == 8  # start, service, its error, three steps, check answers, confirmation


def test_exit_this_page_works_with_javascript_off(demo_site, phone):
    _, page = phone(java_script_enabled=False)
    weather = "<title>Weather</title>"
    page.route(EXIT_URL + "*", lambda route: route.fulfill(body=weather, content_type="text/html"))
    for path in ("/complaints/", "/complaints/form/service/"):
        page.goto(demo_site + path)
        with page.expect_navigation():
            page.locator("a.js-hide-page").click()
        assert page.url == EXIT_URL
        assert page.title() == "Weather"
