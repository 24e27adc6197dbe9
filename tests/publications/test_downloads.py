"""Downloads are counted exactly, per day too, and served safely; robots and HEAD are not counted."""

import os
import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from publications.downloads import is_crawler, record_download
from publications.factories import DocumentFactory, PublicationFactory
from publications.models import DailyDownloads, Document, Publication

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


def counts(document):
    document.refresh_from_db()
    document.publication.refresh_from_db()
    return document.download_count, document.publication.download_count


@pytest.mark.django_db
def test_a_download_is_counted_and_served_as_an_attachment(client):
    document = DocumentFactory(
        title="Near Me handy guide", publication=PublicationFactory(imported_downloads=100)
    )

    response = client.get(document.get_download_url(), HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="near-me-handy-guide.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert counts(document) == (1, 101)
    assert DailyDownloads.objects.get(document=document, day=timezone.localdate()).count == 1


@pytest.mark.django_db
def test_the_day_row_is_incremented_not_replaced():
    document = DocumentFactory()

    record_download(document)
    record_download(document)
    record_download(document, day=date(2020, 1, 1))

    assert DailyDownloads.objects.get(document=document, day=timezone.localdate()).count == 2
    assert DailyDownloads.objects.get(document=document, day=date(2020, 1, 1)).count == 1
    assert counts(document) == (3, 3)


@pytest.mark.django_db
def test_head_requests_are_not_counted(client):
    document = DocumentFactory()

    response = client.head(document.get_download_url(), HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert counts(document) == (0, 0)
    assert not DailyDownloads.objects.exists()


@pytest.mark.parametrize(
    "agent",
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", "Mozilla/5.0 (compatible; bingbot/2.0)",
     "Baiduspider", "Mozilla/5.0 (compatible; Yahoo! Slurp)", "SomeCrawler/1.0"],
)  # fmt: skip
@pytest.mark.django_db
def test_crawlers_are_served_but_not_counted(client, agent):
    document = DocumentFactory()

    response = client.get(document.get_download_url(), HTTP_USER_AGENT=agent)

    assert response.status_code == 200
    assert counts(document) == (0, 0)


def test_people_are_not_mistaken_for_crawlers():
    assert not is_crawler(BROWSER)
    assert not is_crawler("")


@pytest.mark.django_db
def test_a_missing_file_is_a_404_page_not_a_500(client):
    document = DocumentFactory()
    document.file.storage.delete(document.file.name)

    response = client.get(document.get_download_url(), HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert counts(document) == (0, 0)


@pytest.mark.django_db
def test_documents_of_drafts_and_of_other_publications_are_not_served(client):
    draft_document = DocumentFactory(publication=PublicationFactory(status=Publication.Status.DRAFT))
    other = DocumentFactory()
    wrong_address = f"/publications/{draft_document.publication.slug}/documents/{other.pk}/download/"

    assert client.get(draft_document.get_download_url()).status_code == 404
    assert client.get(wrong_address).status_code == 404


@pytest.mark.django_db
def test_the_download_address_survives_a_slug_change(client):
    document = DocumentFactory(publication=PublicationFactory(slug="old-name"))
    old_address = document.get_download_url()
    publication = document.publication
    publication.slug = "new-name"
    publication.save()

    response = client.get(old_address)

    assert response.status_code == 301
    assert response.headers["Location"] == f"/publications/new-name/documents/{document.pk}/download/"


@pytest.mark.django_db
def test_pdf_facts_are_stored_on_upload():
    from django.core.files.base import ContentFile

    from publications.pdf import make_pdf

    document = DocumentFactory(file=ContentFile(make_pdf("Three pages", pages=3), name="three.pdf"))

    assert (document.file_format, document.page_count, document.content_type) == ("PDF", 3, "application/pdf")
    assert document.file_size == document.file.size > 0


@pytest.mark.django_db
def test_a_damaged_pdf_is_kept_without_a_page_count():
    from django.core.files.base import ContentFile

    document = DocumentFactory(file=ContentFile(b"%PDF-1.4 this is not really a pdf", name="broken.pdf"))

    assert document.file_format == "PDF" and document.page_count is None


@pytest.mark.postgres
# serialized_rollback: the flush after a transactional test would take the staff groups
# (made by a data migration) with it; this restores them for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hundred_concurrent_downloads_count_exactly_two_hundred():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run this on PostgreSQL: DATABASE_URL is not set")
        pytest.skip("needs PostgreSQL (set DATABASE_URL); CI runs it")
    document = DocumentFactory(publication=PublicationFactory(imported_downloads=1000))
    url = document.get_download_url()
    # 200 threads released together; at most 40 hold a database connection at once,
    # well inside PostgreSQL's default max_connections of 100.
    release = threading.Barrier(200, timeout=60)
    connection_slots = threading.Semaphore(40)
    statuses = []

    def download():
        from django.db import connections

        release.wait()
        with connection_slots:
            try:
                response = Client().get(url, HTTP_USER_AGENT=BROWSER)
                b"".join(response.streaming_content)
                response.close()
                statuses.append(response.status_code)
            finally:
                connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=download) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert statuses == [200] * 200
    document = Document.objects.select_related("publication").get(pk=document.pk)
    assert document.download_count == 200
    assert document.publication.download_count == 1200
    assert DailyDownloads.objects.get(document=document).count == 200
