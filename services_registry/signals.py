"""Keep each service's widget badge in step with the service."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CareService, forget_filter_choices
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
