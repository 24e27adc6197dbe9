"""Time limits on PostgreSQL, enforced by the client, so a hung database costs a request seconds.

A server-side ``statement_timeout`` only helps while the server answers. A hung
server, or a network that drops packets while a proxy in between acknowledges
them, never answers, and TCP keepalives do not fire since the connection looks
alive. So psycopg2 waits through this module's wait callback (psycopg2's "green"
mode: every libpq call that may block, connecting included, comes here) and
gives up when its time is up: connecting and the health check of a kept
connection get DATABASE_CONNECT_TIMEOUT, a statement a little more than
DATABASE_STATEMENT_TIMEOUT (the server's own cancellation should come first).
Giving up closes the connection, which Django then discards; the error is an
OperationalError, as for any outage. (In green mode psycopg2 refuses COPY and
large objects, which nothing here uses.)

After a timeout this process does not try the database again for
DATABASE_RETRY_AFTER seconds: every request in between fails at once instead of
waiting out a timeout of its own, so gunicorn's workers stay free for the pages
and badges the cache can serve. Then one request tries again.
"""

import contextlib
import contextvars
import logging
import select
import threading
import time

import psycopg2
from django.conf import settings
from psycopg2 import extensions

logger = logging.getLogger(__name__)

_deadline = contextvars.ContextVar("database_deadline", default=None)


@contextlib.contextmanager
def time_limit(seconds: float):
    """Everything the database does inside the block ends within `seconds`, connecting included."""
    outer = _deadline.get()
    ends_at = time.monotonic() + seconds
    token = _deadline.set(ends_at if outer is None else min(outer, ends_at))
    try:
        yield
    finally:
        _deadline.reset(token)


def statement_wait_seconds() -> float | None:
    """How long to wait for any answer to a statement; None when statements have no limit.

    The server cancels a statement at DATABASE_STATEMENT_TIMEOUT and says so at
    once; the margin (up to a second) is for that answer to arrive.
    """
    statement_timeout = settings.DATABASE_STATEMENT_TIMEOUT
    if not statement_timeout:
        return None
    return statement_timeout + min(statement_timeout, 1)


class Circuit:
    """This process's view of whether the database answers in time, shared by its threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_try_at = 0.0

    def allows_a_try(self) -> bool:
        if self._down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if self._down_since is None or now >= self._next_try_at:
                # This caller tries; the others keep failing at once until it has an answer.
                self._next_try_at = now + settings.DATABASE_RETRY_AFTER
                return True
            return False

    def timed_out(self) -> None:
        with self._lock:
            now = time.monotonic()
            self._next_try_at = now + settings.DATABASE_RETRY_AFTER
            if self._down_since is None:
                self._down_since = now
                logger.error(
                    "The database did not answer in time; this process tries it again every %s s",
                    settings.DATABASE_RETRY_AFTER,
                )

    def answered(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is not None:
                logger.warning("The database answers again after %.0f s", time.monotonic() - self._down_since)
                self._down_since = None

    def reset(self) -> None:
        """Forget any outage (tests)."""
        with self._lock:
            self._down_since = None
            self._next_try_at = 0.0


circuit = Circuit()


def _wait_until() -> float | None:
    wait = statement_wait_seconds()
    until = None if wait is None else time.monotonic() + wait
    limit = _deadline.get()
    if limit is not None:
        until = limit if until is None else min(until, limit)
    return until


def _poll_events(state: int) -> int:
    if state == extensions.POLL_READ:
        return select.POLLIN
    if state == extensions.POLL_WRITE:
        return select.POLLOUT
    raise psycopg2.OperationalError(f"Unexpected state from psycopg2's poll(): {state}")


def wait_with_deadline(conn) -> None:
    """psycopg2's wait callback: poll the connection's socket until libpq is done, or the time is up."""
    state = conn.poll()
    if state == extensions.POLL_OK:
        return
    until = _wait_until()
    fd = conn.fileno()
    poller = select.poll()
    poller.register(fd, _poll_events(state))
    while True:
        if until is None:
            poller.poll()
        else:
            remaining = until - time.monotonic()
            if remaining <= 0 or not poller.poll(remaining * 1000):
                circuit.timed_out()
                # psycopg2 closes the connection when the callback raises; Django then discards it.
                raise psycopg2.OperationalError("The database did not answer in time")
        state = conn.poll()
        if state == extensions.POLL_OK:
            return
        poller.modify(fd, _poll_events(state))


def install() -> None:
    """Make every psycopg2 connection in this process wait through wait_with_deadline."""
    if extensions.get_wait_callback() is not wait_with_deadline:
        extensions.set_wait_callback(wait_with_deadline)
