"""A polite HTTP client for the official services: rate limit, retries with backoff, timeouts.

* at most `rate` requests a second (KOOP and the Tweede Kamer throttle per address);
* 429 and 5xx, timeouts, dropped connections and truncated bodies are retried `retries` times,
  waiting `backoff`, 2x, 4x … seconds, or as long as the service's `Retry-After` says;
* a body larger than `max_bytes` is refused, as `kamerld build` would refuse the file;
* redirects are followed only onto the official hosts (or the mirror);
* every failure is a `FetchError` naming the URL; an unreachable service is an `OfflineError`.

The standard library's urllib does the work: no dependency for what a few lines do. `sleep` and
`clock` are arguments so tests can watch the waits without waiting.
"""

from __future__ import annotations

import errno
import http.client
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from .. import __version__
from ..errors import FetchError, OfflineError
from ..sources import MAX_INPUT_BYTES
from .services import Services

USER_AGENT = f"kamerld/{__version__} (+https://w3id.org/kamerld/)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class NotFound(FetchError):
    """The service says the URL does not exist (404) or no longer does (410)."""


class _Retryable(Exception):
    """One attempt failed in a way worth another try; `wait` is what the service asked for."""

    def __init__(self, reason: str, wait: float | None = None, offline: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.wait = wait
        self.offline = offline


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _unreachable(reason: object) -> bool:
    """No network, an unknown host or nobody listening: retrying later will not help this run."""
    if isinstance(reason, socket.gaierror | ConnectionRefusedError):
        return True
    return isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH)


class _SameServices(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only when it stays on the services kamerld may talk to."""

    def __init__(self, services: Services):
        self.services = services

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 (urllib's hook)
        if not self.services.allowed(newurl):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a host kamerld does not fetch from: "
                                         f"{newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, self.services.request_url(newurl))


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    bytes: int = 0
    waits: list[float] = field(default_factory=list)  # every pause for a retry, in seconds


class HttpClient:
    def __init__(
        self,
        services: Services | None = None,
        *,
        rate: float = 2.0,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 300.0,
        max_bytes: int = MAX_INPUT_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        if rate <= 0:
            raise ValueError("rate must be more than 0 requests a second")
        self.services = services or Services()
        self.interval = 1.0 / rate
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.clock = clock
        self.stats = Stats()
        self._next = 0.0
        self._opener = urllib.request.build_opener(_SameServices(self.services))

    # -- one request ------------------------------------------------------------------------

    def _pace(self) -> None:
        wait = self._next - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._next = self.clock() + self.interval

    def _attempt(self, url: str, accept: str) -> bytes:
        request = urllib.request.Request(
            self.services.request_url(url), headers={"User-Agent": USER_AGENT, "Accept": accept}
        )
        self._pace()
        self.stats.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as resp:
                return self._body(resp, url)
        except urllib.error.HTTPError as exc:
            if exc.code in RETRY_STATUS:
                raise _Retryable(f"HTTP {exc.code}", retry_after(exc.headers.get("Retry-After"))) from exc
            if exc.code in (404, 410):
                raise NotFound(f"not found (HTTP {exc.code})", url) from exc
            raise FetchError(f"HTTP {exc.code} {exc.reason}", url) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise _Retryable(f"no answer within {self.timeout:g} s") from exc
            if _unreachable(reason):
                raise _Retryable(f"cannot connect ({reason})", offline=True) from exc
            raise _Retryable(f"connection failed ({reason})") from exc
        except TimeoutError as exc:
            raise _Retryable(f"no answer within {self.timeout:g} s") from exc
        except http.client.IncompleteRead as exc:
            raise _Retryable(f"truncated body ({len(exc.partial)} bytes received)") from exc
        except (ConnectionError, http.client.HTTPException) as exc:
            raise _Retryable(f"connection dropped ({type(exc).__name__})") from exc

    def _body(self, resp: http.client.HTTPResponse, url: str) -> bytes:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"response is {declared} bytes, more than the limit of {self.max_bytes}", url)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = resp.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"response is more than the limit of {self.max_bytes} bytes", url)
            chunks.append(chunk)
        if declared and declared.isdigit() and size < int(declared):
            raise _Retryable(f"truncated body ({size} of {declared} bytes)")
        self.stats.bytes += size
        return b"".join(chunks)

    # -- with retries -------------------------------------------------------------------------

    def get(self, url: str, accept: str = "*/*") -> bytes:
        """The body of `url` (official form), or FetchError naming it after the retries."""
        last: _Retryable | None = None
        for attempt in range(self.retries + 1):
            try:
                return self._attempt(url, accept)
            except _Retryable as exc:
                last = exc
                if attempt == self.retries:
                    break
                wait = self.backoff * (2 ** attempt)
                if exc.wait is not None:
                    if exc.wait > self.max_wait:
                        why = f"the service asks to wait {exc.wait:g} s (Retry-After)"
                        raise FetchError(f"{exc.reason}: {why}, more than the {self.max_wait:g} s allowed",
                                         url) from None
                    wait = exc.wait
                self.stats.retries += 1
                self.stats.waits.append(wait)
                self.sleep(wait)
        assert last is not None
        tries = self.retries + 1
        if last.offline:
            raise OfflineError(
                f"cannot reach the service: {last.reason} ({tries} tries)", url,
                "check the network connection, or point kamerld at a mirror with --mirror",
            )
        raise FetchError(f"{last.reason} ({tries} tries)", url)
