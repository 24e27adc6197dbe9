"""Making a complaint in a real browser, with the keyboard alone; axe-core on every page of the form."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""
MAX_TABS = 120


def assert_no_axe_violations(page):
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)["violations"]
    described = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
    assert violations == [], f"{page.url}\n" + "\n".join(described)


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def choose_radio(page, name, value):
    """Tab into the group, then arrow keys to the option and Space to pick it."""
    tab_to(page, f"input[name='{name}']")
    for _ in range(10):
        if page.evaluate("v => document.activeElement.value === v", value):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()


def submit_with_keyboard(page, button_text):
    """Tab to the form's button with this text (Back and Change are buttons too), then press Enter."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.matches('form button[type=submit]')"
            " && document.activeElement.textContent.trim()"
        )
        if focused == button_text:
            break
    else:
        raise AssertionError(f"Tab never reached the {button_text!r} button on {page.url}")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_person_complains_with_the_keyboard_alone_and_every_page_passes_axe(demo_site, axe_page):
    from complaints.models import Complaint
    from services_registry.factories import CareServiceFactory

    hillview = CareServiceFactory(name="Hillview Care Home", town="Dundee")
    CareServiceFactory(name="Hillview Lodge", town="Perth")
    page = axe_page
    assert AXE_JS.exists(), f"{AXE_JS} missing: run npm ci"

    page.goto(demo_site + "/complaints/")
    assert page.locator("h1").inner_text().strip() == "Make a complaint about a care service"
    assert_no_axe_violations(page)
    tab_to(page, "a.ds_button:not(.js-hide-page)")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Step 1: the service. Continue with nothing typed first: the error summary must pass axe too.
    assert "Which care service is it about?" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    submit_with_keyboard(page, "Continue")
    assert page.locator(".ds_error-summary").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert_no_axe_violations(page)
    type_into(page, "#id_service_description", "Hillview")
    submit_with_keyboard(page, "Continue")

    # Still step 1: the register's matches, to pick from or say "none of these".
    assert page.locator("legend", has_text="Is it one of these?").is_visible()
    assert page.locator("input[name='care_service']").count() == 3
    assert_no_axe_violations(page)
    choose_radio(page, "care_service", hillview.service_number)
    submit_with_keyboard(page, "Continue")

    # Step 2: what happened.
    assert "What happened?" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    type_into(page, "#id_what_happened", "Nobody comes when I press the call bell at night.")
    type_into(page, "#id_when_it_happened", "Last week")
    submit_with_keyboard(page, "Continue")

    # Step 3: about you.
    assert "About you" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    choose_radio(page, "is_child_or_young_person", "yes")
    choose_radio(page, "relationship", "uses_service")
    submit_with_keyboard(page, "Continue")

    # Step 4: contact (optional), with autocomplete hints.
    assert "How can we contact you?" in page.locator("h1").inner_text()
    assert page.locator("#id_contact_email").get_attribute("autocomplete") == "email"
    assert_no_axe_violations(page)
    type_into(page, "#id_contact_phone", "07400 123456")
    choose_radio(page, "preferred_contact", "text")
    submit_with_keyboard(page, "Continue")

    # Check answers, then send.
    assert "Check your answers" in page.locator("h1").inner_text()
    assert f"Hillview Care Home, Dundee ({hillview.service_number})" in page.content()
    assert "07400 123456" in page.content()  # as typed, not +447400123456
    assert_no_axe_violations(page)

    # Back, with the keyboard, keeps every answer.
    tab_to(page, "a.ds_back-link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "How can we contact you?" in page.locator("h1").inner_text()
    assert page.locator("#id_contact_phone").input_value() == "07400 123456"
    # The browser's own Back and Forward move between addresses: no "Confirm form resubmission".
    page.go_back()
    assert "Check your answers" in page.locator("h1").inner_text()
    page.go_forward()
    assert page.locator("#id_contact_phone").input_value() == "07400 123456"
    submit_with_keyboard(page, "Continue")
    submit_with_keyboard(page, "Send complaint")

    assert page.locator("h1").inner_text().strip() == "Complaint sent"
    reference = page.locator("#complaint-reference").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", reference)
    assert_no_axe_violations(page)

    complaint = Complaint.objects.get()
    assert complaint.display_reference == reference
    assert complaint.relationship == "uses_service"
    assert complaint.contact_phone == "+447400123456"
    assert complaint.care_service == hillview
    assert complaint.service_description == "Hillview"


def test_the_form_works_without_javascript(demo_site, no_js_page):
    page = no_js_page
    page.goto(demo_site + "/complaints/form/service/")
    page.fill("#id_service_description", "Seaview, Ayr")
    page.get_by_role("button", name="Continue").click()
    page.fill("#id_what_happened", "They moved my room without asking.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send complaint").click()

    assert page.locator("h1").inner_text().strip() == "Complaint sent"
