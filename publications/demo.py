"""Demo library for `manage.py load_demo_data`: the seed's category page, rebuilt.

Idempotent: categories are found by their path and publications by their
slug, so a second run adds nothing. Documents are small real PDFs made here,
saved through the site's storage like any upload.
"""

import zlib
from datetime import datetime, time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .demo_content import DEMO_PUBLICATIONS, SUBCATEGORIES, TOP_CATEGORY
from .factories import ChangeNoteFactory, DocumentFactory, PublicationFactory
from .models import Category, DailyDownloads, Publication
from .pdf import make_pdf
from .trend import month_starts

PUBLISHED_AT = time(9, 0)


def _category(name, slug, description, parent=None, ordering=0):
    path = f"{parent.path}/{slug}" if parent else slug
    category = Category.objects.filter(path=path).first()
    if category is None:
        category = Category.objects.create(
            name=name, slug=slug, description=description, parent=parent, ordering=ordering
        )
    return category


def load_categories() -> dict[str, Category]:
    name, slug, description = TOP_CATEGORY
    top = _category(name, slug, description)
    categories = {slug: top}
    for ordering, (sub_name, sub_slug, sub_description) in enumerate(SUBCATEGORIES):
        categories[sub_slug] = _category(sub_name, sub_slug, sub_description, parent=top, ordering=ordering)
    return categories


def _history(document, months):
    """A plausible, repeatable year of monthly downloads for the demo's trend charts.

    These rows stand for history carried over with the imported figure, so
    they do not add to the publication's total.
    """
    seed = zlib.crc32(document.title.encode())
    rows = []
    for index, month in enumerate(months):
        count = 5 + (seed >> (index % 24)) % 40 + index * 2
        rows.append(DailyDownloads(document=document, day=month.replace(day=15), count=count))
    return rows


@transaction.atomic
def load_publications(categories: dict[str, Category]) -> int:
    created = 0
    history = []
    months = month_starts(timezone.localdate(), 12)[
        :-1
    ]  # whole months only, so the page does not change daily
    for demo in DEMO_PUBLICATIONS:
        if Publication.objects.filter(slug=demo.slug).exists():
            continue
        publication = PublicationFactory(
            title=demo.title,
            slug=demo.slug,
            summary=demo.summary,
            body=demo.body.strip(),
            status=Publication.Status.PUBLISHED,
            published_at=timezone.make_aware(datetime.combine(demo.published, PUBLISHED_AT)),
            imported_downloads=demo.downloads,
            categories=[categories[TOP_CATEGORY[1]], *(categories[slug] for slug in demo.categories)],
        )
        for order, document in enumerate(demo.documents):
            name = slugify(f"{document.number} {document.title}")[:80] + ".pdf"
            title = f"{document.number} {document.title}".strip()
            saved = DocumentFactory(
                publication=publication,
                number=document.number,
                title=document.title,
                sort_order=order,
                is_accessible=document.accessible,
                file=ContentFile(make_pdf(title, list(document.lines)), name=name),
            )
            history += _history(saved, months)
        for day, kind, text in demo.change_notes:
            ChangeNoteFactory(publication=publication, date=day, kind=kind, text=text)
        created += 1
    DailyDownloads.objects.bulk_create(history)
    return created


def load(*, stdout) -> None:
    """Entry point for `manage.py load_demo_data`."""
    categories = load_categories()
    created = load_publications(categories)
    stdout.write(f"Publications created: {created}")
