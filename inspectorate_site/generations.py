"""What each kind of content is at, read once a request, and values kept per generation.

Pages and pieces of pages are kept in Redis under keys holding the generation of
what they were made from: django CMS's page-cache version (pages, menus, shared
blocks), the library's and the register's counters. A change bumps its counter,
so nothing kept goes stale: it is just never asked for again. The counters, and
an epoch that is new after every `cache.clear()`, are read in one call a request
(the full-page cache reads them anyway, for its own check).

A value kept under a generation never changes, so each worker also keeps the
ones it used lately in memory: a kept menu or category tree then costs no Redis
call at all. The epoch is in every key, so when the counters start again from 1
after a clear, nothing from before it can pass for current. With Redis out of
reach there is no epoch: values are computed afresh, as the cache is cold.
"""

from __future__ import annotations

import pickle
import secrets
from contextvars import ContextVar
from time import time

from cms.cache import CMS_PAGE_CACHE_VERSION_KEY
from django.core.cache import cache

from .local_memory import ExpiringMemory

EPOCH_KEY = "generations:epoch"
CMS = CMS_PAGE_CACHE_VERSION_KEY
PUBLICATIONS = "publications:generation"
REGISTER = "page-cache:register-generation"
COUNTERS = (CMS, PUBLICATIONS, REGISTER)
KEYS = (EPOCH_KEY, *COUNTERS)
# What each worker keeps in memory, the least lately used dropped first: a bound in bytes (pickled),
# as values range from a list entry (1 KB) to the category tree (tens of KB).
LOCAL_VALUES_MAX_BYTES = 8 * 1024 * 1024

_request: ContextVar[dict | None] = ContextVar("generations", default=None)


def read(*extra_keys: str) -> tuple[dict, dict]:
    """The epoch and counters (starting any nobody has started yet), and what `extra_keys` hold.

    One Redis call when the cache is warm.
    """
    found = cache.get_many([*KEYS, *extra_keys])
    if any(found.get(name) is None for name in KEYS):
        cache.add(EPOCH_KEY, secrets.token_hex(8), None)
        for name in COUNTERS:
            cache.add(name, 1, None)
        found.update(cache.get_many(KEYS))
    return {name: found.get(name) for name in KEYS}, found


def bump(counter: str) -> None:
    """Everything kept under `counter` is stale now (signal receivers call this)."""
    try:
        cache.incr(counter)
    except ValueError:  # not started, or lost with a clear
        cache.set(counter, 1, None)


class RequestGenerations:
    """For the length of a request: the generations are read once, by the first who asks."""

    def __enter__(self):
        self._token = _request.set({})
        return self

    def __exit__(self, *exc_info):
        _request.reset(self._token)

    @staticmethod
    def remember(generations: dict) -> None:
        holder = _request.get()
        if holder is not None:
            holder.update(generations)


def current() -> dict:
    """The generations this request works with (outside a request, read afresh)."""
    holder = _request.get()
    if holder is None:
        return read()[0]
    if not holder:
        holder.update(read()[0])
    return holder


class LocalValues(ExpiringMemory):
    """Values this worker used lately, at most LOCAL_VALUES_MAX_BYTES of them.

    Kept pickled, as Redis keeps them, so no request can change another's copy.
    """

    def __init__(self, max_bytes: int = LOCAL_VALUES_MAX_BYTES):
        super().__init__(lambda: max_bytes)

    def get(self, key: str):
        pickled = super().get(key)
        return None if pickled is None else pickle.loads(pickled)  # noqa: S301 (what this process pickled itself)

    def put(self, key: str, value, seconds: float) -> None:
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        super().put(key, pickled, size=len(pickled), seconds=seconds)


local_values = LocalValues()


def kept(name: str, compute, *, counter: str, seconds):
    """compute()'s value, kept under `counter`'s generation, in Redis and in this worker.

    `seconds` is how long, or a function of the value that says how long. A
    worker's copy ends when the one in Redis does, never later. `compute` must
    not return None (None is how a cache says "not there").
    """
    generations = current()
    epoch, generation = generations[EPOCH_KEY], generations[counter]
    if epoch is None or generation is None:  # Redis out of reach
        return compute()
    key = f"kept:{epoch}:{counter}:{generation}:{name}"
    value = local_values.get(key)
    if value is not None:
        return value
    stored = cache.get(key)
    if stored is None:
        value = compute()
        lifetime = max(1, int(seconds(value) if callable(seconds) else seconds))
        expires_at = time() + lifetime
        cache.set(key, (expires_at, value), lifetime)
    else:
        expires_at, value = stored
    local_values.put(key, value, expires_at - time())
    return value
