"""The "which service" step: a service number links at once, a name offers the register's matches."""

import pytest

from complaints.models import Complaint
from services_registry.factories import CareServiceFactory
from services_registry.models import CareService

from .helpers import STEP_ANSWERS, FormVisitor, database_down, hidden_answers, started_token, step_url

pytestmark = pytest.mark.django_db

REST = {step: answers for step, answers in STEP_ANSWERS.items() if step != "service"}


@pytest.fixture
def visitor(client):
    return FormVisitor(client)


@pytest.fixture
def rowan_house():
    return CareServiceFactory(name="Rowan House", service_number="CS2003000025", town="Aberdeen")


def finish(visitor):
    for step, answers in REST.items():
        visitor.answer(step, answers)
    return visitor.send()


@pytest.mark.parametrize(
    "typed", ["CS2003000025", "cs 2003 000 025", "  Cs2003000025 ", "Rowan CS2003000025"]
)
def test_a_service_number_links_the_service_straight_away(visitor, rowan_house, typed):
    response = visitor.answer("service", {"service_description": typed})

    assert "What happened?" in response.content.decode()
    finish(visitor)
    complaint = Complaint.objects.get()
    assert complaint.care_service == rowan_house
    assert complaint.service_description == typed.strip()


def test_the_check_answers_page_shows_the_linked_service(visitor, rowan_house):
    visitor.answer("service", {"service_description": "cs2003000025"})
    for step, answers in REST.items():
        visitor.answer(step, answers)

    assert "Registered care service" in visitor.html
    assert "Rowan House, Aberdeen (CS2003000025)" in visitor.html


def test_a_name_offers_the_matching_services_and_the_one_chosen_is_linked(visitor, rowan_house):
    other = CareServiceFactory(name="Rowan Court", town="Perth")
    CareServiceFactory(name="Birchwood Lodge")

    offered = visitor.answer("service", {"service_description": "Rowan"})

    html = offered.content.decode()
    assert "Which care service is it about?" in html
    assert "<legend>Is it one of these?</legend>" in html
    assert "Rowan House, Aberdeen (CS2003000025)" in html and "Rowan Court, Perth" in html
    assert "Birchwood" not in html
    assert "None of these, or I’m not sure" in html
    assert ">Rowan</textarea>" in html

    unanswered = visitor.answer("service", {"service_description": "Rowan"})
    assert "Choose the care service, or choose ‘None of these" in unanswered.content.decode()

    visitor.answer("service", {"service_description": "Rowan", "care_service": other.service_number})
    finish(visitor)
    complaint = Complaint.objects.get()
    assert complaint.care_service == other
    assert complaint.service_description == "Rowan"


def test_none_of_these_keeps_the_text_and_links_nothing(visitor, rowan_house):
    visitor.answer("service", {"service_description": "rowan"})

    response = visitor.answer("service", {"service_description": "rowan", "care_service": "none"})

    assert "What happened?" in response.content.decode()
    finish(visitor)
    complaint = Complaint.objects.get()
    assert complaint.care_service is None and complaint.service_description == "rowan"


def test_a_choice_not_offered_is_refused(visitor, rowan_house):
    visitor.answer("service", {"service_description": "rowan"})

    response = visitor.answer("service", {"service_description": "rowan", "care_service": "CS2003999999"})

    assert "Select a valid choice" in response.content.decode()


def test_name_and_town_find_the_service(visitor, rowan_house):
    CareServiceFactory(name="Rowan House", town="Perth")

    html = visitor.answer("service", {"service_description": "Rowan House, Aberdeen"}).content.decode()

    assert "Rowan House, Aberdeen (CS2003000025)" in html
    assert "Rowan House, Perth" not in html


def test_changing_the_text_searches_again(visitor, rowan_house):
    CareServiceFactory(name="Birchwood Lodge", town="Dundee")
    visitor.answer("service", {"service_description": "Rowan"})

    html = visitor.answer(
        "service", {"service_description": "Birchwood", "care_service": "CS2003000025"}
    ).content.decode()

    assert "Birchwood Lodge, Dundee" in html and "Rowan House" not in html


def test_no_more_than_ten_matches_are_offered(visitor):
    CareServiceFactory.create_batch(14, name="Hill View")

    html = visitor.answer("service", {"service_description": "hill view"}).content.decode()

    assert html.count('name="care_service"') == 11  # ten services and "None of these"


def test_nothing_matching_goes_straight_on_with_the_text(visitor, rowan_house):
    response = visitor.answer("service", {"service_description": "the nursery by the big park"})

    assert "What happened?" in response.content.decode()


def test_going_back_to_an_unchanged_service_keeps_its_link(visitor, rowan_house):
    visitor.answer("service", {"service_description": "rowan"})
    visitor.answer("service", {"service_description": "rowan", "care_service": "CS2003000025"})
    back = visitor.post(step_url("service"), {"show": "1"})
    assert "rowan</textarea>" in back.content.decode()

    again = visitor.answer("service", {"service_description": "rowan"})

    assert "What happened?" in again.content.decode()
    finish(visitor)
    assert Complaint.objects.get().care_service == rowan_house


def test_with_the_database_down_the_text_is_kept_and_a_number_linked_at_send(visitor, rowan_house):
    with database_down():
        response = visitor.answer("service", {"service_description": "CS 2003000025"})
        assert "What happened?" in response.content.decode()
        for step, answers in REST.items():
            visitor.answer(step, answers)
    finish_page = visitor.send()

    assert finish_page.status_code == 200
    assert Complaint.objects.get().care_service == rowan_house


@pytest.mark.parametrize("size", [3, 40])
def test_the_search_takes_a_fixed_number_of_queries(visitor, django_assert_max_num_queries, size):
    CareServiceFactory.create_batch(size, name="Meadow Park")

    with django_assert_max_num_queries(2):
        html = visitor.answer("service", {"service_description": "meadow park"}).content.decode()

    assert html.count('name="care_service"') == min(size, 10) + 1
    assert CareService.objects.count() == size


def test_the_matches_are_offered_on_a_page_of_their_own_that_reloads_without_resubmitting(
    client, rowan_house
):
    visitor = FormVisitor(client)
    fields = {"answers": hidden_answers(visitor.page), "started": started_token(), "website": ""}

    posted = client.post(step_url("service"), {**fields, "service_description": "Rowan"})

    assert posted.status_code == 303
    assert posted["Location"].startswith(step_url("service") + "?")
    # Reloading that address (Back then Forward on a phone) asks the same question again, with the text typed.
    for _ in range(2):
        shown = client.get(posted["Location"])
        html = shown.content.decode()
        assert shown.status_code == 200
        assert "<legend>Is it one of these?</legend>" in html
        assert "Rowan House, Aberdeen (CS2003000025)" in html
        assert ">Rowan</textarea>" in html
    visitor.page = shown
    visitor.answer("service", {"service_description": "Rowan", "care_service": rowan_house.service_number})
    finish(visitor)
    assert Complaint.objects.get().care_service == rowan_house
