"""Drafts decided outside the review screens close their request, so the queue shows only what still waits.

A publisher may still publish from the CMS toolbar, the versioning admin or
the publications admin; those paths announce it and the request is closed with
who did it when that is known.
"""

from cms.models import PageContent
from django.db.models.signals import post_save
from djangocms_versioning import constants
from djangocms_versioning.models import StateTracking
from djangocms_versioning.signals import post_version_operation

from publications.models import Publication, PublicationEvent

from .services import close_decided_elsewhere

PAGE_OUTCOMES = {constants.OPERATION_PUBLISH: True, constants.OPERATION_ARCHIVE: False}
REVISION_OUTCOMES = {PublicationEvent.Kind.PUBLISHED: True, PublicationEvent.Kind.DISCARDED: False}


def page_version_decided(sender, operation, obj, **kwargs):
    if operation not in PAGE_OUTCOMES:
        return
    tracked = StateTracking.objects.filter(version=obj).select_related("user").order_by("-pk").first()
    close_decided_elsewhere(
        obj.content, tracked.user if tracked else None, published=PAGE_OUTCOMES[operation]
    )


def revision_decided(sender, instance, created, **kwargs):
    if created and instance.revision_id and instance.kind in REVISION_OUTCOMES:
        close_decided_elsewhere(instance.revision, instance.by, published=REVISION_OUTCOMES[instance.kind])


def draft_publication_published(sender, instance, **kwargs):
    if instance.status != Publication.Status.DRAFT:
        close_decided_elsewhere(instance, None, published=True)


def connect():
    post_version_operation.connect(
        page_version_decided, sender=PageContent, dispatch_uid="reviews-page-decided"
    )
    post_save.connect(revision_decided, sender=PublicationEvent, dispatch_uid="reviews-revision-decided")
    post_save.connect(
        draft_publication_published, sender=Publication, dispatch_uid="reviews-publication-published"
    )
