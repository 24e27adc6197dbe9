"""Adding a publication with its documents on one screen a new member of staff can use."""

import io
import re
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from publications.factories import CategoryFactory, DocumentFactory, PublicationFactory
from publications.kept_uploads import KEPT_FOLDER
from publications.models import Document, Publication
from publications.pdf import make_pdf

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:publications_publication_add")


def form_data(category, documents=(), **overrides):
    data = {
        "title": "A new guide",
        "slug": "a-new-guide",
        "summary": "What it is about.",
        "body": "<p>Body</p>",
        "categories": [category.pk],
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "imported_downloads": "",
        "image_alt": "",
        "documents-TOTAL_FORMS": str(len(documents)),
        "documents-INITIAL_FORMS": "0",
        "change_notes-TOTAL_FORMS": "0",
        "change_notes-INITIAL_FORMS": "0",
    }
    for n, document in enumerate(documents):
        data.update({f"documents-{n}-{name}": value for name, value in document.items()})
    data.update(overrides)
    return data


def pdf_upload(name, pages=2):
    return SimpleUploadedFile(name, make_pdf(name, pages=pages), "application/pdf")


def document(title, file=None, **extra):
    fields = {"title": title, "number": "", "sort_order": "0", "is_accessible": "on", **extra}
    if file is not None:
        fields["file"] = file
    return fields


def kept_tokens(html) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([\w-]+_kept)" value="([^"]+)"', html))


def kept_files() -> list[str]:
    folders, _ = default_storage.listdir(KEPT_FOLDER)
    return [name for folder in folders for name in default_storage.listdir(f"{KEPT_FOLDER}/{folder}")[1]]


def test_the_category_picker_shows_the_tree_with_subcategories_indented(client, publisher):
    adults = CategoryFactory(name="Adults", slug="adults")
    CategoryFactory(name="Adults-extra", slug="adults-extra")  # sorts between "adults" and "adults/…" by path
    CategoryFactory(name="Care homes", slug="care-homes", parent=adults)
    client.force_login(publisher)

    html = client.get(ADD_URL).content.decode()

    labels = re.findall(r'name="categories" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', html)
    assert labels == ["Adults", "— Care homes", "Adults-extra"]


def test_documents_are_stacked_not_a_wide_table(client, publisher):
    client.force_login(publisher)
    html = client.get(ADD_URL).content.decode()

    assert 'id="documents-group"' in html
    assert "inline-group" in html and "stacked" in html
    assert (
        'class="tabular inline-related' not in html.split('id="documents-group"')[1].split("</fieldset>")[0]
    )


def test_imported_downloads_may_be_left_empty(client, publisher, category):
    client.force_login(publisher)
    response = client.post(ADD_URL, form_data(category))

    assert response.status_code == 302
    assert Publication.objects.get(slug="a-new-guide").imported_downloads == 0


def test_choosing_published_without_a_date_publishes_now(client, publisher, category):
    client.force_login(publisher)
    before = timezone.now()

    response = client.post(ADD_URL, form_data(category, status="published"))

    assert response.status_code == 302
    publication = Publication.objects.get(slug="a-new-guide")
    assert before <= publication.published_at <= timezone.now()
    assert publication.is_public


def test_an_error_is_listed_at_the_top_and_beside_its_field(client, publisher, category):
    client.force_login(publisher)
    response = client.post(
        ADD_URL, form_data(category, title="", documents=[document("", pdf_upload("a.pdf"))])
    )

    html = response.content.decode()
    assert response.status_code == 200
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert '<a href="#id_title">Title: This field is required.</a>' in summary
    assert '<a href="#id_documents-0-title">Document 1: Title: This field is required.</a>' in summary
    title_row = html.split('class="form-row errors field-title"')[1].split("</div>")[0]
    assert "This field is required." in title_row


def test_chosen_files_are_kept_across_an_error_and_saved_once_it_is_fixed(client, publisher, category):
    client.force_login(publisher)
    documents = [
        document("Full guide", pdf_upload("full-guide.pdf", pages=3)),
        document("Easy read", pdf_upload("easy-read.pdf")),
    ]

    first = client.post(ADD_URL, form_data(category, summary="", documents=documents))

    html = first.content.decode()
    assert first.status_code == 200
    assert "Already chosen: full-guide.pdf (" in html
    assert "Already chosen: easy-read.pdf (" in html
    assert re.search(
        r"Already chosen: full-guide\.pdf \(\d+(\.\d)?\xa0KB\) — choose another file to replace it", html
    )
    tokens = kept_tokens(html)
    assert sorted(kept_files()) == ["easy-read.pdf", "full-guide.pdf"]
    assert set(tokens) == {"documents-0-file_kept", "documents-1-file_kept"}

    # The browser sends no files the second time: only the tokens.
    retry = [document("Full guide"), document("Easy read")]
    second = client.post(ADD_URL, {**form_data(category, documents=retry), **tokens})

    assert second.status_code == 302
    publication = Publication.objects.get(slug="a-new-guide")
    saved = {d.title: d for d in publication.documents.all()}
    assert set(saved) == {"Full guide", "Easy read"}
    assert saved["Full guide"].file.name.endswith("full-guide.pdf")
    assert saved["Full guide"].page_count == 3
    assert saved["Full guide"].file_size > 0
    assert kept_files() == []  # the temporary copies are gone once saved


def test_a_new_file_replaces_the_kept_one(client, publisher, category):
    client.force_login(publisher)
    first = client.post(
        ADD_URL, form_data(category, summary="", documents=[document("Guide", pdf_upload("old.pdf"))])
    )
    tokens = kept_tokens(first.content.decode())

    client.post(
        ADD_URL, {**form_data(category, documents=[document("Guide", pdf_upload("new.pdf"))]), **tokens}
    )

    assert Document.objects.get().file.name.endswith("new.pdf")


def test_a_forged_token_keeps_nothing(client, publisher, category):
    client.force_login(publisher)
    data = {**form_data(category, documents=[document("Guide")]), "documents-0-file_kept": "not-a-token"}

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Publication.objects.exists()
    assert "Document 1: File: This field is required." in response.content.decode()


def test_document_sizes_read_in_kb_or_mb(client, publisher):
    publication = PublicationFactory(slug="sized")
    DocumentFactory(publication=publication)
    Document.objects.update(file_size=1_234_567)
    client.force_login(publisher)

    change = client.get(
        reverse("admin:publications_publication_change", args=[publication.pk])
    ).content.decode()
    listing = client.get(reverse("admin:publications_document_changelist")).content.decode()
    public = client.get(publication.get_absolute_url()).content.decode()

    for html in (change, listing, public):
        assert "1.2\xa0MB" in html
        assert "1234567" not in html


def test_files_kept_for_forms_never_sent_again_are_removed_after_a_day(client, publisher, category):
    from datetime import timedelta

    from django.core.management import call_command

    client.force_login(publisher)
    client.post(
        ADD_URL, form_data(category, summary="", documents=[document("Guide", pdf_upload("left.pdf"))])
    )
    assert kept_files() == ["left.pdf"]

    call_command("forget_kept_uploads", stdout=io.StringIO())
    assert kept_files() == ["left.pdf"]  # still within its day

    with mock.patch(
        "publications.kept_uploads.timezone.now", return_value=timezone.now() + timedelta(days=1, minutes=1)
    ):
        call_command("forget_kept_uploads", stdout=io.StringIO())
    assert kept_files() == []
