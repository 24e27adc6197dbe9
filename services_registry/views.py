"""The registry's public pages, open-data export, inspection reports, posters and the widget's responses."""

import csv
import itertools
import logging

from csp.constants import HEADER as CSP_HEADER
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from inspectorate_site import generations
from inspectorate_site.csp import replaced_policy

from .datastore import export_rows
from .forms import ServiceSearchForm
from .grade_context import comparisons_for
from .models import CareService, InspectionReport
from .poster import poster_filename, poster_pdf
from .widget import (
    BADGE_PAGE_STYLE_HASH,
    KINDS,
    embed_code,
    get_badge,
    iframe_code,
    record_widget_sighting,
)

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 20
# A search lists at most this many services (25 pages): counting stops there, so a broad search
# costs the same on a register of 3,000 or 30,000, and the page asks the person to narrow it.
MAX_SEARCH_RESULTS = 500
# Browsers recheck every five minutes and a CDN every ten, each serving its copy
# a minute longer while it refetches: no copy is more than 11 minutes older than
# our answer, which agrees with the register within 5 (widget.BADGE_FRESH_SECONDS),
# so a visitor sees any change within 17 minutes. Only while we answer errors may
# a CDN serve its last copy for up to a day. (Written out once: a badge is served as a static file is.)
WIDGET_CACHE_CONTROL = "public, max-age=300, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400"
# The one page any site may frame; its only style is the badge's, allowed by hash.
BADGE_FRAME_POLICY = {"frame-ancestors": ["*"], "style-src": [BADGE_PAGE_STYLE_HASH]}


def _widget_headers(response):
    response.headers["Cache-Control"] = WIDGET_CACHE_CONTROL
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def widget_not_found():
    response = HttpResponse(b"Not found\n", status=404, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=60)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _etag_matches(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    return etag in {candidate.strip().removeprefix("W/") for candidate in header.split(",")}


def serve_widget(request, service_number: str, kind: str):
    """One of the badge's three forms, from the cache: no session, no cookie, no CMS.

    WidgetMiddleware calls it for every /widget/ address whose number has the right shape.
    """
    if request.method not in ("GET", "HEAD"):
        response = HttpResponse(status=405)
        response.headers["Allow"] = "GET, HEAD"
        return response
    badge = get_badge(service_number, kind)
    if badge is None:
        return widget_not_found()
    record_widget_sighting(request, badge)
    if _etag_matches(request, badge.etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(badge.body, content_type=KINDS[kind])
    response.headers["ETag"] = badge.etag
    if kind == "html":
        response.xframe_options_exempt = True
        response.headers[CSP_HEADER] = replaced_policy(BADGE_FRAME_POLICY)
    return _widget_headers(response)


# Register pages change when an import or an officer changes a service. The
# full-page cache keeps them until then (inspectorate_site/page_cache.py); a CDN
# may keep them a minute, which is harmless (the widget is invalidated separately).
PUBLIC_PAGE_SECONDS = 60
RECORD_SECONDS = 3600
HOME = ("Home", "/")


@require_safe
@cache_control(public=True, max_age=PUBLIC_PAGE_SECONDS)
def service_search(request):
    """Find a care service: a fixed handful of queries whatever the size of the register."""
    service_types, council_areas = CareService.objects.filter_choices()
    form = ServiceSearchForm(request.GET or None, service_types=service_types, council_areas=council_areas)
    if form.is_bound:
        form.is_valid()
    matching = form.filter(CareService.objects.for_listing())
    paginator = Paginator(matching[:MAX_SEARCH_RESULTS], RESULTS_PER_PAGE)
    # Counted without the name order, which only the page shown needs: the count stops at the cap.
    paginator.count = matching.order_by().values("pk")[:MAX_SEARCH_RESULTS].count()
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "services_registry/service_search.html",
        {
            "form": form,
            "page": page,
            "capped": page.paginator.count >= MAX_SEARCH_RESULTS,
            "breadcrumbs": [HOME, ("Find a care service", None)],
        },
    )


@require_safe
@cache_control(public=True, max_age=PUBLIC_PAGE_SECONDS)
def service_detail(request, service_number):
    """One service's page: its registration, grades, inspection reports, figures and the widget."""
    service = get_object_or_404(CareService.objects.select_related("provider"), service_number=service_number)
    return render(
        request,
        "services_registry/service_detail.html",
        {
            "service": service,
            "breadcrumbs": [
                HOME,
                ("Find a care service", reverse("services_registry:service_search")),
                (service.name, None),
            ],
            "grades": service.grades(),
            **_service_record(service),
        },
    )


def _service_record(service) -> dict:
    """A service's history, reports, figures and embed codes: they change only with an import or an
    officer's save, which bump the register's generation, so they are kept per generation."""

    def compute():
        return {
            "grade_history": list(service.grade_history.all()),
            "reports": list(service.reports.all()),
            "current_actions": list(service.regulatory_actions.filter(met_on__isnull=True)),
            "comparisons": comparisons_for(service),
            "provider_history": list(
                service.provider_changes.select_related("from_provider", "to_provider").order_by(
                    "changed_on", "id"
                )
            ),
            "yearly_figures": list(service.yearly_figures.all()),
            "embed_code": embed_code(service),
            "iframe_code": iframe_code(service),
        }

    return generations.kept(
        f"service-record:{service.pk}", compute, counter=generations.REGISTER, seconds=RECORD_SECONDS
    )


@require_safe
def inspection_report(request, service_number, report_id):
    """The report's file from the default storage (local disk or the bucket), whatever serves /media/."""
    report = get_object_or_404(
        InspectionReport.objects.only("file"), pk=report_id, service__service_number=service_number
    )
    try:
        file = report.file.open("rb")
    except (OSError, ValueError) as error:
        logger.warning("Inspection report %s has no file at %s: %s", report.pk, report.file.name, error)
        raise Http404("The file is missing") from error
    # The content type follows the file's name (application/pdf for the reports we publish).
    return FileResponse(file, as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])


# A poster changes only when its service does (the full-page cache keeps it until then), and says
# on its face the day it was made. Chrome shows a PDF through an embed its own policy must allow
# (crbug.com/271452), so the poster's policy lets the page embed itself and nothing else.
POSTER_CACHE_CONTROL = "public, max-age=3600"
POSTER_POLICY = {"object-src": ["'self'"]}


@require_safe
def service_poster(request, service_number):
    """A registered service's A4 poster for its premises, as a PDF to print.

    A service no longer registered has none: 410, with a short page that links to its page.
    """
    service = get_object_or_404(CareService.objects.select_related("provider"), service_number=service_number)
    if not service.is_registered:
        context = {
            "service": service,
            "breadcrumbs": [
                HOME,
                ("Find a care service", reverse("services_registry:service_search")),
                (service.name, service.get_absolute_url()),
                ("Poster", None),
            ],
        }
        response = render(request, "services_registry/poster_not_registered.html", context, status=410)
        patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_SECONDS)
        return response
    response = HttpResponse(poster_pdf(service), content_type="application/pdf")
    response.headers["Content-Disposition"] = content_disposition_header(False, poster_filename(service))
    response.headers["Cache-Control"] = POSTER_CACHE_CONTROL
    response.headers[CSP_HEADER] = replaced_policy(POSTER_POLICY)
    return response


class _Echo:
    def write(self, value):
        return value


@require_safe
def export_csv(request):
    """The whole register in the datastore's format, streamed so memory stays flat."""
    writer = csv.writer(_Echo())
    rows = export_rows(CareService.objects.all())
    # The header row asks the database first: asked here, a database outage is the
    # 503 page rather than a file cut off after "200 OK" has gone.
    header = next(rows)
    lines = (writer.writerow(row) for row in itertools.chain([header], rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="care-services.csv"'
    return response
