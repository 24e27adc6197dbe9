from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class ContentBlocksConfig(AppConfig):
    name = "content_blocks"
    verbose_name = "Content blocks"

    def ready(self):
        from publications.models import Category, Document, Publication

        from .freshness import refresh_library_blocks

        for model in (Category, Document, Publication):
            post_save.connect(
                refresh_library_blocks, sender=model, dispatch_uid=f"content-blocks-save-{model.__name__}"
            )
            post_delete.connect(
                refresh_library_blocks, sender=model, dispatch_uid=f"content-blocks-delete-{model.__name__}"
            )
        m2m_changed.connect(
            refresh_library_blocks,
            sender=Publication.categories.through,
            dispatch_uid="content-blocks-categories",
        )
