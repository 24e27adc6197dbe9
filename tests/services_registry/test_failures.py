"""What the register promises when a part fails midway: a badge never contradicts it for long,
and an interrupted import leaves nothing half-written.
"""

import csv
import io
import time
from datetime import timedelta

import pytest
import redis
from django.db import OperationalError

from services_registry import widget
from services_registry.datastore import import_services, importing
from services_registry.models import CareService, Provider
from tests.complaints.helpers import database_down

pytestmark = pytest.mark.django_db

NUMBER = "CS2003001025"
BADGES = [f"/widget/{NUMBER}.js", f"/widget/{NUMBER}/", f"/widget/{NUMBER}.svg"]
# The stated bound (README, When things fail): five minutes in the shared cache,
# then at most ten seconds more in a worker's own memory.
BADGE_BOUND = timedelta(minutes=5, seconds=10)
COLUMNS = [
    "CSNumber",
    "ServiceName",
    "CareService",
    "ServiceStatus",
    "ServiceProvider",
    "SP_Number",
    "Publication_of_Latest_Grading",
    "KQ_Support_Wellbeing",
]


def register_csv(*rows: dict) -> io.StringIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                "CSNumber": NUMBER,
                "ServiceName": "Rowan House",
                "CareService": "Care Home Service",
                "ServiceStatus": "Active",
                "ServiceProvider": "Heatherbank Care Ltd",
                "SP_Number": "SP2004005123",
                "Publication_of_Latest_Grading": "15/03/2024",
                "KQ_Support_Wellbeing": "5",
                **row,
            }
        )
    out.seek(0)
    return out


class MovableTime:
    """The time module as the badge code sees it, with a hand that moves the clock on."""

    def __init__(self):
        self.offset = 0.0

    def time(self):
        return time.time() + self.offset

    def monotonic(self):
        return time.monotonic() + self.offset

    def __getattr__(self, name):
        return getattr(time, name)


@pytest.fixture
def clock(monkeypatch):
    """Minutes pass without waiting, for the badge code (the cache, local or Redis, keeps its own time)."""
    movable = MovableTime()
    monkeypatch.setattr(widget, "time", movable)
    return movable


def redis_times_out(*args, **kwargs):
    raise redis.exceptions.TimeoutError("Timeout reading from socket")


def badge_bodies(client):
    return [client.get(path, HTTP_REFERER="https://a-care-home.example/").content.decode() for path in BADGES]


@pytest.mark.parametrize(
    ("change", "expected", "gone"),
    [
        ({"ServiceStatus": "Cancelled"}, "no longer registered", "Registered by the Care Inspectorate"),
        ({"KQ_Support_Wellbeing": "2"}, "Wellbeing: 2 Weak", "Wellbeing: 5 Very good"),
    ],
)
def test_a_badge_agrees_with_the_register_within_the_bound_when_forgetting_it_failed(
    client, clock, monkeypatch, change, expected, gone
):
    import_services(register_csv({}))
    assert all(gone in body for body in badge_bodies(client))

    with monkeypatch.context() as outage:
        outage.setattr(importing, "forget_badges", redis_times_out)
        with pytest.raises(redis.exceptions.TimeoutError):
            import_services(register_csv(change))
    rerun = import_services(register_csv(change))
    assert rerun.unchanged == 1, "the re-run finds nothing to change, so forgets nothing"

    clock.offset += BADGE_BOUND.total_seconds()
    for body in badge_bodies(client):
        assert expected.lower() in body.lower()
        assert gone not in body


def test_while_the_database_is_down_a_badge_past_its_five_minutes_is_still_served(client, clock):
    import_services(register_csv({}))
    badge_bodies(client)

    clock.offset += BADGE_BOUND.total_seconds()
    with database_down():
        responses = [client.get(path) for path in BADGES]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert all("Registered by the Care Inspectorate" in r.content.decode() for r in responses)


def test_an_import_that_fails_midway_leaves_no_provider_without_services(monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 1)
    batches = []
    write = importing.apply_changes

    def fail_on_the_second_batch(changes):
        batches.append(changes)
        if len(batches) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        return write(changes)

    monkeypatch.setattr(importing, "apply_changes", fail_on_the_second_batch)
    second = {
        "CSNumber": "CS2003001026",
        "ServiceProvider": "Birchwood Care Ltd",
        "SP_Number": "SP2004005124",
    }

    with pytest.raises(OperationalError):
        import_services(register_csv({}, second))

    assert list(CareService.objects.values_list("service_number", flat=True)) == [NUMBER]
    assert list(Provider.objects.values_list("provider_number", flat=True)) == ["SP2004005123"]
    assert not Provider.objects.filter(services__isnull=True).exists()
