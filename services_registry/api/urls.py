"""/api/…: version 1's addresses, then JSON 404 for anything else under /api/.

These addresses are public and fixed (DESIGN.md): v1 keeps them as long as it is served.
"""

from django.urls import include, path, re_path

from . import changes, views

app_name = "api"

v1 = [
    path("services/", views.ServiceList.as_view(), name="services"),
    path("services/<str:service_number>/", views.ServiceDetail.as_view(), name="service"),
    path("services/<str:service_number>/grades/", views.ServiceGrades.as_view(), name="service_grades"),
    path("providers/", views.ProviderList.as_view(), name="providers"),
    path("providers/<str:provider_number>/", views.ProviderDetail.as_view(), name="provider"),
    path("changes/", changes.ChangeList.as_view(), name="changes"),
    path("imports/", changes.ImportList.as_view(), name="imports"),
    path("imports/<int:import_id>/", changes.ImportDetail.as_view(), name="import"),
    path("imports/<int:import_id>/changes.csv", changes.import_changes_csv, name="import_changes_csv"),
    path("schema/", views.Schema.as_view(), name="schema"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"))),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
