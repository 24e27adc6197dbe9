"""Local development: the embedded default, DEBUG on unless told otherwise."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, SECRET_KEY, TRUSTED_PROXY_COUNT

DEBUG = True if DEBUG is None else DEBUG
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
# runserver is reached directly, with no proxy in front.
TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT or 0
INTERNAL_IPS = ["127.0.0.1"]
