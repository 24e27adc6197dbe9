"""WSGI entry point for gunicorn: ``gunicorn inspectorate_site.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspectorate_site.settings.production")

application = get_wsgi_application()
