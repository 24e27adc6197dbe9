"""What staff get when they edit: the rich-text toolbar, the blocks they may use, the new-page wizard."""

import json
import re

import pytest
from cms.api import add_plugin
from cms.cms_wizards import cms_page_wizard
from cms.models import PageContent
from cms.plugin_pool import plugin_pool
from cms.utils.urlutils import admin_reverse
from cms.wizards.forms import WizardStep2BaseForm, step2_form_factory
from django.contrib.sites.models import Site
from django.test import RequestFactory

from content_blocks.models import ContactCallout, PublicationList
from publications.factories import CategoryFactory
from publications.models import Publication
from tests.factories import StaffFactory, SuperuserFactory, draft_page

pytestmark = pytest.mark.django_db

DESIGN_SYSTEM_TOOLS = {
    "Undo",
    "Redo",
    "Paragraph",
    "Heading2",
    "Heading3",
    "Heading4",
    "Bold",
    "BulletedList",
    "NumberedList",
    "Link",
    "Unlink",
}
NOT_STYLED_BY_THE_DESIGN_SYSTEM = {
    "TextColor",
    "Highlight",
    "BGColor",
    "Underline",
    "Code",
    "CodeBlock",
    "JustifyLeft",
    "JustifyCenter",
    "JustifyRight",
    "JustifyBlock",
    "Italic",
    "Table",
    "Source",
}
BLOCKS_INSIDE_TEXT = {"InsetTextPlugin", "WarningTextPlugin", "ContactNumbersPlugin", "CallToActionPlugin"}
ALL_BLOCKS = {
    "InsetTextPlugin",
    "WarningTextPlugin",
    "ContactCalloutPlugin",
    "AccordionPlugin",
    "AccordionItemPlugin",
    "DetailsPlugin",
    "PublicationListPlugin",
    "ServiceSearchPlugin",
    "DocumentListPlugin",
    "ContactNumbersPlugin",
    "CallToActionPlugin",
}


def toolbar_items(toolbar) -> set[str]:
    return {item for group in toolbar for item in group if item not in {"-", "|"}}


@pytest.fixture
def editor():
    return StaffFactory(username="editor", groups=["Content editor"])


@pytest.fixture
def text_block():
    author = SuperuserFactory(username="author")
    content = draft_page("Guidance", user=author, slug="guidance")
    placeholder = content.rescan_placeholders()["content"]
    return add_plugin(placeholder, "TextPlugin", "en", body="<p>Read me</p>")


def editor_settings(html: str) -> dict:
    """The per-editor settings django CMS's text editor reads from the page (a JSON script)."""
    match = re.search(r'<script[^>]*id="cms-cfg-[^"]*"[^>]*>(.*?)</script>', html, re.S)
    assert match, "the edit form carries no editor settings"
    return json.loads(match.group(1))


def test_the_page_text_toolbar_offers_only_what_the_design_system_styles(client, editor, text_block):
    client.force_login(editor)

    response = client.get(admin_reverse("cms_placeholder_edit_plugin", args=[text_block.pk]))

    assert response.status_code == 200
    settings = editor_settings(response.content.decode())
    items = toolbar_items(settings["options"]["toolbar"])
    assert items == DESIGN_SYSTEM_TOOLS | {"CMSPlugins"}
    offered = {item["type"] for group in settings["plugins"] for item in group["items"]}
    assert offered == BLOCKS_INSIDE_TEXT
    assert {group["group"] for group in settings["plugins"]} == {"Design system"}


def test_other_rich_text_fields_have_the_same_toolbar_without_blocks():
    widget = Publication._meta.get_field("body").formfield().widget

    items = toolbar_items(widget.get_editor_settings("en")["options"]["toolbar"])

    assert items == DESIGN_SYSTEM_TOOLS
    assert not items & NOT_STYLED_BY_THE_DESIGN_SYSTEM


def test_content_editors_and_publishers_may_use_every_block(editor):
    from cms.utils.permissions import has_plugin_permission

    publisher = StaffFactory(username="publisher", groups=["Content publisher"])
    outsider = StaffFactory(username="registry", groups=["Registry officer"])
    for plugin_type in ALL_BLOCKS:
        for action in ("add", "change", "delete"):
            assert has_plugin_permission(editor, plugin_type, action), (plugin_type, action)
            assert has_plugin_permission(publisher, plugin_type, action), (plugin_type, action)
        assert not has_plugin_permission(outsider, plugin_type, "add"), plugin_type


def test_an_editor_can_open_each_blocks_form(client, editor, text_block):
    client.force_login(editor)
    placeholder = text_block.placeholder
    for plugin_type in ALL_BLOCKS - {"AccordionItemPlugin"}:
        response = client.get(
            admin_reverse("cms_placeholder_add_plugin"),
            {
                "placeholder_id": placeholder.pk,
                "plugin_type": plugin_type,
                "plugin_language": "en",
                "plugin_position": 2,
            },
        )
        assert response.status_code == 200, plugin_type


def test_blocks_are_grouped_under_design_system_and_accordion_sections_only_go_in_an_accordion():
    plugins = {name: plugin_pool.get_plugin(name) for name in ALL_BLOCKS}

    assert {plugin.module for plugin in plugins.values()} == {"Design system"}
    assert plugins["AccordionItemPlugin"].parent_classes == ["AccordionPlugin"]
    assert plugins["AccordionItemPlugin"].require_parent
    assert plugins["AccordionPlugin"].child_classes == ["AccordionItemPlugin"]


def test_the_new_page_wizard_puts_the_body_in_the_body_not_the_summary(editor):
    request = RequestFactory().get("/")
    request.user = editor
    # The form class the wizard's second step builds for "New page".
    form_class = step2_form_factory(mixin_cls=WizardStep2BaseForm, entry_form_class=cms_page_wizard.form)
    form = form_class(
        data={"title": "Visiting a care home", "slug": "", "content": "<p>Ask the manager first.</p>"},
        wizard_language="en",
        wizard_site=Site.objects.get_current(),
        wizard_request=request,
        wizard_page=None,
    )
    assert form.is_valid(), form.errors

    page = form.save()

    content = PageContent.admin_manager.get(page=page, language="en")
    texts = {
        placeholder.slot: [plugin.get_bound_plugin().body for plugin in placeholder.get_plugins()]
        for placeholder in content.get_placeholders()
    }
    assert texts["content"] == ["<p>Ask the manager first.</p>"]
    assert not texts.get("summary")


def add_block(client, placeholder, plugin_type, data):
    return client.post(
        admin_reverse("cms_placeholder_add_plugin")
        + f"?placeholder_id={placeholder.pk}&plugin_type={plugin_type}&plugin_language=en&plugin_position=2"
        "&cms_path=/guidance/",
        data,
    )


def test_a_contact_block_with_a_wrong_phone_number_is_refused_with_a_clear_error(client, editor, text_block):
    client.force_login(editor)

    response = add_block(
        client, text_block.placeholder, "ContactCalloutPlugin", {"heading": "Contact us", "phone": "12345"}
    )

    assert response.status_code == 200
    assert "Enter a UK phone number, like 0345 600 9527." in response.content.decode()
    assert not ContactCallout.objects.exists()


def test_a_contact_block_needs_a_way_to_get_in_touch(client, editor, text_block):
    client.force_login(editor)

    response = add_block(client, text_block.placeholder, "ContactCalloutPlugin", {"heading": "Contact us"})

    assert "Give at least one way to get in touch" in response.content.decode()
    assert not ContactCallout.objects.exists()


def test_a_publication_list_shows_at_most_ten(client, editor, text_block):
    category = CategoryFactory()
    client.force_login(editor)

    response = add_block(
        client,
        text_block.placeholder,
        "PublicationListPlugin",
        {"category": category.pk, "order": "newest", "count": 11},
    )

    assert "Ensure this value is less than or equal to 10." in response.content.decode()
    assert not PublicationList.objects.exists()


def test_an_editor_adds_a_contact_block(client, editor, text_block):
    client.force_login(editor)

    add_block(
        client,
        text_block.placeholder,
        "ContactCalloutPlugin",
        {"heading": "Contact us", "phone": "0345 600 9527", "email": "", "address": "", "text": ""},
    )

    assert ContactCallout.objects.get().phone_tel == "+443456009527"


def test_blocks_placed_inside_text_render_where_they_were_placed(client):
    from djangocms_text.utils import plugin_to_tag
    from djangocms_versioning.models import Version

    author = SuperuserFactory(username="author")
    content = draft_page("Help", user=author, slug="help")
    placeholder = content.rescan_placeholders()["content"]
    text = add_plugin(placeholder, "TextPlugin", "en", body="")
    warning = add_plugin(
        placeholder, "WarningTextPlugin", "en", target=text, text="Call 999 in an emergency."
    )
    text.body = f"<p>Before.</p>{plugin_to_tag(warning)}<p>After.</p>"
    text.save()
    Version.objects.get_for_content(content).publish(author)

    html = client.get("/help/").content.decode()

    before, warning_at, after = html.index("Before."), html.index("ds_warning-text"), html.index("After.")
    assert before < warning_at < after
    assert "Call 999 in an emergency." in html
