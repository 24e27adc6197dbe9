"""Tests: only swap what tests need (fast hasher, plain static storage)."""

from .dev import *  # noqa: F403
from .dev import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Manifest storage needs collectstatic first; tests read files where they lie.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the finders, as runserver does; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
COMPLAINTS_SMS_BACKEND = "complaints.notifier.LocmemSmsBackend"
# Each test starts with an empty cache; a page kept in the process would outlive it.
PAGE_CACHE_LOCAL_SECONDS = 0
