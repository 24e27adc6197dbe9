"""Demo content for `manage.py load_demo_data`: staff users and the page tree."""

from dataclasses import dataclass

from cms.api import add_plugin, create_page
from cms.models import Page, PageContent
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.db import transaction
from djangocms_versioning.models import Version

from alerts.roles import ALERTS_OFFICERS_GROUP
from complaints.roles import OFFICERS_GROUP

from .demo_pages import DEMO_PAGES, DemoPage

LANGUAGE = "en"


@dataclass
class DemoAccount:
    user: object
    password: str
    role: str


# username, role (group name, or None for the superuser), development password
DEMO_STAFF = [
    ("admin", None, "demo-admin-password"),
    ("editor", "Content editor", "demo-editor-password"),
    ("publisher", "Content publisher", "demo-publisher-password"),
    ("registry", "Registry officer", "demo-registry-password"),
    ("complaints", OFFICERS_GROUP, "demo-complaints-password"),
    ("alerts", ALERTS_OFFICERS_GROUP, "demo-alerts-password"),
]


def load_staff_users(*, with_known_passwords: bool) -> dict[str, DemoAccount]:
    """One demo user per staff group, plus a superuser. Existing users are left as they are."""
    User = get_user_model()
    accounts = {}
    for username, group_name, password in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_staff": True,
                "is_superuser": group_name is None,
            },
        )
        if created:
            if with_known_passwords:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        accounts[username] = DemoAccount(user, password, group_name or "Superuser")
    return accounts


def _fill_placeholders(page_content: PageContent, demo_page: DemoPage) -> None:
    placeholders = {p.slot: p for p in page_content.rescan_placeholders().values()}
    for slot, html in demo_page.placeholders.items():
        add_plugin(placeholders[slot], "TextPlugin", LANGUAGE, body=html() if callable(html) else html)
    for slot, plugin_type, fields in demo_page.blocks:
        fields = {name: value() if callable(value) else value for name, value in fields.items()}
        add_plugin(placeholders[slot], plugin_type, LANGUAGE, **fields)


def _publish(page_content: PageContent, user) -> None:
    Version.objects.get_for_content(page_content).publish(user)


@transaction.atomic
def load_pages(*, owner) -> int:
    """Create and publish each demo page that is not there yet; return how many were made."""
    site = Site.objects.get_current()
    created = 0
    for demo_page in DEMO_PAGES:
        if Page.objects.filter(reverse_id=demo_page.reverse_id, site=site).exists():
            continue
        parent = Page.objects.get(reverse_id=demo_page.parent, site=site) if demo_page.parent else None
        page = create_page(
            title=demo_page.title,
            template=demo_page.template,
            language=LANGUAGE,
            slug=demo_page.slug,
            menu_title=demo_page.menu_title,
            parent=parent,
            in_navigation=demo_page.in_navigation,
            reverse_id=demo_page.reverse_id,
            meta_description=demo_page.meta_description or None,
            created_by=owner,
            site=site,
        )
        page_content = PageContent.admin_manager.get(page=page, language=LANGUAGE)
        _fill_placeholders(page_content, demo_page)
        _publish(page_content, owner)
        if demo_page.reverse_id == "home":
            page.set_as_homepage(owner)
        created += 1
    return created
