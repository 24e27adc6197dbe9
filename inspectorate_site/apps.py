from django.apps import AppConfig


class InspectorateSiteConfig(AppConfig):
    """The project package as an app: staff groups, demo data command, health check."""

    name = "inspectorate_site"
    verbose_name = "Site"
