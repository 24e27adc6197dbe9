"""Demo library for `manage.py load_demo_data`: the seed's category page, rebuilt, in a library around it.

Idempotent: categories are found by their path and publications by their
slug, so a second run adds nothing and changes nothing. Documents are small
real PDFs made here, saved through the site's storage like any upload.
"""

import zlib
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .demo_content import CATEGORY_TREE, DEMO_PUBLICATIONS, DemoCategory
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
    """Every category of the demo tree, by path."""
    categories = {}

    def add(nodes: tuple[DemoCategory, ...], parent: Category | None) -> None:
        for ordering, node in enumerate(nodes):
            category = _category(node.name, node.slug, node.description, parent=parent, ordering=ordering)
            categories[category.path] = category
            add(node.subcategories, category)

    add(CATEGORY_TREE, None)
    return categories


def _published_at(published):
    """A date, or for a scheduled publication a time from today, at the usual hour."""
    day = timezone.localdate() + published if isinstance(published, timedelta) else published
    return timezone.make_aware(datetime.combine(day, PUBLISHED_AT))


def _history(document, months, most):
    """A plausible, repeatable year of monthly downloads for the demo's trend charts.

    These rows stand for history carried over with the imported figure, so
    they do not add to the publication's total. Together they come to no more
    than `most`, so a little-read publication's year stays inside its total.
    """
    seed = zlib.crc32(document.title.encode())
    counts = [5 + (seed >> (index % 24)) % 40 + index * 2 for index in range(len(months))]
    scale = min(1, most / sum(counts)) if counts else 1
    return [
        DailyDownloads(document=document, day=month.replace(day=15), count=round(count * scale))
        for month, count in zip(months, counts, strict=True)
    ]


@transaction.atomic
def load_publications(categories: dict[str, Category]) -> int:
    created = 0
    history = []
    months = month_starts(timezone.localdate(), 12)[
        :-1
    ]  # whole months only, so the page does not change daily
    slugs = [demo.slug for demo in DEMO_PUBLICATIONS]
    existing = set(Publication.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    for demo in DEMO_PUBLICATIONS:
        if demo.slug in existing:
            continue
        publication = PublicationFactory(
            title=demo.title,
            slug=demo.slug,
            summary=demo.summary,
            body=demo.body.strip(),
            status=Publication.Status.PUBLISHED,
            published_at=_published_at(demo.published),
            imported_downloads=demo.downloads,
            categories=[categories[path] for path in demo.categories],
        )
        # No downloads before it was published; at most half its total over the year, shared by its documents.
        first_month = timezone.localdate(publication.published_at).replace(day=1)
        shown = [month for month in months if month >= first_month]
        most = demo.downloads // (2 * max(1, len(demo.documents)))
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
            history += _history(saved, shown, most)
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
