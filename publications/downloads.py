"""Counting downloads exactly, under any number of concurrent requests.

Each counted download writes three rows in autocommit, and none of them reads
a count back into Python: the document's and the publication's totals each go
up by one in an ``UPDATE … SET n = n + 1`` (the database serialises them on
the row), and the day's row is upserted with ``INSERT … ON CONFLICT DO UPDATE
SET count = count + 1``. On PostgreSQL the three are one statement (data-
modifying CTEs), so one round trip and one commit; elsewhere (SQLite from
3.24) three statements.
"""

import re
from datetime import date

from django.db import connection
from django.db.models import F
from django.utils import timezone

from .models import DailyDownloads, Document, Publication

CRAWLER_PATTERN = re.compile(r"bot|crawl|spider|slurp", re.IGNORECASE)


def is_crawler(user_agent: str) -> bool:
    return bool(CRAWLER_PATTERN.search(user_agent or ""))


def should_count(request) -> bool:
    """People's GET requests count; HEAD requests and self-declared robots do not."""
    return request.method == "GET" and not is_crawler(request.headers.get("User-Agent", ""))


def record_download(document: Document, *, day: date | None = None) -> None:
    day = day or timezone.localdate()
    daily = connection.ops.quote_name(DailyDownloads._meta.db_table)
    upsert_day = (
        f"INSERT INTO {daily} (document_id, day, count) VALUES (%s, %s, 1) "  # noqa: S608 (table name from the model)
        f"ON CONFLICT (document_id, day) DO UPDATE SET count = {daily}.count + 1"
    )
    if connection.vendor == "postgresql":
        # The same three writes as one statement: one round trip and one commit.
        documents = connection.ops.quote_name(Document._meta.db_table)
        publications = connection.ops.quote_name(Publication._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH counted AS (UPDATE {documents} SET download_count = download_count + 1 "  # noqa: S608 (table names from the models)
                f"WHERE id = %s RETURNING publication_id), "
                f"totalled AS (UPDATE {publications} SET download_count = download_count + 1 "
                f"WHERE id IN (SELECT publication_id FROM counted)) "
                f"{upsert_day}",
                [document.pk, document.pk, day],
            )
        return
    Document.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)
    Publication.objects.filter(pk=document.publication_id).update(download_count=F("download_count") + 1)
    with connection.cursor() as cursor:
        cursor.execute(upsert_day, [document.pk, day])
