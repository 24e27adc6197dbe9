"""What each staff member sees first on signing in: the work waiting for their group.

Each panel appears only to those whose permissions let them do that work, and
costs a fixed number of queries however much is waiting.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from complaints.models import Complaint, Status
from complaints.roles import is_complaints_officer
from publications.models import Publication, PublicationRevision
from publications.revisions import can_publish
from reviews.models import ReviewRequest
from services_registry.models import BadgeMisuseCase, WidgetSighting
from services_registry.register_import import RegisterImport

LATEST_SIGHTINGS = 5


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)


def panels_for(user) -> list[Panel]:
    panels = []
    if can_publish(user):
        panels.append(publishing_panel())
    if user.has_perm("services_registry.change_careservice"):
        panels.append(register_panel(user))
    if is_complaints_officer(user):
        panels.append(complaints_panel())
    return panels


def publishing_panel() -> Panel:
    return Panel(
        "Waiting for a publisher",
        "admin/dashboard/publishing.html",
        {
            "reviews_count": ReviewRequest.objects.waiting().count(),
            "reviews_url": reverse("admin:reviews_queue"),
            "changes_count": PublicationRevision.objects.waiting().count(),
            "changes_url": reverse("admin:publications_publicationrevision_changelist") + "?state=open",
            "scheduled": list(
                Publication.objects.scheduled().order_by("published_at").only("title", "published_at")[:5]
            ),
        },
    )


def register_panel(user) -> Panel:
    may_see_misuse = user.has_perm("services_registry.view_badgemisusecase")
    return Panel(
        "The register",
        "admin/dashboard/register.html",
        {
            # The list opens on the open cases, so the number matches it.
            "misuse_count": BadgeMisuseCase.objects.open().count() if may_see_misuse else None,
            "misuse_url": reverse("admin:services_registry_badgemisusecase_changelist"),
            "last_import": RegisterImport.objects.most_recent(),
            "sightings": list(
                WidgetSighting.objects.select_related("service").order_by("-day", "-first_seen_at")[
                    :LATEST_SIGHTINGS
                ]
            ),
            "sightings_url": reverse("admin:services_registry_widgetsighting_changelist"),
        },
    )


def complaints_panel() -> Panel:
    complaints = Complaint.objects.all()
    queue_url = reverse("admin:complaints_complaint_changelist")
    # Each count links to the queue filtered by the list's own filters, so the numbers match.
    return Panel(
        "Complaints",
        "admin/dashboard/complaints.html",
        {
            "queue_url": queue_url,
            "counts": [
                (
                    "Flagged, to assess today",
                    complaints.awaiting_risk_assessment().count(),
                    f"{queue_url}?triage=same_day",
                ),
                (
                    "Not yet acknowledged",
                    complaints.awaiting_acknowledgement().count(),
                    f"{queue_url}?status__exact={Status.RECEIVED}",
                ),
                ("Overdue", complaints.overdue().count(), f"{queue_url}?overdue=any"),
            ],
        },
    )
