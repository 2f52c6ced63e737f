"""Shared test fixtures. The real corpus is read from ../shared/corpus, never copied into the repo."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "000_aa57e04ab390d964.txt"


def corpus_file(relative: str) -> Path:
    """A file of the shared corpus, or a skip that says where the corpus was looked for."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (tests read ../shared/corpus beside the repo)")
    return path


@pytest.fixture
def seed_path() -> Path:
    return corpus_file("seed/000_aa57e04ab390d964.txt")


class ListLog:
    """A stream for the server's AccessLog that keeps its lines: which requests a client sent."""

    def __init__(self):
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines += text.splitlines()

    def flush(self) -> None:
        pass

    def wait_for(self, count: int, seconds: float = 5.0) -> list[str]:
        """The lines once there are `count` of them (or after `seconds`, for the test to fail on)."""
        deadline = time.monotonic() + seconds
        while len(self.lines) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return list(self.lines)

    def close(self) -> None:
        pass
