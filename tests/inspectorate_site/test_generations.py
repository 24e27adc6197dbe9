"""Values kept per generation: once per change in Redis, in each worker's memory, and never stale.

A worker's memory outlives `cache.clear()` and sees nothing of another worker's
changes except through Redis: these tests play both.
"""

import pytest
from django.core.cache import cache

from inspectorate_site import generations
from publications.factories import CategoryFactory, PublicationFactory

pytestmark = pytest.mark.django_db


class CacheCalls:
    """Counts what reaches the shared cache (Redis in production): one call each, as Redis sees them.

    (The tests' local-memory cache answers get_many with a get per key; those are not counted again.)
    """

    METHODS = ("get", "get_many", "set", "add", "incr", "set_many")

    def __init__(self, monkeypatch):
        self.calls = []
        self._depth = 0
        for name in self.METHODS:
            original = getattr(cache, name)
            monkeypatch.setattr(cache, name, self._counting(name, original))

    def _counting(self, name, original):
        def call(*args, **kwargs):
            if not self._depth:
                self.calls.append((name, args[0] if args else None))
            self._depth += 1
            try:
                return original(*args, **kwargs)
            finally:
                self._depth -= 1

        return call


def keep(value):
    return generations.kept("greeting", lambda: value, counter=generations.PUBLICATIONS, seconds=3600)


def test_a_kept_value_is_computed_once_and_then_costs_no_redis_call(monkeypatch):
    computed = []
    keep_counting = lambda: generations.kept(  # noqa: E731
        "greeting", lambda: computed.append(1) or "hello", counter=generations.PUBLICATIONS, seconds=3600
    )
    assert keep_counting() == "hello"
    calls = CacheCalls(monkeypatch)

    with generations.RequestGenerations():
        assert keep_counting() == "hello"
        assert keep_counting() == "hello"

    assert computed == [1]
    assert [name for name, _ in calls.calls] == ["get_many"], "one read of the generations, nothing else"


def test_a_change_made_by_another_worker_is_seen_at_once():
    assert keep("before") == "before"

    cache.incr(generations.PUBLICATIONS)  # another worker saved a publication

    assert keep("after") == "after"


def test_nothing_kept_before_a_cache_clear_passes_for_current():
    assert keep("before") == "before"
    generations.local_values.put("unrelated", "kept", 60)

    cache.clear()  # the counters start again from 1; this worker's memory is untouched

    assert keep("after") == "after"


def test_another_worker_takes_the_value_from_redis_without_computing_it():
    assert keep("hello") == "hello"
    generations.local_values.clear()  # a worker that has not seen it yet

    assert keep("never computed") == "hello"


def test_with_redis_out_of_reach_values_are_computed_every_time(monkeypatch):
    monkeypatch.setattr(cache, "get_many", lambda keys, *args, **kwargs: {})
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)

    assert keep("first") == "first"
    assert keep("second") == "second"


@pytest.mark.parametrize(
    ("cookies", "reads"),
    [({}, 1), ({"csrftoken": "x" * 32}, 2)],
    ids=[
        "a visitor: the full-page cache's one read",
        "with a form's cookie: and the library's own page cache",
    ],
)
def test_an_uncached_library_page_reads_redis_once(client, monkeypatch, cookies, reads):
    """Menu, site notice, category tree, filters, entries and counts all come from the worker's memory."""
    top = CategoryFactory(name="Guidance", slug="guidance", path="guidance")
    for n in range(25):
        PublicationFactory(title=f"Guidance note {n}", categories=[top])
    client.cookies.load(cookies)
    client.get("/publications/?page=2")  # keeps them all
    calls = CacheCalls(monkeypatch)

    response = client.get("/publications/?page=2&sort=popular")

    assert response.status_code == 200
    assert len([key for name, key in calls.calls if name in ("get", "get_many")]) == reads, calls.calls


def test_a_worker_keeps_at_most_its_bound_in_bytes_dropping_the_least_lately_used():
    memory = generations.LocalValues(max_bytes=8_000)
    for n in range(20):
        memory.put(f"entry-{n}", "x" * 900, 60)
        memory.get("entry-0")  # used again and again: kept

    assert memory.size_in_bytes <= 8_000
    assert memory.get("entry-0") == "x" * 900
    assert memory.get("entry-19") == "x" * 900
    assert memory.get("entry-1") is None


def test_a_value_too_big_for_a_worker_is_left_to_redis():
    memory = generations.LocalValues(max_bytes=8_000)

    memory.put("huge", "x" * 5_000, 60)

    assert memory.get("huge") is None
    assert memory.size_in_bytes == 0
