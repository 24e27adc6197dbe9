import pytest
from djangocms_versioning.models import Version

from publications.factories import DocumentFactory, PublicationFactory
from publications.models import Publication
from publications.revisions import start_revision
from tests.factories import StaffFactory, SuperuserFactory, published_page


@pytest.fixture
def editor(db):
    return StaffFactory(username="editor", groups=["Content editor"])


@pytest.fixture
def publisher(db):
    return StaffFactory(username="publisher", groups=["Content publisher"])


@pytest.fixture
def page_draft(db, editor):
    """A live page "Fees" (“Old fees”) and an editor's draft of it with a new title and text."""
    author = SuperuserFactory(username="author")
    live = published_page("Fees", user=author, slug="fees", body="<p>Old fees apply from April.</p>")
    draft = Version.objects.get_for_content(live).copy(editor).content
    draft.title = "Fees and charges"
    draft.save()
    plugin = draft.get_placeholders().get(slot="content").get_plugins("en").get().get_bound_plugin()
    plugin.body = "<p>New fees apply from April.</p>"
    plugin.save()
    return draft


@pytest.fixture
def revision(db, editor):
    """Changes an editor started to a live publication: new body, its document removed."""
    live = PublicationFactory(
        title="Keeping well at home", slug="keeping-well", body="<p>Original guidance text.</p>"
    )
    DocumentFactory(publication=live, title="Full guide")
    revision = start_revision(live, editor)
    revision.body = "<p>Revised guidance text.</p>"
    revision.save()
    revision.documents.all().delete()
    return revision


@pytest.fixture
def draft_publication(db):
    return PublicationFactory(
        title="Inspection plans 2027",
        slug="inspection-plans-2027",
        body="<p>Our plans for next year.</p>",
        status=Publication.Status.DRAFT,
        published_at=None,
    )
