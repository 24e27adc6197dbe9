"""A scheduled publication goes live by itself on its date, with the page cache on."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from publications.cache import PUBLIC_PAGE_SECONDS
from publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db

LEAD_SECONDS = 2


def test_a_scheduled_publication_appears_in_the_cached_library_once_its_time_comes(client, category):
    PublicationFactory(title="Already out", slug="already-out", categories=[category])
    goes_live = timezone.now() + timedelta(seconds=LEAD_SECONDS)
    PublicationFactory(title="Coming soon", slug="coming-soon", published_at=goes_live, categories=[category])
    places = ["/publications/", category.get_absolute_url(), "/publications/coming-soon/"]

    before = [client.get(place) for place in places]
    assert "Coming soon" not in before[0].content.decode()
    assert "Coming soon" not in before[1].content.decode()
    assert before[2].status_code == 404
    # The list was cached, but only until the publication's time, not the usual minute.
    assert 0 < int(before[0]["Cache-Control"].split("max-age=")[1].split(",")[0]) <= LEAD_SECONDS
    assert "Already out" in client.get("/publications/").content.decode()  # served from the cache

    time.sleep(max(0, (goes_live - timezone.now()).total_seconds()) + 1.1)

    after = [client.get(place) for place in places]
    assert "Coming soon" in after[0].content.decode()
    assert "Coming soon" in after[1].content.decode()
    assert after[2].status_code == 200


def test_with_nothing_scheduled_pages_keep_the_usual_minute(client, category):
    PublicationFactory(categories=[category])

    response = client.get("/publications/")

    assert f"max-age={PUBLIC_PAGE_SECONDS}" in response["Cache-Control"]
