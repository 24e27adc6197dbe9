"""Finding what changed, and announcing each change once.

`publications` and `services_registry` know nothing of alerts. Each round reads
what they store and finds what has no Announcement yet:

- major change notes of live publications: a scheduled publication's only once
  its date has come, a draft's only once it is published;
- inspection reports and grade-history rows added since alerts began (grades only
  when they are the service's latest);
- changes of registration status of services someone follows, against the status
  last seen (SeenStatus).

Reading the tables rather than listening for saves means nothing is missed however
the change was made: the admin, the review workflow, or an import that writes in
bulk and sends no signals.

Each change someone follows is announced in one transaction with its emails
(alerts.sending): the announcement's unique source and each email's unique
(subscriber, announcement) mean that a round stopped at any point, or two rounds
at once, leave every change announced and emailed exactly once, or not yet.
Changes nobody follows are recorded in bulk, emailing no one.

The first round ever records where alerts begin (StartingPoint): reports and
grades already on the register, and major change notes already live, are never
announced, so switching alerts on does not email the whole back catalogue.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from publications.models import ChangeNote, Publication
from services_registry.models import CareService, GradeHistory, InspectionReport

from .models import Announcement, AnnouncementTopic, SeenStatus, StartingPoint, Topic, with_ancestors
from .sending import queue_change_emails

BATCH = 200
Kind = Announcement.Kind


@dataclass
class Change:
    """A change found and not yet announced, with what its emails will say."""

    kind: str
    source_id: int | None
    subject: str
    title: str
    text: str
    path: str
    topic_ids: list[int] = field(default_factory=list)
    # A status change: (service, status last seen, status now).
    status: tuple[int, str, str] | None = None

    def announcement(self, now, **extra) -> Announcement:
        return Announcement(
            kind=self.kind,
            source_id=self.source_id,
            subject=" ".join(self.subject.split())[:200],
            title=self.title[:300],
            text=self.text,
            path=self.path[:500],
            created_at=now,
            **extra,
        )


def _day(value) -> str:
    return date_format(value, "j F Y")


def _not_announced(kind):
    return ~Exists(Announcement.objects.filter(kind=kind, source_id=OuterRef("pk")))


def _live_major_notes(now):
    return ChangeNote.objects.filter(
        major=True, publication__status=Publication.Status.PUBLISHED, publication__published_at__lte=now
    ).filter(_not_announced(Kind.PUBLICATION_CHANGE))


def starting_point(now) -> StartingPoint:
    """Where alerts began; the first round ever writes it, and marks what is live then as announced."""
    point = StartingPoint.objects.filter(pk=1).first()
    if point is not None:
        return point
    with transaction.atomic():
        point, created = StartingPoint.objects.get_or_create(
            pk=1,
            defaults={
                "began_at": now,
                "last_report_id": InspectionReport.objects.aggregate(last=Max("pk"))["last"] or 0,
                "last_grading_id": GradeHistory.objects.aggregate(last=Max("pk"))["last"] or 0,
            },
        )
        if created:
            for batch in _batches(lambda after: _publication_changes(now, after, with_topics=False)):
                Announcement.objects.bulk_create(
                    [change.announcement(now, first_run=True) for change in batch], ignore_conflicts=True
                )
    return point


def _batches(fetch):
    """Each batch a source gives, walking its rows in key order so every row is looked at once."""
    after = 0
    while True:
        changes, last = fetch(after)
        if last is None:
            return
        yield changes
        after = last


def _publication_changes(now, after, *, with_topics=True):
    notes = list(
        _live_major_notes(now).filter(pk__gt=after).select_related("publication").order_by("pk")[:BATCH]
    )
    if not notes:
        return [], None
    paths: dict[int, list[str]] = {}
    topics = []
    if with_topics:
        through = Publication.categories.through
        for publication_id, path in through.objects.filter(
            publication_id__in={note.publication_id for note in notes}
        ).values_list("publication_id", "category__path"):
            paths.setdefault(publication_id, []).append(path)
        all_paths = [path for found in paths.values() for path in found]
        topics = list(Topic.objects.for_categories(all_paths).values_list("pk", "kind", "category__path"))
    changes = []
    for note in notes:
        publication = note.publication
        reached = with_ancestors(paths.get(note.publication_id, []))
        added = note.kind == ChangeNote.Kind.ADDED
        changes.append(
            Change(
                kind=Kind.PUBLICATION_CHANGE,
                source_id=note.pk,
                subject=f"{'New' if added else 'Updated'}: {publication.title}",
                title=publication.title,
                text=f"{note.text}\n\n{note.get_kind_display()} {_day(note.date)}.",
                path=publication.get_absolute_url(),
                topic_ids=[
                    pk for pk, kind, path in topics if kind == Topic.Kind.PUBLICATIONS or path in reached
                ],
            )
        )
    return changes, notes[-1].pk


def _topics_of_services(service_ids) -> dict[int, int]:
    return dict(Topic.objects.filter(service_id__in=set(service_ids)).values_list("service_id", "pk"))


def _service_title(service) -> str:
    return f"{service.name} ({service.service_number})"


def _report_changes(start: StartingPoint, after):
    reports = list(
        InspectionReport.objects.filter(pk__gt=max(after, start.last_report_id))
        .filter(_not_announced(Kind.INSPECTION_REPORT))
        .select_related("service")
        .order_by("pk")[:BATCH]
    )
    if not reports:
        return [], None
    topics = _topics_of_services(report.service_id for report in reports)
    changes = [
        Change(
            kind=Kind.INSPECTION_REPORT,
            source_id=report.pk,
            subject=f"New inspection report: {report.service.name}",
            title=_service_title(report.service),
            text=f"We published a new inspection report, “{report.title}”, "
            f"from the inspection on {_day(report.inspected_on)}.",
            path=f"{report.service.get_absolute_url()}#reports",
            topic_ids=[topics[report.service_id]] if report.service_id in topics else [],
        )
        for report in reports
    ]
    return changes, reports[-1].pk


def _grade_changes(start: StartingPoint, after):
    later = GradeHistory.objects.filter(
        service_id=OuterRef("service_id"), published_on__gt=OuterRef("published_on")
    )
    gradings = list(
        GradeHistory.objects.filter(pk__gt=max(after, start.last_grading_id))
        .filter(_not_announced(Kind.GRADES))
        .exclude(Exists(later))
        .select_related("service")
        .order_by("pk")[:BATCH]
    )
    if not gradings:
        return [], None
    topics = _topics_of_services(grading.service_id for grading in gradings)
    changes = []
    for grading in gradings:
        published = f" on {_day(grading.published_on)}" if grading.published_on else ""
        lines = [f"{grade.label}: {grade}" for grade in grading.grades()]
        changes.append(
            Change(
                kind=Kind.GRADES,
                source_id=grading.pk,
                subject=f"New grades: {grading.service.name}",
                title=_service_title(grading.service),
                text=f"We published new grades{published}. We grade each key question from "
                "1 (unsatisfactory) to 6 (excellent).\n\n" + "\n".join(lines),
                path=f"{grading.service.get_absolute_url()}#grades",
                topic_ids=[topics[grading.service_id]] if grading.service_id in topics else [],
            )
        )
    return changes, gradings[-1].pk


def _status_changes(now) -> list[Change]:
    """Followed services whose status differs from the one last seen; a first sighting is only noted."""
    followed = Topic.objects.filter(service=OuterRef("pk"), subscriptions__confirmed_at__isnull=False)
    services = list(
        CareService.objects.filter(Exists(followed))
        .annotate(
            seen_status=Subquery(SeenStatus.objects.filter(service=OuterRef("pk")).values("status")[:1]),
            topic_id=Subquery(Topic.objects.filter(service=OuterRef("pk")).values("pk")[:1]),
        )
        .only("pk", "service_number", "name", "status")
    )
    SeenStatus.objects.bulk_create(
        [
            SeenStatus(service_id=service.pk, status=service.status, seen_at=now)
            for service in services
            if service.seen_status is None
        ],
        ignore_conflicts=True,
    )
    words = CareService.PUBLIC_STATUS
    return [
        Change(
            kind=Kind.REGISTRATION,
            source_id=None,
            subject=f"Registration changed: {service.name}",
            title=_service_title(service),
            text=f"Its registration status has changed from “{words.get(service.seen_status, service.seen_status)}” "
            f"to “{words.get(service.status, service.status)}”.",
            path=service.get_absolute_url(),
            topic_ids=[service.topic_id],
            status=(service.pk, service.seen_status, service.status),
        )
        for service in services
        if service.seen_status is not None and service.seen_status != service.status
    ]


def _announce(change: Change, now) -> int:
    """Record one followed change and queue its emails, all or nothing; 0 if another round did."""
    try:
        with transaction.atomic():
            if change.status is not None:
                service_id, seen, current = change.status
                moved = SeenStatus.objects.filter(service_id=service_id, status=seen).update(
                    status=current, seen_at=now
                )
                if not moved:
                    return 0
            announcement = change.announcement(now)
            announcement.save()
            AnnouncementTopic.objects.bulk_create(
                AnnouncementTopic(announcement=announcement, topic_id=topic_id)
                for topic_id in change.topic_ids
            )
            queue_change_emails(announcement, change.topic_ids)
    except IntegrityError:
        return 0  # announced meanwhile by another round
    return 1


def _record(changes: list[Change], now) -> int:
    followed = [change for change in changes if change.topic_ids]
    Announcement.objects.bulk_create(
        [change.announcement(now) for change in changes if not change.topic_ids], ignore_conflicts=True
    )
    return sum(_announce(change, now) for change in followed)


def announce_changes(now=None) -> int:
    """Announce every change not yet announced; return how many someone follows."""
    now = now or timezone.now()
    start = starting_point(now)
    announced = 0
    for fetch in (
        lambda after: _publication_changes(now, after),
        lambda after: _report_changes(start, after),
        lambda after: _grade_changes(start, after),
    ):
        for changes in _batches(fetch):
            announced += _record(changes, now)
    announced += _record(_status_changes(now), now)
    return announced


def forget_gone_topics() -> int:
    """Delete topics whose category or service was deleted, with their subscriptions; return how many."""
    gone = Topic.objects.filter(
        Q(kind=Topic.Kind.CATEGORY, category__isnull=True) | Q(kind=Topic.Kind.SERVICE, service__isnull=True)
    )
    count = gone.count()
    if count:
        gone.delete()
    return count
