from django.urls import path, register_converter

from . import provider_views, views
from .models import PROVIDER_NUMBER, SERVICE_NUMBER


class ServiceNumberConverter:
    """CS followed by 10 digits; anything else is not a service address and gets the site's 404."""

    regex = SERVICE_NUMBER.pattern

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ServiceNumberConverter, "service_number")


class ProviderNumberConverter(ServiceNumberConverter):
    """SP followed by 10 digits."""

    regex = PROVIDER_NUMBER.pattern


register_converter(ProviderNumberConverter, "provider_number")

app_name = "services_registry"

# These addresses are public and fixed: care services' websites hard-code the widget's.
urlpatterns = [
    path("services/", views.service_search, name="service_search"),
    path("services/export.csv", views.export_csv, name="export_csv"),
    path("services/<service_number:service_number>/", views.service_detail, name="service_detail"),
    path(
        "providers/<provider_number:provider_number>/", provider_views.provider_detail, name="provider_detail"
    ),
    # The provider's badge: ordinary views (WidgetMiddleware lets /widget/provider/ through).
    path(
        "widget/provider/<provider_number:provider_number>/",
        provider_views.provider_badge_page,
        name="provider_badge_page",
    ),
    path(
        "widget/provider/<provider_number:provider_number>.svg",
        provider_views.provider_badge_svg,
        name="provider_badge_svg",
    ),
    path("services/<service_number:service_number>/poster.pdf", views.service_poster, name="service_poster"),
    path(
        "services/<service_number:service_number>/reports/<int:report_id>/",
        views.inspection_report,
        name="inspection_report",
    ),
    # WidgetMiddleware answers these before URL resolution ever runs; the patterns
    # are here so reverse() builds the addresses, and name the view it calls.
    path("widget/<service_number:service_number>.js", views.serve_widget, {"kind": "js"}, name="widget_js"),
    path(
        "widget/<service_number:service_number>.svg", views.serve_widget, {"kind": "svg"}, name="widget_svg"
    ),
    path("widget/<service_number:service_number>/", views.serve_widget, {"kind": "html"}, name="widget_page"),
]
