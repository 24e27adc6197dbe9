"""The "Registered by" widget on another site, and the registry's pages, in a real browser."""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from services_registry.factories import CareServiceFactory
from services_registry.models import CareService, WidgetSighting
from services_registry.widget import _badge_context, badge_frame_size, iframe_code

pytestmark = pytest.mark.browser

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""
NUMBER = "CS2003001025"
CANCELLED_NUMBER = "CS2005000777"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def registry_site(demo_site, settings):
    """The demo site with two services; the embed codes point at the live server."""
    from services_registry.widget import forget_local_memory

    forget_local_memory()
    settings.SITE_URL = demo_site
    CareServiceFactory(service_number=NUMBER, name="Rowan House", grade_wellbeing=5, grade_leadership=4)
    CareServiceFactory(
        service_number=CANCELLED_NUMBER, name="Old Mill Nursery", status=CareService.Status.CANCELLED
    )
    return demo_site


@pytest.fixture
def other_site(tmp_path):
    """A care service's own website: plain HTML files on another origin (another port)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(name: str, embed_code: str) -> str:
        (tmp_path / name).write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Rowan House care home</title>'
            "<style>a { color: red; font-size: 40px; } span { display: none; }</style></head>"
            f"<body><h1>Welcome to Rowan House</h1><footer>{embed_code}</footer></body></html>",
            encoding="utf-8",
        )
        return f"http://127.0.0.1:{server.server_port}/{name}"

    yield publish
    server.shutdown()
    server.server_close()


def offered_embed_code(page, site, number):
    page.goto(f"{site}/services/{number}/")
    return page.get_by_label(f"Embed code for {number}").input_value()


def test_pasted_embed_code_shows_the_badge_and_opens_the_service_page_in_a_new_window(
    registry_site, other_site, page
):
    host_url = other_site("index.html", offered_embed_code(page, registry_site, NUMBER))

    page.goto(host_url)
    badge = page.get_by_role("link", name=re.compile("Registered by the Care Inspectorate"))
    badge.wait_for()

    assert "Rowan House" in badge.inner_text()
    assert "Wellbeing: 5 Very good" in badge.inner_text()
    # The host page's CSS does not reach the badge inside its shadow root.
    assert badge.evaluate("a => getComputedStyle(a).fontSize") == "14px"
    with page.context.expect_page() as new_window:
        badge.click()
    service_page = new_window.value
    service_page.wait_for_load_state()
    assert service_page.url == f"{registry_site}/services/{NUMBER}/"
    assert service_page.locator("h1").inner_text().strip() == "Rowan House"
    assert page.url == host_url, "the care service's own page stays open"
    assert WidgetSighting.objects.filter(
        service__service_number=NUMBER, origin=host_url.rsplit("/", 1)[0]
    ).exists()


def test_cancelled_service_badge_says_it_is_not_registered(registry_site, other_site, page):
    # Pasted while the service was registered: its page no longer offers the code, which had this shape.
    pasted_before = offered_embed_code(page, registry_site, NUMBER).replace(NUMBER, CANCELLED_NUMBER)
    host_url = other_site("old.html", pasted_before)

    page.goto(host_url)
    badge = page.get_by_role("link", name=re.compile("Not registered with the Care Inspectorate"))
    badge.wait_for()

    assert "no longer registered" in badge.inner_text()
    assert page.get_by_text("Registered by the Care Inspectorate").count() == 0


def test_without_javascript_the_embed_code_shows_the_image_badge(registry_site, other_site, page, no_js_page):
    host_url = other_site("index.html", offered_embed_code(page, registry_site, NUMBER))

    no_js_page.goto(host_url)
    image = no_js_page.get_by_role("img", name=re.compile("Registered by the Care Inspectorate: Rowan House"))
    image.wait_for()

    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the SVG badge must load"
    link = no_js_page.get_by_role("link").filter(has=image)
    assert link.get_attribute("href") == f"{registry_site}/services/{NUMBER}/"


@pytest.mark.parametrize(
    "path", ["/services/", f"/services/{NUMBER}/", f"/services/{CANCELLED_NUMBER}/", f"/widget/{NUMBER}/"]
)
def test_registry_pages_have_no_wcag_violations(registry_site, axe_page, path):
    failed = []
    axe_page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    response = axe_page.goto(registry_site + path)
    axe_page.wait_for_load_state("load")

    assert response is not None and response.status == 200
    assert not failed, f"Requests failed: {failed}"
    axe_page.add_script_tag(path=str(AXE_JS))
    violations = axe_page.evaluate(AXE_RUN, WCAG_TAGS)["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "Rowan House", "grade_wellbeing": 5, "grade_leadership": 4},
        {
            "name": "Sunnyside Residential Care Home for Older People with Nursing, Aberdeen",
            "grade_wellbeing": 1,
            "grade_leadership": 2,
            "grade_staff_team": 3,
            "grade_setting": 4,
            "grade_care_planning": 5,
            "grade_care_play_learning": 6,
        },
        {"name": "Tigh na Mara – Ōban’s Care Home", "grade_wellbeing": None, "grade_leadership": None},
        {"name": "Old Mill Nursery", "status": CareService.Status.CANCELLED},
    ],
    ids=["two grades", "long name and six grades", "not graded", "cancelled"],
)
def test_the_frame_code_shows_the_whole_badge_in_a_borderless_frame_its_size(
    registry_site, other_site, page, fields
):
    service = CareServiceFactory(service_number="CS2003004321", **fields)
    host_url = other_site("frame.html", iframe_code(service))
    page.goto(host_url)
    frame_element = page.locator("iframe")
    frame = page.frame_locator("iframe")
    frame.get_by_role("link").wait_for()

    width, height = int(frame_element.get_attribute("width")), int(frame_element.get_attribute("height"))
    assert width == 300
    assert frame_element.evaluate("f => getComputedStyle(f).borderTopWidth") == "0px"
    assert frame_element.get_attribute("title") == f"Care Inspectorate registration: {service.name}"
    inside = frame.locator("html").evaluate(
        """html => ({
            scroll: [html.scrollWidth, html.scrollHeight],
            badge: html.querySelector('.ci-badge').getBoundingClientRect().height,
            textEnds: html.querySelector('.ci-badge__more').getBoundingClientRect().bottom,
        })"""
    )
    assert inside["scroll"][0] <= width and inside["scroll"][1] <= height, "the frame cuts the badge off"
    assert inside["badge"] == height, "the badge's border is the frame's edge"
    # The frame leaves room for the badge to grow (widget.frame_size); the text as it is now ends where
    # the badge's own size says, inside its border and padding (12px), with at most a line to spare.
    exact = badge_frame_size(_badge_context(service))[1]
    assert exact <= height
    assert exact - 12 - 22 <= inside["textEnds"] <= exact - 12


@pytest.fixture
def register_in_depth(registry_site):
    """A service with everything its page can show, and its provider with a service it passed on."""
    import datetime

    from services_registry.factories import ProviderChangeFactory, ProviderFactory, RegulatoryActionFactory
    from services_registry.grade_context import refresh_grade_distributions

    perth = ProviderFactory(provider_number="SP2003000180", name="Perth Care Ltd")
    thistle = ProviderFactory(provider_number="SP2003001870", name="Thistle Community Care")
    service = CareServiceFactory(
        service_number="CS2003001032",
        name="Birchwood Lodge",
        provider=perth,
        registered_places=40,
        manager_name="Morag Stewart",
        phone="01738 123 456",
        conditions="To provide a care home service to a maximum of 40 older people.",
        grade_staff_team=3,
        grade_setting=6,
    )
    for n in range(12):
        CareServiceFactory(provider=perth, name=f"Perth service {n:02d}", grade_wellbeing=1 + n % 6)
    RegulatoryActionFactory(service=service)
    moved = CareServiceFactory(name="Lochside Manor", provider=thistle)
    ProviderChangeFactory(service=moved, from_provider=perth, changed_on=datetime.date(2025, 4, 1))
    refresh_grade_distributions()
    return registry_site


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/services/CS2003001032/", "/providers/SP2003000180/"])
def test_service_and_provider_pages_have_no_wcag_violations_on_a_phone_or_a_desktop(
    register_in_depth, browser, path, width
):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        response = page.goto(register_in_depth + path)
        page.wait_for_load_state("load")

        assert response is not None and response.status == 200
        # The page never scrolls sideways: wide tables scroll in their own box.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate(AXE_RUN, WCAG_TAGS)["violations"]
        assert violations == [], "\n".join(
            f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in violations
        )
    finally:
        context.close()


def test_a_provider_page_leads_to_its_services(register_in_depth, page):
    page.goto(register_in_depth + "/providers/SP2003000180/")

    page.get_by_role("link", name="Birchwood Lodge").click()

    page.get_by_role("heading", name="Birchwood Lodge", level=1).wait_for()
    assert page.get_by_role("link", name="01738 123 456").get_attribute("href") == "tel:01738123456"
    assert page.get_by_role("heading", name="How its grades compare").is_visible()


@pytest.mark.parametrize("services", [1, 7])
def test_the_providers_frame_code_shows_its_whole_badge(registry_site, other_site, page, services):
    from services_registry import provider_badge
    from services_registry.factories import ProviderFactory

    provider = ProviderFactory(
        provider_number="SP2003000555", name="Highland Health and Social Care Partnership"
    )
    for n in range(services):
        CareServiceFactory(provider=provider, name=f"Glen {n} Residential Care Home for Older People")
    host_url = other_site("provider.html", provider_badge.embed_codes(provider)["frame"])
    page.goto(host_url)
    frame_element = page.locator("iframe")
    frame = page.frame_locator("iframe")
    frame.get_by_role("link").wait_for()

    height = int(frame_element.get_attribute("height"))
    inside = frame.locator("html").evaluate(
        """html => ({
            scroll: html.scrollHeight,
            textEnds: html.querySelector('.ci-badge__more').getBoundingClientRect().bottom,
        })"""
    )
    assert inside["scroll"] <= height, "the frame cuts the badge off"
    # Room is left for five services and an "and N more" line; never less than the text needs.
    assert inside["textEnds"] <= height - 12
    assert height - inside["textEnds"] <= 12 + 18 * (6 - min(services, 5)) + 1
