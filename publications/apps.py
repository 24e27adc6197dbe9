from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        from . import cache
        from .models import Category, ChangeNote, Document, Publication

        # Any edit makes every cached library page stale at once.
        for model in (Category, ChangeNote, Document, Publication):
            post_save.connect(
                cache.invalidate, sender=model, dispatch_uid=f"publications-cache-save-{model.__name__}"
            )
            post_delete.connect(
                cache.invalidate, sender=model, dispatch_uid=f"publications-cache-delete-{model.__name__}"
            )
        post_save.connect(
            _document_changed, sender=Document, dispatch_uid="publications-document-titles-save"
        )
        post_delete.connect(
            _document_changed, sender=Document, dispatch_uid="publications-document-titles-delete"
        )
        m2m_changed.connect(
            cache.invalidate,
            sender=Publication.categories.through,
            dispatch_uid="publications-cache-categories",
        )


def _document_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        from .models import Publication

        Publication.refresh_document_titles(instance.publication_id)
