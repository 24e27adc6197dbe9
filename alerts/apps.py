from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts: people follow publications or a care service and are emailed what changes."""

    name = "alerts"
    verbose_name = "Email alerts"
