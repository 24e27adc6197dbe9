"""A datastore file uploaded in the admin: its preview, then its import by the worker, then the result.

Everything the page shows lives in the database (state, progress, counts, error), so it does not
matter which process uploads, which imports, or which serves the progress page.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

# A worker that has written no progress for this long has stopped (killed, or its server restarted).
STALE_AFTER = timedelta(minutes=15)


def upload_to(register_import, filename):
    # A random name: the file holds addresses the register does not publish.
    return f"register-imports/{uuid.uuid4().hex}.csv"


def file_digest(file) -> str:
    """SHA-256 of a file's bytes, read in blocks; the preview is tied to exactly these bytes."""
    digest = hashlib.sha256()
    file.seek(0)
    for block in iter(lambda: file.read(1 << 20), b""):
        digest.update(block)
    file.seek(0)
    return digest.hexdigest()


class RegisterImportQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(state__in=[RegisterImport.State.DONE, RegisterImport.State.FAILED])

    def most_recent(self) -> RegisterImport | None:
        """The last upload (``.finished().most_recent()`` for the last import that ran)."""
        return self.order_by("-uploaded_at", "-pk").first()

    def start_unattended(self, name: str) -> RegisterImport:
        """The record of an import run without the admin (manage.py import_services): running now."""
        now = timezone.now()
        return self.create(
            source=RegisterImport.Source.COMMAND,
            original_name=name.rsplit("/", 1)[-1][:255],
            state=RegisterImport.State.RUNNING,
            confirmed_at=now,
            started_at=now,
            heartbeat_at=now,
        )

    def claim_next(self) -> RegisterImport | None:
        """The oldest confirmed import, now marked running; several workers never take the same one."""
        with transaction.atomic():
            waiting = (
                self.select_for_update(skip_locked=True)
                .filter(state=RegisterImport.State.QUEUED)
                .order_by("confirmed_at", "pk")
                .first()
            )
            if waiting is None:
                return None
            now = timezone.now()
            claimed = self.filter(pk=waiting.pk, state=RegisterImport.State.QUEUED).update(
                state=RegisterImport.State.RUNNING, started_at=now, heartbeat_at=now
            )
        if not claimed:
            return None
        waiting.refresh_from_db()
        return waiting

    def fail_stalled(self) -> int:
        """Mark failed the imports whose worker stopped mid-way, saying how far each got."""
        stalled = self.filter(
            state=RegisterImport.State.RUNNING, heartbeat_at__lt=timezone.now() - STALE_AFTER
        )
        for register_import in stalled:
            register_import.mark_failed("The import worker stopped while importing.")
        return len(stalled)


class RegisterImport(models.Model):
    class State(models.TextChoices):
        PREVIEWED = "previewed", "Waiting for confirmation"
        QUEUED = "queued", "Waiting for the import worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    class Source(models.TextChoices):
        UPLOAD = "upload", "Uploaded in the admin"
        COMMAND = "command", "manage.py import_services"

    # Empty for an import run from the command line: its file stays where it was.
    file = models.FileField(upload_to=upload_to, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.UPLOAD)
    original_name = models.CharField("file name", max_length=255)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PREVIEWED, db_index=True)
    preview = models.JSONField(default=dict, help_text="What the import would do, when it was previewed.")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField("rows imported", default=0)
    services_added = models.PositiveIntegerField(default=0)
    services_changed = models.PositiveIntegerField(default=0)
    services_unchanged = models.PositiveIntegerField(default=0)
    services_cancelled = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    objects = RegisterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "register import"
        permissions = [("import_register", "Can import the register from a datastore file")]

    def __str__(self):
        return f"{self.original_name} ({self.uploaded_at:%d %b %Y %H:%M})"

    def get_absolute_url(self):
        return reverse("admin:services_registry_registerimport_detail", args=[self.pk])

    @property
    def is_waiting(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def percent_done(self) -> int:
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    def confirm(self, user) -> bool:
        """Queue it for the worker; False if it was already confirmed (a second click, another tab)."""
        confirmed = RegisterImport.objects.filter(pk=self.pk, state=self.State.PREVIEWED).update(
            state=self.State.QUEUED, confirmed_by=user, confirmed_at=timezone.now()
        )
        self.refresh_from_db()
        return bool(confirmed)

    def superseded_by(self) -> RegisterImport | None:
        """An import that changed the register after this preview was made, so the preview is out of date."""
        return (
            RegisterImport.objects.filter(state=self.State.DONE, finished_at__gt=self.uploaded_at)
            .exclude(pk=self.pk)
            .order_by("finished_at")
            .first()
        )

    def record_progress(self, rows: int) -> None:
        RegisterImport.objects.filter(pk=self.pk).update(
            rows_done=F("rows_done") + rows, heartbeat_at=timezone.now()
        )

    def mark_done(self, report) -> None:
        self.state = self.State.DONE
        self.finished_at = timezone.now()
        self.services_added = report.created
        self.services_changed = report.updated
        self.services_unchanged = report.unchanged
        self.services_cancelled = report.cancelled
        self.rows_rejected = report.rejected
        if self.source == self.Source.COMMAND:  # nobody counted the file's rows beforehand
            self.rows_total = report.created + report.updated + report.unchanged + report.rejected
        self.rows_done = self.rows_total
        self.save()

    def mark_failed(self, reason: str) -> None:
        """Say why, and how far it got: the rows before that are in the register, in whole batches."""
        self.refresh_from_db(fields=["rows_done"])
        done = f"{self.rows_done:,} of {self.rows_total:,} rows were imported before it stopped"
        self.state = self.State.FAILED
        self.finished_at = timezone.now()
        self.error = f"{reason} {done}; importing the same file again is safe and finishes the rest."
        self.save()
