from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "site_search"
    verbose_name = "Site search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import synonyms
        from .models import Synonym

        post_save.connect(synonyms.forget, sender=Synonym, dispatch_uid="site-search-synonym-saved")
        post_delete.connect(synonyms.forget, sender=Synonym, dispatch_uid="site-search-synonym-deleted")
