"""Production: HTTPS only, secrets from the environment, nothing defaulted."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, REDIS_URL, SECRET_KEY, SITE_URL

DEBUG = bool(DEBUG)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production")
if not REDIS_URL:
    # Page cache, badges and rate limits must be shared by every app server.
    raise ImproperlyConfigured("REDIS_URL must be set in production")

# TLS ends at the load balancer, which says so in X-Forwarded-Proto. (The
# visitor's address in X-Forwarded-For is believed only from TRUSTED_PROXIES.)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [SITE_URL]
