"""The HTTP server under `kamerld serve`: the standard library's WSGI server, hardened for the open internet.

* Idle connections cost no thread: an accepted connection waits in a lobby (one selector thread for
  all of them) until its first bytes arrive, for at most `idle_timeout` seconds, then it is closed.
  Only a connection with a request to read gets a thread.
* Reading a request (its line, headers and body) has `read_timeout` seconds in all, so a client that
  sends one byte every few seconds (slowloris) is cut off too; each chunk of the answer has
  `write_timeout` seconds to be taken, so a client that stops reading is let go as well.
* At most `max_handlers` requests are handled at once; a request beyond that gets 503 at once instead
  of waiting unseen. The listen backlog is 128 (socketserver's default of 5 made clients wait a
  second for a SYN retry as soon as eight arrived together).
* A client that goes away or times out is no error; anything else is one line on stderr, never a
  traceback.
"""

from __future__ import annotations

import io
import selectors
import socket
import socketserver
import sys
import threading
import time
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .chars import printable

_BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\n"
         b"Content-Length: 12\r\nConnection: close\r\n\r\nserver busy\n")


class _DeadlineReader(io.RawIOBase):
    """A socket's bytes, with one deadline for everything read from it."""

    def __init__(self, sock: socket.socket, deadline: float):
        self.sock = sock
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took longer than the read timeout")
        self.sock.settimeout(left)
        return self.sock.recv_into(buffer)


class _TimedWriter(io.BufferedIOBase):
    """Each write to the socket may take `timeout` seconds (a client that stops reading is let go);
    the app answers in chunks, so a large file to a slow client still gets through."""

    def __init__(self, sock: socket.socket, timeout: float):
        self.sock = sock
        self.timeout = timeout

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sock.settimeout(self.timeout)
        self.sock.sendall(data)
        return len(data)


class QuietHandler(WSGIRequestHandler):
    read_timeout = 10.0
    write_timeout = 30.0

    def setup(self) -> None:
        super().setup()
        deadline = time.monotonic() + self.read_timeout
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, deadline))
        self.wfile = _TimedWriter(self.connection, self.write_timeout)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


class LobbyWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128
    idle_timeout = 10.0
    max_handlers = 32
    max_idle = 1000

    def server_activate(self) -> None:
        super().server_activate()
        self._slots = threading.BoundedSemaphore(self.max_handlers)
        self._waiting: list[tuple[socket.socket, Any]] = []
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._closing = False
        self._lobby = threading.Thread(target=self._run_lobby, name="kamerld-lobby", daemon=True)
        self._lobby.start()

    # -- the lobby: connections wait here, without a thread, until they send something ---------

    def process_request(self, request, client_address) -> None:
        with self._lock:
            self._waiting.append((request, client_address))
        self._wake_w.send(b"x")

    def _run_lobby(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self._wake_r, selectors.EVENT_READ)
        since: dict[socket.socket, tuple[float, Any]] = {}
        while not self._closing:
            for key, _ in sel.select(timeout=0.5):
                if key.fileobj is self._wake_r:
                    try:
                        self._wake_r.recv(4096)
                    except BlockingIOError:
                        pass
                    continue
                sock = key.fileobj
                sel.unregister(sock)
                _, addr = since.pop(sock)  # type: ignore[call-overload]
                self._dispatch(sock, addr)  # type: ignore[arg-type]
            with self._lock:
                arrived, self._waiting = self._waiting, []
            now = time.monotonic()
            for sock, addr in arrived:
                if len(since) >= self.max_idle:  # the lobby is full: the newcomer is turned away
                    self.shutdown_request(sock)
                    continue
                since[sock] = (now, addr)
                sel.register(sock, selectors.EVENT_READ)
            for sock, (start, _) in list(since.items()):
                if now - start > self.idle_timeout:  # said nothing in time: closed, costs nothing
                    sel.unregister(sock)
                    del since[sock]
                    self.shutdown_request(sock)
        for sock in since:
            self.shutdown_request(sock)
        sel.close()

    def _dispatch(self, sock: socket.socket, addr: Any) -> None:
        if not self._slots.acquire(blocking=False):
            try:
                sock.settimeout(1.0)
                sock.sendall(_BUSY)
            except OSError:
                pass
            self.shutdown_request(sock)
            return
        try:
            socketserver.ThreadingMixIn.process_request(self, sock, addr)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (TimeoutError, ConnectionError)):
            return  # a client that went away or was too slow: nothing to report
        print(f"kamerld serve: error on a request from {client_address[0]}: {type(exc).__name__}: "
              f"{printable(str(exc))[:300]}", file=sys.stderr, flush=True)

    def server_close(self) -> None:
        self._closing = True
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        self._lobby.join(2)
        self._wake_r.close()
        self._wake_w.close()
        super().server_close()


def make_server_for(app, host: str = "127.0.0.1", port: int = 8000, *, read_timeout: float = 10.0,
                    idle_timeout: float = 10.0, max_handlers: int = 32) -> LobbyWSGIServer:
    """The server for `app`, bound to `host:port` (port 0: a free one)."""
    handler = type("Handler", (QuietHandler,), {"read_timeout": read_timeout})
    server_class = type("Server", (LobbyWSGIServer,), {"idle_timeout": idle_timeout,
                                                      "max_handlers": max_handlers})
    return make_server(host, port, app, server_class=server_class, handler_class=handler)


__all__ = ["LobbyWSGIServer", "QuietHandler", "make_server_for"]
