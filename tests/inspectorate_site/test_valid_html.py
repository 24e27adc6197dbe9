"""Every page type is valid HTML, as the W3C Nu Html Checker (vnu) judges it.

The pages are rendered with the test client over the demo data, as an anonymous
visitor sees them (no CMS toolbar), and checked together in one run of the
checker, because the JVM is slow to start. The checker is the npm package
vnu-jar (`npm ci`), run with the machine's Java. Without Java or the jar the
test skips on a developer's machine, and fails in CI (CI=true), so a CI
machine missing them cannot pass silently.
"""

import json
import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from publications.factories import PublicationFactory
from publications.models import Category, Publication
from services_registry.models import CareService
from tests.complaints.helpers import STEP_ANSWERS, FormVisitor

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def html_checker() -> list[str]:
    """The command `java -jar vnu.jar`, or a skip (a failure in CI) naming what is missing."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR} (npm ci)")
    if missing:
        reason = "The HTML checker cannot run without " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout"]


def checker_messages(html_checker: list[str], pages: dict[str, str], folder: Path) -> list[dict]:
    """The checker's messages about the pages, each with the name of its page in "page"."""
    page_names = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        page_names[path.name] = name
    command = [*html_checker, *(str(folder / file_name) for file_name in page_names)]
    # The command is Java, the jar and the files written just above: nothing from outside.
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)  # noqa: S603
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The HTML checker gave no report (exit {result.returncode}): {result.stderr[-2000:]}")
    for message in messages:
        message["page"] = page_names.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
    return messages


def html_of(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def public_pages(client) -> dict[str, str]:
    category = Category.objects.filter(parent__isnull=False).order_by("path").first()
    publication = Publication.objects.published().filter(documents__isnull=False).first()
    service = CareService.objects.order_by("service_number").first()
    library = reverse("publications:library")
    search = reverse("site_search:results")
    find_a_service = reverse("services_registry:service_search")
    urls = {
        "home page": "/",
        "a landing page": "/about-us/",
        "a content page": "/about-us/what-we-do/",
        "publications library": library,
        "publications library, page 2": f"{library}?page=2&sort=title",
        "a category": category.get_absolute_url(),
        "a publication": publication.get_absolute_url(),
        "site search": f"{search}?q=care",
        "site search, publications only, page 2": f"{search}?q=care&kind=publications&page=2",
        "site search, nothing found": f"{search}?q=zzqxw",
        "Find a care service": find_a_service,
        "Find a care service, filtered, page 2": f"{find_a_service}?status=Active&page=2",
        "Find a care service, an invalid filter": f"{find_a_service}?q=care&min_grade=9",
        "a service page": service.get_absolute_url(),
        "a service page without its address": CareService.objects.filter(address_hidden=True)
        .first()
        .get_absolute_url(),
        "the widget's frame": reverse("services_registry:widget_page", args=[service.service_number]),
        "a service page with requirements and comparisons": reverse(
            "services_registry:service_detail", args=["CS2003001032"]
        ),
        "a service page with a provider history": reverse(
            "services_registry:service_detail", args=["CS2003003046"]
        ),
        "a provider page": reverse("services_registry:provider_detail", args=["SP2004005123"]),
        "the open data page": "/about-us/open-data/",
    }
    pages = {name: html_of(client, url) for name, url in urls.items()}
    pages["page not found"] = html_of(client, "/no-such-page/", status=404)
    withdrawn = Publication.objects.published().filter(documents__isnull=False).exclude(pk=publication.pk)[0]
    withdrawn.withdraw("Replaced by a newer edition.", by=None)
    pages["a withdrawn publication"] = html_of(client, withdrawn.get_absolute_url())
    pages["a withdrawn publication's document"] = html_of(
        client, withdrawn.documents.first().get_download_url(), status=410
    )
    return pages


def complaint_pages(client) -> dict[str, str]:
    """The complaint form's pages, as a person filling it in sees them, one error included; named by title."""
    pages = [html_of(client, reverse("complaints:start"))]
    visitor = FormVisitor(client)
    pages.append(visitor.html)
    visitor.answer("service", {})  # not answered: the step again, with its error
    pages.append(visitor.html)
    for step, answers in STEP_ANSWERS.items():
        visitor.answer(step, answers)
        pages.append(visitor.html)  # the next step, and at the end "Check your answers"
    visitor.send()
    pages.append(visitor.html)
    assert "Complaint sent" in visitor.html
    return {"complaint form: " + re.search(r"<title>([^<|]*)", html).group(1).strip(): html for html in pages}


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = True  # load_demo_data refuses to run otherwise
    call_command("load_demo_data", stdout=StringIO())
    settings.DEBUG = False
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    # Enough publications for the library, a category and a search to have more than one page.
    category = Category.objects.filter(parent__isnull=False).order_by("path").first()
    PublicationFactory.create_batch(25, categories=[category], summary="Guidance on care at home.")


def test_every_page_type_is_valid_html(html_checker, client, demo_site, tmp_path):
    pages = {**public_pages(client), **complaint_pages(client)}

    messages = checker_messages(html_checker, pages, tmp_path)

    errors = [
        f"{message['page']}, line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
