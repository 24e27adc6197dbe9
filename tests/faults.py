"""Fault injection: a TCP proxy in front of a real PostgreSQL or Redis that can hang or refuse on demand.

The real services are shared and are never stopped; tests and the outage drill
point a connection at the proxy instead, then switch its mode:

- "forward": bytes pass both ways, as if the proxy were not there;
- "hang": connections are accepted (new ones too) but nothing passes either
  way, like a database that is up but never answers; back to "forward", the
  held bytes flow again;
- "refuse": the port is closed, so new connections are refused, and open ones
  are reset, like a database that is down.
"""

from __future__ import annotations

import contextlib
import random
import select
import socket
import struct
import threading
import time

MODES = ("forward", "hang", "refuse")
POLL_SECONDS = 0.05
# Listen below the kernel's ephemeral range (32768 and up by default): a port
# given back in "refuse" mode could otherwise become the source port of some
# outgoing connection, and listening on it again would fail.
LISTEN_PORTS = range(20000, 32000)


def _listen_on_a_free_port() -> socket.socket:
    for port in random.sample(LISTEN_PORTS, 50):
        with contextlib.suppress(OSError):
            return socket.create_server(("127.0.0.1", port))
    raise OSError("no free port to listen on")


class ThreadedTcpProxy:
    """Listens on 127.0.0.1:`port` (a free one by default) and forwards to `target_host`:`target_port`."""

    def __init__(self, target_host: str, target_port: int, *, port: int = 0):
        self.target = (target_host, target_port)
        self.mode = "forward"
        self._listener: socket.socket | None = (
            socket.create_server(("127.0.0.1", port)) if port else _listen_on_a_free_port()
        )
        self.port = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._acceptor = threading.Thread(target=self._accept_loop, name="tcp-proxy", daemon=True)

    def __enter__(self) -> ThreadedTcpProxy:
        self._acceptor.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        with self._lock:
            self.mode = mode
            if mode == "refuse":
                self._stop_listening()
                self._reset_open_connections()
            elif self._listener is None:
                self._listener = socket.create_server(("127.0.0.1", self.port))

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            self._stop_listening()
            self._reset_open_connections()
        if self._acceptor.is_alive():
            self._acceptor.join(timeout=2)

    # --- inside the proxy ----------------------------------------------------------

    def _stop_listening(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _reset_open_connections(self) -> None:
        for sock in self._open:
            with contextlib.suppress(OSError):
                # Linger 0: close with a reset, as a crashed server's host would.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()
        self._open.clear()

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            listener = self._listener
            if listener is None:
                time.sleep(POLL_SECONDS)
                continue
            try:
                ready, _, _ = select.select([listener], [], [], POLL_SECONDS)
                if not ready:
                    continue
                client, _ = listener.accept()
            except (OSError, ValueError):  # closed by set_mode("refuse") under our feet
                continue
            self._connect(client)

    def _connect(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)  # the pumps wait in select(), never in a socket call
        with self._lock:
            if self.mode == "refuse":
                client.close()
                upstream.close()
                return
            self._open.update((client, upstream))
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        """Copy bytes from source to sink while forwarding; hold them (unread) while hanging."""
        try:
            while not self._closed.is_set():
                if self.mode == "hang":
                    time.sleep(POLL_SECONDS)
                    continue
                ready, _, _ = select.select([source], [], [], POLL_SECONDS)
                if not ready or self.mode == "hang":
                    continue
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except (OSError, ValueError):
            pass
        finally:
            with self._lock:
                for sock in (source, sink):
                    self._open.discard(sock)
                    with contextlib.suppress(OSError):
                        sock.close()
