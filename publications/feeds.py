"""Atom feed of newly published publications, for people and services that follow the library."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Publication

FEED_LENGTH = 20


class LatestPublicationsFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("publications:library")
    subtitle = "Guidance, resources and reports, newest first."

    def title(self):
        return f"{settings.SITE_NAME}: new publications"

    def items(self):
        return Publication.objects.published().newest().for_listing()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
