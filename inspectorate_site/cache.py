"""The Redis cache backend: an accelerator that fails open, never a dependency of reading.

Django's RedisCache raises when Redis is down, and so does everything built on
it (django CMS's page cache and menus, django-ratelimit, the apps' own cache
calls), so a Redis outage would take every page down. This backend turns
"Redis cannot answer" into what a cold cache looks like: reads miss, writes are
dropped, ``add()`` adds nothing and ``incr()`` raises ValueError as for a
missing key. Pages and badges are then rendered from the database.

Short socket timeouts keep a hung Redis from stalling a request for more than
a fraction of a second, and a per-process circuit skips Redis altogether for a
few seconds after a failure, so an outage costs no connection attempt per cache
call. The log says once when Redis becomes unreachable, once per interval while
it stays so, and once when it answers again.
"""

from __future__ import annotations

import logging
import threading
from time import monotonic

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)

# Redis cannot serve us now: down, hung, restarting, failing over, or full. Any
# other error is a bug in the caller and still raises.
UNREACHABLE = (
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
    redis_errors.ReadOnlyError,
    redis_errors.OutOfMemoryError,
)
# Seconds. Redis answers in well under a millisecond on the same network; these
# only bound what a hung one costs a request. No retries: the next call is soon.
CONNECTION_OPTIONS = {"socket_connect_timeout": 0.1, "socket_timeout": 0.25, "retry": None}
# After a failure this process leaves Redis alone this long, then lets one call try.
RETRY_AFTER_SECONDS = 5
# While Redis stays unreachable, the log says so again this often (per process).
REPORT_EVERY_SECONDS = 60
_NOT_ANSWERED = object()


class Circuit:
    """One process's view of whether its Redis answers, shared by all its threads."""

    def __init__(self, retry_after: float, report_every: float):
        self.retry_after = retry_after
        self.report_every = report_every
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_try_at = 0.0
        self._reported_at = 0.0
        self._skipped = 0

    def allows_a_try(self) -> bool:
        if self._down_since is None:
            return True
        with self._lock:
            now = monotonic()
            if self._down_since is None or now >= self._next_try_at:
                # This caller probes; the others keep skipping until it has an answer.
                self._next_try_at = now + self.retry_after
                return True
            self._skipped += 1
            return False

    def failed(self, error: Exception) -> None:
        with self._lock:
            now = monotonic()
            self._next_try_at = now + self.retry_after
            if self._down_since is None:
                self._down_since = self._reported_at = now
                self._skipped = 0
                logger.error(
                    "Redis cache unreachable (%s): pages and badges come from the database, rate limits "
                    "are not counted; next try in %s s",
                    str(error) or type(error).__name__,
                    self.retry_after,
                )
            elif now - self._reported_at >= self.report_every:
                self._reported_at = now
                logger.error(
                    "Redis cache still unreachable after %.0f s (%s); %d cache calls skipped",
                    now - self._down_since,
                    str(error) or type(error).__name__,
                    self._skipped,
                )

    def answered(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is not None:
                logger.warning("Redis cache answers again after %.0f s", monotonic() - self._down_since)
                self._down_since = None


# Django gives each thread its own cache object; the circuit is the process's.
_circuits: dict[tuple, Circuit] = {}
_circuits_lock = threading.Lock()


def _circuit_for(servers: list[str], retry_after: float, report_every: float) -> Circuit:
    key = (tuple(servers), retry_after, report_every)
    with _circuits_lock:
        if key not in _circuits:
            _circuits[key] = Circuit(retry_after, report_every)
        return _circuits[key]


class PooledClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool instead of building one per call.

    Building a client costs more than the round trip to a local Redis; the client
    holds no connection of its own (the pool does), so one can serve every call.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, except that Redis being unreachable is a cache miss, never an error.

    OPTIONS may override CONNECTION_OPTIONS and set RETRY_AFTER_SECONDS and
    REPORT_EVERY_SECONDS (tests use short ones).
    """

    def __init__(self, server, params):
        options = {**CONNECTION_OPTIONS, **params.get("OPTIONS", {})}
        retry_after = options.pop("RETRY_AFTER_SECONDS", RETRY_AFTER_SECONDS)
        report_every = options.pop("REPORT_EVERY_SECONDS", REPORT_EVERY_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = PooledClientRedisCacheClient
        self.circuit = _circuit_for(self._servers, retry_after, report_every)

    def _attempt(self, call, *args, fallback=None):
        if not self.circuit.allows_a_try():
            return fallback
        try:
            result = call(*args)
        except UNREACHABLE as error:
            self.circuit.failed(error)
            return fallback
        self.circuit.answered()
        return result

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, key, default, version, fallback=default)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, keys, version, fallback={})

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, key, version, fallback=False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys that were not stored: all of them when Redis did not answer."""
        return self._attempt(super().set_many, data, timeout, version, fallback=list(data))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """False (nothing added) when Redis did not answer: a guard or lock is never granted blind."""
        return self._attempt(super().add, key, value, timeout, version, fallback=False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, key, timeout, version, fallback=False)

    def incr(self, key, delta=1, version=None):
        """As for a missing key, ValueError when Redis did not answer: callers already handle it."""
        result = self._attempt(super().incr, key, delta, version, fallback=_NOT_ANSWERED)
        if result is _NOT_ANSWERED:
            raise ValueError(f"Key {key!r} not found: the cache did not answer.")
        return result

    def delete(self, key, version=None):
        return self._attempt(super().delete, key, version, fallback=False)

    def delete_many(self, keys, version=None):
        self._attempt(super().delete_many, keys, version)

    def clear(self):
        return self._attempt(super().clear, fallback=False)
