"""Public addresses of the library. They are relied on from letters and other sites: keep them stable."""

from django.urls import path

from . import views
from .feeds import LatestPublicationsFeed

app_name = "publications"

urlpatterns = [
    path("publications/", views.library, name="library"),
    path("publications/feed/", LatestPublicationsFeed(), name="feed"),
    path("publications/categories/<path:path>/", views.category_detail, name="category"),
    path("publications/<slug:slug>/", views.publication_detail, name="publication"),
    path(
        "publications/<slug:slug>/documents/<int:document_id>/download/",
        views.download,
        name="download",
    ),
]
