"""Drafts stay private until someone allowed to publish publishes them."""

import pytest
from django.urls import reverse
from djangocms_versioning.constants import DRAFT, PUBLISHED, UNPUBLISHED
from djangocms_versioning.models import Version

from tests.factories import StaffFactory, SuperuserFactory, draft_page, published_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return SuperuserFactory(username="author")


@pytest.fixture
def editor():
    return StaffFactory(username="editor", groups=["Content editor"])


@pytest.fixture
def publisher():
    return StaffFactory(username="publisher", groups=["Content publisher"])


def state_of(version):
    return Version.objects.get(pk=version.pk).state


def publish_url(version):
    return reverse("admin:djangocms_versioning_pagecontentversion_publish", args=(version.pk,))


def unpublish_url(version):
    return reverse("admin:djangocms_versioning_pagecontentversion_unpublish", args=(version.pk,))


def test_draft_page_is_invisible_to_the_public(client, author):
    draft_page("Inspection plans", user=author, slug="inspection-plans", body="<p>Secret plan</p>")

    response = client.get("/inspection-plans/")

    assert response.status_code == 404
    assert b"Secret plan" not in response.content


def test_editor_cannot_publish(client, author, editor):
    content = draft_page("Draft guidance", user=author, slug="draft-guidance", body="<p>Not yet</p>")
    version = Version.objects.get_for_content(content)
    client.force_login(editor)

    client.post(publish_url(version))

    assert state_of(version) == DRAFT
    client.logout()
    assert client.get("/draft-guidance/").status_code == 404


def test_publisher_publishes_and_the_public_then_sees_the_page(client, author, publisher):
    content = draft_page("New guidance", user=author, slug="new-guidance", body="<p>Now live</p>")
    version = Version.objects.get_for_content(content)
    client.force_login(publisher)

    client.post(publish_url(version))

    assert state_of(version) == PUBLISHED
    client.logout()
    response = client.get("/new-guidance/")
    assert response.status_code == 200
    assert b"Now live" in response.content


def test_editing_a_published_page_makes_a_draft_the_public_does_not_see(client, author, editor):
    content = published_page("Fees", user=author, slug="fees", body="<p>Old fees</p>")
    published_version = Version.objects.get_for_content(content)

    assert not published_version.check_modify.as_bool(editor)  # published content is locked
    draft = published_version.copy(editor)
    placeholder = draft.content.rescan_placeholders()["content"]
    plugin = placeholder.get_plugins("en").get().get_bound_plugin()
    plugin.body = "<p>New fees</p>"
    plugin.save()

    response = client.get("/fees/")
    assert b"Old fees" in response.content
    assert b"New fees" not in response.content


def test_unpublishing_hides_the_page_again(client, author, publisher):
    content = published_page("Old news", user=author, slug="old-news", body="<p>Stale</p>")
    version = Version.objects.get_for_content(content)
    assert client.get("/old-news/").status_code == 200
    client.force_login(publisher)

    client.post(unpublish_url(version))

    assert state_of(version) == UNPUBLISHED
    client.logout()
    assert client.get("/old-news/").status_code == 404


def test_editor_cannot_unpublish(client, author, editor):
    content = published_page("Standards", user=author, slug="standards")
    version = Version.objects.get_for_content(content)
    client.force_login(editor)

    client.post(unpublish_url(version))

    assert state_of(version) == PUBLISHED
