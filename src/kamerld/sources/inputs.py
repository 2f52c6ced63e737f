"""Which files of the folders given are inputs, and why every other file is not.

Every path under an input folder ends in exactly one list: the inputs (sorted), or the skipped ones
with their reason (a suffix kamerld does not read, a hidden file, a symbolic link that loops or points
nowhere, a folder that cannot be listed, a KOOP metadata file read with its document). The run report
carries the skipped list, so a file that was not converted is never silently missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

INPUT_SUFFIXES = (".txt", ".xml", ".docx", ".pdf", ".text", ".html", ".htm")


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class InputScan:
    #: the inputs, as paths in strings (a build of 20,000 unchanged inputs needs no Path of them)
    names: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: the fetch records and KOOP metadata files seen, read with their documents; None when a file
    #: was named on its own (its folder was not listed, so what lies beside it is not known)
    companions: set[str] | None = field(default_factory=set)

    @property
    def files(self) -> list[Path]:
        return [Path(n) for n in self.names]


def companion_of(f: Path) -> Path | None:
    """The document a KOOP `NAME.metadata.xml` (or `metadata.xml`) belongs to, when it is beside it:
    the metadata is read with that document, not on its own."""
    if f.name.endswith(".metadata.xml"):
        stem = f.name[: -len(".metadata.xml")]
        # beside a KOOP XML, or a PDF or web page that `kamerld fetch` saved with its metadata
        beside = (f.parent / (stem + suffix) for suffix in (".xml", ".pdf", ".html"))
        return next((d for d in beside if d.exists()), None)
    if f.name == "metadata.xml":
        try:
            return next((x for x in sorted(f.parent.iterdir())
                         if x.suffix == ".xml" and x.name != "metadata.xml"), None)
        except OSError:
            return None
    return None


def _suffix(name: str) -> str:
    """`Path(name).suffix`, without making a Path."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _walk(folder: Path | str, scan: InputScan, seen: set[tuple[int, int]]) -> Iterator[str]:
    """The inputs under `folder`, in the order of their full paths, as they are found (what is not
    an input goes into `scan`). A folder's entries are all looked at before any of its inputs is
    given out, so the companions beside an input are known by then; they are taken in the order of
    their name, with "/" after a folder's: then "a-b.txt" comes before "a/x.txt", as in a sort of the
    full paths, and no list of every input is needed to sort."""
    try:
        st = os.stat(folder)
        entries = list(os.scandir(folder))
    except OSError as exc:
        scan.skipped.append(Skipped(str(folder), f"cannot list the folder: {exc.strerror or exc}"))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        scan.skipped.append(Skipped(str(folder), "symbolic link loop (a folder that contains itself)"))
        return
    seen = seen | {key}
    found: list[tuple[str, bool, str]] = []  # (sort key, is a folder, path)
    for entry in entries:
        path = entry.path  # a string until it is known to be an input: 20,000 Paths cost a second
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir()  # follows links
            is_file = entry.is_file()
        except OSError as exc:
            scan.skipped.append(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        if is_link and not (is_dir or is_file):
            try:
                os.stat(path)
                reason = "not a regular file or folder"
            except RuntimeError:
                reason = "symbolic link loop"
            except OSError as exc:
                if exc.errno == 40:  # ELOOP
                    reason = "symbolic link loop"
                else:
                    reason = f"dangling symbolic link (its target {os.readlink(path)!r} does not exist)"
            scan.skipped.append(Skipped(str(path), reason))
        elif is_dir:
            if entry.name.startswith("."):
                scan.skipped.append(Skipped(str(path), "hidden folder"))
            else:
                found.append((entry.name + "/", True, path))
        elif not is_file:
            scan.skipped.append(Skipped(str(path), "not a regular file (a device, socket or pipe)"))
        elif entry.name.startswith("."):
            scan.skipped.append(Skipped(str(path), "hidden file"))
        elif entry.name.endswith(".fetch.json"):
            # `kamerld fetch` writes one beside each document: read with it (fetch/apply.py)
            scan.skipped.append(Skipped(str(path), "fetch record, read with the document it describes"))
            scan.companions.add(str(path))  # type: ignore[union-attr]
        elif (suffix := _suffix(entry.name)).lower() not in INPUT_SUFFIXES:
            kind = suffix or "a file without a suffix"
            scan.skipped.append(Skipped(str(path), f"{kind} is not a kind of file kamerld reads"))
        elif entry.name.endswith("metadata.xml") and (doc := companion_of(Path(path))) is not None:
            scan.skipped.append(Skipped(str(path), f"KOOP metadata, read with {doc.name}"))
            scan.companions.add(str(path))  # type: ignore[union-attr]
        else:
            found.append((entry.name, False, path))
    for _key, is_dir, path in sorted(found):
        if is_dir:
            yield from _walk(path, scan, seen)
        else:
            yield path


def iter_inputs(paths: Iterable[str | Path], scan: InputScan) -> Iterator[str]:
    """The inputs of `scan_inputs` one at a time, as the folders are walked; `scan` gets the skipped
    files and the companions of each folder named once it is walked (its `names` stay empty). A build
    keeps the inputs on disk, not in a list."""
    for p in map(Path, paths):
        if p.is_dir():
            found = InputScan()
            yield from _walk(p, found, set())
            scan.skipped += sorted(found.skipped, key=lambda s: s.path)
            if scan.companions is not None:
                scan.companions |= found.companions  # type: ignore[operator]
        else:
            yield str(p)  # named by the user: read it, and say so if it cannot be
            scan.companions = None


def scan_inputs(paths: Iterable[str | Path]) -> InputScan:
    """Files named, and the input files inside folders named (recursively, sorted, links followed
    with loops detected); everything else under the folders in `skipped` with its reason."""
    scan = InputScan()
    scan.names = list(iter_inputs(paths, scan))
    return scan


__all__ = ["INPUT_SUFFIXES", "InputScan", "Skipped", "companion_of", "iter_inputs", "scan_inputs"]
