"""What the publication screens share: chosen files kept across errors, and an error summary on top.

Both the publication's own page and an editor's changes to a live one
(revision_admin.py) use it, so neither loses a file or hides an error off-screen.
"""

from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat

from .kept_uploads import KeepingFileInput, forget_kept, keep_uploads

KEEP_CHOSEN_FILES = {
    models.FileField: {"widget": KeepingFileInput},
    models.ImageField: {"widget": KeepingFileInput},
}


@admin.display(description="size", ordering="file_size")
def document_size(document):
    return filesizeformat(document.file_size) if document.file_size else "—"


def error_summary(forms) -> list[tuple[str, str]]:
    """(text, link to the field) for every error on the page, for the summary above the form."""
    summary = []
    for form in forms:
        prefix = ""
        if form.prefix:
            number = form.prefix.rpartition("-")[2]
            prefix = f"{form._meta.model._meta.verbose_name.capitalize()} {int(number) + 1}: "
        for name, errors in form.errors.items():
            if name == "__all__" or name not in form.fields:
                target, label = "", ""
            else:
                target = form[name].id_for_label or form[name].auto_id
                label = f"{form.fields[name].label or name}: "
            summary += [
                (f"{prefix}{label}{error}", f"#{target}" if target else "#content") for error in errors
            ]
    return summary


class KeepsChosenFiles:
    """ModelAdmin mixin: files chosen on a form shown again with errors are kept, errors listed on top.

    The change form template includes admin/publications/error_summary.html.
    """

    formfield_overrides = KEEP_CHOSEN_FILES

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":
            # Shown again after a POST means something was wrong: keep the files, list the errors.
            forms = self._forms_on_page(context)
            for form in forms:
                keep_uploads(form)
            context["error_summary"] = error_summary(forms)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _forms_on_page(context):
        forms = [context["adminform"].form]
        for inline in context.get("inline_admin_formsets", []):
            forms += inline.formset.forms
        return forms

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for each in [form, *(child for formset in formsets for child in formset.forms)]:
            forget_kept(each)
