"""A Redis that is down or hung, for the fail-open cache tests (the real Redis is never touched)."""

import contextlib
import socket
import threading

import pytest

import inspectorate_site.cache


class SilentServer:
    """Accepts connections and never answers: a hung Redis. Counts the connections it was offered."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while not self._stopped.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                self.accepted.append(self._listener.accept()[0])

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stopped.set()
        self._thread.join(timeout=1)
        for sock in [self._listener, *self.accepted]:
            sock.close()


def closed_port() -> int:
    """A port nothing listens on: connecting is refused at once, as to a stopped Redis."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        return listener.getsockname()[1]


@pytest.fixture
def use_redis_at(settings, monkeypatch):
    """Point the default cache at a Redis address, through the project's fail-open backend.

    Each test gets a fresh circuit, as a new process would.
    """
    monkeypatch.setattr(inspectorate_site.cache, "_circuits", {})

    def point_at(location, **options):
        settings.CACHES = {
            "default": {
                "BACKEND": "inspectorate_site.cache.FailOpenRedisCache",
                "LOCATION": location,
                "KEY_PREFIX": "inspectorate",
                "OPTIONS": options,
            }
        }

    return point_at


@pytest.fixture
def redis_down(use_redis_at):
    use_redis_at(f"redis://127.0.0.1:{closed_port()}/2")


@pytest.fixture
def hung_redis(use_redis_at):
    with SilentServer() as server:
        use_redis_at(f"redis://127.0.0.1:{server.port}/2")
        yield server
