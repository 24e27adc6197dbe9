import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (page cache, menus, rate limits)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files (demo PDFs, reports) never land in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def database_outage(settings):
    """The site's PostgreSQL connection through a proxy that hangs or refuses on demand (tests/database_outage.py)."""
    from tests.database_outage import proxied_database

    with proxied_database(settings) as outage:
        yield outage
