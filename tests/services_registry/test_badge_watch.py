"""The watch on misused badges: which sightings open a case, the daily run, and officers handling cases."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from services_registry.badge_watch import (
    MANY_SITES,
    WATCH_DAYS,
    BadgeMisuseCase,
    site_of_origin,
    watch_badges,
)
from services_registry.factories import CareServiceFactory
from services_registry.models import CareService, WidgetSighting
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
CASES = reverse("admin:services_registry_badgemisusecase_changelist")


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def seen(service, origin, *days_back):
    WidgetSighting.objects.bulk_create(
        [WidgetSighting(service=service, day=days_ago(days), origin=origin) for days in days_back]
    )


def cancelled_service(**kwargs):
    return CareServiceFactory(status=CareService.Status.CANCELLED, **kwargs)


def officer():
    return StaffFactory(username="registry", groups=["Registry officer"])


def handled_on(case, day: datetime.date, note=""):
    """Handled by an officer at mid-afternoon on that day."""
    case.mark_handled(officer(), note)
    case.handled_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))
    case.save()


def test_a_site_is_an_origin_without_scheme_port_or_www():
    service = CareServiceFactory()
    origins = {
        "https://www.rowan.example": "rowan.example",
        "http://rowan.example:8080": "rowan.example",
        "https://www.rowan.example:8443": "rowan.example",
        "https://blog.rowan.example": "blog.rowan.example",
        "http://localhost:8000": "localhost",
        "https://wwwhite.example": "wwwhite.example",
    }
    WidgetSighting.objects.bulk_create(
        [WidgetSighting(service=service, day=TODAY, origin=origin) for origin in origins]
    )

    sites = dict(WidgetSighting.objects.annotate(site=site_of_origin()).values_list("origin", "site"))

    assert sites == origins


def test_a_site_showing_a_cancelled_services_badge_becomes_a_case():
    service = cancelled_service(name="Old Mill Nursery")
    seen(service, "https://www.old-mill.example", 20, 3)
    seen(service, "https://old-mill.example", 10)

    result = watch_badges(TODAY)

    case = BadgeMisuseCase.objects.get()
    assert (result.new, result.updated) == (1, 0)
    assert case.service == service
    assert case.kind == BadgeMisuseCase.Kind.NOT_REGISTERED
    assert case.get_kind_display() == "Badge of a cancelled or inactive service"
    assert case.site == "old-mill.example"
    assert (case.first_seen, case.last_seen) == (days_ago(20), days_ago(3))
    assert case.status == BadgeMisuseCase.Status.OPEN


def test_an_inactive_service_counts_as_not_registered_too():
    seen(CareServiceFactory(status=CareService.Status.INACTIVE), "https://inactive.example", 1)

    watch_badges(TODAY)

    assert BadgeMisuseCase.objects.get().kind == BadgeMisuseCase.Kind.NOT_REGISTERED


def test_sightings_older_than_the_watch_are_not_cases():
    seen(cancelled_service(), "https://long-ago.example", WATCH_DAYS, WATCH_DAYS + 40)

    assert watch_badges(TODAY).new == 0
    assert not BadgeMisuseCase.objects.exists()


def test_running_twice_makes_no_second_case_and_updates_the_open_one():
    service = cancelled_service()
    seen(service, "https://old-mill.example", 12)
    watch_badges(days_ago(1))

    again = watch_badges(days_ago(1))
    seen(service, "https://old-mill.example", 0)
    next_day = watch_badges(TODAY)

    case = BadgeMisuseCase.objects.get()
    assert (again.new, again.updated) == (0, 0)
    assert (next_day.new, next_day.updated) == (0, 1)
    assert (case.first_seen, case.last_seen) == (days_ago(12), TODAY)


def test_a_registered_services_own_site_under_several_addresses_is_not_a_case():
    service = CareServiceFactory()
    for origin in [
        "https://rowan.example",
        "https://www.rowan.example",
        "http://www.rowan.example",
        "http://rowan.example:8080",
    ]:
        seen(service, origin, 1, 2)

    assert watch_badges(TODAY).new == 0


def test_a_registered_services_badge_on_a_few_sites_is_not_a_case():
    service = CareServiceFactory()
    for n in range(MANY_SITES):
        seen(service, f"https://site-{n}.example", 1)
        seen(service, f"https://www.site-{n}.example", 2)

    assert watch_badges(TODAY).new == 0


def test_a_registered_services_badge_on_five_unrelated_sites_is_one_case():
    service = CareServiceFactory(name="Rowan House")
    seen(service, "https://rowan.example", 25, 1)
    seen(service, "https://www.rowan.example", 2)
    for n, days_back in enumerate([14, 9, 7, 4]):
        seen(service, f"https://borrowed-{n}.example", days_back)

    result = watch_badges(TODAY)

    case = BadgeMisuseCase.objects.get()
    assert result.new == 1
    assert case.kind == BadgeMisuseCase.Kind.MANY_SITES
    assert case.site == ""
    assert case.sites_count == 5
    assert (case.first_seen, case.last_seen) == (days_ago(25), days_ago(1))


def test_the_many_sites_case_follows_the_count_of_sites():
    service = CareServiceFactory()
    for n in range(MANY_SITES + 1):
        seen(service, f"https://site-{n}.example", 3)
    watch_badges(TODAY)
    seen(service, "https://one-more.example", 0)

    assert watch_badges(TODAY).updated == 1
    assert BadgeMisuseCase.objects.get().sites_count == MANY_SITES + 2


def test_marking_a_case_handled_records_who_and_when():
    service = cancelled_service()
    seen(service, "https://old-mill.example", 1)
    watch_badges(TODAY)
    case = BadgeMisuseCase.objects.get()
    person = officer()

    before = timezone.now()
    case.mark_handled(person, note="Wrote to the provider.")
    case.refresh_from_db()

    assert case.status == BadgeMisuseCase.Status.HANDLED
    assert case.handled_by == person
    assert before <= case.handled_at <= timezone.now()
    assert case.note == "Wrote to the provider."


def test_a_handled_case_seen_again_later_opens_a_new_case_and_keeps_the_old_one():
    service = cancelled_service()
    seen(service, "https://old-mill.example", 20, 12)
    watch_badges(days_ago(10))
    handled = BadgeMisuseCase.objects.get()
    handled_on(handled, days_ago(10))

    assert watch_badges(days_ago(10)).new == 0  # nothing seen since it was handled
    seen(service, "https://old-mill.example", 10)  # later the same day: still the handled case's
    assert watch_badges(days_ago(9)).new == 0
    seen(service, "https://www.old-mill.example", 6, 2)
    assert watch_badges(TODAY).new == 1

    handled.refresh_from_db()
    reopened = BadgeMisuseCase.objects.open().get()
    assert handled.status == BadgeMisuseCase.Status.HANDLED
    assert (handled.first_seen, handled.last_seen) == (days_ago(20), days_ago(12))
    assert (reopened.site, reopened.first_seen, reopened.last_seen) == (
        "old-mill.example",
        days_ago(6),
        days_ago(2),
    )


def test_a_handled_many_sites_case_comes_back_only_on_many_sites_since():
    service = CareServiceFactory()
    for n in range(MANY_SITES + 2):
        seen(service, f"https://site-{n}.example", 15)
    watch_badges(days_ago(10))
    handled_on(BadgeMisuseCase.objects.get(), days_ago(10))

    for n in range(MANY_SITES):
        seen(service, f"https://site-{n}.example", 5)
    assert watch_badges(TODAY).new == 0

    seen(service, "https://yet-another.example", 1)
    assert watch_badges(TODAY).new == 1
    assert BadgeMisuseCase.objects.open().get().sites_count == MANY_SITES + 1


def a_busy_register(services: int):
    """Half the services cancelled with their badge on two sites; half registered, on many sites."""
    sightings = []
    for n in range(services):
        if n % 2:
            service = cancelled_service()
            origins = [f"https://old-{n}.example", f"https://www.other-{n}.example"]
        else:
            service = CareServiceFactory()
            origins = [f"https://site-{n}-{m}.example" for m in range(MANY_SITES + 2)]
        sightings += [
            WidgetSighting(service=service, day=days_ago(days), origin=origin)
            for origin in origins
            for days in (0, 1, 5)
        ]
    WidgetSighting.objects.bulk_create(sightings)


@pytest.mark.parametrize("services", [5, 50])
def test_a_run_costs_the_same_queries_however_many_services(services, django_assert_max_num_queries):
    a_busy_register(services)
    with django_assert_max_num_queries(6):
        first = watch_badges(days_ago(1))
    with django_assert_max_num_queries(6):
        later = watch_badges(TODAY)

    assert first.new == services + services // 2  # two sites per cancelled service, one case per busy one
    assert later.updated == first.new  # each one seen again today


def test_the_command_says_how_many_cases_it_opened_and_updated(capsys):
    seen(cancelled_service(), "https://old-mill.example", (TODAY - timezone.localdate()).days)

    call_command("watch_badges")
    call_command("watch_badges")

    assert capsys.readouterr().out.splitlines() == [
        "Badge misuse cases opened: 1; open cases updated: 0",
        "Badge misuse cases opened: 0; open cases updated: 0",
    ]


@pytest.fixture
def cases():
    """An open case of each kind, and one handled."""
    old_mill = cancelled_service(name="Old Mill Nursery", service_number="CS2003001025")
    seen(old_mill, "https://old-mill.example", 3)
    seen(old_mill, "https://closed.example", 4)
    rowan = CareServiceFactory(name="Rowan House")
    for n in range(MANY_SITES + 1):
        seen(rowan, f"https://site-{n}.example", 2)
    watch_badges(TODAY)
    handled = BadgeMisuseCase.objects.get(site="closed.example")
    handled_on(handled, TODAY, note="The site is gone.")
    return BadgeMisuseCase.objects.open().get(site="old-mill.example"), handled


def test_officers_see_the_open_cases_in_staff_words(client, cases):
    open_case, handled = cases
    client.force_login(officer())

    html = client.get(CASES).content.decode()

    assert "<h1>Badge misuse</h1>" in html
    service_page = reverse("admin:services_registry_careservice_change", args=[open_case.service_id])
    assert f'<a href="{service_page}">Old Mill Nursery (CS2003001025)</a>' in html
    assert "Badge of a cancelled or inactive service" in html
    assert "Badge on many unrelated sites" in html
    assert ">old-mill.example</a>" in html
    assert "closed.example" not in html  # handled: not in the list unless asked for
    assert "closed.example" in client.get(CASES + "?status=handled").content.decode()
    assert "old-mill.example" in client.get(CASES + "?status=all").content.decode()
    assert client.get(CASES + "?_facets=True").status_code == 200


def test_an_officer_marks_a_case_handled_with_a_note(client, cases):
    open_case, _ = cases
    person = officer()
    client.force_login(person)
    change = reverse("admin:services_registry_badgemisusecase_change", args=[open_case.pk])
    assert 'name="_mark_handled"' in client.get(change).content.decode()

    response = client.post(
        change, {"note": "Asked the nursery to take the badge down.", "_mark_handled": "1"}
    )

    open_case.refresh_from_db()
    assert response.status_code == 302
    assert open_case.status == BadgeMisuseCase.Status.HANDLED
    assert open_case.handled_by == person
    assert open_case.handled_at is not None
    assert open_case.note == "Asked the nursery to take the badge down."
    page = client.get(change).content.decode()
    assert 'name="_mark_handled"' not in page  # a handled case is read, not changed
    assert "Asked the nursery to take the badge down." in page


def test_saving_the_note_alone_leaves_the_case_open(client, cases):
    open_case, _ = cases
    client.force_login(officer())
    change = reverse("admin:services_registry_badgemisusecase_change", args=[open_case.pk])

    client.post(change, {"note": "Phoned, no answer.", "_save": "1"})

    open_case.refresh_from_db()
    assert (open_case.status, open_case.note) == (BadgeMisuseCase.Status.OPEN, "Phoned, no answer.")


def test_a_later_case_shows_how_the_earlier_one_was_handled(client, cases):
    _, handled = cases
    seen(handled.service, "https://closed.example", -1)
    watch_badges(TODAY + datetime.timedelta(days=1))
    later = BadgeMisuseCase.objects.open().get(site="closed.example")
    client.force_login(officer())

    page = client.get(reverse("admin:services_registry_badgemisusecase_change", args=[later.pk]))

    assert re.search(r"Handled \d+ \w+ \d{4}</a> by registry: The site is gone\.", page.content.decode())


def test_officers_mark_several_cases_handled_from_the_list(client, cases):
    person = officer()
    client.force_login(person)
    open_ids = list(BadgeMisuseCase.objects.open().values_list("pk", flat=True))

    client.post(CASES, {"action": "mark_handled", "_selected_action": open_ids})

    assert not BadgeMisuseCase.objects.open().exists()
    assert set(BadgeMisuseCase.objects.values_list("handled_by", flat=True)) == {person.pk}


def test_nobody_adds_or_deletes_a_case_by_hand(client, cases):
    open_case, _ = cases
    client.force_login(StaffFactory(username="boss", is_superuser=True))

    assert client.get(reverse("admin:services_registry_badgemisusecase_add")).status_code == 403
    delete = reverse("admin:services_registry_badgemisusecase_delete", args=[open_case.pk])
    assert client.get(delete).status_code == 403


@pytest.mark.parametrize("group", ["Complaints officer", "Content editor", "Content publisher"])
def test_other_staff_neither_see_nor_open_the_cases(client, cases, group):
    client.force_login(StaffFactory(username="other", groups=[group]))

    assert client.get(CASES).status_code == 403
    index = client.get(reverse("admin:index"))
    assert "Badge misuse" not in index.content.decode()


def test_registry_officers_find_the_cases_on_the_index_and_dashboard(client, cases):
    client.force_login(officer())

    html = client.get(reverse("admin:index")).content.decode()

    assert f'href="{CASES}">Badge misuse cases</a>' in html
    assert re.search(rf'href="{re.escape(CASES)}"><strong>2</strong> open badge misuse cases', html)
