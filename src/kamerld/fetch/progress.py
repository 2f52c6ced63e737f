"""A one-line progress display for fetches, on stderr, only when stderr is a terminal (or asked)."""

from __future__ import annotations

import sys
import time

from .fetcher import Outcome


class FetchProgress:
    def __init__(self, enabled: bool, stream=None):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.start = self.last = time.perf_counter()
        self.failed = 0
        self.shown = False
        self.state: tuple[str, int, int] = ("", 0, 0)  # the last document, done, total

    def __call__(self, outcome: Outcome, done: int, total: int) -> None:
        self.failed += outcome.status == "failed"
        self.state = (outcome.id, done, total)
        now = time.perf_counter()
        if self.enabled and (not self.shown or now - self.last >= 0.2 or done >= total):
            self.last = now
            self._draw()

    def _draw(self, final: bool = False) -> None:
        doc_id, done, total = self.state
        total = done if final else max(total, done)  # the SRU count includes records that were skipped
        width = 24
        filled = int(width * done / max(total, 1))
        rate = done / max(time.perf_counter() - self.start, 1e-9)
        self.stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} documents  "
                          f"{rate:5.1f}/s  {self.failed} failed  {doc_id:<28.28} ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self._draw(final=True)
            self.stream.write("\n")
