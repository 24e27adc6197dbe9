"""What each import changed in the register: a row per service added, changed or cancelled (the
open-data change feed and each import's CSV of changes), and a row per change of provider (a
service's history across providers).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class RegisterChange(models.Model):
    """One service added, changed or cancelled by one import, with the fields changed (old and new)."""

    class Kind(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        CANCELLED = "cancelled", "Cancelled"

    register_import = models.ForeignKey(
        "services_registry.RegisterImport", on_delete=models.CASCADE, related_name="changes"
    )
    service = models.ForeignKey(
        "services_registry.CareService", on_delete=models.CASCADE, related_name="register_changes"
    )
    service_number = models.CharField("service number", max_length=12)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # {"field": {"old": ..., "new": ...}}, public values only: a hidden address is never written here.
    fields = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["recorded_at", "id"], name="registerchange_feed_idx")]

    def __str__(self):
        return f"{self.service_number} {self.kind} at {self.recorded_at:%Y-%m-%d %H:%M}"


class ProviderChange(models.Model):
    """A service passed from one provider to another, as an import found it."""

    service = models.ForeignKey(
        "services_registry.CareService", on_delete=models.CASCADE, related_name="provider_changes"
    )
    from_provider = models.ForeignKey(
        "services_registry.Provider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services_handed_over",
    )
    to_provider = models.ForeignKey(
        "services_registry.Provider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services_taken_over",
    )
    changed_on = models.DateField("changed on")
    register_import = models.ForeignKey(
        "services_registry.RegisterImport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_changes",
    )

    class Meta:
        ordering = ["-changed_on", "-id"]

    def __str__(self):
        return f"{self.service_id}: {self.from_provider_id} → {self.to_provider_id} on {self.changed_on}"
