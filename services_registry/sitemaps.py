from django.contrib.sitemaps import Sitemap

from .models import CareService, Provider


class CareServiceSitemap(Sitemap):
    """Every service page, registered or not: families and search engines look up old ones too."""

    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return CareService.objects.only("service_number", "updated_at").order_by("service_number")

    def lastmod(self, service):
        return service.updated_at


class ProviderSitemap(Sitemap):
    """Every provider with a number, so its page can be found."""

    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return (
            Provider.objects.exclude(provider_number=None).only("provider_number").order_by("provider_number")
        )
