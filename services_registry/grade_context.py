"""How a service's grades compare: for each type of service and key question, how many services in
each council area, and in Scotland, hold each grade from 1 to 6.

Worked out once per import (``refresh_grade_distributions``), never per request: a service page reads
its two rows per key question with one query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

# The council_area of the row that counts the whole of Scotland.
SCOTLAND = ""


class GradeDistribution(models.Model):
    """How many registered services of one type, in one council area (or Scotland), hold each grade
    for one key question, as of the last import."""

    service_type = models.CharField("type of care service", max_length=120)
    council_area = models.CharField(max_length=100, blank=True, help_text="Empty for the whole of Scotland.")
    key_question = models.CharField(max_length=30, help_text="The grade field, for example grade_wellbeing.")
    # counts[0] services graded 1, ..., counts[5] graded 6.
    counts = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_type", "council_area", "key_question"], name="one_distribution_per_place"
            )
        ]

    def __str__(self):
        return f"{self.service_type}, {self.council_area or 'Scotland'}: {self.key_question}"

    @property
    def total(self) -> int:
        return sum(self.counts)


def refresh_grade_distributions() -> int:
    """Count again, from the register as it stands, and replace every row; how many rows there are.

    One GROUP BY query per key question, whatever the register's size; registered services only.
    """
    from django.db import transaction
    from django.db.models import Count

    from .models import GRADE_FIELDS, CareService

    counts: dict[tuple[str, str, str], list[int]] = {}
    registered = CareService.objects.filter(status=CareService.Status.ACTIVE).order_by()
    for field in GRADE_FIELDS:
        grouped = (
            registered.filter(**{f"{field}__isnull": False})
            .values_list("service_type", "council_area", field)
            .annotate(services=Count("pk"))
        )
        for service_type, council_area, grade, services in grouped:
            for place in {council_area, SCOTLAND}:
                row = counts.setdefault((service_type, place, field), [0] * 6)
                row[grade - 1] += services
    with transaction.atomic():
        GradeDistribution.objects.all().delete()
        GradeDistribution.objects.bulk_create(
            GradeDistribution(service_type=service_type, council_area=place, key_question=field, counts=row)
            for (service_type, place, field), row in counts.items()
        )
    return len(counts)


@dataclass(frozen=True)
class GradeCount:
    grade: int
    word: str
    local: int
    local_percent: int
    scotland: int
    scotland_percent: int
    is_this_service: bool


@dataclass(frozen=True)
class Comparison:
    """One key question: this service's grade beside its council area's and Scotland's."""

    key_question: object
    grade: int
    rows: list[GradeCount]
    local_total: int
    local_as_good: int
    scotland_total: int
    scotland_as_good: int


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def comparisons_for(service) -> list[Comparison]:
    """For each key question the service is graded on: the distributions of registered services of
    its type in its council area and in Scotland. One query."""
    from .models import GRADE_WORDS

    if not service.is_registered:
        return []
    grades = service.grades()
    if not grades:
        return []
    places = {service.council_area, SCOTLAND}
    found = {
        (row.council_area, row.key_question): row.counts
        for row in GradeDistribution.objects.filter(
            service_type=service.service_type,
            council_area__in=places,
            key_question__in=[grade.key_question.field for grade in grades],
        )
    }
    comparisons = []
    for grade in grades:
        local = found.get((service.council_area, grade.key_question.field))
        scotland = found.get((SCOTLAND, grade.key_question.field))
        if not local or not scotland:
            continue
        rows = [
            GradeCount(
                grade=value,
                word=GRADE_WORDS[value],
                local=local[value - 1],
                local_percent=_percent(local[value - 1], sum(local)),
                scotland=scotland[value - 1],
                scotland_percent=_percent(scotland[value - 1], sum(scotland)),
                is_this_service=value == grade.value,
            )
            for value in range(6, 0, -1)
        ]
        comparisons.append(
            Comparison(
                key_question=grade.key_question,
                grade=grade.value,
                rows=rows,
                local_total=sum(local),
                local_as_good=sum(local[grade.value - 1 :]),
                scotland_total=sum(scotland),
                scotland_as_good=sum(scotland[grade.value - 1 :]),
            )
        )
    return comparisons
