"""A watch on misused "Registered by" badges, from the widget sightings.

Two kinds of case, for registry officers to look into:

- **Badge of a cancelled or inactive service**: a site showed, in the last ``WATCH_DAYS`` days, the
  badge of a service that is not registered. One case per service and site.
- **Badge on many unrelated sites**: a registered service's badge was seen on more than
  ``MANY_SITES`` sites in the last ``WATCH_DAYS`` days. One case per service.

A *site* is an origin without its scheme, port and a leading "www.": ``https://www.rowan.example``,
``http://rowan.example`` and ``https://rowan.example:8443`` are one site, the provider's own.
Other subdomains (``blog.rowan.example``) count as sites of their own: telling a provider's
subdomains from someone else's needs the public suffix list (``rowan.co.uk`` but not ``co.uk``),
and ``MANY_SITES`` leaves room for a provider's few.

``watch_badges()`` (``manage.py watch_badges``, daily from cron) opens new cases and brings open
ones up to date; it never closes one: an officer marks it handled, with an optional note. A handled
case stays as it was handled (who, when, the note). If the badge is seen again on a day after the
case was handled (for the many-sites kind: on more than ``MANY_SITES`` sites since), the next run
opens a new case counting only the sightings since; an open case is unique per service, kind and
site, so runs repeated or overlapping never duplicate one. Sightings are counted in the database
(a handful of queries however many services), never service by service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, CharField, Count, F, Max, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat, StrIndex, Substr, TruncDate
from django.db.models.lookups import StartsWith
from django.utils import timezone

from .models import CareService, WidgetSighting

WATCH_DAYS = 30
# More sites than this within WATCH_DAYS is a case; a provider's own site and a sister site or two are not.
MANY_SITES = 3


def site_of_origin(field: str = "origin"):
    """The site an origin belongs to, as SQL: "https://www.rowan.example:8443" → "rowan.example"."""
    after_scheme = Substr(field, StrIndex(field, Value("://")) + 3)
    host_and_colon = Concat(after_scheme, Value(":"))  # so a host without a port ends at a colon too
    host = Substr(host_and_colon, 1, StrIndex(host_and_colon, Value(":")) - 1)
    return Case(When(StartsWith(host, "www."), then=Substr(host, 5)), default=host, output_field=CharField())


class BadgeMisuseCaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=BadgeMisuseCase.Status.OPEN)

    def handled(self):
        return self.filter(status=BadgeMisuseCase.Status.HANDLED)

    def mark_handled(self, user) -> int:
        """Mark the open ones among these handled by this person, now; how many were."""
        return self.open().update(
            status=BadgeMisuseCase.Status.HANDLED, handled_by=user, handled_at=timezone.now()
        )

    def last_handled_day(self, kind: str, site):
        """The local day the latest handled case of this kind, for the outer row's service and site, was handled."""
        return Subquery(
            self.handled()
            .filter(service=OuterRef("service"), kind=kind, site=site)
            .order_by("-handled_at")
            .values(handled_day=TruncDate("handled_at"))[:1]
        )


class BadgeMisuseCase(models.Model):
    """A service's badge shown where it should not be, from first to last seen, until an officer handles it."""

    class Kind(models.TextChoices):
        NOT_REGISTERED = "not_registered", "Badge of a cancelled or inactive service"
        MANY_SITES = "many_sites", "Badge on many unrelated sites"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        HANDLED = "handled", "Handled"

    service = models.ForeignKey(CareService, on_delete=models.CASCADE, related_name="badge_misuse_cases")
    kind = models.CharField("what was seen", max_length=20, choices=Kind.choices)
    site = models.CharField(
        max_length=200,
        blank=True,
        help_text="The site showing the badge, without www.; empty when the case is about many sites.",
    )
    first_seen = models.DateField()
    last_seen = models.DateField()
    sites_count = models.PositiveIntegerField("sites", default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="What was done, for whoever reads this case next.")
    created_at = models.DateTimeField("case opened", auto_now_add=True)

    objects = BadgeMisuseCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen", "-pk"]
        verbose_name = "badge misuse case"
        verbose_name_plural = "badge misuse cases"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "kind", "site"],
                condition=Q(status="open"),
                name="one_open_badge_misuse_case",
            )
        ]

    def __str__(self):
        where = self.site or f"{self.sites_count} sites"
        return f"{self.service.service_number}: {self.get_kind_display().lower()} ({where})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.service_id, self.kind, self.site)

    def mark_handled(self, user, note: str = "") -> None:
        self.status = self.Status.HANDLED
        self.handled_by = user
        self.handled_at = timezone.now()
        if note:
            self.note = note
        self.save(update_fields=["status", "handled_by", "handled_at", "note"])


@dataclass(frozen=True)
class Finding:
    """What the sightings say now about one service (and site): the case it should have."""

    service_id: int
    kind: str
    site: str
    first_seen: date
    last_seen: date
    sites_count: int

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.service_id, self.kind, self.site)


def _since_last_handled(sightings, kind: str, site):
    """Only the sightings after the day the last case of this kind was handled, if one was."""
    return sightings.annotate(
        handled_day=BadgeMisuseCase.objects.last_handled_day(kind, site),
    ).filter(Q(handled_day__isnull=True) | Q(day__gt=F("handled_day")))


def find_misuse(today: date) -> list[Finding]:
    """Every case the last WATCH_DAYS days' sightings call for, in two queries."""
    sightings = WidgetSighting.objects.filter(
        day__gt=today - timedelta(days=WATCH_DAYS), day__lte=today
    ).annotate(site=site_of_origin())
    registered = Q(service__status=CareService.Status.ACTIVE)

    not_registered = (
        _since_last_handled(
            sightings.exclude(registered), BadgeMisuseCase.Kind.NOT_REGISTERED, OuterRef("site")
        )
        .values("service_id", "site")
        .annotate(first_seen=Min("day"), last_seen=Max("day"))
        .order_by()
    )
    # Services seen on many sites at all in the window, before looking at each one's handled cases.
    widespread = (
        sightings.filter(registered)
        .values("service_id")
        .annotate(sites=Count("site", distinct=True))
        .filter(sites__gt=MANY_SITES)
        .order_by()
        .values("service_id")
    )
    many_sites = (
        _since_last_handled(
            sightings.filter(registered, service_id__in=widespread), BadgeMisuseCase.Kind.MANY_SITES, ""
        )
        .values("service_id")
        .annotate(sites=Count("site", distinct=True), first_seen=Min("day"), last_seen=Max("day"))
        .filter(sites__gt=MANY_SITES)
        .order_by()
    )
    return [
        Finding(
            row["service_id"],
            BadgeMisuseCase.Kind.NOT_REGISTERED,
            row["site"],
            row["first_seen"],
            row["last_seen"],
            1,
        )
        for row in not_registered
    ] + [
        Finding(
            row["service_id"],
            BadgeMisuseCase.Kind.MANY_SITES,
            "",
            row["first_seen"],
            row["last_seen"],
            row["sites"],
        )
        for row in many_sites
    ]


@dataclass(frozen=True)
class WatchResult:
    new: int
    updated: int


def watch_badges(today: date | None = None) -> WatchResult:
    """One run of the watch: open the cases the sightings call for, bring the open ones up to date."""
    today = today or timezone.localdate()
    with transaction.atomic():
        findings = find_misuse(today)
        open_cases = {case.key: case for case in BadgeMisuseCase.objects.open()}
        new, changed = [], []
        for finding in findings:
            case = open_cases.get(finding.key)
            if case is None:
                new.append(
                    BadgeMisuseCase(
                        service_id=finding.service_id,
                        kind=finding.kind,
                        site=finding.site,
                        first_seen=finding.first_seen,
                        last_seen=finding.last_seen,
                        sites_count=finding.sites_count,
                    )
                )
                continue
            seen = (
                min(case.first_seen, finding.first_seen),
                max(case.last_seen, finding.last_seen),
                finding.sites_count,
            )
            if seen != (case.first_seen, case.last_seen, case.sites_count):
                case.first_seen, case.last_seen, case.sites_count = seen
                changed.append(case)
        # A run overlapping this one may have opened the same case: the database keeps one.
        BadgeMisuseCase.objects.bulk_create(new, ignore_conflicts=True)
        BadgeMisuseCase.objects.bulk_update(changed, ["first_seen", "last_seen", "sites_count"])
    return WatchResult(new=len(new), updated=len(changed))
