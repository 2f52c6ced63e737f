"""The request log of `kamerld serve`: one line per request in the combined log format.

    127.0.0.1 - - [01/Dec/2025:13:05:00 +0100] "GET /sparql?query=ASK%7B%7D HTTP/1.1" 200 28 "-" "curl/8"

That is Apache's and nginx's default format, so log analysers (goaccess, awstats, fail2ban) read it
as it is. What the client sent (request line, Referer, User-Agent) is escaped as Apache escapes it:
`"` and `\\` with a backslash, any other byte outside printable ASCII as `\\xhh`, so a request cannot
forge a line or colour a terminal.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import TextIO

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def escape(value: str | None) -> str:
    """A client's text as it may stand between the quotes of a log line; "-" when there is none."""
    if not value:
        return "-"
    out = []
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:  # not in a latin-1 request line, but in a header decoded otherwise
            out.extend(f"\\x{b:02x}" for b in ch.encode("utf-8", "surrogatepass"))
    return "".join(out)


def timestamp(when: float | None = None) -> str:
    """`01/Dec/2025:13:05:00 +0100`: local time with its offset, English month names whatever the locale."""
    t = time.localtime(when)
    offset = t.tm_gmtoff or 0
    sign = "+" if offset >= 0 else "-"
    hours, minutes = divmod(abs(offset) // 60, 60)
    return (f"{t.tm_mday:02d}/{_MONTHS[t.tm_mon - 1]}/{t.tm_year}:{t.tm_hour:02d}:{t.tm_min:02d}:"
            f"{t.tm_sec:02d} {sign}{hours:02d}{minutes:02d}")


def combined_line(client: str, request_line: str | None, status: int | str, size: int | str,
                  referer: str | None = None, user_agent: str | None = None,
                  when: float | None = None) -> str:
    """One line of the combined log format (without the newline)."""
    size_text = str(size) if size not in (0, "0", None, "") else "-"
    return (f'{escape(client)} - - [{timestamp(when)}] "{escape(request_line)}" {status} {size_text} '
            f'"{escape(referer)}" "{escape(user_agent)}"')


class AccessLog:
    """Writes log lines to a stream or appends them to a file, one whole line at a time from any thread."""

    def __init__(self, stream: TextIO, *, owned: bool = False):
        self._stream = stream
        self._owned = owned  # a file this log opened, and closes
        self._lock = threading.Lock()

    @classmethod
    def to(cls, target: str | Path | None) -> AccessLog | None:
        """`-` (or nothing) is stderr, a path is a file opened for appending, None is no log."""
        if target is None:
            return None
        if str(target) in ("", "-"):
            return cls(sys.stderr)
        return cls(open(target, "a", encoding="utf-8", buffering=1), owned=True)  # noqa: SIM115

    def write(self, line: str) -> None:
        with self._lock:
            try:
                self._stream.write(line + "\n")
                self._stream.flush()
            except (OSError, ValueError):  # a full disk or a closed stream must not stop the server
                pass

    def close(self) -> None:
        if self._owned:
            with self._lock:
                self._stream.close()


__all__ = ["AccessLog", "combined_line", "escape", "timestamp"]
