"""Keep each service's widget badge, and the whole pages kept of the register, in step with the register."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from inspectorate_site.page_cache import invalidate_register

from .models import (
    CareService,
    GradeHistory,
    InspectionReport,
    Provider,
    ProviderChange,
    RegulatoryAction,
    YearlyFigures,
    forget_filter_choices,
)
from .widget import cache_badges, forget_badges


@receiver(post_save, sender=CareService)
def rerender_badges(sender, instance, raw=False, **kwargs):
    """Drop the old badge now; render the new one once the change is committed, never an undone edit."""
    if not raw:
        forget_filter_choices()
        forget_badges([instance.service_number])
        transaction.on_commit(lambda: cache_badges(instance))


@receiver(post_delete, sender=CareService)
def drop_badges(sender, instance, **kwargs):
    forget_filter_choices()
    transaction.on_commit(lambda: forget_badges([instance.service_number]))


def _register_changed(sender, raw=False, **kwargs):
    """Whole pages kept by the full-page cache may show this: they are stale from now on."""
    if not raw:
        transaction.on_commit(invalidate_register)


for _model in (
    CareService,
    Provider,
    GradeHistory,
    InspectionReport,
    YearlyFigures,
    RegulatoryAction,
    ProviderChange,
):
    post_save.connect(_register_changed, sender=_model, dispatch_uid=f"page-cache-save-{_model.__name__}")
    post_delete.connect(_register_changed, sender=_model, dispatch_uid=f"page-cache-delete-{_model.__name__}")
