"""The whole-dataset dumps of a build, written from the dump parts the workers made.

A worker compresses each document's N-Triples, Turtle and JSON-LD nodes into one gzip member each
(`document_parts`), in parallel with the other worker; the parts are kept in the build state. A dump
is the concatenation of the parts in the order of the document names: a file of several gzip members
is one gzip file (RFC 1952, section 2.2), which gzip, zcat, Python and every RDF loader that reads
.gz read as one stream. So writing a dump reads no document file and compresses nothing again (but
the links of the batch). A build after the first copies from the dumps on disk, in the kernel,
every part they already hold (`write_dumps`, with the layout the state kept), so what goes through
Python is what changed, not the 138 MB of the dumps at 20,000 documents.

N-Triples and Turtle concatenate: each per-document Turtle part stands on its own (prefixes may be
declared again; we use no blank nodes). The JSON-LD dump is one document: a header member with the
context, the nodes of each document, a member with ",\n" between them, and a closing member.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import NamedTuple

from kamerld.writers.atomic import output_error

from .deflate import GZIP_LEVEL, deflate

#: gzip level of the parts (`deflate`: ISA-L's or zlib's)
DUMP_LEVEL = GZIP_LEVEL
DUMP_NAMES = {"nt": "kamerld.nt.gz", "ttl": "kamerld.ttl.gz", "jsonld": "kamerld.jsonld.gz"}
_GRAPH_OPEN, _GRAPH_CLOSE = b'\n"@graph": [\n', b"\n]}"


def gzip_member():
    """A compressor of one gzip member (`compress`, then `flush`), as the dumps' parts are made."""
    return deflate.compressobj(DUMP_LEVEL, deflate.DEFLATED, 31)


def gz(data: bytes) -> bytes:
    """`data` as one complete gzip member."""
    c = gzip_member()
    return c.compress(data) + c.flush()


def jsonld_body(text: bytes) -> bytes:
    """The node objects of a per-document JSON-LD file, one a line, without context or brackets."""
    start, end = text.find(_GRAPH_OPEN), text.rfind(_GRAPH_CLOSE)
    if start >= 0 and end >= start:  # our writer puts one node a line between these markers
        return text[start + len(_GRAPH_OPEN):end].strip()
    doc = json.loads(text)  # another writer's (rdflib's, for a graph with blank nodes)
    nodes = doc.get("@graph", [doc] if "@id" in doc else []) if isinstance(doc, dict) else doc
    for node in nodes:
        node.pop("@context", None)
    return ",\n".join(json.dumps(n, ensure_ascii=False) for n in nodes).encode("utf-8")


def document_parts(nt: bytes, ttl: bytes, jsonld: bytes) -> tuple[bytes | None, bytes | None, bytes | None]:
    """The three dump parts of one document's serialisations (None for an empty one)."""
    body = jsonld_body(jsonld)
    return (gz(nt) if nt.strip() else None,
            gz(ttl if ttl.endswith(b"\n") else ttl + b"\n") if ttl.strip() else None,
            gz(body) if body else None)


def _open_tmp(path: Path):
    return open(path, "wb", buffering=0)  # noqa: SIM115 - closed by the caller; `_write` buffers


class Piece(NamedTuple):
    """One stretch of a dump: a gzip member (or its pieces) and what it is. The same key stands for
    the same bytes, so a piece the last dump already holds is copied from it, not written again."""

    key: str  # a document's name and the digest of its parts, a corpus graph's, a constant's digest
    data: Callable[[], bytes | Iterable[bytes]]


#: (the dump file's identity when written: size, mtime_ns, inode; each piece's key and length, in order)
Layout = tuple[str, list[tuple[str, int]]]


def constant(data: bytes) -> Piece:
    """A piece of fixed bytes (the JSON-LD dump's head, commas and tail)."""
    member = gz(data)
    return Piece("c " + hashlib.blake2b(member, digest_size=10).hexdigest(), lambda: member)


def jsonld_pieces(parts: Iterable[Piece], context: dict) -> Iterator[Piece]:
    """The JSON-LD dump's pieces: one document with the context, the nodes of each part, a member
    with ",\n" between two parts (never inside one), and a closing member."""
    yield constant(('{"@context": ' + json.dumps(context, ensure_ascii=False) + ', "@graph": [\n').encode())
    comma = constant(b",\n")
    first = True
    for part in parts:
        if not first:
            yield comma
        yield part
        first = False
    yield constant(b"\n]}\n")


def identity(path: Path) -> str:
    """What tells a dump file as written from one changed since: its size, mtime and inode."""
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def pack_layout(layout: list[tuple[str, int]]) -> bytes:
    return zlib.compress("\n".join(f"{key}\t{length}" for key, length in layout).encode("utf-8"), 1)


def unpack_layout(blob: bytes) -> list[tuple[str, int]]:
    text = zlib.decompress(blob).decode("utf-8")
    return [(key, int(length)) for key, _, length in (line.rpartition("\t") for line in text.split("\n"))
            ] if text else []


def write_dumps(dumps: Path, pieces: dict[str, Iterable[Piece]], before: dict[str, Layout] | None = None
                ) -> tuple[dict[str, int], dict[str, Layout]]:
    """Write the three dumps from their pieces (`pieces["nt"]`: the N-Triples dump's, in order).
    With `before` (each dump's layout as last written), a piece the dump on disk already holds is
    copied from it by the kernel (`os.copy_file_range`), so a rebuild after one change reads and
    writes in Python only what changed; a dump that is not as it was written is written whole.

    All three are written to temp files first and moved into place together: a failure (a full disk)
    leaves the dumps of the last complete build, all three, and no temp file. Returns each dump's
    size and its layout (to keep for the next build).
    """
    done: list[tuple[Path, Path]] = []
    layouts: dict[str, list[tuple[str, int]]] = {}
    try:
        dumps.mkdir(exist_ok=True)
        for column, name in DUMP_NAMES.items():
            target = dumps / name
            tmp = target.with_suffix(".gz.tmp")
            done.append((tmp, target))
            old = _reusable(target, (before or {}).get(column))
            with _open_tmp(tmp) as fh:
                layouts[column] = _write(fh.fileno(), pieces[column], *old)
        for tmp, target in done:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        raise output_error(exc, getattr(exc, "filename", None) or dumps) from exc
    except BaseException:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        raise
    return ({target.name: target.stat().st_size for _, target in done},
            {column: (identity(target), layouts[column]) for column, (_, target)
             in zip(DUMP_NAMES, done, strict=True)})


def _reusable(target: Path, layout: Layout | None
              ) -> tuple[Path | None, dict[str, tuple[int, int]], dict[int, str]]:
    """The dump on disk, where each piece of it first is (offset, length), and which piece starts
    at each offset, when the file is still the one `layout` describes; else (None, {}, {})."""
    nothing: tuple[None, dict[str, tuple[int, int]], dict[int, str]] = (None, {}, {})
    if layout is None:
        return nothing
    written, pieces = layout
    try:
        if identity(target) != written:
            return nothing
    except OSError:
        return nothing
    where: dict[str, tuple[int, int]] = {}
    starts: dict[int, str] = {}
    offset = 0
    for key, length in pieces:
        where.setdefault(key, (offset, length))
        starts[offset] = key
        offset += length
    if offset != int(written.split()[0]):  # not the layout of this file after all
        return nothing
    return target, where, starts


#: bytes written at a time by `_write`
_BUFFER = 1 << 20


def _write(fd: int, pieces: Iterable[Piece], old: Path | None, where: dict[str, tuple[int, int]],
           starts: dict[int, str]) -> list[tuple[str, int]]:
    """Write the pieces to `fd`, copying from `old` those it holds (`_reusable`), in runs as long as
    the old file allows (a repeated piece, the JSON-LD dump's comma, is taken where the run goes on);
    returns the layout."""
    layout: list[tuple[str, int]] = []
    buffered: list[bytes] = []
    size = 0
    run = [0, 0]  # the stretch of `old` to copy next: offset, length

    def flush() -> None:
        """What is buffered, then the stretch of `old` to copy, in the order they came."""
        nonlocal size
        if buffered:
            _write_all(fd, b"".join(buffered))
            buffered.clear()
            size = 0
        if run[1]:
            _copy(src.fileno(), fd, *run)
            run[:] = [0, 0]

    with open(old, "rb", buffering=0) if old is not None else nullcontext() as src:
        for piece in pieces:
            hit = where.get(piece.key)
            if hit is not None:
                offset, length = hit
                end = run[0] + run[1]
                if run[1] and starts.get(end) == piece.key:
                    run[1] += length
                else:
                    flush()
                    run[:] = [offset, length]
                layout.append((piece.key, length))
                continue
            if run[1]:
                flush()
            data = piece.data()
            length = 0
            for chunk in ((data,) if isinstance(data, bytes) else data):
                buffered.append(chunk)
                length += len(chunk)
                size += len(chunk)
            if size >= _BUFFER:
                flush()
            if length:
                layout.append((piece.key, length))
        flush()
    return layout


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _copy(src: int, dst: int, offset: int, length: int) -> None:
    """`length` bytes of `src` from `offset` appended to `dst`: in the kernel where it can (no
    bytes through Python; a reflink on file systems that share extents), else read and written."""
    if not length:
        return
    if hasattr(os, "copy_file_range"):
        try:
            while length:
                n = os.copy_file_range(src, dst, length, offset)
                if n == 0:
                    raise OSError(errno.EIO, "the dump being copied from ended early")
                offset += n
                length -= n
            return
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF):
                raise
    while length:
        data = os.pread(src, min(length, _BUFFER), offset)
        if not data:
            raise OSError(errno.EIO, "the dump being copied from ended early")
        _write_all(dst, data)
        offset += len(data)
        length -= len(data)


__all__ = ["DUMP_LEVEL", "DUMP_NAMES", "Layout", "Piece", "constant", "document_parts", "gz", "gzip_member",
           "identity", "jsonld_body", "jsonld_pieces", "pack_layout", "unpack_layout", "write_dumps"]
