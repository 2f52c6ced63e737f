"""Writing files so a crash never leaves a half-written one, and never outside the output folder.

Files get the mode a file made with `open()` would get (0666 less the umask) from the start, not
mkstemp's 0600: a web server running as another user must be able to read `output/` (as `publish`
does). When the output folder cannot be written (disk full, read-only, no permission), that is no
input's fault: `output_error` turns the OSError into one OutputError naming the file, and the batch
stops.
"""

from __future__ import annotations

import errno
import gzip
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kamerld.errors import OutputError, UsageError


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it; set back at once (at import, before threads)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()
#: what a staged file's name ends in: hidden, and no RDF suffix, so no reader of the folder takes it
STAGED_SUFFIX = ".part"


def inside(root: Path, name: str) -> Path:
    """`root/name`, refusing any name that would land outside `root`."""
    root = root.resolve()
    target = (root / name).resolve()
    if target != root and root not in target.parents:
        raise UsageError(f"refusing to write outside the output folder: {name!r}", str(root))
    return target


def output_error(exc: OSError, path: Path | str) -> OutputError:
    """The one message for an output that cannot be written, with what to do about it."""
    hint = {
        errno.ENOSPC: "free some space and run the same command again: it resumes",
        errno.EDQUOT: "free some space and run the same command again: it resumes",
        errno.EROFS: "the file system is read-only; choose another output folder",
        errno.EACCES: "no permission to write there; choose another output folder",
        errno.EPERM: "no permission to write there; choose another output folder",
        errno.EFBIG: "a file grew past the size this system allows (ulimit -f)",
    }.get(exc.errno or 0, "check the output folder and run the same command again")
    return OutputError(f"cannot write the output: {exc.strerror or exc}", str(path), hint)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, then rename over the target."""
    tmp = stage(path, data)
    try:
        move(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def writing(path: Path | str):
    """A context in which an OSError is the OutputError for `path`."""
    return _Writing(path)


class _Writing:
    def __init__(self, path: Path | str):
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if isinstance(exc, OSError):  # a rename names the target second: that is the file that matters
            where = getattr(exc, "filename2", None) or getattr(exc, "filename", None) or self.path
            raise output_error(exc, where) from exc
        return False


#: how a staged file is opened: a new file (never one that is there, nor a link's target), not
#: inherited by a child process
_STAGE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)


def _create(folder: Path, prefix: str) -> tuple[int, str]:
    """A new hidden file in `folder` and its name. Made with FILE_MODE from the start (no chmod
    after), and the folder made only when the file cannot be: a build writes two files a document
    into folders that are there nearly always, and on some disks each metadata call costs tens of
    microseconds."""
    for attempt in range(100):
        tmp = os.path.join(folder, f"{prefix}{secrets.token_hex(5)}{STAGED_SUFFIX}")
        try:
            return os.open(tmp, _STAGE_FLAGS, FILE_MODE), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if attempt:
                raise
            folder.mkdir(parents=True, exist_ok=True)
    raise FileExistsError(errno.EEXIST, "no free name for a staged file", str(folder))


def stage(path: Path, data: bytes) -> str:
    """Write `data` to a hidden temp file beside `path` (mode as `open()` would give it) and return
    its name; `os.replace(tmp, path)` puts it in place. On failure nothing is left behind."""
    fd, tmp = _create(path.parent, f".{path.name}.")
    try:
        try:
            view = memoryview(data)
            while view:  # a write may take less than it was given (a signal, a full disk)
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


@contextmanager
def open_atomic(path: Path, *, gzipped: bool = False) -> Iterator[IO[bytes]]:
    """A binary handle whose content appears at `path` only when the block ends without error (for
    files written in pieces: the site's pages, gzipped dumps). The same mode as `stage`."""
    fd, tmp = _create(path.parent, f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as raw:
            if gzipped:
                # mtime=0 and no file name: the same data gives the same bytes (reproducible dumps)
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                    yield gz  # type: ignore[misc]
            else:
                yield raw
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def move(tmp: str | Path, target: str | Path) -> None:
    """Put a staged file in place (atomic on one file system)."""
    os.replace(tmp, target)


def remove_staged(folder: Path) -> int:
    """Remove the staged files an interrupted run left in `folder`; how many."""
    n = 0
    try:
        with os.scandir(folder) as entries:  # not Path.glob: a build looks in 512 folders every time
            staged = [e.path for e in entries if e.name.startswith(".") and e.name.endswith(STAGED_SUFFIX)]
        for p in staged:
            Path(p).unlink(missing_ok=True)
            n += 1
    except OSError:
        pass
    return n
