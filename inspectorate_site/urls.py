from django.conf import settings
from django.contrib import admin
from django.urls import include, path

# /healthz is answered by inspectorate_site.middleware.HealthCheckMiddleware.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("filer/", include("filer.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# django CMS answers every address not claimed above, so it comes last.
urlpatterns.append(path("", include("cms.urls")))
