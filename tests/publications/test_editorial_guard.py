"""Only publishers change what the public sees: an editor's changes to a live publication wait."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from publications import revisions
from publications.downloads import record_download
from publications.factories import PublicationFactory
from publications.models import PublicationRevision, SlugHistory
from tests.publications.editorial import ADMIN, propose_everything, public, revision_form, start_changes

pytestmark = pytest.mark.django_db


def test_an_editors_changes_to_a_live_publication_are_not_public(client, editor, live):
    revision = propose_everything(client, editor, live)

    page = public(client, "/publications/keeping-well/")
    assert "Keeping well at home</h1>" in page and "Staying well" not in page
    assert "How services help people stay well." in page and "Rewritten" not in page
    assert "Full guide" in page and "second edition" not in page and "Easy read" not in page
    assert "Reports" not in page
    assert "/publications/keeping-well/" not in public(client, "/search/?q=wellbeing")
    feed = public(client, "/publications/feed/")
    assert "Keeping well at home" in feed and "Staying well" not in feed
    assert "Staying well" not in public(client, "/publications/categories/reports/")
    live.refresh_from_db()
    assert live.title == "Keeping well at home" and live.documents.count() == 1
    revision.refresh_from_db()
    assert revision.status == PublicationRevision.Status.WAITING
    assert list(revision.events.values_list("kind", "by__username")) == [("submitted", "editor")]


def test_a_publisher_publishes_the_changes_and_the_public_sees_them(client, editor, publisher, live):
    document = live.documents.get()
    url = document.get_download_url()
    client.get(url)  # one download before the change
    public(client, "/publications/keeping-well/")  # now in the page cache
    revision = propose_everything(client, editor, live)

    client.force_login(publisher)
    confirm = client.get(f"{ADMIN}/publicationrevision/{revision.pk}/publish/").content.decode()
    assert "Staying well at home" in confirm and "Easy read version" in confirm
    response = client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/")

    assert response.status_code == 302
    page = public(client, "/publications/keeping-well/")
    assert "Staying well at home</h1>" in page and "Rewritten body about wellbeing." in page
    assert "Full guide, second edition" in page and "Easy read version" in page
    assert "Reports" in page
    assert "/publications/keeping-well/" in public(client, "/search/?q=wellbeing")
    assert "Staying well at home" in public(client, "/publications/feed/")
    assert client.get(url).status_code == 200  # the document keeps its address and its count
    document.refresh_from_db()
    assert document.download_count == 2
    assert list(revision.events.order_by("at", "pk").values_list("kind", "by__username")) == [
        ("submitted", "editor"),
        ("published", "publisher"),
    ]


def test_downloads_counted_while_publishing_stay_counted(client, editor, publisher, live, monkeypatch):
    document = live.documents.get()
    revision = propose_everything(client, editor, live)
    apply_rows, downloads = revisions._apply_rows, []

    def download_meanwhile(publication, *args):
        if not downloads:  # after publishing read the publication, before it writes it
            downloads.append(record_download(document))
        apply_rows(publication, *args)

    monkeypatch.setattr(revisions, "_apply_rows", download_meanwhile)
    revisions.publish_revision(revision, publisher)

    live.refresh_from_db()
    document.refresh_from_db()
    assert live.title == "Staying well at home"
    assert live.download_count == 1 and document.download_count == 1


def test_discarded_changes_change_nothing(client, editor, publisher, live):
    revision = propose_everything(client, editor, live)

    client.force_login(publisher)
    client.post(f"{ADMIN}/publicationrevision/{revision.pk}/discard/")

    page = public(client, "/publications/keeping-well/")
    assert "Keeping well at home</h1>" in page and "Staying well" not in page and "Easy read" not in page
    revision.refresh_from_db()
    assert revision.status == "discarded"
    assert revision.events.filter(kind="discarded", by=publisher).exists()
    assert client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/").status_code == 302  # to sign in
    client.force_login(publisher)
    assert client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/").status_code == 404
    live.refresh_from_db()
    assert live.title == "Keeping well at home"


def test_a_slug_change_redirects_only_once_published(client, editor, publisher, live):
    client.force_login(editor)
    revision = start_changes(client, live)
    client.post(
        f"{ADMIN}/publicationrevision/{revision.pk}/change/", revision_form(revision, slug="staying-well")
    )

    assert client.get("/publications/keeping-well/").status_code == 200
    client.logout()
    assert client.get("/publications/staying-well/").status_code == 404
    assert not SlugHistory.objects.exists()

    client.force_login(publisher)
    client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/")
    client.logout()

    assert client.get("/publications/staying-well/").status_code == 200
    old = client.get("/publications/keeping-well/")
    assert old.status_code == 301 and old.url == "/publications/staying-well/"


def test_changes_that_clash_with_a_newer_publication_are_refused_whole(client, editor, publisher, live):
    client.force_login(editor)
    revision = start_changes(client, live)
    data = revision_form(revision, title="Staying well at home", slug="taken")
    client.post(f"{ADMIN}/publicationrevision/{revision.pk}/change/", data)
    PublicationFactory(slug="taken")  # a publisher's new publication takes the address meanwhile

    client.force_login(publisher)
    response = client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/", follow=True)

    assert "Another publication now has the address “taken”" in response.content.decode()
    revision.refresh_from_db()
    live.refresh_from_db()
    assert revision.status == "waiting" and live.title == "Keeping well at home"


def test_a_document_removed_in_waiting_changes_stays_downloadable_until_published(
    client, editor, publisher, live
):
    url = live.documents.get().get_download_url()
    client.force_login(editor)
    revision = start_changes(client, live)
    data = revision_form(revision, **{"documents-0-DELETE": "on"})
    client.post(f"{ADMIN}/publicationrevision/{revision.pk}/change/", data)
    client.logout()

    assert client.get(url).status_code == 200
    client.force_login(publisher)
    client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/")
    client.logout()
    assert client.get(url).status_code == 404


def test_a_new_image_shows_only_once_published(client, editor, publisher, live):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, "PNG")
    client.force_login(editor)
    revision = start_changes(client, live)
    image = SimpleUploadedFile("sofa.png", buffer.getvalue(), "image/png")
    data = revision_form(revision, image=image, image_alt="Three teenagers on a sofa")
    client.post(f"{ADMIN}/publicationrevision/{revision.pk}/change/", data)

    assert "Three teenagers" not in public(client, "/publications/keeping-well/")
    client.force_login(publisher)
    client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/")
    assert 'alt="Three teenagers on a sofa" width="20" height="10"' in public(
        client, "/publications/keeping-well/"
    )


def test_a_publishers_own_edit_is_live_at_once(client, publisher, live):
    client.force_login(publisher)
    page = client.get(f"{ADMIN}/publication/{live.pk}/change/").content.decode()
    assert 'name="title"' in page

    data = {
        "title": "Keeping well, revised", "slug": "keeping-well", "summary": live.summary, "body": live.body,
        "categories": [c.pk for c in live.categories.all()], "status": "published",
        "published_at_0": live.published_at.date().isoformat(), "published_at_1": "09:00",
        "imported_downloads": 0, "image_alt": "",
        "documents-TOTAL_FORMS": 0, "documents-INITIAL_FORMS": 0,
        "change_notes-TOTAL_FORMS": 0, "change_notes-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client.post(f"{ADMIN}/publication/{live.pk}/change/", data)

    assert response.status_code == 302
    assert "Keeping well, revised</h1>" in public(client, "/publications/keeping-well/")
    assert not PublicationRevision.objects.exists()
