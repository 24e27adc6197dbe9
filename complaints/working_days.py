"""Due dates counted in working days: weekdays that are not Scottish bank holidays."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def scottish_bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="SCT", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in scottish_bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (the day itself does not count)."""
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
