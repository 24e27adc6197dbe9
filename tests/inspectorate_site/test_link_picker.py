"""The CMS link picker offers what the public can see, and nothing else, to any member of staff."""

import pytest
from django.urls import reverse

from complaints.factories import ComplaintFactory
from publications.factories import CategoryFactory, PublicationFactory
from services_registry.factories import CareServiceFactory
from tests.factories import StaffFactory, SuperuserFactory, published_page

pytestmark = pytest.mark.django_db

LINK_PICKER = reverse("admin:djangocms_link_link_urls")


@pytest.fixture
def editor_client(client):
    editor = StaffFactory(username="editor", groups=["Content editor"])
    client.force_login(editor)
    client.editor = editor
    return client


def found(client, term) -> dict[str, str]:
    """What a search offers: each choice's text by its kind."""
    response = client.get(LINK_PICKER, {"term": term})
    assert response.status_code == 200
    return {
        child["text"].strip(): child["verbose_name"]
        for group in response.json()["results"]
        for child in group["children"]
    }


def test_a_search_offers_pages_publications_categories_and_services(client):
    # A superuser: djangocms-link also hides what the user may not view (editors cannot view services).
    root = SuperuserFactory(username="root")
    client.force_login(root)
    published_page("Rowan guidance", user=root)
    PublicationFactory(title="Rowan report")
    CategoryFactory(name="Rowan topics")
    CareServiceFactory(name="Rowan House", service_number="CS2003000025")

    assert found(client, "rowan") == {
        "Rowan guidance": "Page",
        "Rowan report": "Publication",
        "Rowan topics": "Publication category",
        "Rowan House (CS2003000025)": "Care service",
    }


def test_a_search_does_not_offer_unpublished_publications(editor_client):
    PublicationFactory(title="Rowan draft", status="draft")
    PublicationFactory(title="Rowan scheduled", published_at=None)

    assert found(editor_client, "rowan") == {}


def test_a_search_does_not_offer_complaints(client):
    client.force_login(StaffFactory(username="officer", groups=["Complaints officer"]))
    complaint = ComplaintFactory()

    assert found(client, complaint.reference[:4]) == {}


def test_a_linkable_object_is_named_by_its_reference(editor_client):
    publication = PublicationFactory(title="Rowan report")

    response = editor_client.get(LINK_PICKER, {"g": f"publications.publication:{publication.pk}"})

    assert response.json()["text"] == "Rowan report"
    assert response.json()["url"] == publication.get_absolute_url()


@pytest.mark.parametrize(
    "model", ["complaints.complaint", "complaints.complaintmessage", "auth.user", "Complaints.Complaint"]
)
def test_nothing_else_is_named_by_its_reference(editor_client, model):
    complaint = ComplaintFactory()
    pk = {
        "complaints.complaintmessage": complaint.messages.get().pk,
        "auth.user": editor_client.editor.pk,
    }.get(model.lower(), complaint.pk)

    response = editor_client.get(LINK_PICKER, {"g": f"{model}:{pk}"})

    assert response.status_code == 403
    assert complaint.reference not in response.content.decode()
