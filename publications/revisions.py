"""Changes to live publications wait for a publisher.

Someone without ``publish_publication`` cannot change a published (or
scheduled) publication directly. They start a revision, a copy of the whole
publication (fields, categories, documents, change notes), and edit that;
saving it sends it to the publishers. A publisher publishes it (its values are
applied to the live rows, so addresses and download counts stay) or discards
it. Every step is written to the publishing record (PublicationEvent) with who
and when. Drafts that were never published are edited directly.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile

from .models import (
    ProposedChangeNote,
    ProposedDocument,
    Publication,
    PublicationEvent,
    PublicationRevision,
)

PUBLISH_PERMISSION = "publications.publish_publication"

PUBLICATION_FIELDS = (
    "title",
    "slug",
    "summary",
    "body",
    "image",
    "image_width",
    "image_height",
    "image_alt",
    "imported_downloads",
)
DOCUMENT_FIELDS = (
    "number",
    "title",
    "file",
    "file_format",
    "content_type",
    "file_size",
    "page_count",
    "is_accessible",
    "sort_order",
)
NOTE_FIELDS = ("date", "kind", "text", "major")


class RevisionError(Exception):
    """Why the changes cannot be published or discarded now, in words for staff."""


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def edits_wait_for_publisher(user, publication: Publication) -> bool:
    """Whether this person's changes to this publication must wait for a publisher."""
    # A withdrawn publication's page is still public, so changes to it wait too.
    on_record = (Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN)
    return publication.status in on_record and not can_publish(user)


def open_revision(publication: Publication) -> PublicationRevision | None:
    return publication.revisions.open().first()


def _values(source, fields) -> dict:
    """Field values to copy; files by their stored name, so no file is copied or moved."""
    values = {name: getattr(source, name) for name in fields}
    return {name: value.name if isinstance(value, FieldFile) else value for name, value in values.items()}


def start_revision(publication: Publication, user) -> PublicationRevision:
    """The publication's open revision, or a new one copied from the live publication."""
    revision = open_revision(publication)
    if revision is not None:
        return revision
    try:
        with transaction.atomic():
            revision = PublicationRevision.objects.create(
                publication=publication, created_by=user, **_values(publication, PUBLICATION_FIELDS)
            )
            revision.categories.set(publication.categories.all())
            ProposedDocument.objects.bulk_create(
                ProposedDocument(
                    revision=revision, live_document=document, **_values(document, DOCUMENT_FIELDS)
                )
                for document in publication.documents.all()
            )
            ProposedChangeNote.objects.bulk_create(
                ProposedChangeNote(revision=revision, live_note=note, **_values(note, NOTE_FIELDS))
                for note in publication.change_notes.all()
            )
    except IntegrityError:  # someone else started one at the same moment: share it
        return open_revision(publication)
    return revision


def record_save(revision: PublicationRevision, user) -> None:
    """A save sends the changes to the publishers (the first time) or updates what waits."""
    if revision.status == PublicationRevision.Status.STARTED:
        revision.status = PublicationRevision.Status.WAITING
        revision.save(update_fields=["status"])
        kind = PublicationEvent.Kind.SUBMITTED
    else:
        kind = PublicationEvent.Kind.CHANGED
    _record(revision, kind, user)


def _record(revision, kind, user, note=""):
    PublicationEvent.objects.create(
        publication_id=revision.publication_id, revision=revision, kind=kind, by=user, note=note
    )


def _lock_open(revision: PublicationRevision) -> PublicationRevision:
    locked = PublicationRevision.objects.select_for_update().get(pk=revision.pk)
    if not locked.is_open:
        raise RevisionError(f"These changes were {locked.get_status_display().lower()} already.")
    return locked


def publish_revision(revision: PublicationRevision, user) -> Publication:
    """Apply the changes to the live publication, all or nothing.

    Only the changed columns are written, never the download counts, so
    downloads counted meanwhile stay counted; documents are written before the
    publication row, the order in which a download locks them.
    """
    with transaction.atomic():
        revision = _lock_open(revision)
        publication = Publication.objects.get(pk=revision.publication_id)
        if Publication.objects.filter(slug=revision.slug).exclude(pk=publication.pk).exists():
            raise RevisionError(
                f"Another publication now has the address “{revision.slug}”: change the slug, then publish."
            )
        _apply_rows(
            publication, revision.documents.all(), publication.documents, "live_document_id", DOCUMENT_FIELDS
        )
        _apply_rows(
            publication, revision.change_notes.all(), publication.change_notes, "live_note_id", NOTE_FIELDS
        )
        changed = _assign_changed(publication, _values(revision, PUBLICATION_FIELDS))
        # save() keeps the old slug redirecting, re-renders and re-indexes the body, moves the download total.
        publication.save(update_fields=[*changed, "body_html", "updated_at"])
        publication.categories.set(revision.categories.all())
        revision.status = PublicationRevision.Status.PUBLISHED
        revision.save(update_fields=["status", "updated_at"])
        _record(revision, PublicationEvent.Kind.PUBLISHED, user)
    return publication


def _assign_changed(target, values: dict) -> list[str]:
    """Set the values that differ (assigning an image reads its file); return their names."""
    live = _values(target, values)
    changed = [name for name, value in values.items() if live[name] != value]
    for name in changed:
        setattr(target, name, values[name])
    return changed


def _apply_rows(publication, proposed_rows, live_rows, link, fields):
    """Make the live documents (or notes) what the revision proposes: change, add, remove."""
    live = {row.pk: row for row in live_rows.all()}
    kept = set()
    for proposed in proposed_rows:
        values = _values(proposed, fields)
        row = live.get(getattr(proposed, link))
        if row is None:
            row = live_rows.model(publication=publication, **values)
            row.save()
        elif changed := _assign_changed(row, values):
            row.save(update_fields=changed)
        kept.add(row.pk)
    live_rows.exclude(pk__in=kept).delete()


def discard_revision(revision: PublicationRevision, user) -> None:
    with transaction.atomic():
        revision = _lock_open(revision)
        revision.status = PublicationRevision.Status.DISCARDED
        revision.save(update_fields=["status", "updated_at"])
        _record(revision, PublicationEvent.Kind.DISCARDED, user)


@dataclass(frozen=True)
class Change:
    """One difference between the waiting changes and the live publication, in staff words."""

    what: str
    live: str
    proposed: str


def describe_changes(revision: PublicationRevision) -> list[Change]:
    """What publishing would change, field by field, then document by document and note by note."""
    publication = revision.publication
    changes = []
    for name in ("title", "slug", "summary", "body", "image", "image_alt", "imported_downloads"):
        live, proposed = _values(publication, [name])[name], _values(revision, [name])[name]
        if live != proposed:
            label = str(Publication._meta.get_field(name).verbose_name).capitalize()
            changes.append(Change(label, str(live or "(none)"), str(proposed or "(none)")))
    live_categories = sorted(str(category) for category in publication.categories.all())
    proposed_categories = sorted(str(category) for category in revision.categories.all())
    if live_categories != proposed_categories:
        changes.append(Change("Categories", ", ".join(live_categories), ", ".join(proposed_categories)))
    changes += _row_changes(
        "Document", publication.documents.all(), revision.documents.all(), "live_document_id", DOCUMENT_FIELDS
    )
    changes += _row_changes(
        "Change note",
        publication.change_notes.all(),
        revision.change_notes.all(),
        "live_note_id",
        NOTE_FIELDS,
    )
    return changes


def _describe(row) -> str:
    """A row in staff words; a major change note says so, as publishing it emails subscribers."""
    return f"{row} (major change: emails subscribers)" if getattr(row, "major", False) else str(row)


def _row_changes(label, live_rows, proposed_rows, link, fields) -> list[Change]:
    live = {row.pk: row for row in live_rows}
    changes = []
    for proposed in proposed_rows:
        original = live.pop(getattr(proposed, link), None)
        if original is None:
            changes.append(Change(f"{label} added", "", _describe(proposed)))
        elif _values(original, fields) != _values(proposed, fields):
            new_file = "file" in fields and original.file.name != proposed.file.name
            changes.append(
                Change(
                    f"{label} changed",
                    _describe(original),
                    f"{_describe(proposed)}{' (new file)' if new_file else ''}",
                )
            )
    changes += [Change(f"{label} removed", _describe(row), "") for row in live.values()]
    return changes
