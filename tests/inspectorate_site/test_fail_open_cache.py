"""The Redis cache backend fails open: Redis down or hung looks like a cold cache, never an error."""

import logging
import os
import time

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django_ratelimit.core import is_ratelimited

import inspectorate_site.cache
from publications.cache import cached_value, invalidate

CACHE_LOGGER = "inspectorate_site.cache"


@pytest.fixture
def clock(monkeypatch):
    """The circuit's clock, moved on by hand."""
    now = [1000.0]
    monkeypatch.setattr(inspectorate_site.cache, "monotonic", lambda: now[0])
    return now


def cache_log(caplog, level=logging.INFO):
    return [r for r in caplog.records if r.name == CACHE_LOGGER and r.levelno >= level]


def test_every_cache_operation_answers_as_a_cold_cache_when_redis_is_down(redis_down):
    cache.set("greeting", "hello")
    assert cache.get("greeting") is None
    assert cache.get("greeting", "fallback") == "fallback"
    assert cache.get_many(["greeting", "other"]) == {}
    assert cache.has_key("greeting") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"], "set_many names the keys it did not store"
    assert cache.add("guard", 1) is False, "a guard or lock is never granted without Redis"
    assert cache.touch("greeting") is False
    assert cache.delete("greeting") is False
    assert cache.delete_many(["a", "b"]) is None
    assert cache.clear() is False
    assert cache.get_or_set("computed", lambda: "from the database") == "from the database"
    with pytest.raises(ValueError):
        cache.incr("counter")
    with pytest.raises(ValueError):
        cache.decr("counter")


def test_callers_that_count_with_incr_carry_on_when_redis_is_down(redis_down):
    invalidate()  # publications' generation counter: incr, then set when missing

    assert cached_value("years", lambda: [2024, 2025]) == [2024, 2025]


def test_django_ratelimit_lets_posts_through_when_redis_cannot_count(redis_down, rf):
    request = rf.post("/complaints/step/service/", REMOTE_ADDR="192.0.2.7")

    limited = [
        is_ratelimited(request, group="complaints-form", key="ip", rate="1/m", method="POST", increment=True)
        for _ in range(5)
    ]

    assert limited == [False] * 5


def test_a_hung_redis_costs_one_short_timeout_then_is_left_alone(hung_redis, clock):
    started = time.monotonic()
    for n in range(50):
        cache.get(f"key-{n}")
    elapsed = time.monotonic() - started

    assert elapsed < 1, "one socket timeout (0.25 s), not one per call"
    assert len(hung_redis.accepted) == 1

    clock[0] += inspectorate_site.cache.RETRY_AFTER_SECONDS
    cache.get("key-after-the-interval")
    cache.get("key-after-that")

    assert len(hung_redis.accepted) == 2, "one try per interval, then skipped again"


def test_the_log_says_redis_is_down_once_per_interval(redis_down, clock, caplog):
    caplog.set_level(logging.INFO, logger=CACHE_LOGGER)
    for n in range(100):
        cache.get(f"key-{n}")
        clock[0] += 0.1  # ten seconds in all: two retries fail inside the first interval

    assert len(cache_log(caplog)) == 1
    assert "Redis cache unreachable" in cache_log(caplog)[0].getMessage()

    clock[0] += inspectorate_site.cache.REPORT_EVERY_SECONDS
    cache.get("key-a-minute-later")
    cache.get("key-a-minute-later-again")

    assert len(cache_log(caplog)) == 2
    assert "still unreachable" in cache_log(caplog)[1].getMessage()


def _real_redis_url() -> str:
    if not django_settings.REDIS_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run this against Redis: REDIS_URL is not set")
        pytest.skip("needs Redis (set REDIS_URL); CI runs it")
    return django_settings.REDIS_URL


def refuse_connection(*args, **kwargs):
    raise redis.exceptions.ConnectionError("Error 111 connecting to Redis. Connection refused.")


@pytest.mark.postgres
def test_redis_going_away_and_coming_back_is_logged_once_each(use_redis_at, clock, caplog, monkeypatch):
    use_redis_at(_real_redis_url())
    caplog.set_level(logging.INFO, logger=CACHE_LOGGER)
    cache.set("survives", "yes", 60)
    assert cache.get("survives") == "yes"

    with monkeypatch.context() as outage:
        outage.setattr(redis.ConnectionPool, "get_connection", refuse_connection)
        for n in range(20):
            assert cache.get("survives", "missed") == "missed"
            cache.set(f"dropped-{n}", n)
    clock[0] += inspectorate_site.cache.RETRY_AFTER_SECONDS
    answers = [cache.get("survives") for _ in range(20)]
    cache.delete("survives")

    assert answers == ["yes"] * 20
    messages = [record.getMessage() for record in cache_log(caplog)]
    assert len(messages) == 2, messages
    assert "Redis cache unreachable" in messages[0]
    assert "Redis cache answers again" in messages[1]


def test_a_burst_of_cache_calls_builds_one_redis_client_not_one_each(use_redis_at, monkeypatch):
    use_redis_at(_real_redis_url())
    built = []
    client_class = cache._cache._client

    def counting_client(**kwargs):
        built.append(kwargs["connection_pool"])
        return client_class(**kwargs)

    monkeypatch.setattr(cache._cache, "_client", counting_client)
    for n in range(50):
        cache.set(f"burst-{n}", n, 60)
        assert cache.get(f"burst-{n}") == n
    cache.delete_many([f"burst-{n}" for n in range(50)])

    assert len(built) == 1
