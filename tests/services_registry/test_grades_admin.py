"""Grades in the admin: only the key questions a type is graded on, and every change kept in the history."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from services_registry.admin_forms import offered_grade_fields
from services_registry.factories import CareServiceFactory, GradeHistoryFactory
from services_registry.models import GRADE_FIELDS, CareService, GradeHistory
from tests.factories import StaffFactory
from tests.services_registry.test_import import row, write_csv

pytestmark = pytest.mark.django_db

INLINES = ["grade_history", "reports", "regulatory_actions", "yearly_figures", "widget_sightings"]


@pytest.fixture
def officer(client):
    client.force_login(StaffFactory(username="registry", groups=["Registry officer"]))
    return client


@pytest.fixture
def care_home():
    return CareServiceFactory(
        service_number="CS2003001025",
        service_type="Care Home Service",
        grades_published_on=datetime.date(2024, 3, 15),
        grade_wellbeing=5,
        grade_leadership=4,
        grade_care_planning=4,
    )


def change_url(service):
    return reverse("admin:services_registry_careservice_change", args=[service.pk])


def form_data(service, **changes):
    """What the change form posts for this service as it stands, with ``changes`` typed in."""
    data = {
        field: getattr(service, field) or ""
        for field in [
            "service_number",
            "name",
            "status",
            "service_type",
            "subtype",
            "sector",
            "client_group",
            "town",
            "postcode",
            "council_area",
            "registered_on",
            "last_inspected_on",
            "grades_published_on",
            *offered_grade_fields(service),
        ]
    }
    data["provider"] = service.provider_id or ""
    data["publish_address"] = ""
    for prefix in INLINES:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(changes)
    return data


def test_a_care_home_is_not_offered_care_play_and_learning(officer, care_home):
    page = officer.get(change_url(care_home)).content.decode()

    assert 'name="grade_wellbeing"' in page
    assert 'name="grade_care_play_learning"' not in page
    assert "How good is our care, play and learning?" not in page


def test_a_nursery_is_offered_care_play_and_learning_and_not_wellbeing(officer):
    nursery = CareServiceFactory(
        service_type="Day Care of Children", grade_wellbeing=None, grade_care_planning=None
    )

    page = officer.get(change_url(nursery)).content.decode()

    assert 'name="grade_care_play_learning"' in page
    assert 'name="grade_wellbeing"' not in page
    assert 'name="grade_care_planning"' not in page


def test_a_grade_a_type_does_not_have_is_shown_so_it_can_be_cleared(officer):
    nursery = CareServiceFactory(
        service_type="Day Care of Children", grade_wellbeing=5, grade_care_planning=None
    )

    response = officer.post(change_url(nursery), form_data(nursery, grade_care_play_learning="4"))

    assert response.status_code == 200
    assert "A day care of children is not graded on “How well do we support people’s wellbeing?”" in (
        response.content.decode().replace("&#x27;", "’").replace("'", "’")
    )
    nursery.refresh_from_db()
    assert nursery.grade_care_play_learning is None


def test_the_model_refuses_a_grade_the_type_does_not_have(care_home):
    care_home.grade_care_play_learning = 4

    with pytest.raises(ValidationError) as refused:
        care_home.full_clean()

    assert list(refused.value.message_dict) == ["grade_care_play_learning"]


def test_the_history_refuses_a_grade_the_service_type_does_not_have(care_home):
    history = GradeHistory(
        service=care_home, published_on=datetime.date(2023, 1, 1), grade_care_play_learning=3
    )

    with pytest.raises(ValidationError):
        history.full_clean()


def test_changing_the_grades_adds_them_to_the_history_on_the_date_given(officer, care_home):
    GradeHistoryFactory(service=care_home, published_on=datetime.date(2024, 3, 15), grade_wellbeing=5)

    response = officer.post(
        change_url(care_home), form_data(care_home, grade_wellbeing="3", grades_published_on="2025-06-02")
    )

    assert response.status_code == 302
    history = list(care_home.grade_history.values_list("published_on", "grade_wellbeing", "grade_leadership"))
    assert history == [(datetime.date(2025, 6, 2), 3, 4), (datetime.date(2024, 3, 15), 5, 4)]
    care_home.refresh_from_db()
    assert (care_home.grade_wellbeing, care_home.grades_published_on) == (3, datetime.date(2025, 6, 2))


def test_changed_grades_with_the_old_date_left_as_it_was_are_published_today(officer, care_home):
    response = officer.post(change_url(care_home), form_data(care_home, grade_leadership="6"), follow=True)

    today = timezone.localdate()
    assert list(care_home.grade_history.values_list("published_on", "grade_leadership")) == [(today, 6)]
    assert "added to the grade history" in response.content.decode()


def test_an_edit_that_leaves_the_grades_alone_adds_no_history(officer, care_home):
    response = officer.post(change_url(care_home), form_data(care_home, name="Rowan House Care Home"))

    assert response.status_code == 302
    assert not care_home.grade_history.exists()


def test_a_new_service_is_offered_every_key_question_with_today_as_the_date(officer):
    page = officer.get(reverse("admin:services_registry_careservice_add")).content.decode()

    assert all(f'name="{field}"' in page for field in GRADE_FIELDS)
    assert f'value="{timezone.localdate().isoformat()}"' in page


def test_the_import_rejects_a_grade_the_type_does_not_have(tmp_path):
    path = write_csv(tmp_path / "register.csv", [row(KQ_Care_Play_and_Learning="4")])
    out = io.StringIO()

    call_command("import_services", str(path), no_progress=True, stdout=out)

    assert (
        "KQ_Care_Play_and_Learning is graded, but a Care Home Service is not graded on it" in out.getvalue()
    )
    assert not CareService.objects.exists()


def test_a_registry_officer_adds_a_requirement_and_the_public_page_shows_it_until_it_is_met(
    officer, care_home, client
):
    requirement = {
        "regulatory_actions-TOTAL_FORMS": "1",
        "regulatory_actions-0-kind": "requirement",
        "regulatory_actions-0-made_on": "2026-11-02",
        "regulatory_actions-0-due_by": "2027-01-31",
        "regulatory_actions-0-text": "By 31 January 2027, every resident must have a personal plan.",
        "registered_places": "40",
        "phone": "01738 123456",
    }

    response = officer.post(change_url(care_home), form_data(care_home, **requirement))
    officer.logout()
    page = client.get(care_home.get_absolute_url()).content.decode()

    assert response.status_code == 302
    assert "Requirement, made on 2 November 2026, to be met by 31 January 2027" in page
    assert "every resident must have a personal plan" in page
    assert '<a href="tel:01738123456">01738 123456</a>' in page
