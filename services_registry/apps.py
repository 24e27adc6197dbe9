from django.apps import AppConfig


class ServicesRegistryConfig(AppConfig):
    name = "services_registry"
    verbose_name = "Services registry"

    def ready(self):
        from . import signals  # noqa: F401
