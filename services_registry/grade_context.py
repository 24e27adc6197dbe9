"""How a service's grades compare: for each type of service and key question, how many services in
each council area, and in Scotland, hold each grade from 1 to 6.

Worked out once per import (``refresh_grade_distributions``), never per request: a service page reads
its two rows per key question with one query.
"""

from __future__ import annotations

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
