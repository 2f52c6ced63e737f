"""Safe file names and atomic writes for everything the site writes.

Every path is built from sanitised segments and checked to stay inside the output folder; every file is
written to a temporary file beside it and moved into place with os.replace, so a reader (or a web server)
never sees half a file and an interrupted run leaves the previous version intact.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kamerld.errors import InputError
from kamerld.writers import atomic

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"", ".", ".."}


def safe_segment(segment: str) -> str:
    """One path segment from an identifier: `[A-Za-z0-9._-]` only, no leading dots, never empty."""
    cleaned = _UNSAFE.sub("-", segment)
    cleaned = re.sub(r"\.{2,}", ".", cleaned).strip("-.")  # no "..", no hidden files
    return cleaned if cleaned not in _RESERVED else "-"


def inside(root: Path, rel: str) -> Path:
    """`root/rel`, refusing anything that would land outside `root` (absolute paths, `..`, symlinks)."""
    root_resolved = root.resolve()
    target = (root_resolved / rel).resolve()
    if not target.is_relative_to(root_resolved) or target == root_resolved:
        raise InputError(f"refusing to write outside the output folder: {rel!r}", path=str(root))
    return target


def write_bytes(root: Path, rel: str, data: bytes) -> Path:
    with open_atomic(root, rel) as fh:
        fh.write(data)
    return inside(root, rel)


def write_text(root: Path, rel: str, text: str) -> Path:
    return write_bytes(root, rel, text.encode("utf-8"))


@contextmanager
def open_atomic(root: Path, rel: str, *, gzipped: bool = False) -> Iterator[IO[bytes]]:
    """`atomic.open_atomic` for `root/rel`, refusing a `rel` that would land outside `root`."""
    with atomic.open_atomic(inside(root, rel), gzipped=gzipped) as fh:
        yield fh


def relative_href(from_rel: str, to_rel: str) -> str:
    """A relative link from the page at `from_rel` to `to_rel` (both relative to the site root)."""
    return os.path.relpath(to_rel, os.path.dirname(from_rel) or ".").replace(os.sep, "/")


Writer = Callable[[Path, str, bytes], Path]
