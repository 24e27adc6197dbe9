"""Importing the register in the admin: upload a datastore CSV, check the preview, confirm.

The preview is ``plan_import``, a dry run of the same code ``import_services`` runs; the import
itself is done by the worker (``manage.py run_register_imports``) on the stored file, so a
large register never ties up a web request. Only those with ``import_register`` get in.
"""

import csv
import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path

from .datastore import MissingColumnsError
from .datastore.planning import PREVIEW_ROWS, plan_import
from .register_import import RegisterImport, file_digest

IMPORT_PERMISSION = "services_registry.import_register"
# The whole register is about 10 MB; room to grow, not room for a mistaken upload.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label="Datastore file (CSV)",
        help_text=f"The register in the datastore's CSV format, saved as UTF-8, up to "
        f"{filesizeformat(MAX_UPLOAD_BYTES)}. Nothing changes until you have seen the preview and confirmed.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                f"“{upload.name}” is not a CSV file: choose the datastore’s .csv file."
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the most it can be is "
                f"{filesizeformat(MAX_UPLOAD_BYTES)}."
            )
        text = io.TextIOWrapper(upload.file, encoding="utf-8-sig", newline="")
        try:
            self.plan = plan_import(text)
        except MissingColumnsError as error:
            raise forms.ValidationError(str(error).replace(" Nothing was imported.", "")) from error
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                "The file is not UTF-8 text. In Excel, save it with “Save as type: CSV UTF-8 "
                "(Comma delimited)”, then upload it again."
            ) from error
        except csv.Error as error:
            raise forms.ValidationError(f"The file cannot be read as CSV: {error}.") from error
        finally:
            text.detach()  # leave the upload open, to be stored
        return upload


class RegisterImportAdmin(admin.ModelAdmin):
    """Past and current imports; every page besides the list is one of the views below."""

    list_display = ["__str__", "state", "uploaded_by", "rows_total", "rows_rejected", "finished_at"]
    list_filter = ["state"]
    change_list_template = "admin/services_registry/registerimport/change_list.html"

    def may_import(self, request) -> bool:
        return request.user.is_active and request.user.has_perm(IMPORT_PERMISSION)

    def has_module_permission(self, request):
        return self.may_import(request)

    def has_view_permission(self, request, obj=None):
        return self.may_import(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="services_registry_registerimport_upload"),
            path("<int:pk>/", wrap(self.detail_view), name="services_registry_registerimport_detail"),
            path(
                "<int:pk>/confirm/", wrap(self.confirm_view), name="services_registry_registerimport_confirm"
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:services_registry_registerimport_detail", object_id)

    def _page(self, request, template, title, **context):
        context = {**self.admin_site.each_context(request), "title": title, "opts": self.opts, **context}
        return TemplateResponse(request, f"admin/services_registry/registerimport/{template}", context)

    def upload_view(self, request):
        if not self.may_import(request):
            raise PermissionDenied
        form = RegisterUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            register_import = RegisterImport.objects.create(
                file=upload,
                original_name=upload.name[:255],
                sha256=file_digest(upload),
                uploaded_by=request.user,
                preview=form.plan.as_json(),
                rows_total=form.plan.rows,
            )
            return redirect(register_import.get_absolute_url())
        return self._page(request, "upload.html", "Import the register", form=form)

    def detail_view(self, request, pk):
        if not self.may_import(request):
            raise PermissionDenied
        register_import = get_object_or_404(RegisterImport, pk=pk)
        preview = register_import.preview
        return self._page(
            request,
            "detail.html",
            f"Import of {register_import.original_name}",
            register_import=register_import,
            preview=preview,
            preview_rows=PREVIEW_ROWS,
            more={
                kind: preview.get(kind, 0) - len(preview.get(f"{kind}_rows", []))
                for kind in ("added", "changed", "cancelled")
            }
            | {"rejected": preview.get("rejected", 0) - len(preview.get("rejections", []))},
            superseded_by=register_import.superseded_by()
            if register_import.state == RegisterImport.State.PREVIEWED
            else None,
        )

    def confirm_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.may_import(request):
            raise PermissionDenied
        register_import = get_object_or_404(RegisterImport, pk=pk)
        refusal = self._refusal(request, register_import)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
        elif register_import.confirm(request.user):
            self.message_user(
                request, "Confirmed: the import is waiting for the import worker.", messages.SUCCESS
            )
        else:
            self.message_user(request, "This import was already confirmed; it runs once.", messages.WARNING)
        return redirect(register_import.get_absolute_url())

    def _refusal(self, request, register_import) -> str:
        """Why this preview may not be confirmed, if it may not."""
        if register_import.state != RegisterImport.State.PREVIEWED:
            return ""  # confirm() says it was already confirmed
        if request.POST.get("sha256") != register_import.sha256:
            return "The preview you confirmed is not this file's; check this preview and confirm again."
        try:
            with register_import.file.open("rb") as stored:
                if file_digest(stored) != register_import.sha256:
                    return "The stored file has changed since the preview; upload the file again."
        except (OSError, ValueError):  # ValueError: no file at all
            return "The stored file is missing; upload the file again."
        if later := register_import.superseded_by():
            return (
                f"The register has changed since this preview ({later} was imported): "
                "upload the file again for an up-to-date preview."
            )
        return ""
