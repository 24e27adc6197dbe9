"""Public views: the library, category pages, publication pages and downloads.

Each list view costs a fixed number of queries whatever the size of the
library: the page of entries is one query, its count another, and nothing is
fetched per entry.
"""

import logging
import re

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from .cache import cached_listing_value, cached_value, public_page_cache
from .downloads import record_download, should_count
from .forms import LibraryFilterForm
from .models import Category, Document, Publication, SlugHistory
from .trend import download_trend

logger = logging.getLogger(__name__)

PER_PAGE = 20
CATEGORY_PATH = re.compile(r"[-\w]+(?:/[-\w]+)*/?", re.ASCII)
HOME = ("Home", "/")
# The library's name, as the main menu (the CMS page at its address) and its heading give it.
LIBRARY_TITLE = "Publications and guidance"
TREND_TEMPLATE = "publications/includes/trend.html"


def _years():
    """Years that have publications, for the filter: a scan of the whole library, so kept in the cache.

    A publication scheduled for a new year shows in the filter within the hour.
    """

    def compute():
        return [d.year for d in Publication.objects.published().dates("published_at", "year", order="DESC")]

    return cached_value("years", compute)


def _page(request, queryset, per_page=PER_PAGE):
    """A page of results; a ?page= that is not a number or is past the end gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _trail(categories=(), *, current):
    """Breadcrumbs: Home › Publications and guidance › the categories, root first › this page."""
    library = (LIBRARY_TITLE, reverse("publications:library"))
    return [
        HOME,
        library,
        *((category.name, category.get_absolute_url()) for category in categories),
        (current, None),
    ]


def _categories():
    """The whole category tree, root first: it changes only when an editor saves, so kept per generation."""
    return cached_value("categories", lambda: list(Category.objects.order_by("path")))


def _category_choices():
    """The library's category filter as (path, indented name) pairs, kept per generation: a few
    hundred strings are quicker to take from the cache than the tree's model instances."""
    return cached_value(
        "category-choices",
        lambda: [(category.path, ("— " * category.depth) + category.name) for category in _categories()],
    )


def _top_categories():
    return cached_value(
        "top-categories", lambda: [category for category in _categories() if category.parent_id is None]
    )


def _category_paths():
    return cached_value("category-paths", lambda: frozenset(category.path for category in _categories()))


def _family(path):
    """(the category at `path`, its ancestors root first and itself last, its children in sibling order),
    or None: kept per generation and path, so a page takes only its own part of the tree. Only real
    paths are kept: made-up addresses must not fill the cache."""
    if path not in _category_paths():
        return None

    def compute():
        by_path = {category.path: category for category in _categories()}
        parts = path.split("/")
        ancestors = [
            by_path[p] for p in ("/".join(parts[: i + 1]) for i in range(len(parts))) if p in by_path
        ]
        children = list(Category.objects.filter(parent=by_path[path]))  # the model orders siblings
        return (by_path[path], ancestors, children)

    return cached_value(f"category-family:{path}", compute)


def _category_at(path):
    family = _family(path)
    return family[0] if family else None


def _listing_context(request, publications, *, with_category=True, count_name=None):
    """The filter form and a page of entries; `count_name` keeps the unfiltered total per generation."""
    form = LibraryFilterForm(
        request.GET,
        category_choices=_category_choices() if with_category else [],
        find_category=_category_at,
        years=_years(),
        with_category=with_category,
    )
    page_queryset = form.apply(publications.for_listing())
    paginator = Paginator(page_queryset, PER_PAGE)
    if count_name and not form.is_filtered:
        # Paginator.count is a cached_property: giving it the kept total saves the COUNT(*) over the library.
        paginator.count = cached_listing_value(count_name, publications.count)
    page = paginator.get_page(request.GET.get("page"))
    return {"form": form, "page_obj": page, "sort": form.chosen_sort}


@require_safe
@public_page_cache
def library(request):
    context = _listing_context(request, Publication.objects.published(), count_name="library-count")
    context["top_categories"] = _top_categories  # called by the template only when its kept grid is stale
    context["breadcrumbs"] = [HOME, (LIBRARY_TITLE, None)]
    return render(request, "publications/publication_list.html", context)


def _with_counts(category, subcategories):
    """(subcategory, how many published publications it and its own subcategories hold) pairs.

    One query for them all, kept per generation like the library's count.
    """
    if not subcategories:
        return []

    def compute():
        return Publication.objects.published().aggregate(
            **{
                str(subcategory.pk): Count(
                    "pk", filter=Q(pk__in=Publication.objects.in_category(subcategory))
                )
                for subcategory in subcategories
            }
        )

    counts = cached_listing_value(f"subcategory-counts:{category.pk}", compute)
    return [(subcategory, counts.get(str(subcategory.pk), 0)) for subcategory in subcategories]


@require_safe
@public_page_cache
def category_detail(request, path):
    if not CATEGORY_PATH.fullmatch(path):
        raise Http404("No such category")
    family = _family(path.strip("/"))
    if family is None:
        raise Http404("No such category")
    category, ancestors, subcategories = family
    context = _listing_context(
        request,
        Publication.objects.published().in_category(category),
        with_category=False,
        count_name=f"category-count:{category.pk}",
    )
    context.update(
        category=category,
        breadcrumbs=_trail(ancestors[:-1], current=category.name),
        subcategories=_with_counts(category, subcategories),
    )
    return render(request, "publications/category_detail.html", context)


def _can_preview(request):
    return request.user.is_authenticated and request.user.has_perm("publications.change_publication")


def _publication_or_redirect(request, slug, queryset):
    """The published publication at this slug, or a permanent redirect from a slug it used to have."""
    publication = queryset.filter(slug=slug).first()
    if publication is not None:
        return publication, None
    old = SlugHistory.objects.filter(old_slug=slug).select_related("publication").first()
    if old is not None and (
        old.publication.is_public or old.publication.is_withdrawn or _can_preview(request)
    ):
        new_path = request.path.replace(f"/{slug}/", f"/{old.publication.slug}/", 1)
        query = request.META.get("QUERY_STRING")
        return None, HttpResponsePermanentRedirect(new_path + (f"?{query}" if query else ""))
    raise Http404("No such publication")


def _relations(publication):
    """(categories, documents, change notes): they change only when an editor saves, so kept per generation.

    The download count, which changes without an edit, is on the publication, read afresh.
    """

    def compute():
        documents = (
            []
            if publication.is_withdrawn
            else list(publication.documents.order_by("sort_order", "number", "title", "pk"))
        )
        for (
            document
        ) in documents:  # its download address needs the slug; the document is kept without the body
            document.publication = Publication(pk=publication.pk, slug=publication.slug)
        return (
            list(publication.categories.order_by("-depth", "path")),
            documents,
            list(publication.change_notes.order_by("-date", "-pk")),
        )

    return cached_value(f"relations:{publication.pk}", compute)


@require_safe
@public_page_cache
def publication_detail(request, slug):
    # Staff who edit publications may preview drafts and scheduled ones; the page says so.
    # A withdrawn publication keeps its page, which says when and why, as GOV.UK's do.
    visible = Publication.objects.all() if _can_preview(request) else Publication.objects.on_record()
    publication, redirect = _publication_or_redirect(request, slug, visible)
    if redirect:
        return redirect
    request.toolbar_publication = publication  # the CMS toolbar offers "Edit this publication"
    categories, documents, change_notes = _relations(publication)
    family = _family(categories[0].path) if categories else None
    ancestors = family[1] if family else []
    published_on = timezone.localdate(publication.published_at) if publication.published_at else None
    last_updated = max(
        [note.date for note in change_notes] + ([published_on] if published_on else []), default=None
    )
    context = {
        "publication": publication,
        "categories": categories,
        "breadcrumbs": _trail(ancestors, current=publication.title),
        "documents": documents,
        "has_numbers": any(document.number for document in documents),
        "change_notes": change_notes,
        "last_updated": last_updated if last_updated != published_on else None,
        # Downloads do not bump the generation: the chart is kept for the day, as its finest bar is a month.
        "trend_html": cached_value(
            f"trend-html:{publication.pk}:{timezone.localdate()}",
            lambda: render_to_string(TREND_TEMPLATE, {"trend": download_trend(publication)}),
            24 * 60 * 60,
        ),
    }
    return render(request, "publications/publication_detail.html", context)


@require_safe
def download(request, slug, document_id):
    """Count the download, then serve the file. The address never changes; old slugs redirect.

    A withdrawn publication's documents are gone for good: 410, with a link to its page.
    """
    queryset = Publication.objects.on_record().only("pk", "title", "slug", "status", "published_at")
    publication, redirect = _publication_or_redirect(request, slug, queryset)
    if redirect:
        return redirect
    document = get_object_or_404(Document, pk=document_id, publication=publication)
    if publication.is_withdrawn:
        context = {"publication": publication, "breadcrumbs": [HOME, ("Document withdrawn", None)]}
        return render(request, "publications/document_withdrawn.html", context, status=410)
    try:
        file = document.file.open("rb")
    except (OSError, ValueError) as error:
        logger.warning("Document %s has no file at %s: %s", document.pk, document.file.name, error)
        raise Http404("The file is missing") from error

    if should_count(request):
        record_download(document)

    filename = document.file.name.rsplit("/", 1)[-1]
    content_type = document.content_type or "application/octet-stream"
    if request.method == "HEAD":
        file.close()
        response = HttpResponse(content_type=content_type)
        response.headers["Content-Length"] = str(document.file_size or document.file.size)
        response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
