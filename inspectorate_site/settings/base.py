"""Settings shared by every environment.

The environment is read here, once, and typed. With nothing set the site runs
on the embedded default (SQLite in var/, a local-memory cache); DATABASE_URL
and REDIS_URL switch to the production parts.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool | None) -> bool | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int | None) -> int | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Comma-separated IP addresses or CIDR networks; a single address is a network of one."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name} must list IP addresses or networks, not {item!r}") from None
    return networks


# --- Environment (read here and nowhere else) ---------------------------------
# None means "the settings module decides": dev.py and production.py give the
# defaults that differ between them (README, Configuration).
DATABASE_URL = env_str("DATABASE_URL")
# Seconds PostgreSQL may take over one statement before the server cancels it;
# 0 for none (a one-off long migration). The client waits a moment longer, then
# gives up on a server that does not answer at all (inspectorate_site/database.py).
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", default=5)
REDIS_URL = env_str("REDIS_URL")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEBUG = env_bool("DEBUG", default=None)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
# The proxies (load balancer, CDN) whose X-Forwarded-For is believed; empty:
# none, every visitor is the address that connected (inspectorate_site/client_ip.py).
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_BUCKET = env_str("MEDIA_BUCKET")
MEDIA_ENDPOINT_URL = env_str("MEDIA_ENDPOINT_URL")
# Unset tokens: the SMS webhooks refuse everything (Twilio 403, Notify 401).
TWILIO_AUTH_TOKEN = env_str("TWILIO_AUTH_TOKEN")
NOTIFY_INBOUND_TOKEN = env_str("NOTIFY_INBOUND_TOKEN")
# Outgoing texts go through Twilio when its account is configured, else to the log.
TWILIO_ACCOUNT_SID = env_str("TWILIO_ACCOUNT_SID")
TWILIO_FROM_NUMBER = env_str("TWILIO_FROM_NUMBER", "+447870981785")
# Outgoing email goes over SMTP when EMAIL_HOST is set, else to the console.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
# Seconds an SMTP server may take to answer: a hung one must not hold the outbox worker for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=15)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Care Inspectorate <no-reply@careinspectorate.example>")
COMPLAINTS_SPOOL_DIR = Path(env_str("COMPLAINTS_SPOOL_DIR", str(BASE_DIR / "var" / "spool")))
COMPLAINTS_ANONYMISE_AFTER_DAYS = env_int("COMPLAINTS_ANONYMISE_AFTER_DAYS", default=730)
# Requests one client may make to the open-data API (/api/), as django-ratelimit writes a rate.
API_RATE = env_str("API_RATE", "600/m")

# --- Applications ------------------------------------------------------------
INSTALLED_APPS = [
    "inspectorate_site.apps.StaffAdminConfig",  # django.contrib.admin, under the site's own name
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # trigram lookups for the site search (inert on SQLite)
    # django CMS and its plugins
    "cms",
    "menus",
    "treebeard",
    "sekizai",
    "parler",
    "djangocms_versioning",
    "djangocms_alias",
    "djangocms_text",
    "djangocms_link",
    "djangocms_picture",
    "djangocms_file",
    "djangocms_video",
    "filer",
    "easy_thumbnails",
    # security
    "axes",
    "csp",
    "django_ratelimit",
    # The open-data API's schema (services_registry/api/). Django REST Framework itself is not
    # listed: its app only adds the browsable API's templates and static files (Bootstrap 3, jQuery),
    # which a JSON-only API never serves and /static/ should not publish.
    "drf_spectacular",
    # this project
    "inspectorate_site",
    "publications",
    "services_registry",
    "complaints",
    "alerts",
    "reviews",
    "content_blocks",
    "site_search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answer here, before anything that touches the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "inspectorate_site.middleware.ResponseHeadersMiddleware",
    "inspectorate_site.middleware.RejectMalformedPathMiddleware",
    "inspectorate_site.csp.SettingsPolicyCSPMiddleware",
    "inspectorate_site.middleware.StaffContentSecurityPolicyMiddleware",
    # Answers /healthz before sessions and the CMS, which would need the
    # database just to say that the database is down.
    "inspectorate_site.middleware.HealthCheckMiddleware",
    "services_registry.middleware.WidgetMiddleware",
    # The open-data API's rate limit, conditional GET and CORS, around the full-page cache.
    "services_registry.api.middleware.ApiMiddleware",
    # Whole anonymous pages the views marked public, before sessions and the CMS.
    "inspectorate_site.page_cache.FullPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "inspectorate_site.middleware.PageMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "inspectorate_site.middleware.PublicCmsPagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.middleware.user.CurrentUserMiddleware",
    "cms.middleware.page.CurrentPageMiddleware",
    "inspectorate_site.toolbar.EditorsToolbarMiddleware",
    # Locks out repeated failed staff logins; must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "inspectorate_site.urls"
WSGI_APPLICATION = "inspectorate_site.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sekizai.context_processors.sekizai",
                "cms.context_processors.cms_settings",
                "inspectorate_site.context_processors.site",
            ],
        },
    }
]

# --- Database ----------------------------------------------------------------
# Time limits in seconds (inspectorate_site/database.py). A request waits out at
# most one of them, so it gives up well inside Twilio's 15-second webhook window
# and gunicorn's 30-second worker timeout: opening a connection or checking a
# kept one, or one statement (DATABASE_STATEMENT_TIMEOUT, plus up to a second).
# After a timeout each process fails at once for DATABASE_RETRY_AFTER, then tries again.
DATABASE_CONNECT_TIMEOUT = 3
DATABASE_RETRY_AFTER = 5
# /healthz answers about the database within this.
HEALTHZ_DATABASE_TIMEOUT = 2
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_URL must be a postgres:// URL")
    # Persistent, health-checked connections: a new PostgreSQL login per
    # request costs several times the page itself. The engine is Django's with
    # client-side time limits, so a hung database costs a request seconds.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, engine="inspectorate_site.postgresql", conn_max_age=600, conn_health_checks=True
        )
    }
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": DATABASE_CONNECT_TIMEOUT,
            "options": f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
        }
    )
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "var" / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------
if REDIS_URL:
    # Django's RedisCache, except that Redis down or hung is a cache miss, not an
    # error: pages and badges then come from the database (inspectorate_site/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "inspectorate_site.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "inspectorate",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "inspectorate-embedded",
        }
    }

# --- Authentication ----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Password guessing: five failures for one username from one address lock that
# pair out for 30 minutes. Attempts are stored in the shared database, so the
# lock holds across every app server.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "inspectorate_site.client_ip.client_ip"

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
TIME_ZONE = "Europe/London"

# --- Static and media files --------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The Scottish Government Design System, installed from npm (package.json).
    (
        "design-system",
        BASE_DIR / "node_modules" / "@scottish-government" / "design-system" / "dist",
    ),
]
MEDIA_URL = "/media/"
if MEDIA_BUCKET:
    # Uploaded files on S3-compatible object storage shared by every app
    # server; credentials come from the usual AWS_* variables or the role.
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": MEDIA_ENDPOINT_URL or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    # Hashed names and pre-compressed copies, served by whitenoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- django CMS --------------------------------------------------------------
CMS_TEMPLATES = [
    ("cms/home_page.html", "Home page"),
    ("cms/content_page.html", "Content page"),
    ("cms/landing_page.html", "Landing page with sections"),
]
CMS_CACHE_DURATIONS = {"content": 300, "menus": 3600, "permissions": 3600}
# The full-page cache's copy in each process (inspectorate_site/page_cache.py): how
# stale a worker may be after a change, and how much memory the copy may take.
PAGE_CACHE_LOCAL_SECONDS = 2
PAGE_CACHE_LOCAL_MAX_BYTES = 16 * 1024 * 1024
CMS_TOOLBAR_ANONYMOUS_ON = False
# What the link picker offers besides CMS pages: public content only. Unset,
# djangocms-link offers every admin model with search and get_absolute_url;
# inspectorate_site/admin.py also keeps its ?g= look-up to these.
DJANGOCMS_LINKABLE_MODELS = [
    "publications.publication",
    "publications.category",
    "services_registry.careservice",
]
DJANGOCMS_VERSIONING_ALLOW_DELETING_VERSIONS = False

# Rich text: djangocms-text cleans editor HTML with nh3 on save. Its default,
# stated because the public pages' safety rests on it.
TEXT_HTML_SANITIZE = True
# The rich-text toolbar offers only what the design system styles: headings,
# bold, lists and links (Tiptap also drops the formats of missing buttons from
# pasted text). In page text blocks, "CMSPlugins" offers the design-system
# blocks that fit inside text, and only those.
TEXT_EDITOR_TOOLBAR = [
    ["Undo", "Redo"],
    ["Paragraph", "Heading2", "Heading3", "Heading4"],
    ["Bold"],
    ["BulletedList", "NumberedList"],
    ["Link", "Unlink"],
]
TEXT_EDITOR_SETTINGS = {
    "toolbar_CMS": [*TEXT_EDITOR_TOOLBAR, ["CMSPlugins"]],
    "toolbar_HTMLField": TEXT_EDITOR_TOOLBAR,
}
TEXT_CHILDREN_WHITELIST = [
    "InsetTextPlugin",
    "WarningTextPlugin",
    "ContactNumbersPlugin",
    "CallToActionPlugin",
]
# The new-page wizard puts what the editor types into the page's body, not its summary.
CMS_PAGE_WIZARD_CONTENT_PLACEHOLDER = "content"

THUMBNAIL_PROCESSORS = (
    "easy_thumbnails.processors.colorspace",
    "easy_thumbnails.processors.autocrop",
    "filer.thumbnail_processors.scale_and_crop_with_subject_location",
    "easy_thumbnails.processors.filters",
)
THUMBNAIL_HIGH_RESOLUTION = True
FILER_CANONICAL_URL = "sharing/"

# --- Security headers (strict by default; production adds HTTPS) ------------
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Public pages: every script and style comes from this origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# django CMS's toolbar, structure mode and the admin rely on inline scripts and
# styles. Signed-in staff get them; the public never does.
STAFF_CONTENT_SECURITY_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}

# --- Logging -----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Site facts used in templates ---------------------------------------------
SITE_NAME = "Care Inspectorate"
CONTACT_PHONE = "0345 600 9527"
TEXT_TO_COMPLAIN_NUMBER = "07870 981 785"
CONTACT_EMAIL = "enquiries@careinspectorate.gov.scot"
CONTACT_ADDRESS = ("Care Inspectorate", "Compass House", "11 Riverside Drive", "Dundee", "DD1 4NY")
CONTACT_HOURS = "Monday to Friday, 9am to 4pm"

# --- Complaints ----------------------------------------------------------------
COMPLAINTS_SMS_BACKEND = (
    "complaints.notifier.TwilioSmsBackend" if TWILIO_ACCOUNT_SID else "complaints.notifier.ConsoleSmsBackend"
)
# The web form: how long its signed answers stay usable (seconds), how many posts
# one client address may make, and how fast a whole form can be sent before it
# looks like a bot's (kept for a person to check, never dropped).
COMPLAINTS_FORM_MAX_AGE = 24 * 60 * 60
COMPLAINTS_FORM_RATE = "60/h"
COMPLAINTS_MIN_FILL_SECONDS = 5

# Outgoing email (acknowledgements). Without EMAIL_HOST it is logged with the
# address masked (Django's console backend would print complainants' addresses).
EMAIL_USE_TLS = True
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "complaints.notifier.ConsoleEmailBackend"
)

# Rate limits on posts share the default cache: Redis when REDIS_URL is set, so
# every app server counts together. Django's own RedisCache increments
# atomically but is not on django-ratelimit's list of known backends (W001).
RATELIMIT_USE_CACHE = "default"
# When Redis cannot count (down or hung), posts are let through rather than
# refused: a young person's complaint refused because Redis blinked costs more
# than a few uncounted posts, and the cache backend logs the outage.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "inspectorate_site.client_ip.client_ip"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    # The embedded default is one process with a local-memory cache, where
    # per-process counts are the whole truth. Production sets REDIS_URL.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]

# --- Open-data API (services_registry/api/) -----------------------------------
# Read-only and anonymous: no authentication (so no session, cookie or CSRF), JSON
# only whatever Accept says, nothing parsed from bodies, one error shape. Rate limits,
# conditional GET and CORS are ApiMiddleware's (API_RATE above); caching, the views'.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "services_registry.api.negotiation.JsonOnly",
    "DEFAULT_THROTTLE_CLASSES": [],
    "EXCEPTION_HANDLER": "services_registry.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # ?format= would be a second name for the same answer; it is an unknown parameter instead.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Care Inspectorate register: open data API",
    "DESCRIPTION": (
        "The register of care services in Scotland, read-only, as JSON. No key, no sign-in.\n\n"
        "**Pages.** Lists come in service- or provider-number order, `page_size` at a time (default 100, "
        "at most 500): follow `next` until it is null. Each item appears exactly once, even while the "
        "register changes between pages.\n\n"
        '**Errors.** Every 4xx and 5xx answer is `{"errors": {name: [message, ...]}}`, where `name` is '
        "the query parameter at fault, or `detail` for the request as a whole. A parameter an address "
        "does not take is a 400, as is a bad or empty filter, `page_size` or `cursor`.\n\n"
        "**Caching.** Answers carry `Cache-Control: public, max-age=300` and an `ETag`: send it back in "
        "`If-None-Match` for a 304.\n\n"
        "**Limits.** Each client address may make a limited number of requests a minute; past it, 429 "
        "with `Retry-After`.\n\n"
        "**Addresses not published.** For services where people live or are cared for in private homes "
        "(`address_published` false), every address field, the town and the phone are null; the council area is "
        "given.\n\n"
        "**Changes.** `/api/v1/changes/` lists what each import of the register added, changed (each "
        "field's old and new value) or cancelled, oldest first; poll it with `since`. Each import, with its "
        "counts, is in `/api/v1/imports/`, and its changes as CSV at `/api/v1/imports/{id}/changes.csv`.\n\n"
        "Version 1 never changes shape: fields may be added, never renamed or removed. The whole register "
        "is also at /services/export.csv in the datastore's format."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_AUTHENTICATION": [],
    "ENUM_NAME_OVERRIDES": {"ServiceStatus": "services_registry.models.CareService.Status"},
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}
