import pytest

from publications.factories import CategoryFactory, PublicationFactory


@pytest.fixture
def guidance(db):
    return CategoryFactory(name="Guidance", slug="guidance")


@pytest.fixture
def adults(guidance):
    return CategoryFactory(name="Adults", slug="adults", parent=guidance)


@pytest.fixture
def publication(adults):
    return PublicationFactory(title="Keeping well at home", slug="keeping-well", categories=[adults])
