from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class InspectorateSiteConfig(AppConfig):
    """The project package as an app: staff groups, demo data command, health check."""

    name = "inspectorate_site"
    verbose_name = "Site"

    def ready(self):
        from . import signals

        signals.connect()


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the staff site (``admin_site.StaffAdminSite``) as ``admin.site``."""

    default = False  # named in INSTALLED_APPS; InspectorateSiteConfig stays this module's own app

    default_site = "inspectorate_site.admin_site.StaffAdminSite"
