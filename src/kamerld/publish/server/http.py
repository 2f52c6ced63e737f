"""The HTTP server under `kamerld serve`: HTTP/1.1 with keep-alive, hardened for the open internet.

The standard library's WSGI server (`wsgiref`) answers one request per connection, in HTTP/1.0; the
handler here keeps the connection open (HTTP/1.1, or HTTP/1.0 with `Connection: keep-alive`) and
serves the next request on it, while keeping what issue 12 built against hostile clients:

* Idle connections cost no thread: an accepted connection waits in a lobby (one selector thread for
  all of them) until its first bytes arrive, for at most `idle_timeout` seconds, then it is closed.
  A kept-alive connection goes back to the lobby after each answer, so it holds no thread between
  requests either. Only a connection with a request to read gets a thread.
* Reading a request (its line, headers and body) has `read_timeout` seconds in all, so a client that
  sends one byte every few seconds (slowloris) is cut off too; each chunk of the answer has
  `write_timeout` seconds to be taken, so a client that stops reading is let go as well.
* A request body is read as its `Content-Length` says, or decoded from `Transfer-Encoding: chunked`
  up to `max_body` bytes. A body the application did not read, a request with both headers, or any
  other transfer coding closes the connection after the answer, so no body can be taken for the
  next request (request smuggling).
* At most `max_handlers` requests are handled at once; a request beyond that gets 503 at once instead
  of waiting unseen. The listen backlog is 128 (socketserver's default of 5 made clients wait a
  second for a SYN retry as soon as eight arrived together).
* Every answered request is one line in the access log (combined log format, `access_log.py`).
* A client that goes away or times out is no error; anything else is one line on stderr, never a
  traceback.

Why not a server library: waitress, cheroot and gunicorn do keep-alive, but none bounds the time to
read a whole request (their timeouts are per read, so a slowloris client that trickles bytes keeps its
connection for ever), and they queue requests beyond their threads instead of answering 503; the
tests in tests/test_serve_hostile.py hold this server to both.
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
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer, make_server

from kamerld.sources.chars import printable

from .access_log import AccessLog, combined_line

_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\n"
         b"Access-Control-Allow-Origin: *\r\nContent-Length: 12\r\nConnection: close\r\n\r\nserver busy\n")
#: a kept-alive connection answers at most this many requests, then it is closed (as nginx does)
MAX_REQUESTS_PER_CONNECTION = 1000


class _BodyError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _ConnectionReader:
    """What a client sends on one connection, buffered, with one deadline per request.

    Bytes a client sends ahead (the next request, pipelined) stay in the buffer for the next request;
    `pending()` says whether there are any, so the connection is not parked in the lobby with a
    request the lobby cannot see."""

    def __init__(self, sock: socket.socket, read_timeout: float):
        self.sock = sock
        self.read_timeout = read_timeout
        self.buffer = bytearray()
        self.deadline = time.monotonic() + read_timeout

    def start_request(self) -> None:
        self.deadline = time.monotonic() + self.read_timeout

    def pending(self) -> bool:
        return bool(self.buffer)

    def _fill(self) -> bool:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took longer than the read timeout")
        self.sock.settimeout(left)
        data = self.sock.recv(65536)
        if not data:
            return False
        self.buffer += data
        return True

    def _take(self, n: int) -> bytes:
        out = bytes(self.buffer[:n])
        del self.buffer[:n]
        return out

    def readline(self, limit: int = -1) -> bytes:
        start = 0
        while True:
            i = self.buffer.find(b"\n", start)
            if i >= 0 and (limit < 0 or i < limit):
                return self._take(i + 1)
            if 0 <= limit <= len(self.buffer):
                return self._take(limit)
            start = len(self.buffer)
            if not self._fill():
                return self._take(len(self.buffer))

    def read(self, n: int = -1) -> bytes:
        if n < 0:
            raise ValueError("a request body is read by its length")
        while len(self.buffer) < n and self._fill():
            pass
        return self._take(min(n, len(self.buffer)))

    def close(self) -> None:
        pass


class _Body(io.RawIOBase):
    """`wsgi.input`: the request body and no byte more; counts what the application left unread."""

    def __init__(self, source: Any, length: int):
        self.source = source
        self.left = length

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0 or n > self.left:
            n = self.left
        data = self.source.read(n) if n else b""
        self.left -= len(data)
        return data

    def readline(self, limit: int = -1) -> bytes:  # type: ignore[override]
        if limit is None or limit < 0 or limit > self.left:
            limit = self.left
        data = self.source.readline(limit) if limit else b""
        self.left -= len(data)
        return data


def _read_chunked(reader: _ConnectionReader, limit: int) -> bytes:
    """A `Transfer-Encoding: chunked` body, decoded; at most `limit` bytes."""
    body = bytearray()
    while True:
        line = reader.readline(1026)
        if not line.endswith(b"\n"):
            raise _BodyError(400, "a chunk size line is cut off or too long")
        size_text = line.split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise _BodyError(400, "a chunk size is not a hexadecimal number") from None
        if size < 0:
            raise _BodyError(400, "a chunk size is negative")
        if size == 0:
            break
        if len(body) + size > limit:
            raise _BodyError(413, f"the request body is longer than {limit} bytes")
        chunk = reader.read(size)
        if len(chunk) < size or reader.readline(3) not in (b"\r\n", b"\n"):
            raise _BodyError(400, "a chunk is cut off")
        body += chunk
    for _ in range(100):  # trailer fields, ignored, then the empty line
        trailer = reader.readline(8192)
        if trailer in (b"\r\n", b"\n", b""):
            return bytes(body)
    raise _BodyError(400, "too many trailer fields")


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


class _ResponseHandler(ServerHandler):
    """wsgiref's handler, answering in HTTP/1.1 and saying whether the connection stays open."""

    http_version = "1.1"
    server_software = "kamerld"
    completed = False

    def cleanup_headers(self) -> None:
        super().cleanup_headers()
        request = self.request_handler
        if "Content-Length" not in self.headers:  # no length, no way to tell where the answer ends
            request.close_connection = True
        if isinstance(self.stdin, _Body) and self.stdin.left:  # an unread body must not become a request
            request.close_connection = True
        if request.close_connection:
            self.headers["Connection"] = "close"
        elif request.request_version == "HTTP/1.0":
            self.headers["Connection"] = "keep-alive"

    def finish_response(self) -> None:
        super().finish_response()
        self.completed = True


class QuietHandler(WSGIRequestHandler):
    """Requests on one connection, one after the other, for as long as the client keeps it open."""

    protocol_version = "HTTP/1.1"
    read_timeout = 10.0
    write_timeout = 30.0
    max_body = 2**20
    keep_alive = False  # after handle(): hand the connection back to the lobby

    def setup(self) -> None:
        self.connection = self.request
        self.rfile = _ConnectionReader(self.connection, self.read_timeout)  # type: ignore[assignment]
        self.wfile = _TimedWriter(self.connection, self.write_timeout)

    def finish(self) -> None:
        pass  # the socket is the server's to close or to keep

    def handle(self) -> None:
        served = 0
        while True:
            self.close_connection = True
            self.handle_one_request()
            served += 1
            if self.close_connection or served >= MAX_REQUESTS_PER_CONNECTION:
                return
            if not self.rfile.pending():  # type: ignore[attr-defined]
                self.keep_alive = True  # wait in the lobby, without a thread, for the next request
                return

    def handle_one_request(self) -> None:
        self.rfile.start_request()  # type: ignore[attr-defined]
        self.headers = None  # type: ignore[assignment]
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline:  # the client closed the connection
            return
        if len(self.raw_requestline) > 65536:
            self.requestline = self.request_version = self.command = ""
            self.send_error(414)
            return
        if not self.parse_request():  # an error was sent
            return
        try:
            stdin = self._body()
        except _BodyError as exc:
            self.close_connection = True
            self.send_error(exc.status, str(exc))
            return
        environ = self.get_environ()
        if isinstance(stdin, _DecodedBody):
            environ["CONTENT_LENGTH"] = str(stdin.left)
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        handler = _ResponseHandler(stdin or _Body(self.rfile, 0), self.wfile, self.get_stderr(), environ,
                                   multithread=True)
        handler.request_handler = self
        handler.run(self.server.get_app())
        if not handler.completed:  # the client went away mid-answer
            self.close_connection = True

    def _body(self) -> _Body | None:
        coding = self.headers.get("Transfer-Encoding")
        length = self.headers.get("Content-Length")
        if coding is not None:
            if length is not None:
                raise _BodyError(400, "both Content-Length and Transfer-Encoding")
            if coding.strip().lower() != "chunked":
                raise _BodyError(501, f"transfer coding {coding.strip()[:40]!r} is not supported")
            return _DecodedBody(_read_chunked(self.rfile, self.max_body))  # type: ignore[arg-type]
        if length is None:
            return None
        try:
            n = int(length)
        except ValueError:
            n = -1
        if n < 0:  # the application answers 400; nothing is read, so the connection closes after
            self.close_connection = True
            return _Body(self.rfile, 0)
        return _Body(self.rfile, n)

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        log: AccessLog | None = getattr(self.server, "access_log", None)
        if log is None:
            return
        headers = self.headers
        log.write(combined_line(
            self.client_address[0], getattr(self, "requestline", "") or None, int(code), size,
            headers.get("Referer") if headers else None, headers.get("User-Agent") if headers else None))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


class _DecodedBody(_Body):
    """A body decoded from chunks: the application sees it with its length, like any other."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data), len(data))


class LobbyWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128
    idle_timeout = 10.0
    max_handlers = 32
    max_idle = 1000
    access_log: AccessLog | None = None

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
            if self.access_log is not None:
                self.access_log.write(combined_line(addr[0], None, 503, len(_BUSY.split(b"\r\n\r\n", 1)[1])))
            self.shutdown_request(sock)
            return
        try:
            socketserver.ThreadingMixIn.process_request(self, sock, addr)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        keep = False
        try:
            handler = self.RequestHandlerClass(request, client_address, self)
            keep = bool(getattr(handler, "keep_alive", False))
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self._slots.release()
            if keep and not self._closing:
                self.process_request(request, client_address)  # back to the lobby until it speaks again
            else:
                self.shutdown_request(request)

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
        if self.access_log is not None:
            self.access_log.close()


def make_server_for(app, host: str = "127.0.0.1", port: int = 8000, *, read_timeout: float = 10.0,
                    idle_timeout: float = 10.0, max_handlers: int = 32,
                    access_log: AccessLog | None = None) -> LobbyWSGIServer:
    """The server for `app`, bound to `host:port` (port 0: a free one); `access_log`: where each
    request is logged (`AccessLog.to("-")` for stderr), None for no log."""
    handler = type("Handler", (QuietHandler,), {"read_timeout": read_timeout})
    server_class = type("Server", (LobbyWSGIServer,), {"idle_timeout": idle_timeout,
                                                      "max_handlers": max_handlers,
                                                      "access_log": access_log})
    return make_server(host, port, app, server_class=server_class, handler_class=handler)


__all__ = ["LobbyWSGIServer", "QuietHandler", "make_server_for"]
