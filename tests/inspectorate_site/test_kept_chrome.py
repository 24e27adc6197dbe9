"""The CMS chrome (menu, breadcrumbs, site notice, app introductions) is rendered once per publish for the public.

An uncached page pays for its own content only; every publish shows at once, in
every worker, because what is kept is keyed by django CMS's page-cache version.
"""

import pytest
from cms.api import add_plugin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from djangocms_alias.models import Alias, AliasContent, Category
from djangocms_versioning.models import Version

from services_registry.factories import CareServiceFactory
from tests.factories import SuperuserFactory, published_page

pytestmark = pytest.mark.django_db

BREADCRUMB_TEMPLATE = "components/menu_breadcrumbs.html"
MENU_TEMPLATE = "includes/main_menu_items.html"


def renders(response, template_name):
    return [template.name for template in response.templates].count(template_name)


@pytest.fixture
def author():
    return SuperuserFactory(username="author")


@pytest.fixture
def guidance(author):
    published_page("Home", user=author, slug="home", in_navigation=False)
    parent = published_page("Guidance", user=author, slug="guidance", in_navigation=True)
    published_page("Staffing", user=author, slug="staffing", parent=parent.page, in_navigation=True)
    return parent


def publish_site_notice(text, *, user):
    """The site-wide notice as a publisher sets it: a new published version of the "site_notice" alias."""
    alias = Alias.objects.filter(static_code="site_notice").first()
    if alias is None:
        category = Category.objects.create(name="Site")
        alias = Alias.objects.create(category=category, static_code="site_notice")
        content = AliasContent.objects.with_user(user).create(alias=alias, name="Site notice", language="en")
    else:
        published = Version.objects.get_for_content(alias.get_content("en"))
        content = published.copy(user).content
        content.placeholder.get_plugins().delete()
    add_plugin(content.placeholder, "TextPlugin", "en", body=f"<p>{text}</p>")
    Version.objects.get_for_content(content).publish(user)


def test_a_new_site_notice_shows_at_once_on_pages_seen_before(client, guidance, author):
    publish_site_notice("Our phone lines close at 4pm on Friday.", user=author)
    assert "phone lines close at 4pm" in client.get("/guidance/").content.decode()

    publish_site_notice("Our offices are closed on Monday.", user=author)

    for path in ["/guidance/", "/guidance/staffing/", "/publications/"]:
        html = client.get(path).content.decode()
        assert "offices are closed on Monday" in html, path
        assert "phone lines close" not in html, path


def test_the_site_notice_is_read_once_for_the_whole_site(client, guidance, author):
    publish_site_notice("Our phone lines close at 4pm on Friday.", user=author)
    client.get("/guidance/")
    client.get("/guidance/staffing/")

    # Both pages' chrome is kept; another query string is a fresh render of the page alone.
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/guidance/?from=search").content.decode()

    assert "phone lines close at 4pm" in html
    assert not [q for q in captured.captured_queries if "djangocms_alias" in q["sql"]]


def test_breadcrumbs_are_kept_per_page_and_follow_a_renamed_parent(client, guidance, author):
    first = client.get("/guidance/staffing/")
    assert renders(first, BREADCRUMB_TEMPLATE) == 1
    assert 'href="/guidance/"' in first.content.decode()

    again = client.get("/guidance/staffing/?utm_source=newsletter")
    assert renders(again, BREADCRUMB_TEMPLATE) == 0
    assert again.content.decode().count('href="/guidance/"') == first.content.decode().count(
        'href="/guidance/"'
    )

    draft = Version.objects.get_for_content(guidance).copy(author).content
    draft.title = draft.menu_title = "Guidance and advice"
    draft.save()
    Version.objects.get_for_content(draft).publish(author)

    renamed = client.get("/guidance/staffing/?utm_source=email").content.decode()
    assert "Guidance and advice" in renamed


def test_each_page_keeps_its_own_breadcrumbs(client, guidance):
    client.get("/guidance/staffing/")

    parent = client.get("/guidance/")

    assert renders(parent, BREADCRUMB_TEMPLATE) == 1
    assert 'aria-current="page"' in parent.content.decode()


def test_every_service_page_shares_one_kept_menu(client, guidance):
    CareServiceFactory(service_number="CS2003001025")
    CareServiceFactory(service_number="CS2003001026")
    client.get("/services/CS2003001025/")

    second = client.get("/services/CS2003001026/")

    assert second.status_code == 200
    assert renders(second, MENU_TEMPLATE) == 0
    assert 'href="/guidance/"' in second.content.decode()


def test_staff_always_get_the_chrome_rendered_afresh(client, guidance, author):
    client.force_login(author)
    client.get("/guidance/staffing/")

    again = client.get("/guidance/staffing/?again=1")

    assert renders(again, BREADCRUMB_TEMPLATE) == 1
    assert renders(again, MENU_TEMPLATE) == 1


@pytest.mark.parametrize("with_cookie", [False, True], ids=["no cookies", "a form's cookie"])
def test_pages_seen_before_show_a_renamed_menu_item_once_it_is_published(
    client, guidance, author, with_cookie
):
    """Every cache in front of a page (the full-page cache, and behind it the library's own) follows a publish."""
    CareServiceFactory(service_number="CS2003001025")
    if with_cookie:  # a visitor who has opened a form goes past the full-page cache
        client.cookies["csrftoken"] = "x" * 32
    paths = ["/guidance/staffing/", "/publications/", "/services/", "/services/CS2003001025/"]
    for path in paths:
        assert "Guidance" in client.get(path).content.decode()

    draft = Version.objects.get_for_content(guidance).copy(author).content
    draft.title = draft.menu_title = "Guidance and advice"
    draft.save()
    Version.objects.get_for_content(draft).publish(author)

    for path in paths:
        assert "Guidance and advice" in client.get(path).content.decode(), path
