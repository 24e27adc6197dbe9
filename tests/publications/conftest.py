import pytest

from publications.factories import ChangeNoteFactory, DocumentFactory, PublicationFactory
from tests.factories import StaffFactory


@pytest.fixture
def category(db):
    from publications.factories import CategoryFactory

    return CategoryFactory(name="Guidance and resources", slug="guidance")


@pytest.fixture
def editor():
    return StaffFactory(username="editor", groups=["Content editor"])


@pytest.fixture
def publisher():
    return StaffFactory(username="publisher", groups=["Content publisher"])


@pytest.fixture
def live(category):
    """A published publication with a document and a change note."""
    publication = PublicationFactory(
        title="Keeping well at home",
        slug="keeping-well",
        summary="How services help people stay well.",
        body="<p>Original body.</p>",
        categories=[category],
    )
    DocumentFactory(publication=publication, title="Full guide")
    ChangeNoteFactory(publication=publication, text="First edition")
    return publication
