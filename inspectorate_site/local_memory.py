"""What one worker process keeps for itself: values used lately, each until its own deadline, within a
bound in bytes, the least lately used dropped first. The full-page cache's copies of hot pages and the
values kept per generation are both kept this way; Redis stays the shared truth."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from time import monotonic


class ExpiringMemory:
    def __init__(self, max_bytes: Callable[[], int]):
        """`max_bytes()` is read on each store, so a setting may change it."""
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[float, object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        """The value, or None when it is not kept or its deadline has passed."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: str, value, *, size: int, seconds: float) -> None:
        limit = self.max_bytes()
        if seconds <= 0 or size > limit // 8:  # one value may not push out everything else
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (monotonic() + seconds, value, size)
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._entries)))

    @property
    def size_in_bytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        found = self._entries.pop(key, None)
        if found is not None:
            self._bytes -= found[2]
