"""How long ago a service was graded, in the words families use: "graded 3 years ago"."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from one date to another: 15 March to 14 April is 0, to 15 April 1."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def how_long_ago(day: datetime.date | None, today: datetime.date | None = None) -> str:
    """'less than a month ago', '5 months ago', '1 year ago', '3 years ago'; '' without a date."""
    if day is None:
        return ""
    months = max(months_between(day, today or timezone.localdate()), 0)
    if months < 1:
        return "less than a month ago"
    if months < 12:
        return f"{months} month{'s' if months != 1 else ''} ago"
    years = months // 12
    return f"{years} year{'s' if years != 1 else ''} ago"


def grades_title(published: datetime.date | None, today: datetime.date | None = None) -> str:
    """What the badge says above its grades: 'Grades published 10 February 2023 (3 years ago):'."""
    if published is None:
        return "Grades published (date not recorded):"
    return f"Grades published {date_format(published, 'j F Y')} ({how_long_ago(published, today)}):"
