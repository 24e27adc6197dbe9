"""Provider pages at /providers/<SP number>/, and what a service page says of its provider and its past."""

import datetime

import pytest
from django.utils import timezone

from services_registry.factories import (
    CareServiceFactory,
    InspectionReportFactory,
    ProviderChangeFactory,
    ProviderFactory,
    RegulatoryActionFactory,
)
from services_registry.models import CareService, InspectionReport, RegulatoryAction

pytestmark = pytest.mark.django_db


def three_years_ago() -> datetime.date:
    today = timezone.localdate()
    return datetime.date(today.year - 3, today.month, 1)


@pytest.fixture
def perth_care():
    return ProviderFactory(provider_number="SP2003000180", name="Perth Care Ltd")


def page_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_provider_page_lists_its_services_with_status_and_grades(client, perth_care):
    CareServiceFactory(name="Rowan House", provider=perth_care)
    CareServiceFactory(name="Birch Lodge", provider=perth_care, status=CareService.Status.CANCELLED)

    page = page_of(client, "/providers/SP2003000180/")

    assert "<h1" in page and "Perth Care Ltd" in page
    assert "1 of 2" in page  # registered of all
    assert page.index(">Birch Lodge</a>") < page.index(">Rowan House</a>")
    assert "Cancelled: not registered" in page
    assert "Wellbeing: 5 Very good" in page


def test_a_children_s_home_on_a_provider_page_shows_only_its_council_area(client, perth_care):
    CareServiceFactory(
        name="Ardmore Young People's Home",
        provider=perth_care,
        subtype="Children & Young People",
        town="Girvan",
        postcode="KA26 9AA",
        council_area="South Ayrshire",
    )

    page = page_of(client, "/providers/SP2003000180/")

    assert "South Ayrshire" in page
    assert "Girvan" not in page and "KA26" not in page


def test_an_unknown_or_malformed_provider_number_is_the_sites_404(client):
    assert client.get("/providers/SP2003000999/").status_code == 404
    assert client.get("/providers/SP123/").status_code == 404


def test_a_provider_page_costs_the_same_queries_for_3_services_as_for_60(
    client, perth_care, django_assert_max_num_queries
):
    for n in range(3):
        CareServiceFactory(provider=perth_care, name=f"Small {n}")
    client.get("/providers/SP2003000180/")  # the site's chrome is kept after the first page
    with django_assert_max_num_queries(8) as few:
        client.get("/providers/SP2003000180/?page=1")
    for n in range(57):
        CareServiceFactory(provider=perth_care, name=f"Big {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = page_of(client, "/providers/SP2003000180/?page=2")
    assert "51 to 60 of 60" in page


def test_services_a_provider_passed_on_are_listed_with_their_new_provider(client, perth_care):
    thistle = ProviderFactory(provider_number="SP2003001870", name="Thistle Community Care")
    moved = CareServiceFactory(name="Lochside Manor", provider=thistle)
    ProviderChangeFactory(service=moved, from_provider=perth_care, changed_on=datetime.date(2025, 4, 1))

    provider_page = page_of(client, "/providers/SP2003000180/")
    service_page = page_of(client, moved.get_absolute_url())

    assert "Services it used to provide" in provider_page
    assert 'passed to <a href="/providers/SP2003001870/">Thistle Community Care</a> on 1 April 2025' in (
        provider_page
    )
    assert "Provider history" in service_page
    assert (
        '1 April 2025: passed from <a href="/providers/SP2003000180/">Perth Care Ltd</a> to '
        '<a href="/providers/SP2003001870/">Thistle Community Care</a>'
    ) in service_page
    assert '<a href="/providers/SP2003001870/">Thistle Community Care</a> (SP2003001870)' in service_page


def test_a_service_page_shows_places_manager_phone_conditions_requirements_and_report_types(client):
    service = CareServiceFactory(
        registered_places=40,
        manager_name="Morag Stewart",
        phone="+44 (0)1738 123 456",
        conditions="To provide care for up to 40 older people.",
        grades_published_on=three_years_ago(),
    )
    RegulatoryActionFactory(service=service, text="Give each person's medication as prescribed.")
    RegulatoryActionFactory(
        service=service, kind=RegulatoryAction.Kind.IMPROVEMENT_NOTICE, text="Staff the night shift safely."
    )
    RegulatoryActionFactory(
        service=service, text="An old requirement, met.", met_on=datetime.date(2024, 6, 1)
    )
    InspectionReportFactory(
        service=service,
        inspection_type=InspectionReport.InspectionType.FOLLOW_UP,
        summary="Medication is now given as prescribed.",
    )

    page = page_of(client, service.get_absolute_url())

    assert "Registered places" in page and ">40<" in page
    assert "Morag Stewart" in page
    assert '<a href="tel:+4401738123456">+44 (0)1738 123 456</a>' in page
    assert "To provide care for up to 40 older people." in page
    assert "Give each person&#x27;s medication as prescribed." in page
    assert "Improvement notice, made on 12 February 2024" in page and "Staff the night shift safely." in page
    assert "An old requirement, met." not in page
    assert "Follow-up inspection" in page and "Medication is now given as prescribed." in page
    assert "<strong>graded 3 years ago</strong>" in page


def test_a_service_with_nothing_in_force_says_so(client):
    page = page_of(client, CareServiceFactory().get_absolute_url())

    assert "We have no requirements or enforcement notices in force for this service." in page


def test_search_results_say_how_long_ago_a_service_was_graded(client):
    CareServiceFactory(name="Rowan House", grades_published_on=three_years_ago())

    page = page_of(client, "/services/?q=Rowan")

    assert "graded 3 years ago" in page


def test_a_services_grades_are_compared_with_its_council_area_and_scotland_as_counted_at_import(client):
    from services_registry.grade_context import refresh_grade_distributions

    ours = CareServiceFactory(council_area="Dundee City", grade_wellbeing=5)
    for grade in (6, 5, 3):
        CareServiceFactory(council_area="Dundee City", grade_wellbeing=grade)
    CareServiceFactory(council_area="Fife", grade_wellbeing=2)
    CareServiceFactory(council_area="Fife", grade_wellbeing=6, status=CareService.Status.CANCELLED)
    CareServiceFactory(council_area="Fife", service_type="Support Service", grade_wellbeing=1)

    assert refresh_grade_distributions() > 0
    page = page_of(client, ours.get_absolute_url())

    assert "How its grades compare" in page
    # Dundee: 6, 5, 5, 3 -> 3 of 4 at 5 or better; Scotland adds Fife's registered care home graded 2.
    assert "3 of 4 in Dundee City and 3 of 5 across Scotland are graded 5 or better" in page
    assert '<th scope="row">5 Very good <span class="ds_tag">This service</span></th>' in page
    assert "<caption" in page and '<th scope="col">Scotland</th>' in page


def test_the_comparison_costs_one_query_however_many_key_questions(client, django_assert_max_num_queries):
    from services_registry.grade_context import comparisons_for, refresh_grade_distributions

    service = CareServiceFactory(grade_staff_team=4, grade_setting=3)
    refresh_grade_distributions()

    with django_assert_max_num_queries(1):
        comparisons = comparisons_for(service)
    assert len(comparisons) == 5


def test_the_sitemap_lists_provider_pages(client, perth_care):
    ProviderFactory(provider_number=None, name="No Number Ltd")

    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/providers/SP2003000180/</loc>" in sitemap
    assert sitemap.count("/providers/") == 1


def test_a_providers_badge_lists_its_registered_services_and_is_served_to_other_sites(client, perth_care):
    for n in range(7):
        CareServiceFactory(provider=perth_care, name=f"Perth home {n}")
    CareServiceFactory(provider=perth_care, name="Closed home", status=CareService.Status.CANCELLED)

    frame = client.get("/widget/provider/SP2003000180/")
    image = client.get("/widget/provider/SP2003000180.svg")
    page = page_of(client, "/providers/SP2003000180/")

    html = frame.content.decode()
    assert frame.status_code == 200 and "Runs 7 registered care services:" in html
    assert "Perth home 0" in html and "Perth home 4" in html and "Perth home 5" not in html
    assert "and 2 more" in html and "Closed home" not in html
    assert "frame-ancestors *" in frame["Content-Security-Policy"] and "X-Frame-Options" not in frame
    assert frame["Cross-Origin-Resource-Policy"] == "cross-origin" and "public" in frame["Cache-Control"]
    assert (
        image["Content-Type"] == "image/svg+xml"
        and "Runs 7 registered care services" in image.content.decode()
    )
    assert "/widget/provider/SP2003000180/" in page and 'id="provider-frame-code"' in page


def test_a_providers_badge_is_answered_from_the_page_cache_and_follows_the_register(
    client, perth_care, django_assert_num_queries, django_capture_on_commit_callbacks
):
    CareServiceFactory(provider=perth_care, name="Rowan House")
    client.get("/widget/provider/SP2003000180/")

    with django_assert_num_queries(0):
        assert "Rowan House" in client.get("/widget/provider/SP2003000180/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        CareServiceFactory(provider=perth_care, name="Birch Lodge")  # a save makes register pages stale

    assert "Birch Lodge" in client.get("/widget/provider/SP2003000180/").content.decode()


def test_an_unknown_providers_badge_is_not_found(client):
    assert client.get("/widget/provider/SP2003000999/").status_code == 404
    assert client.get("/widget/provider/SP12/").status_code == 404
