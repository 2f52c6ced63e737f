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

    def __call__(self, outcome: Outcome, done: int, total: int) -> None:
        self.failed += outcome.status == "failed"
        now = time.perf_counter()
        if not self.enabled or (now - self.last < 0.2 and done < total):
            return
        self.last = now
        total = max(total, done)
        width = 24
        filled = int(width * done / max(total, 1))
        rate = done / max(now - self.start, 1e-9)
        self.stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} documents  "
                          f"{rate:5.1f}/s  {self.failed} failed  {outcome.id:<28.28} ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
