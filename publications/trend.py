"""A publication's downloads over the last 12 months, drawn as a small inline SVG bar chart.

The chart is plain markup built here, so it needs no JavaScript, and it uses
SVG presentation attributes (``fill=``, ``x=``…) rather than ``style``, which
the site's Content-Security-Policy would block. Its text alternative is the
``<title>``/``<desc>`` pair and a table of the same figures.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from .models import DailyDownloads

MONTHS = 12
CHART_WIDTH = 360
CHART_HEIGHT = 120
LABEL_HEIGHT = 18
BAR_GAP = 6


@dataclass(frozen=True)
class MonthBar:
    month: date
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float

    @property
    def label(self):
        return self.month.strftime("%b")

    @property
    def long_label(self):
        return self.month.strftime("%B %Y")


@dataclass(frozen=True)
class Trend:
    bars: list[MonthBar]
    total: int
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT + LABEL_HEIGHT
    baseline: int = CHART_HEIGHT

    @property
    def first(self):
        return self.bars[0].month

    @property
    def last(self):
        return self.bars[-1].month

    @property
    def description(self):
        parts = ", ".join(f"{bar.long_label}: {bar.count:,}" for bar in self.bars)
        return f"Downloads each month from {self.bars[0].long_label} to {self.bars[-1].long_label}. {parts}."


def month_starts(today: date, months: int) -> list[date]:
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(starts))


def monthly_downloads(publication, *, today: date | None = None) -> dict[date, int]:
    """Downloads per month (keyed by the month's first day), in one query."""
    today = today or timezone.localdate()
    months = month_starts(today, MONTHS)
    rows = (
        DailyDownloads.objects.filter(document__publication=publication, day__gte=months[0], day__lte=today)
        .values("day__year", "day__month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    counts = dict.fromkeys(months, 0)
    for row in rows:
        counts[date(row["day__year"], row["day__month"], 1)] = row["total"]
    return counts


def download_trend(publication, *, today: date | None = None) -> Trend:
    counts = monthly_downloads(publication, today=today)
    tallest = max(counts.values()) or 1
    slot = CHART_WIDTH / len(counts)
    bars = []
    for i, (month, count) in enumerate(counts.items()):
        height = round(count / tallest * (CHART_HEIGHT - 4), 1)
        if count and height < 1:
            height = 1.0
        x = round(i * slot + BAR_GAP / 2, 1)
        bars.append(
            MonthBar(
                month=month,
                count=count,
                x=x,
                y=round(CHART_HEIGHT - height, 1),
                width=round(slot - BAR_GAP, 1),
                height=height,
                label_x=round(i * slot + slot / 2, 1),
            )
        )
    return Trend(bars=bars, total=sum(counts.values()))
