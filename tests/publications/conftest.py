import pytest


@pytest.fixture
def category(db):
    from publications.factories import CategoryFactory

    return CategoryFactory(name="Guidance and resources", slug="guidance")
