"""'Graded N years ago': whole calendar months and years, as a person counts them."""

import datetime

import pytest

from services_registry.grade_age import how_long_ago

TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    "graded_on, words",
    [
        (datetime.date(2026, 12, 3), "less than a month ago"),
        (datetime.date(2026, 11, 4), "less than a month ago"),
        (datetime.date(2026, 11, 3), "1 month ago"),
        (datetime.date(2026, 1, 4), "10 months ago"),
        (datetime.date(2025, 12, 4), "11 months ago"),
        (datetime.date(2025, 12, 3), "1 year ago"),
        (datetime.date(2024, 12, 4), "1 year ago"),
        (datetime.date(2023, 12, 3), "3 years ago"),
        (datetime.date(2027, 1, 1), "less than a month ago"),  # a date in the future is not negative
    ],
)
def test_how_long_ago_counts_whole_months_and_years(graded_on, words):
    assert how_long_ago(graded_on, TODAY) == words


def test_no_date_says_nothing():
    assert how_long_ago(None, TODAY) == ""
