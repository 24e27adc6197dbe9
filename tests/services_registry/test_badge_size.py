"""The frame code's size: the badge's, worked out from the lines its name and grades take."""

import datetime

import pytest

from services_registry.badge_size import BADGE_WIDTH, line_count
from services_registry.factories import CareServiceFactory
from services_registry.models import CareService
from services_registry.widget import _badge_context, badge_frame_size, frame_size, iframe_code

pytestmark = pytest.mark.django_db


def size(**fields):
    service = CareServiceFactory.build(grades_published_on=datetime.date(2024, 3, 15), **fields)
    return badge_frame_size(_badge_context(service))


def test_a_short_name_takes_one_line_and_a_long_one_more():
    assert line_count("Rowan House", 16, bold=True) == 1
    assert (
        line_count("Sunnyside Residential Care Home for Older People with Nursing, Aberdeen", 16, bold=True)
        == 3
    )
    assert line_count("", 13) == 1


def test_a_word_wider_than_the_column_is_broken_within_it():
    assert line_count("W" * 40, 16, bold=True) == 3


def test_accented_letters_count_as_their_letters():
    assert line_count("Tigh na Mara, Ōban", 16, bold=True) == line_count("Tigh na Mara, Oban", 16, bold=True)


def test_the_badge_is_300_wide_and_grows_a_line_for_each_grade_and_each_line_of_its_name():
    one_grade = size(name="Rowan House", grade_wellbeing=5, grade_leadership=None, grade_care_planning=None)
    two_grades = size(name="Rowan House", grade_wellbeing=5, grade_leadership=4, grade_care_planning=None)
    long_name = size(
        name="Rowan House Residential Care Home for Older People",
        grade_wellbeing=5,
        grade_leadership=4,
        grade_care_planning=None,
    )

    assert one_grade[0] == two_grades[0] == BADGE_WIDTH == 300
    assert two_grades[1] - one_grade[1] in (17, 18)  # a 13px line, 1.35 high
    assert long_name[1] - two_grades[1] in (21, 22, 43, 44)  # one or two 16px lines more


def test_a_badge_that_is_no_longer_registered_has_its_own_size():
    cancelled = size(name="Old Mill", status=CareService.Status.CANCELLED)
    registered = size(name="Old Mill", grade_wellbeing=None, grade_leadership=None, grade_care_planning=None)

    assert cancelled[1] > registered[1]  # its note takes more lines than "Not graded yet."


def test_the_frame_code_has_no_border_and_the_badges_size_and_keeps_its_title(settings):
    service = CareServiceFactory(service_number="CS2003001025", name="Rowan House")
    width, height = frame_size(service)

    assert iframe_code(service) == (
        f'<iframe src="{settings.SITE_URL}/widget/CS2003001025/" width="{width}" height="{height}" '
        'style="border:0" title="Care Inspectorate registration: Rowan House"></iframe>'
    )


def test_the_frame_leaves_room_for_every_key_question_and_the_longest_title_to_come():
    care_home = CareServiceFactory(
        service_number="CS2003001025", name="Rowan House", grade_wellbeing=5, grade_leadership=None
    )
    regraded = CareServiceFactory.build(
        name="Rowan House",
        grades_published_on=datetime.date.today(),
        grade_wellbeing=1,
        grade_leadership=1,
        grade_staff_team=1,
        grade_setting=1,
        grade_care_planning=1,
    )

    now = badge_frame_size(_badge_context(care_home))[1]
    later = badge_frame_size(_badge_context(regraded))[1]

    assert frame_size(care_home)[1] >= later > now
