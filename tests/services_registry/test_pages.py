"""Find a care service, and each service's own page."""

import datetime
import re

import pytest
from cms.api import add_plugin
from django.db import connection

from services_registry import views
from services_registry.factories import (
    CareServiceFactory,
    GradeHistoryFactory,
    InspectionReportFactory,
    ProviderFactory,
    YearlyFiguresFactory,
)
from services_registry.models import CareService
from tests.database_outage import needs_postgresql
from tests.factories import SuperuserFactory, published_page

pytestmark = pytest.mark.django_db

SEARCH = "/services/"
# Our own queries only: the count and the page (the filter choices, the site's menus, breadcrumbs,
# site notice and the CMS introduction are kept once rendered for any search).
SEARCH_QUERIES = 2
# Seen first: the service with its provider, grade history, reports, yearly figures, requirements and
# notices in force, provider history, grade comparisons; the chrome is kept.
DETAIL_QUERIES = 7
# Seen again at another address: the service alone; its record is kept until the register changes.
DETAIL_QUERIES_KEPT = 1


def result_numbers(response):
    return [service.service_number for service in response.context["page"]]


@pytest.fixture
def register():
    return {
        "rowan": CareServiceFactory(
            service_number="CS2003001025",
            name="Rowan House",
            town="Perth",
            postcode="PH1 5AB",
            council_area="Perth & Kinross",
            grade_wellbeing=5,
            grade_leadership=5,
            grade_care_planning=5,
        ),
        "acorns": CareServiceFactory(
            service_number="CS2010250001",
            name="Little Acorns Nursery",
            service_type="Day Care of Children",
            town="Dundee",
            postcode="DD1 4HN",
            council_area="Dundee City",
            grade_wellbeing=None,
            grade_leadership=3,
            grade_care_planning=None,
            grade_care_play_learning=4,
        ),
        "mill": CareServiceFactory(
            service_number="CS2005000777",
            name="Old Mill Care Home",
            town="Oban",
            postcode="PA34 4LH",
            council_area="Argyll & Bute",
            status=CareService.Status.CANCELLED,
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rowan", ["CS2003001025"]),
        ("  little   acorns ", ["CS2010250001"]),
        ("CS2003001025", ["CS2003001025"]),
        ("cs2010250001", ["CS2010250001"]),
        ("dundee", ["CS2010250001"]),
        ("PH1 5AB", ["CS2003001025"]),
        ("pa344lh", ["CS2005000777"]),
        ("PA34", ["CS2005000777"]),
        ("care home", ["CS2005000777"]),
        ("little acorn", ["CS2010250001"]),
        ("Old  Mill", ["CS2005000777"]),
        ("!!!", []),
    ],
)
def test_search_finds_services_by_name_number_town_or_postcode(client, register, query, expected):
    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert result_numbers(response) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"service_type": "Day Care of Children"}, ["CS2010250001"]),
        ({"council_area": "Argyll & Bute"}, ["CS2005000777"]),
        ({"status": "Cancelled"}, ["CS2005000777"]),
        ({"min_grade": "5"}, ["CS2003001025"]),
        ({"min_grade": "4", "status": "Active"}, ["CS2003001025"]),
        ({"min_grade": "3"}, ["CS2010250001", "CS2005000777", "CS2003001025"]),
    ],
)
def test_filters_narrow_the_results(client, register, filters, expected):
    response = client.get(SEARCH, filters)

    assert sorted(result_numbers(response)) == sorted(expected)


def test_results_show_what_families_need_to_choose(client, register):
    html = client.get(SEARCH, {"q": "rowan"}).content.decode()

    assert 'href="/services/CS2003001025/"' in html
    assert "1 service found" in html
    assert "5 Very good" in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"q": "%' OR 1=1 --"},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"q": "<script>alert(1)</script>"},
        {"min_grade": "nine"},
        {"status": "Open"},
        {"service_type": "Nonsense"},
    ],
)
def test_odd_input_gives_a_normal_page(client, register, params):
    response = client.get(SEARCH, params)

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_invalid_filter_is_explained_not_ignored_silently(client, register):
    html = client.get(SEARCH, {"status": "Open"}).content.decode()

    assert "ds_error-summary" in html
    assert "Registration status" in html


def test_results_are_paginated_twenty_to_a_page(client):
    CareServiceFactory.create_batch(45)

    first = client.get(SEARCH)
    third = client.get(SEARCH, {"page": 3})

    assert len(result_numbers(first)) == 20
    assert len(result_numbers(third)) == 5
    assert 'aria-label="Search result pages"' in first.content.decode()
    assert 'aria-current="page"' in first.content.decode()


def test_pagination_links_keep_the_search(client):
    CareServiceFactory.create_batch(25, town="Perth")

    html = client.get(SEARCH, {"q": "perth", "status": "Active"}).content.decode()

    assert "?q=perth&amp;status=Active&amp;page=2" in html


def test_a_broad_search_lists_the_first_services_and_asks_to_narrow_it(client, monkeypatch):
    monkeypatch.setattr(views, "MAX_SEARCH_RESULTS", 30)
    CareServiceFactory.create_batch(35, town="Perth")

    html = client.get(SEARCH, {"q": "perth"}).content.decode()
    last = client.get(SEARCH, {"q": "perth", "page": "9"}).content.decode()

    assert "30 or more services found, showing 1 to 20" in html
    assert "To find a service further on, add its town or postcode" in html
    assert "showing 21 to 30" in last, "a page past the cap shows the last page of the first 30"


def test_a_narrow_search_says_exactly_how_many_it_found(client, monkeypatch):
    monkeypatch.setattr(views, "MAX_SEARCH_RESULTS", 30)
    CareServiceFactory.create_batch(25, town="Perth")

    html = client.get(SEARCH, {"q": "perth"}).content.decode()

    assert "25 services found, showing 1 to 20" in html
    assert "or more" not in html
    assert "further on" not in html


@pytest.mark.postgres
@needs_postgresql
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acorns little", ["CS2010250001"]),
        ("old mill's", ["CS2005000777"]),
        ("acorn_nursery", ["CS2010250001"]),
        ("ill", []),
    ],
)
def test_postgresql_matches_the_beginnings_of_words_in_any_order(client, register, query, expected):
    assert result_numbers(client.get(SEARCH, {"q": query})) == expected


@pytest.mark.postgres
@needs_postgresql
def test_postgresql_finds_names_through_the_word_index_not_a_scan_of_the_register():
    provider = ProviderFactory()
    CareService.objects.bulk_create(
        CareServiceFactory.build(name=f"Service {n:05d}", town=f"Town {n % 300}", provider=provider)
        for n in range(5000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE services_registry_careservice")
        sql, params = CareService.objects.search("rosewood").values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "careservice_name_words_idx" in plan, plan
    assert "Seq Scan" not in plan, plan


@pytest.mark.parametrize("size", [3, 40])
def test_search_makes_a_fixed_number_of_queries_whatever_the_register_size(
    client, size, django_assert_max_num_queries
):
    for n in range(size):
        CareServiceFactory(name=f"Perth service {n}", town="Perth")
    client.get(SEARCH)  # the site's menus and shared blocks are cached after the first page

    with django_assert_max_num_queries(SEARCH_QUERIES):
        response = client.get(SEARCH, {"q": "perth", "min_grade": "2", "page": "2" if size > 20 else "1"})

    assert response.status_code == 200


def test_service_page_shows_the_service(client, register):
    service = register["rowan"]
    GradeHistoryFactory(service=service, published_on=datetime.date(2022, 6, 1), grade_wellbeing=3)
    report = InspectionReportFactory(
        service=service, inspected_on=datetime.date(2024, 2, 12), title="Inspection report"
    )
    YearlyFiguresFactory(service=service, year=2024, complaints_upheld=2)

    response = client.get("/services/CS2003001025/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1" in html and "Rowan House" in html
    assert service.provider.name in html
    assert "Care Home Service: Older People" in html
    assert "1 April 2011" in html
    assert "Registered" in html
    assert (
        "How well do we support people's wellbeing?" in html
        or "How well do we support people&#x27;s wellbeing?" in html
    )
    assert "5 Very good" in html
    assert "15 March 2024" in html
    assert "1 June 2022" in html and "3 Adequate" in html
    assert f'href="/services/CS2003001025/reports/{report.pk}/" download' in html
    assert "2024/25" in html


def test_service_page_offers_the_embed_code_and_preview(client, register, settings):
    html = client.get("/services/CS2003001025/").content.decode()

    assert "readonly" in html and 'for="embed-code"' in html
    assert (
        f"&lt;script async src=&quot;{settings.SITE_URL}/widget/CS2003001025.js&quot;&gt;&lt;/script&gt;"
        in html
    )
    assert f"&lt;noscript&gt;&lt;a href=&quot;{settings.SITE_URL}/services/CS2003001025/&quot;" in html
    assert f"src=&quot;{settings.SITE_URL}/widget/CS2003001025.svg&quot;" in html
    assert '<img src="/widget/CS2003001025.svg"' in html
    assert "Terms of use" in html


def test_cancelled_service_page_says_it_is_not_registered(client, register):
    html = client.get("/services/CS2005000777/").content.decode()

    assert "no longer registered" in html


@pytest.mark.parametrize(
    "path", ["/services/CS2003009999/", "/services/CS12/", "/services/cs2003001025/", "/services/x/"]
)
def test_unknown_or_malformed_service_number_gets_the_site_404_page(client, register, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("reports", [1, 6])
def test_service_page_makes_a_fixed_number_of_queries(client, reports, django_assert_max_num_queries):
    service = CareServiceFactory(service_number="CS2003001025")
    for n in range(reports):
        InspectionReportFactory(service=service, inspected_on=datetime.date(2020 + n % 5, 1, 1 + n))
        GradeHistoryFactory(service=service, published_on=datetime.date(2015 + n, 1, 1))
        YearlyFiguresFactory(service=service, year=2015 + n)

    CareServiceFactory(service_number="CS2003001026")
    client.get("/services/CS2003001026/")  # any service page keeps the chrome every service page shares

    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get("/services/CS2003001025/").status_code == 200


def test_a_service_page_seen_before_takes_one_query_and_shows_a_new_report_at_once(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    service = CareServiceFactory(service_number="CS2003001025")
    InspectionReportFactory(service=service, inspected_on=datetime.date(2021, 3, 4))
    client.get("/services/CS2003001025/")

    with django_assert_max_num_queries(DETAIL_QUERIES_KEPT):
        assert "4 March 2021" in client.get("/services/CS2003001025/?from=search").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        InspectionReportFactory(service=service, inspected_on=datetime.date(2024, 5, 6))

    assert "6 May 2024" in client.get("/services/CS2003001025/?from=email").content.decode()


def test_the_status_filter_and_the_results_use_the_same_words(client, register):
    html = client.get(SEARCH, {"status": "Cancelled"}).content.decode()

    assert '<option value="Cancelled" selected>Cancelled: not registered</option>' in html
    assert '<dd class="ds_metadata__value">Cancelled: not registered</dd>' in html


def test_grades_in_the_results_say_which_key_question_each_is_for(client, register):
    html = client.get(SEARCH, {"q": "CS2003001025"}).content.decode()

    assert "Wellbeing: 5 Very good" in html
    assert "Leadership: 5 Very good" in html


def test_a_registered_service_page_leads_its_manager_to_the_badge(client, register):
    html = client.get("/services/CS2003001025/").content.decode()

    assert html.index('href="#widget"') < html.index('id="widget"')


def test_a_cancelled_service_page_offers_no_embed_code_and_says_old_badges_say_so(client, register):
    html = client.get("/services/CS2005000777/").content.decode()

    assert 'id="embed-code"' not in html and 'id="iframe-code"' not in html
    assert 'href="#widget"' not in html
    assert "now shows “Not registered with the Care Inspectorate”" in html
    assert '<img src="/widget/CS2005000777.svg"' in html


def test_public_pages_carry_no_inline_script_or_style(client, register):
    for path in [SEARCH, "/services/CS2003001025/"]:
        html = client.get(path).content.decode()
        for chunk in html.split("<script")[1:]:
            assert "src=" in chunk.split(">", 1)[0]
        assert "<style" not in html
        # No element has a style attribute (the frame code shown as text to copy has one, escaped).
        assert not re.search(r"<[a-z][^>]*\sstyle=", html)


def test_repeat_anonymous_views_come_from_the_cache_and_say_so(
    client, register, django_assert_max_num_queries
):
    first = client.get("/services/CS2003001025/")

    with django_assert_max_num_queries(0):
        again = client.get("/services/CS2003001025/")

    assert again.content == first.content
    assert "public" in again.headers["Cache-Control"]
    assert "max-age=60" in again.headers["Cache-Control"]
    assert not again.cookies


def test_the_published_cms_page_at_services_supplies_the_introduction(client):
    author = SuperuserFactory(username="author")
    content = published_page("Find a care service", user=author, slug="services")
    add_plugin(
        content.rescan_placeholders()["summary"], "TextPlugin", "en", body="<p>Look up any service</p>"
    )

    html = client.get("/services/").content.decode()

    assert "Look up any service" in html
    assert "must be registered with us" not in html


def test_the_list_can_be_sorted_by_the_latest_inspection(client, register):
    register["acorns"].last_inspected_on = datetime.date(2025, 1, 9)
    register["acorns"].save()
    register["mill"].last_inspected_on = None
    register["mill"].save()

    by_name = client.get(SEARCH)
    by_inspection = client.get(SEARCH, {"sort": "inspected"})

    assert result_numbers(by_name) == ["CS2010250001", "CS2005000777", "CS2003001025"]
    assert result_numbers(by_inspection) == ["CS2010250001", "CS2003001025", "CS2005000777"]
    assert "<title>Find a care service" in by_inspection.content.decode()  # a sort alone is no search


def test_filters_and_sort_fold_into_one_box_that_belongs_to_the_search_form(client, register):
    html = client.get(SEARCH, {"q": "rowan"}).content.decode()

    assert '<summary class="ds_details__summary">Filter and sort</summary>' in html
    assert '<details class="ds_details filter-and-sort">' in html  # folded on a phone
    assert 'id="service-search"' in html
    for name in ("service_type", "council_area", "status", "min_grade", "sort"):
        assert re.search(rf'<select [^>]*name="{name}"[^>]*form="service-search"', html), name
    assert (
        '<button type="submit" class="ds_button ds_button--secondary ds_button--small" form="service-search">'
        in html
    )
    # The count comes before the results, which come after the folded filters.
    assert (
        html.index("Filter and sort</summary>")
        < html.index("1 service found")
        < html.index(">Rowan House</a>")
    )


def test_a_refused_filter_opens_the_box_so_its_error_shows(client, register):
    refused = client.get(SEARCH, {"status": "Open"}).content.decode()
    applied = client.get(SEARCH, {"status": "Active"}).content.decode()

    assert '<details class="ds_details filter-and-sort" open>' in refused
    assert '<details class="ds_details filter-and-sort">' in applied
    assert 'Filter and sort<span class="filter-and-sort__state"> (filtered)</span>' in applied


def test_figures_carry_thousands_separators_and_tables_scroll_in_their_own_box(client, register):
    YearlyFiguresFactory(service=register["rowan"], year=2024, complaints_upheld=1234, requirements=None)

    html = client.get("/services/CS2003001025/").content.decode()

    assert "<td>1,234</td>" in html and "<td>–</td>" in html
    for heading in ("grades", "complaints"):
        assert f'<div class="table-scroll" role="region" aria-labelledby="{heading}" tabindex="0">' in html
        assert f'id="{heading}"' in html


def test_each_embed_code_can_be_copied_and_the_frame_is_the_badges_size(client, register, settings):
    from services_registry.widget import frame_size

    html = client.get("/services/CS2003001025/").content.decode()

    assert html.count("data-copy-code=") == 2
    width, height = frame_size(register["rowan"])
    assert (
        f"&lt;iframe src=&quot;{settings.SITE_URL}/widget/CS2003001025/&quot; width=&quot;{width}&quot; "
        f"height=&quot;{height}&quot; style=&quot;border:0&quot; "
        "title=&quot;Care Inspectorate registration: Rowan House&quot;&gt;&lt;/iframe&gt;"
    ) in html
