import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (page cache, menus, rate limits)."""
    cache.clear()
    yield
    cache.clear()
