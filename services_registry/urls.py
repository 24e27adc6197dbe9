from django.urls import path, register_converter

from . import views


class ServiceNumberConverter:
    """CS followed by 10 digits; anything else is not a service address and gets the site's 404."""

    regex = r"CS\d{10}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ServiceNumberConverter, "service_number")

app_name = "services_registry"

# These addresses are public and fixed: care services' websites hard-code the widget's.
urlpatterns = [
    path("services/", views.service_search, name="service_search"),
    path("services/export.csv", views.export_csv, name="export_csv"),
    path("services/<service_number:service_number>/", views.service_detail, name="service_detail"),
    # Normally answered by WidgetMiddleware before these are reached; kept for reverse().
    path("widget/<str:service_number>.js", views.widget_js, name="widget_js"),
    path("widget/<str:service_number>.svg", views.widget_svg, name="widget_svg"),
    path("widget/<str:service_number>/", views.widget_page, name="widget_page"),
]
