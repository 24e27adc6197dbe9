"""An editor's changes to a live publication use the same screen as adding one: the category tree,
documents stacked, errors listed on top, and chosen files kept across an error."""

import re

import pytest

from publications.factories import CategoryFactory, PublicationFactory

from .editorial import ADMIN, pdf, revision_form, start_changes
from .test_admin_publication_form import kept_files, kept_tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision(client, editor):
    adults = CategoryFactory(name="Adults", slug="adults")
    CategoryFactory(name="Care homes", slug="care-homes", parent=adults)
    publication = PublicationFactory(title="Staying well", slug="staying-well")
    publication.categories.add(adults)
    client.force_login(editor)
    return start_changes(client, publication)


def change_url(revision):
    return f"{ADMIN}/publicationrevision/{revision.pk}/change/"


def test_the_change_screen_has_the_category_tree_and_stacked_documents(client, revision):
    html = client.get(change_url(revision)).content.decode()

    labels = re.findall(r'name="categories" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', html)
    assert labels == ["Adults", "— Care homes"]
    documents = html.split('id="documents-group"')[1].split("</fieldset>")[0]
    assert "stacked" in html and 'class="tabular inline-related' not in documents


def test_a_chosen_file_is_kept_across_an_error_and_saved_once_it_is_fixed(client, revision):
    upload = pdf("easy-read.pdf", "Easy read")

    first = client.post(
        change_url(revision), revision_form(revision, new_documents=[("Easy read", upload)], summary="")
    )

    html = first.content.decode()
    assert first.status_code == 200
    assert '<a href="#id_summary">Summary: This field is required.</a>' in html
    assert "Already chosen: easy-read.pdf (" in html
    assert kept_files() == ["easy-read.pdf"]

    retry = revision_form(revision, new_documents=[("Easy read", None)])
    retry.pop(next(name for name in retry if name.endswith("-file")))
    second = client.post(change_url(revision), {**retry, **kept_tokens(html)})

    assert second.status_code == 302
    assert [d.title for d in revision.documents.all()][-1] == "Easy read"
    assert revision.documents.get(title="Easy read").file.name.endswith("easy-read.pdf")
    assert kept_files() == []
