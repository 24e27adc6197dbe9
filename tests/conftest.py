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
