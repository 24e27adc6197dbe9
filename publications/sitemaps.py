"""Sitemap sections for the library; the site's sitemap.xml lists them beside the CMS pages."""

from django.contrib.sitemaps import Sitemap

from .models import Category, Publication


class PublicationSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Publication.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.only("path").order_by("path")
