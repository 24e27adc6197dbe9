import pytest


@pytest.fixture(autouse=True)
def _no_badges_remembered():
    """Each test starts with no badge in this process's memory, as tests/conftest.py empties the cache."""
    from services_registry.widget import forget_local_memory

    forget_local_memory()
    yield
    forget_local_memory()
