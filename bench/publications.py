"""Load benchmark of the publications library: 10,000 publications, 200 categories, 30,000 documents.

Builds the data once on PostgreSQL (bulk inserts; a second run reuses it),
starts gunicorn with production settings, measures a static file served by
whitenoise as the baseline, then the library, a category page, a publication
page, search and the download endpoint, and prints each as a ratio to the
baseline, with the peak memory of a worker after the run.

Pages are measured twice: at one address, as most visitors see them (served
from the minute-long page cache after the first request), and with a fresh
query string on every request, so that each one renders from the database.

    BENCH_DATABASE_URL=postgres://… BENCH_REDIS_URL=redis://… BENCH_PORT=8101 .venv/bin/python bench/publications.py
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8101"))
PUBLICATIONS = 10_000
TOP_CATEGORIES = 20
SUBCATEGORIES_EACH = 9  # 20 + 20 × 9 = 200 categories
DOCUMENTS_EACH = 3  # 30,000 documents
SLUG_PREFIX = "bench-"

TOPICS = [
    "Continence", "Dementia", "Medication", "Infection prevention", "Staffing", "Nutrition", "Falls",
    "Safeguarding", "Childminding", "Early learning", "Care at home", "Housing support", "Fostering",
    "Adoption", "Secure care", "Respite", "Palliative care", "Mental health", "Learning disability",
    "Self-evaluation",
]  # fmt: skip
KINDS = ["guidance", "inspection report", "self-evaluation toolkit", "practice note", "quality framework",
         "briefing", "resource pack", "research summary"]  # fmt: skip
WORDS = ["care", "support", "inspection", "service", "people", "families", "staff", "quality", "framework",
         "outcomes", "wellbeing", "rights", "health", "social", "partnership", "improvement", "evidence",
         "assessment", "planning", "review", "children", "adults", "carers", "standards", "safety",
         "leadership", "community", "experience", "choice", "dignity", "respect"]  # fmt: skip


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def build_data(media_root: Path) -> dict[str, str]:
    """The benchmark library, made once; returns the addresses to measure."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import connection
    from django.utils import timezone

    from publications.models import Category, DailyDownloads, Document, Publication, search_vector
    from publications.pdf import make_pdf

    built = (
        Publication.objects.filter(slug__startswith=SLUG_PREFIX).count() >= PUBLICATIONS
        and Document.objects.filter(publication__slug__startswith=SLUG_PREFIX).count()
        >= PUBLICATIONS * DOCUMENTS_EACH
    )  # an interrupted build leaves publications without documents: start again
    if not built:
        started = time.monotonic()
        rng = random.Random(20151)  # noqa: S311 (repeatable test data, not security)
        DailyDownloads.objects.filter(document__publication__slug__startswith=SLUG_PREFIX).delete()
        Document.objects.filter(publication__slug__startswith=SLUG_PREFIX).delete()
        Publication.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        for depth in (1, 0):  # subcategories first: a parent is protected while it has children
            Category.objects.filter(path__startswith=SLUG_PREFIX, depth=depth).delete()

        tops = [
            Category(
                name=f"{topic} resources",
                slug=f"{SLUG_PREFIX}{i}",
                path=f"{SLUG_PREFIX}{i}",
                depth=0,
                ordering=i,
            )
            for i, topic in enumerate(TOPICS[:TOP_CATEGORIES])
        ]
        Category.objects.bulk_create(tops)
        subs = [
            Category(
                name=f"{KINDS[j % len(KINDS)].capitalize()} {j}",
                slug=f"sub-{j}",
                parent=top,
                path=f"{top.path}/sub-{j}",
                depth=1,
                ordering=j,
            )
            for top in tops
            for j in range(SUBCATEGORIES_EACH)
        ]
        Category.objects.bulk_create(subs)

        now = timezone.now()
        publications = []
        for n in range(PUBLICATIONS):
            topic, kind = rng.choice(TOPICS), rng.choice(KINDS)
            text = " ".join(rng.choices(WORDS, k=300))
            publications.append(
                Publication(
                    title=f"{topic} {kind} {n}",
                    slug=f"{SLUG_PREFIX}{n}",
                    summary=f"{topic}: {' '.join(rng.choices(WORDS, k=25))}.",
                    body=f"<p>{text}</p>",
                    body_html=f"<p>{text}</p>",
                    document_titles="\n".join(
                        f"{topic} {kind} {n}: part {d + 1}" for d in range(DOCUMENTS_EACH)
                    ),
                    status=Publication.Status.PUBLISHED,
                    published_at=now - timedelta(days=rng.randint(1, 4000)),
                    imported_downloads=(downloads := rng.randint(0, 40000)),
                    download_count=downloads,
                )
            )
        Publication.objects.bulk_create(publications, batch_size=1000)
        Publication.objects.filter(slug__startswith=SLUG_PREFIX).update(search_vector=search_vector())

        through = Publication.categories.through
        links = []
        for index, publication in enumerate(publications):
            sub = subs[index % len(subs)]
            links += [
                through(publication_id=publication.pk, category_id=sub.pk),
                through(publication_id=publication.pk, category_id=sub.parent_id),
            ]
        through.objects.bulk_create(links, batch_size=5000)

        # One real small PDF in storage; every benchmark document points at it.
        name = default_storage.save("publications/bench/guide.pdf", ContentFile(make_pdf("Benchmark guide")))
        size = default_storage.size(name)
        documents = [
            Document(
                publication=publication,
                number=f"{d + 1:03d}",
                title=f"{publication.title}: part {d + 1}",
                file=name,
                file_format="PDF",
                content_type="application/pdf",
                file_size=size,
                page_count=1,
                sort_order=d,
            )
            for publication in publications
            for d in range(DOCUMENTS_EACH)
        ]
        Document.objects.bulk_create(documents, batch_size=5000)

        # A year of daily history for the documents of the publication the benchmark opens.
        measured = Document.objects.filter(publication__slug=f"{SLUG_PREFIX}42")
        today = timezone.localdate()
        DailyDownloads.objects.bulk_create(
            DailyDownloads(document=document, day=today - timedelta(days=day), count=rng.randint(0, 30))
            for document in measured
            for day in range(365)
        )
        print(f"Built {PUBLICATIONS} publications, {len(tops) + len(subs)} categories, "
              f"{len(documents)} documents in {time.monotonic() - started:.0f} s")  # fmt: skip
    else:
        print("Reusing the benchmark library already in the database")

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh statistics; index-only counts need the visibility map

    publication = Publication.objects.get(slug=f"{SLUG_PREFIX}42")
    document = publication.documents.order_by("pk").first()
    category = Category.objects.filter(path__startswith=SLUG_PREFIX, depth=1).order_by("path").first()
    return {
        "library": "/publications/",
        "category": category.get_absolute_url(),
        "publication": publication.get_absolute_url(),
        "search": "/search/?q=dementia+guidance",
        "search, publications only, page 2": "/search/?q=dementia+guidance&kind=publications&page=2",
        "search, misspelt (nearest spelling)": "/search/?q=dementai+guidanse",
        "download": document.get_download_url(),
    }


def static_baseline_path() -> str:
    manifest = json.loads((harness.ROOT / "var" / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    media_root = harness.ROOT / "var" / "bench-media-publications"
    env = harness.bench_environment(PORT, MEDIA_ROOT=str(media_root))
    harness.ensure_database(env)
    # Building the library runs statements longer than a page request may (the update of 10,000 search vectors).
    setup_django({**env, "DATABASE_STATEMENT_TIMEOUT": "600"})
    paths = build_data(media_root)
    from django.db import connections

    connections.close_all()

    base = f"http://127.0.0.1:{PORT}"
    with harness.gunicorn_server(PORT, env) as master:

        def measure_pages():
            pages = [(name, path) for name, path in paths.items() if name != "download"]
            results = [harness.measure(f"{name} (cached)", base + path) for name, path in pages]
            results += [
                harness.measure(f"{name} (uncached)", base + path, fresh_query=True) for name, path in pages
            ]
            return [*results, harness.measure("download (counted)", base + paths["download"])]

        baseline, results = harness.beside_static(base + static_baseline_path(), measure_pages)
        memory = harness.peak_worker_memory_mb(master)
    pages = {name: path for name, path in paths.items() if name != "download"}
    counts = harness.count_queries(
        env,
        {f"{name} (cached)": (path, False) for name, path in pages.items()}
        | {f"{name} (uncached)": (path, True) for name, path in pages.items()},
    )
    harness.with_queries(results, counts)

    harness.report("Publications: 10,000 publications, 200 categories, 30,000 documents", baseline, results)
    print(f"Peak worker memory (VmHWM): {memory:.0f} MB")


if __name__ == "__main__":
    main()
