"""Every link on the demo site leads somewhere: a crawl from the home page finds no broken link.

Test settings serve no /media/ (DEBUG is off, as in production), so a link
that only works through a development file server is caught here.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# Enough to reach every page type of the demo site; pages past it are still checked, not parsed.
MAX_PAGES_PARSED = 250
NOT_FOLLOWED = ("mailto:", "tel:", "sms:", "javascript:", "data:")


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "href" or (name == "src" and tag in {"img", "script", "iframe"})):
                self.links.append(value)


def internal_address(base, link, site_url):
    if link.startswith(NOT_FOLLOWED) or link.startswith("#"):
        return None
    absolute = urljoin(site_url + base, urldefrag(link).url)
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}" != site_url:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, site_url, start=("/",), on_response=None):
    """Returns (broken links with the page they were on, number of addresses checked).

    ``on_response(address, response)`` sees every response that answered 200.
    """
    queue, seen, broken, parsed = deque((address, "(start)") for address in start), set(start), [], 0
    while queue:
        address, found_on = queue.popleft()
        response = client.get(address, follow=True)
        if response.status_code != 200:
            broken.append((address, response.status_code, found_on))
            continue
        if on_response:
            on_response(address, response)
        is_html = response.headers.get("Content-Type", "").startswith("text/html")
        if not is_html or response.streaming or parsed >= MAX_PAGES_PARSED or "?" in address:
            continue
        parsed += 1
        collector = LinkCollector()
        collector.feed(response.content.decode())
        for link in collector.links:
            target = internal_address(address, link, site_url)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, address))
    return broken, len(seen)


def test_a_crawl_of_the_demo_site_finds_no_broken_link(client, settings):
    settings.DEBUG = True  # load_demo_data refuses to run otherwise
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False

    broken, checked = crawl(client, settings.SITE_URL)

    assert broken == [], "\n".join(
        f"{status} {address} (linked from {page})" for address, status, page in broken
    )
    assert checked > 100  # the crawl really went round the site


def response_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


def test_a_crawl_of_the_demo_site_never_shows_a_hidden_address(client, settings):
    from services_registry.models import CareService

    settings.DEBUG = True
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    hidden = list(CareService.objects.filter(address_hidden=True))
    secrets = {text for service in hidden for text in (service.address_line_1, service.postcode)}
    start = ["/", "/sitemap.xml", "/services/export.csv", "/publications/feed/"]
    for service in hidden:
        number = service.service_number
        start += [
            f"/services/{number}/",
            f"/widget/{number}.js",
            f"/widget/{number}/",
            f"/widget/{number}.svg",
        ]
        start.append(f"/services/?q={service.name.split()[0]}")
    leaks = []

    def check(address, response):
        text = response_text(response)
        leaks.extend((address, secret) for secret in secrets if secret in text)

    broken, checked = crawl(client, settings.SITE_URL, start=start, on_response=check)

    assert {"Ardmore Young People's Home", "Mrs Ailsa Grant (childminder)"} <= {s.name for s in hidden}
    assert "" not in secrets and len(secrets) == 2 * len(hidden)
    assert leaks == []
    assert broken == []
    assert checked > 100
