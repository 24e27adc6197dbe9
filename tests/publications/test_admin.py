"""Staff: editors change publications but cannot publish; publishers can; uploads are checked."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from publications.factories import CategoryFactory, PublicationFactory
from publications.models import Publication
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publications/publication/add/"


def form_data(category, **overrides):
    data = {
        "title": "A new guide",
        "slug": "a-new-guide",
        "summary": "What it is about.",
        "body": "<p>Body</p>",
        "categories": [category.pk],
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "imported_downloads": "0",
        "image_alt": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "change_notes-TOTAL_FORMS": "0",
        "change_notes-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor():
    return StaffFactory(username="editor", groups=["Content editor"])


@pytest.fixture
def publisher():
    return StaffFactory(username="publisher", groups=["Content publisher"])


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_groups_have_the_library_permissions(editor, publisher):
    assert editor.has_perm("publications.add_publication")
    assert editor.has_perm("publications.change_document")
    assert editor.has_perm("publications.add_category")
    assert not editor.has_perm("publications.publish_publication")
    assert not editor.has_perm("publications.delete_publication")
    assert publisher.has_perm("publications.publish_publication")


def test_an_editor_adds_a_draft_but_cannot_publish(client, editor, category):
    client.force_login(editor)

    response = client.post(
        ADD_URL, form_data(category, status="published", published_at_0="2024-01-01", published_at_1="09:00")
    )

    assert response.status_code == 302
    publication = Publication.objects.get(slug="a-new-guide")
    assert publication.status == "draft" and publication.published_at is None
    assert (
        'name="status"'
        not in client.get(f"/admin/publications/publication/{publication.pk}/change/").content.decode()
    )


def test_an_editor_cannot_use_the_publish_action(client, editor):
    draft = PublicationFactory(status=Publication.Status.DRAFT)
    client.force_login(editor)

    client.post("/admin/publications/publication/", {"action": "publish_now", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_publisher_publishes_and_schedules(client, publisher, category):
    client.force_login(publisher)

    response = client.post(
        ADD_URL, form_data(category, status="published", published_at_0="2030-01-01", published_at_1="09:00")
    )

    assert response.status_code == 302
    publication = Publication.objects.get(slug="a-new-guide")
    assert publication.status == "published"
    assert not Publication.objects.published().filter(pk=publication.pk).exists()  # scheduled for 2030


def test_the_publish_action_works_for_publishers(client, publisher):
    draft = PublicationFactory(status=Publication.Status.DRAFT, published_at=None)
    client.force_login(publisher)

    client.post("/admin/publications/publication/", {"action": "publish_now", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == "published" and draft.is_public


def test_the_list_shows_downloads_and_sorts_by_them(client, publisher):
    PublicationFactory(title="Few", imported_downloads=3)
    PublicationFactory(title="Many", imported_downloads=30000)
    client.force_login(publisher)

    page = client.get("/admin/publications/publication/?o=-4").content.decode()

    assert "column-download_count" in page and "sortable" in page
    assert page.index(">Many<") < page.index(">Few<")
    assert ">30000<" in page or ">30,000<" in page


def test_an_image_needs_alt_text_in_the_form(client, publisher, category):
    client.force_login(publisher)

    response = client.post(
        ADD_URL, {**form_data(category), "image": SimpleUploadedFile("p.png", png(20, 10), "image/png")}
    )

    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()


def test_an_image_with_alt_text_is_saved_and_shown(client, publisher, category):
    client.force_login(publisher)
    data = form_data(category, status="published", published_at_0="2020-01-01", published_at_1="09:00")
    data.update(
        image=SimpleUploadedFile("p.png", png(20, 10), "image/png"), image_alt="Three teenagers on a sofa"
    )

    client.post(ADD_URL, data)
    client.logout()

    page = client.get("/publications/a-new-guide/").content.decode()
    assert 'alt="Three teenagers on a sofa" width="20" height="10"' in page


def test_a_file_that_is_not_an_image_is_a_form_error(client, publisher, category):
    client.force_login(publisher)
    fake = SimpleUploadedFile("photo.png", b"<?php system($_GET['c']); ?>", "image/png")

    response = client.post(ADD_URL, {**form_data(category), "image": fake, "image_alt": "A photo"})

    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Publication.objects.exists()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Django's own check only warns
def test_a_decompression_bomb_is_a_form_error(client, publisher, category, monkeypatch):
    # A real bomb is a few KB of PNG decoding to gigabytes; lowering Pillow's limit
    # makes a small image one, so the test stays fast.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    client.force_login(publisher)
    bomb = SimpleUploadedFile("bomb.png", png(15, 10), "image/png")

    response = client.post(ADD_URL, {**form_data(category), "image": bomb, "image_alt": "A bomb"})

    assert response.status_code == 200
    assert "too large in pixels" in response.content.decode()
    assert not Publication.objects.exists()


def test_an_image_over_the_site_limit_is_a_form_error(client, publisher, category, monkeypatch):
    monkeypatch.setattr("publications.uploads.MAX_IMAGE_PIXELS", 100)
    client.force_login(publisher)

    response = client.post(
        ADD_URL,
        {
            **form_data(category),
            "image": SimpleUploadedFile("big.png", png(20, 10), "image/png"),
            "image_alt": "Big",
        },
    )

    assert response.status_code == 200
    assert "the most allowed is" in response.content.decode()


def test_a_category_needs_no_code_to_nest(client, publisher):
    parent = CategoryFactory(name="Guidance", slug="guidance")
    client.force_login(publisher)

    client.post(
        "/admin/publications/category/add/",
        {"name": "Adults", "slug": "adults", "parent": parent.pk, "ordering": 0, "description": ""},
    )

    assert client.get("/publications/categories/guidance/adults/").status_code == 200


def test_editors_preview_drafts_with_a_notice_and_the_public_cannot(client, editor):
    draft = PublicationFactory(title="Coming soon", status=Publication.Status.DRAFT, published_at=None)

    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    page = client.get(draft.get_absolute_url()).content.decode()

    assert "Coming soon</h1>" in page
    assert "Draft: only staff can see this page" in page


def test_staff_get_the_cms_toolbar_with_an_edit_link(client, editor):
    publication = PublicationFactory()
    client.force_login(editor)

    page = client.get(publication.get_absolute_url()).content.decode()

    assert "cms-toolbar" in page
    assert f"/admin/publications/publication/{publication.pk}/change/" in page


def test_the_admin_forms_open_for_editors(client, editor):
    publication = PublicationFactory()
    client.force_login(editor)

    for url in (ADD_URL, f"/admin/publications/publication/{publication.pk}/change/", "/admin/publications/publication/",
                "/admin/publications/category/add/", "/admin/publications/document/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
