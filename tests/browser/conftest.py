"""Browser tests: headless Chromium driven by Playwright's sync API against live_server.

Debian's Chromium at /usr/bin/chromium is used as it is (Playwright's own browser
download cannot work here). Without it the tests skip on a developer's machine and
fail in CI (CI=true), so a CI machine missing it cannot pass silently.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; without this Django
# refuses database access from the test ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = "Chromium not installed at /usr/bin/chromium: browser tests skipped (apt-get install chromium)"
BROWSER_DIR = Path(__file__).resolve().parent


def _chromium_missing() -> bool:
    return not CHROMIUM.exists()


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, whether or not its module says so.

    Without Chromium (and outside CI) they are skipped here, before any database or
    live server is set up for them; in CI the browser fixture fails them instead.
    """
    skip = _chromium_missing() and os.environ.get("CI") != "true"
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if skip:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One headless Chromium for the whole session.

    While Playwright's sync API is running, its event loop counts as running in
    this thread, so Django's thread-critical connection storage switches to a
    context variable and hands the tests new connection objects. Those lack the
    snapshot taken when the test database was made (_test_serialized_contents),
    which serialized rollback needs; it is carried over, and the extra
    connections are closed before Playwright stops.
    """
    if _chromium_missing():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"Chromium is required in CI but {CHROMIUM} does not exist: "
                "install it (apt-get install chromium) in .ci/run or the machine setup.",
                pytrace=False,
            )
        pytest.skip(SKIP_REASON)

    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback):
    """The demo page tree, published, in the database the live server reads; returns its base URL.

    live_server makes the test transactional (the server thread must see committed
    data), and transactional tests end by flushing every table, which would take the
    staff groups made by a data migration with it; serialized rollback restores them.
    """
    from inspectorate_site import demo

    staff = demo.load_staff_users(with_known_passwords=True)
    demo.load_pages(owner=staff["admin"].user)
    return live_server.url


def _new_page(browser, **context_options):
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    return context, page


@pytest.fixture
def page(browser):
    """A fresh context and page per test, JavaScript on."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A fresh page that may inject axe-core: the site's CSP (script-src 'self') would block it."""
    context, page = _new_page(browser, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    """A fresh page with JavaScript disabled, as some visitors and assistive set-ups have it."""
    context, page = _new_page(browser, java_script_enabled=False)
    yield page
    context.close()
