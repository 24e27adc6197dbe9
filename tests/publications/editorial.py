"""Steps shared by the tests of changes to live publications: what an editor's browser posts."""

from django.core.files.uploadedfile import SimpleUploadedFile

from publications.factories import CategoryFactory
from publications.models import PublicationRevision
from publications.pdf import make_pdf

ADMIN = "/admin/publications"


def public(client, url):
    client.logout()
    return client.get(url).content.decode()


def start_changes(client, publication) -> PublicationRevision:
    response = client.post(f"{ADMIN}/publication/{publication.pk}/start-changes/")
    revision = PublicationRevision.objects.open().get(publication=publication)
    assert response.status_code == 302 and response.url.endswith(
        f"/publicationrevision/{revision.pk}/change/"
    )
    return revision


def revision_form(revision, *, new_documents=(), **overrides):
    """The revision's change form as a browser would post it, with the given changes."""
    documents = list(revision.documents.all())
    notes = list(revision.change_notes.all())
    data = {
        "title": revision.title,
        "slug": revision.slug,
        "summary": revision.summary,
        "body": revision.body,
        "categories": [category.pk for category in revision.categories.all()],
        "image_alt": revision.image_alt,
        "imported_downloads": revision.imported_downloads,
        "documents-TOTAL_FORMS": len(documents) + len(new_documents),
        "documents-INITIAL_FORMS": len(documents),
        "change_notes-TOTAL_FORMS": len(notes),
        "change_notes-INITIAL_FORMS": len(notes),
    }
    for i, document in enumerate(documents):
        data.update({
            f"documents-{i}-id": document.pk, f"documents-{i}-revision": revision.pk,
            f"documents-{i}-sort_order": document.sort_order, f"documents-{i}-number": document.number,
            f"documents-{i}-title": document.title, f"documents-{i}-is_accessible": "on",
        })  # fmt: skip
    for i, (title, upload) in enumerate(new_documents, start=len(documents)):
        data.update({
            f"documents-{i}-revision": revision.pk, f"documents-{i}-sort_order": i,
            f"documents-{i}-title": title, f"documents-{i}-file": upload, f"documents-{i}-is_accessible": "on",
        })  # fmt: skip
    for i, note in enumerate(notes):
        data.update({
            f"change_notes-{i}-id": note.pk, f"change_notes-{i}-revision": revision.pk,
            f"change_notes-{i}-date": note.date.isoformat(), f"change_notes-{i}-kind": note.kind,
            f"change_notes-{i}-text": note.text,
        })  # fmt: skip
    data.update(overrides)
    return data


def pdf(name, text):
    return SimpleUploadedFile(name, make_pdf(text), "application/pdf")


def propose_everything(client, editor, publication):
    """An editor changes title, summary, body, categories, a document and adds another."""
    client.force_login(editor)
    revision = start_changes(client, publication)
    other = CategoryFactory(name="Reports", slug="reports")
    response = client.post(
        f"{ADMIN}/publicationrevision/{revision.pk}/change/",
        revision_form(
            revision,
            new_documents=[("Easy read version", pdf("easy-read.pdf", "Easy read"))],
            title="Staying well at home",
            summary="A rewritten summary about wellbeing.",
            body="<p>Rewritten body about wellbeing.</p>",
            categories=[other.pk],
            **{"documents-0-title": "Full guide, second edition"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return revision
