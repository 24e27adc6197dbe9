"""The demo CMS page tree: what a visitor expects to find, in our own words.

The pages at /publications/ and /services/ stand where the apps answer: they
give the menu and breadcrumbs their sections, and their "summary" is the
introduction the app pages show. The complaints start page is the app's own
(it must work while the database is down), so its CMS page only names the
section in the menu.

Each entry: reverse_id (how a later run finds the page again), title, slug,
template, whether it shows in the main menu, the parent's reverse_id, and the
HTML of each placeholder. A section's meta description is also what its card
on the home page (or its landing page) says about where it leads.

Our address, email, numbers and opening hours come from the settings, where
they are written once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

CONTENT = "cms/content_page.html"
LANDING = "cms/landing_page.html"
HOME = "cms/home_page.html"


@dataclass(frozen=True)
class DemoPage:
    reverse_id: str
    title: str
    slug: str
    template: str
    in_navigation: bool = True
    menu_title: str | None = None
    parent: str | None = None
    meta_description: str = ""
    # HTML, or a function returning it (for addresses from reverse(), once the URLs are loaded).
    placeholders: dict[str, str | Callable[[], str]] = field(default_factory=dict)
    # Design-system blocks after a placeholder's text: (slot, plugin type, fields). A field given as a
    # function is called when the block is made (an address from reverse(), once the URLs are loaded).
    blocks: tuple[tuple[str, str, dict], ...] = ()


def _complaint_form_link():
    return {"external_link": reverse("complaints:start")}


def _open_data_content() -> str:
    """What data users need to start: the file, the API's addresses and its rules."""
    services = reverse("api:v1:services")
    example = reverse("api:v1:service", args=["CS2003000025"])
    return (
        "<h2>The whole register as a file</h2>"
        f'<p><a href="{reverse("services_registry:export_csv")}">Download the register of care services '
        "(CSV)</a>: every service, registered or not, in the columns of our datastore. It is made "
        "afresh from the register whenever you download it.</p>"
        "<h2>The register as an API</h2>"
        "<p>Programs can read the register as JSON, with no key and no sign-in. Start at "
        f"<code>{services}</code>, which lists every care service a page at a time: follow "
        "<code>next</code> until it is empty. Filter by <code>service_type</code>, "
        "<code>council_area</code>, <code>status</code>, <code>min_grade</code> or "
        f"<code>updated_since</code>. One service, with its grades and reports, is at an address like "
        f"<code>{example}</code>; providers are at <code>{reverse('api:v1:providers')}</code>.</p>"
        f'<p><a href="{reverse("api:v1:schema")}">The API’s OpenAPI description (JSON)</a> lists every '
        "address, parameter and field; most programming languages can make a client from it.</p>"
        "<h2>What changed</h2>"
        f"<p>After each refresh of the register, <code>{reverse('api:v1:changes')}</code> lists what was "
        "added, changed (each field’s old and new value) or cancelled, oldest first: ask with "
        "<code>since</code> giving the time you last asked. Each refresh, with its counts and its changes as a "
        f"CSV file, is in <code>{reverse('api:v1:imports')}</code>. You need not compare monthly files "
        "yourself.</p>"
        "<h2>Rules</h2>"
        "<ul><li>Answers may be kept for five minutes; send back the <code>ETag</code> to check for "
        "changes cheaply.</li>"
        "<li>Each address may make a limited number of requests a minute; past it you are asked to "
        "wait.</li>"
        "<li>We never publish the address of children’s homes, secure accommodation, childminders, "
        "fostering and adoption services: for them only the council area is given.</li>"
        "<li>Version 1 keeps its shape: fields may be added, never renamed or removed.</li></ul>"
    )


DEMO_PAGES = [
    DemoPage(
        reverse_id="home",
        title="Care Inspectorate",
        menu_title="Home",
        slug="home",
        template=HOME,
        meta_description="The independent regulator of social care and social work services across Scotland.",
        placeholders={
            "summary": (
                "<p>We register, inspect and help improve care services across Scotland, "
                "so that everyone who uses them gets safe, good-quality care that respects their rights.</p>"
            ),
        },
        blocks=(
            ("content", "ServiceSearchPlugin", {"label": "Find a care service"}),
            (
                "content",
                "TextPlugin",
                {
                    "body": (
                        "<h2>Concerned about a care service?</h2>"
                        "<p>Tell us online, by phone or, if you are a child or young person, by text. "
                        "You do not have to give your name.</p>"
                    )
                },
            ),
            (
                "content",
                "CallToActionPlugin",
                {"button_text": "Make a complaint", "link": _complaint_form_link},
            ),
            ("content", "ContactNumbersPlugin", {"show_phone": True, "show_text_number": True}),
        ),
    ),
    DemoPage(
        reverse_id="publications",
        title="Publications and guidance",
        slug="publications",
        template=LANDING,
        meta_description="Guidance, resources and reports for care services, partnerships and the public.",
        placeholders={
            "summary": (
                "<p>Guidance, self-evaluation resources and inspection documents for people who use care, "
                "their families, and the services and partnerships we inspect.</p>"
            ),
        },
    ),
    DemoPage(
        reverse_id="services",
        title="Find a care service",
        slug="services",
        template=CONTENT,
        meta_description="Look up any registered care service in Scotland: its grades, inspection reports and complaints upheld.",
        placeholders={
            "summary": (
                "<p>Every registered care service in Scotland has its own page here, with its grades, "
                "its latest inspection reports and any complaints we have upheld.</p>"
            ),
        },
    ),
    DemoPage(
        reverse_id="complaints",
        title="Make a complaint",
        slug="complaints",
        template=CONTENT,
        meta_description="Raise a concern about a care service online, by phone or by text.",
        placeholders={
            "summary": (
                "<p>Anyone can tell us about a concern with a registered care service: people who use it, "
                "their families, staff or members of the public.</p>"
            ),
        },
    ),
    DemoPage(
        reverse_id="about-us",
        title="About us",
        slug="about-us",
        template=LANDING,
        meta_description="Who we are, what we do, and our address, phone numbers and opening hours.",
        placeholders={
            "summary": (
                "<p>We are the national regulator for care services in Scotland. We make sure care meets "
                "the Health and Social Care Standards and we support services to improve.</p>"
            ),
        },
    ),
    DemoPage(
        reverse_id="what-we-do",
        title="What we do",
        slug="what-we-do",
        template=CONTENT,
        parent="about-us",
        meta_description="How we register, inspect and support care services to improve.",
        placeholders={
            "summary": "<p>Registration, inspection, complaints and improvement support, across every type of care service.</p>",
            "content": (
                "<h2>Registering services</h2>"
                "<p>Every care service in Scotland must be registered with us before it can operate. "
                "We check that a new service is set up to provide safe, good care.</p>"
                "<h2>Inspecting</h2>"
                "<p>We inspect services and grade how well they support people's wellbeing, how well "
                "they are led, and the quality of their staff and setting. We publish every report.</p>"
                "<h2>Joint inspections</h2>"
                "<p>With partner scrutiny bodies, we look at how well health, social work, education "
                "and police services work together for children and adults in each area.</p>"
            ),
        },
    ),
    DemoPage(
        reverse_id="open-data",
        title="Open data: the register of care services",
        menu_title="Open data",
        slug="open-data",
        template=CONTENT,
        parent="about-us",
        meta_description="The register of care services as a file to download and as an API for programs.",
        placeholders={
            "summary": "<p>Use the register of care services in your own research, website or app.</p>",
            "content": _open_data_content,
        },
    ),
    DemoPage(
        reverse_id="contact-us",
        title="Contact us",
        slug="contact-us",
        template=CONTENT,
        parent="about-us",
        meta_description="Our address, email, phone and text numbers, and when our phone lines are open.",
        placeholders={
            "content": (
                "<p>Call, text, email or write to us. If you need this information in another format or "
                "language, tell us when you get in touch and we will arrange it.</p>"
            ),
        },
        blocks=(
            (
                "content",
                "ContactCalloutPlugin",
                {
                    "heading": settings.SITE_NAME,
                    "text": f"<p>Phone lines open {settings.CONTACT_HOURS}.</p>",
                    "phone": settings.CONTACT_PHONE,
                    "email": settings.CONTACT_EMAIL,
                    "address": "\n".join(settings.CONTACT_ADDRESS),
                },
            ),
            ("content", "ContactNumbersPlugin", {"show_phone": False, "show_text_number": True}),
        ),
    ),
    DemoPage(
        reverse_id="accessibility-statement",
        title="Accessibility statement",
        slug="accessibility-statement",
        template=CONTENT,
        in_navigation=False,
        placeholders={
            "summary": "<p>We want as many people as possible to be able to use this website.</p>",
            "content": (
                "<h2>How you should be able to use this site</h2>"
                "<ul><li>zoom in up to 400% without the text spilling off the screen</li>"
                "<li>navigate the whole site using just a keyboard</li>"
                "<li>use the site with a screen reader</li>"
                "<li>use every page and form with JavaScript switched off</li></ul>"
                "<h2>How accessible this website is</h2>"
                "<p>We test every type of page against the Web Content Accessibility Guidelines "
                "version 2.2 at level AA, automatically on each change and by hand.</p>"
                "<p>Some older documents are not fully accessible. Where that is the case the "
                "publication says so, and you can ask us for an accessible version.</p>"
                "<h2>Reporting a problem</h2>"
                "<p>If you find something on this site that you cannot use, call us on "
                f"{settings.CONTACT_PHONE} and tell us the page and the problem. We will reply within 10 "
                "working days.</p>"
                "<h2>Enforcement</h2>"
                "<p>The Equality and Human Rights Commission enforces the accessibility regulations. "
                "If you are not happy with how we respond, contact the Equality Advisory and Support "
                "Service (EASS).</p>"
            ),
        },
    ),
    DemoPage(
        reverse_id="privacy-notice",
        title="Privacy notice",
        slug="privacy-notice",
        template=CONTENT,
        in_navigation=False,
        placeholders={
            "summary": "<p>How we collect, use and protect personal information when you use this website.</p>",
            "content": (
                "<h2>What we collect</h2>"
                "<p>When you browse this site we do not ask who you are. When you make a complaint, we "
                "keep what you tell us, and any contact details you choose to give, so that we can "
                "deal with it.</p>"
                "<h2>Who can see it</h2>"
                "<p>Only the staff who handle complaints can see the personal details in a complaint. "
                "We share your identity with a care service only if you agree.</p>"
                "<h2>How long we keep it</h2>"
                "<p>We remove personal details from a complaint once it has been closed for the period "
                "set in our records retention schedule.</p>"
                "<h2>Your rights</h2>"
                "<p>You can ask to see the information we hold about you, have it corrected or, in some "
                f"cases, deleted. Call us on {settings.CONTACT_PHONE} to ask.</p>"
            ),
        },
    ),
    DemoPage(
        reverse_id="cookies",
        title="Cookies",
        slug="cookies",
        template=CONTENT,
        in_navigation=False,
        placeholders={
            "summary": "<p>This website sets no cookies for people reading it.</p>",
            "content": (
                "<h2>Visitors</h2>"
                "<p>Reading pages, searching, downloading documents and looking up care services set no "
                "cookies at all, and we do not use analytics or advertising cookies.</p>"
                "<h2>Forms</h2>"
                "<p>When you send a form, such as a complaint, a security cookie (<code>csrftoken</code>) "
                "protects you from other websites sending forms in your name. It is deleted when you "
                "close your browser or after a year at most.</p>"
                "<h2>Staff</h2>"
                "<p>Staff who sign in to edit the site get a session cookie (<code>sessionid</code>) "
                "that keeps them signed in.</p>"
            ),
        },
    ),
]
