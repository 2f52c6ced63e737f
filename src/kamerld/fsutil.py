"""Writing files so a crash never leaves a half-written one, and never outside the output folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def inside(root: Path, name: str) -> Path:
    """`root/name`, refusing any name that would land outside `root`."""
    root = root.resolve()
    target = (root / name).resolve()
    if target != root and root not in target.parents:
        raise UsageError(f"refusing to write outside the output folder: {name!r}", str(root))
    return target


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
