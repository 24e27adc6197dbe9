from django.contrib.sitemaps import Sitemap

from .models import CareService


class CareServiceSitemap(Sitemap):
    """Every service page, registered or not: families and search engines look up old ones too."""

    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return CareService.objects.only("service_number", "updated_at").order_by("service_number")

    def lastmod(self, service):
        return service.updated_at
