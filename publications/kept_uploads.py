"""Files chosen on a form that had errors are kept, so nobody has to choose them again.

Browsers never refill a file input, so a form shown again with errors would
lose every file chosen on it. Instead each good upload on such a form is
stored under an unguessable temporary name, and the page carries a signed
token for it in a hidden field beside the file input. When the form comes
back without a new file there, the widget hands the kept file to the form as
if it had just been uploaded, and the usual checks and saving run on it.
"""

import secrets
from datetime import timedelta
from pathlib import PurePath

from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

KEPT_FOLDER = "publications/kept"
SALT = "publications.kept-upload"
KEPT_FOR_SECONDS = 24 * 60 * 60
TOKEN_SUFFIX = "_kept"


def keep(upload) -> dict:
    """Store an upload for later; what the page needs to show and send back."""
    name = PurePath(upload.name).name
    upload.seek(0)
    stored = default_storage.save(f"{KEPT_FOLDER}/{secrets.token_urlsafe(12)}/{name}", upload)
    upload.seek(0)
    token = signing.dumps({"path": stored, "name": name, "type": upload.content_type}, salt=SALT)
    return {"token": token, "name": name, "size": upload.size, "path": stored}


def restore(token: str) -> tuple[UploadedFile, dict] | None:
    """The kept file behind a token, or None when the token is forged, expired or its file gone."""
    try:
        facts = signing.loads(token, salt=SALT, max_age=KEPT_FOR_SECONDS)
    except signing.BadSignature:
        return None
    path = facts["path"]
    if not path.startswith(KEPT_FOLDER + "/") or not default_storage.exists(path):
        return None
    size = default_storage.size(path)
    upload = UploadedFile(default_storage.open(path, "rb"), facts["name"], facts["type"], size)
    return upload, {"token": token, "name": facts["name"], "size": size, "path": path}


def forget(path: str) -> None:
    """Remove a kept file once the form that needed it has been saved."""
    default_storage.delete(path)


def forget_abandoned(now=None) -> int:
    """Remove kept files older than their tokens (forms never sent again); how many went."""
    cutoff = (now or timezone.now()) - timedelta(seconds=KEPT_FOR_SECONDS)
    removed = 0
    folders, _ = default_storage.listdir(KEPT_FOLDER) if default_storage.exists(KEPT_FOLDER) else ([], [])
    for folder in folders:
        for name in default_storage.listdir(f"{KEPT_FOLDER}/{folder}")[1]:
            path = f"{KEPT_FOLDER}/{folder}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
    return removed


class KeepingFileInput(AdminFileWidget):
    """The admin's file input, plus the file kept from the last try, if any."""

    template_name = "admin/widgets/keeping_file_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.kept = None
        self._restored = None

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.kept, copy._restored = None, None
        return copy

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        token = data.get(name + TOKEN_SUFFIX)
        if upload is not None or not token:
            return upload
        if self._restored is None or self._restored[1]["token"] != token:
            self._restored = restore(token)
        if self._restored is None:
            return None
        kept_file, self.kept = self._restored
        kept_file.seek(0)
        return kept_file

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["kept"] = self.kept
        context["widget"]["token_name"] = name + TOKEN_SUFFIX
        if self.kept:
            context["widget"]["attrs"].pop("required", None)
        return context


def keeping_widgets(form):
    """(field name, widget) for each file input on the form that keeps its file."""
    for name, field in form.fields.items():
        if isinstance(field.widget, KeepingFileInput):
            yield name, field.widget


def keep_uploads(form) -> None:
    """On a form shown again with errors, keep each good file that was just chosen."""
    for name, widget in keeping_widgets(form):
        upload = form.files.get(form.add_prefix(name))
        if name in form.errors or upload is None:
            continue
        widget.kept = keep(upload)


def forget_kept(form) -> None:
    """After a successful save: the kept files now have their permanent copies."""
    for _, widget in keeping_widgets(form):
        if widget.kept:
            forget(widget.kept["path"])
            widget.kept = None
