"""Editors see and edit waiting changes; publishers review them; no admin path lets an editor publish."""

import pytest

from publications.factories import PublicationFactory
from publications.models import Publication, PublicationEvent, PublicationRevision, SlugHistory
from tests.publications.editorial import ADMIN, pdf, propose_everything, public, revision_form, start_changes

pytestmark = pytest.mark.django_db


def test_an_editor_sees_a_live_publication_read_only_with_a_way_to_change_it(client, editor, live):
    client.force_login(editor)

    page = client.get(f"{ADMIN}/publication/{live.pk}/change/").content.decode()

    assert 'name="title"' not in page
    assert "wait for a content publisher" in page and "Change this publication" in page


def test_an_editor_opening_a_publication_with_waiting_changes_edits_those(client, editor, live):
    revision = propose_everything(client, editor, live)

    response = client.get(f"{ADMIN}/publication/{live.pk}/change/")
    assert response.status_code == 302 and response.url.endswith(
        f"/publicationrevision/{revision.pk}/change/"
    )
    page = client.get(response.url).content.decode()
    assert 'value="Staying well at home"' in page
    assert "Saving keeps them here for a content publisher" in page
    assert start_changes(client, live) == revision  # one set of changes at a time, shared


def test_publishers_see_what_waits_for_them(client, editor, publisher, live):
    revision = propose_everything(client, editor, live)
    client.force_login(publisher)

    queue = client.get(f"{ADMIN}/publicationrevision/").content.decode()
    assert f"/publicationrevision/{revision.pk}/change/" in queue
    publication_page = client.get(f"{ADMIN}/publication/{live.pk}/change/").content.decode()
    assert "Changes to this publication wait for a publisher" in publication_page
    review = client.get(f"{ADMIN}/publicationrevision/{revision.pk}/change/").content.decode()
    assert "What publishing would change" in review and "Publish these changes" in review
    assert "Changes sent to a publisher: editor" in review


def test_drafts_are_still_edited_directly(client, editor, category):
    draft = PublicationFactory(title="Coming soon", status=Publication.Status.DRAFT, published_at=None)
    client.force_login(editor)
    data = {
        "title": "Coming later", "slug": draft.slug, "summary": draft.summary, "body": draft.body,
        "categories": [category.pk], "imported_downloads": 0, "image_alt": "",
        "documents-TOTAL_FORMS": 0, "documents-INITIAL_FORMS": 0,
        "change_notes-TOTAL_FORMS": 0, "change_notes-INITIAL_FORMS": 0,
    }  # fmt: skip

    assert client.post(f"{ADMIN}/publication/{draft.pk}/change/", data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Coming later" and not PublicationRevision.objects.exists()


class TestAnEditorCannotPublishByAnyAdminPath:
    def test_posting_the_publication_form(self, client, editor, live):
        client.force_login(editor)
        response = client.post(
            f"{ADMIN}/publication/{live.pk}/change/", {"title": "Hacked", "status": "draft"}
        )

        assert response.status_code == 403
        live.refresh_from_db()
        assert live.title == "Keeping well at home" and live.status == "published"

    def test_the_publish_page_of_their_changes(self, client, editor, live):
        revision = propose_everything(client, editor, live)

        assert client.get(f"{ADMIN}/publicationrevision/{revision.pk}/publish/").status_code == 403
        assert client.post(f"{ADMIN}/publicationrevision/{revision.pk}/publish/").status_code == 403
        assert client.post(f"{ADMIN}/publicationrevision/{revision.pk}/discard/").status_code == 403
        revision.refresh_from_db()
        assert revision.status == "waiting"

    def test_the_list_actions(self, client, editor, live):
        revision = propose_everything(client, editor, live)
        draft = PublicationFactory(status=Publication.Status.DRAFT, published_at=None)

        client.post(
            f"{ADMIN}/publicationrevision/", {"action": "publish_selected", "_selected_action": [revision.pk]}
        )
        client.post(f"{ADMIN}/publication/", {"action": "publish_now", "_selected_action": [draft.pk]})

        revision.refresh_from_db()
        draft.refresh_from_db()
        assert revision.status == "waiting" and draft.status == "draft"
        assert "Staying well" not in public(client, "/publications/keeping-well/")

    def test_a_status_field_in_their_changes(self, client, editor, live):
        client.force_login(editor)
        revision = start_changes(client, live)
        client.post(
            f"{ADMIN}/publicationrevision/{revision.pk}/change/",
            revision_form(revision, title="Sneaked", status="published"),
        )

        revision.refresh_from_db()
        assert revision.status == "waiting" and "Sneaked" not in public(client, "/publications/keeping-well/")

    def test_the_documents_list(self, client, editor, live):
        document = live.documents.get()
        client.force_login(editor)

        change = client.post(
            f"{ADMIN}/document/{document.pk}/change/", {"title": "Hacked", "publication": live.pk}
        )
        delete = client.post(f"{ADMIN}/document/{document.pk}/delete/", {"post": "yes"})
        bulk = client.post(
            f"{ADMIN}/document/",
            {"action": "delete_selected", "_selected_action": [document.pk], "post": "yes"},
        )
        add = client.post(
            f"{ADMIN}/document/add/", {"title": "Extra", "publication": live.pk, "file": pdf("x.pdf", "x")}
        )

        assert change.status_code == delete.status_code == bulk.status_code == add.status_code == 403
        document.refresh_from_db()
        assert document.title == "Full guide" and live.documents.count() == 1

    def test_old_addresses(self, client, editor, live):
        client.force_login(editor)

        response = client.post(
            f"{ADMIN}/slughistory/add/", {"old_slug": "new-address", "publication": live.pk}
        )

        assert response.status_code == 403 and not SlugHistory.objects.exists()
        client.logout()
        assert client.get("/publications/new-address/").status_code == 404


def test_the_publishing_record_is_read_only(client, editor, publisher, live):
    propose_everything(client, editor, live)
    event = PublicationEvent.objects.get()
    client.force_login(publisher)

    assert client.get(f"{ADMIN}/publicationevent/").status_code == 200
    assert client.post(f"{ADMIN}/publicationevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PublicationEvent.objects.count() == 1
