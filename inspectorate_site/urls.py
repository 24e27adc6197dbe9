from cms.sitemaps import CMSSitemap
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.generic import TemplateView

from publications.sitemaps import CategorySitemap, PublicationSitemap
from services_registry.sitemaps import CareServiceSitemap, ProviderSitemap

from . import views

handler500 = "inspectorate_site.views.server_error"

SITEMAPS = {
    "pages": CMSSitemap,
    "publications": PublicationSitemap,
    "publication-categories": CategorySitemap,
    "services": CareServiceSitemap,
    "providers": ProviderSitemap,
}

# /healthz is answered by inspectorate_site.middleware.HealthCheckMiddleware.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("filer/", include("filer.urls")),
    path(
        "robots.txt",
        cache_page(3600)(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots_txt",
    ),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    path("sitemap.xml", cache_page(3600)(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # The apps' addresses are public and fixed, so they never depend on a CMS slug.
    path("", include("site_search.urls")),
    path("", include("publications.urls")),
    path("", include("services_registry.urls")),
    path("api/", include("services_registry.api.urls")),
    path("", include("complaints.urls")),
    path("", include("alerts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# django CMS answers every address not claimed above, so it comes last.
urlpatterns.append(path("", include("cms.urls")))
