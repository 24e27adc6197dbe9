"""One review flow in a real browser: an editor sends a page draft and a publication change for review;
a publisher compares, sends one back and publishes the other; the public sees only the published one."""

import pytest
from cms.toolbar.utils import get_object_edit_url
from django.conf import settings
from django.test import Client
from django.urls import reverse
from djangocms_versioning.models import Version
from playwright.sync_api import expect

from publications.factories import CategoryFactory, PublicationFactory
from tests.factories import StaffFactory, SuperuserFactory, published_page

pytestmark = pytest.mark.browser


def signed_in_as(page, user, base_url):
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def fits_1280(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 1280


def draft_of_fees_page(editor):
    """The editor's draft of the live "Fees" page (CMS front-end editing is django CMS's own, tested there)."""
    live = published_page(
        "Fees", user=SuperuserFactory(username="author"), slug="fees", body="<p>Old fees apply.</p>"
    )
    draft = Version.objects.get_for_content(live).copy(editor).content
    plugin = draft.get_placeholders().get(slot="content").get_plugins("en").get().get_bound_plugin()
    plugin.body = "<p>New fees apply.</p>"
    plugin.save()
    return draft


def test_an_editor_submits_and_a_publisher_decides(page, live_server, django_db_serialized_rollback):
    base = live_server.url
    editor = StaffFactory(username="editor", groups=["Content editor"])
    publisher = StaffFactory(username="publisher", groups=["Content publisher"])
    page_draft = draft_of_fees_page(editor)
    publication = PublicationFactory(
        title="Keeping well at home",
        slug="keeping-well",
        summary="How services help people stay well.",
        categories=[CategoryFactory(name="Guidance")],
    )
    page.set_viewport_size({"width": 1280, "height": 800})

    # The editor changes the live publication (kept apart) and sends it for review.
    signed_in_as(page, editor, base)
    page.goto(base + reverse("admin:publications_publication_change", args=[publication.pk]))
    page.get_by_role("button", name="Change this publication").click()
    page.get_by_label("Summary").fill("How care services help people stay well at home.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("A content publisher will publish your changes")).to_be_visible()
    page.get_by_role("link", name="Send for review").click()
    assert fits_1280(page)
    page.get_by_label("Note for the publisher").fill("Clearer summary.")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("Waiting for review").first).to_be_visible()

    # ...and sends the page draft from the CMS toolbar's Reviews menu.
    page.goto(base + get_object_edit_url(page_draft))
    page.locator(".cms-toolbar-item-navigation a", has_text="Reviews").click()
    page.get_by_role("link", name="Send this draft for review").click()
    page.get_by_label("Note for the publisher").fill("Fees from April.")
    page.get_by_role("button", name="Send for review").click()

    # The publisher sees both, oldest first, compares, sends the publication back and publishes the page.
    signed_in_as(page, publisher, base)
    page.goto(base + reverse("admin:reviews_queue"))
    assert fits_1280(page)
    rows = page.locator("#review-queue tbody tr").all_inner_texts()
    assert "Keeping well at home" in rows[0] and "Clearer summary." in rows[0]
    assert "Fees" in rows[1] and "Fees from April." in rows[1]

    page.get_by_role("link", name="Keeping well at home").click()
    expect(page.locator("ins", has_text="care").first).to_be_visible()
    assert fits_1280(page)
    page.get_by_label("Comment for the editor").fill("Keep “services”: it is the legal term.")
    page.get_by_role("button", name="Send back").click()

    expect(page.get_by_text("Sent “Keeping well at home” back")).to_be_visible()
    page.get_by_role("link", name="Fees", exact=True).click()
    expect(page.locator("del", has_text="Old")).to_be_visible()
    expect(page.locator("ins", has_text="New")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Nothing is waiting for review.")).to_be_visible()

    # The public sees the published page, and the publication as it was.
    page.context.clear_cookies()
    page.goto(base + "/fees/")
    expect(page.get_by_text("New fees apply.")).to_be_visible()
    page.goto(base + "/publications/keeping-well/")
    expect(page.get_by_text("How services help people stay well.").first).to_be_visible()
    expect(page.get_by_text("How care services help")).to_have_count(0)

    # The editor sees the publisher's comment.
    signed_in_as(page, editor, base)
    page.goto(base + reverse("admin:reviews_reviewrequest_changelist"))
    expect(page.get_by_text("Keep “services”: it is the legal term.")).to_be_visible()
    assert fits_1280(page)


def test_the_review_screens_have_no_wcag_violations_and_work_without_javascript(
    browser, axe_page, no_js_page, live_server, django_db_serialized_rollback
):
    from reviews import services

    from .test_accessibility import AXE_JS, AXE_RUN, WCAG_TAGS, _describe

    base = live_server.url
    editor = StaffFactory(username="editor", groups=["Content editor"])
    publisher = StaffFactory(username="publisher", groups=["Content publisher"])
    review = services.submit(draft_of_fees_page(editor), editor, "Fees from April.")
    review_url = reverse("admin:reviews_reviewrequest_change", args=[review.pk])

    signed_in_as(axe_page, publisher, base)
    for url in (reverse("admin:reviews_queue"), review_url):
        axe_page.goto(base + url)
        axe_page.add_script_tag(path=str(AXE_JS))
        results = axe_page.evaluate(AXE_RUN, WCAG_TAGS)
        assert results["violations"] == [], _describe(results["violations"])

    page = no_js_page
    signed_in_as(page, publisher, base)
    page.goto(base + review_url)
    page.get_by_role("button", name="Send back").click()  # no comment: the page says why, nothing changes
    expect(page.get_by_text("Say what the editor should change")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published “Fees”")).to_be_visible()
