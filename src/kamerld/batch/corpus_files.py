"""The corpus graphs of a build written to their files and dump parts as a stream, from the state.

At 20,000 inputs `_links` is 12 MB of Turtle; at 200,000 it would be ten times that. Holding its
lines, its N-Triples, its Turtle and its JSON-LD at once made the main process grow with the
corpus, so each graph is written in one pass: the lines come from the state in order
(`corpus.graph_lines`), go to a staged N-Triples file that pyoxigraph turns into Turtle as it reads,
and the nodes come from the state one at a time (`corpus.graph_nodes`). Every byte of a dump part
is compressed as it is written, into one gzip member kept in the state in pieces
(`extras`, `PIECE` bytes each: the dumps are concatenations of bytes, `dumps`).

A file whose content did not change is left alone (an incremental build does not touch it).
"""

from __future__ import annotations

import filecmp
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kamerld.writers.atomic import inside, output_error

from .corpus import chunks
from .dumps import gzip_member

if TYPE_CHECKING:
    from .state import BuildState

#: compressed bytes of a dump part kept in one row of the state
PIECE = 1 << 20


class _Member:
    """One gzip member, written as the data comes, kept in the state `PIECE` bytes at a time."""

    def __init__(self, state: BuildState, name: str):
        self.state, self.name = state, name
        self._z = gzip_member()
        self._out: list[bytes] = []
        self._size = 0
        self._seq = 0
        self.empty = True
        self.last = b""

    def write(self, data: bytes) -> None:
        if not data:
            return
        self.empty = False
        self.last = data[-1:]
        self._keep(self._z.compress(data))

    def _keep(self, data: bytes, final: bool = False) -> None:
        if data:
            self._out.append(data)
            self._size += len(data)
        if self._out and (final or self._size >= PIECE):
            self.state.write("INSERT INTO extras (name, seq, data) VALUES (?, ?, ?)",
                             (self.name, self._seq, b"".join(self._out)))
            self._seq += 1
            self._out, self._size = [], 0

    def close(self) -> None:
        """End the member (an empty one is not kept: `dumps` leaves empty parts out)."""
        tail = self._z.flush()
        if not self.empty:
            self._keep(tail, final=True)


class _Tee:
    """A file that also feeds a dump member (pyoxigraph writes its Turtle into this)."""

    def __init__(self, fh, member: _Member):
        self.fh, self.member = fh, member

    def write(self, data) -> int:
        data = bytes(data)
        self.fh.write(data)
        self.member.write(data)
        return len(data)

    def flush(self) -> None:
        self.fh.flush()


def _staged(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _put(staged: Path, target: Path) -> None:
    """Move `staged` to `target` unless `target` already holds the same bytes."""
    if target.is_file() and filecmp.cmp(staged, target, shallow=False):
        staged.unlink()
    else:
        os.replace(staged, target)


def write_graph(docs_dir: Path, state: BuildState, stem: str, lines: Iterable[str], nodes: Iterator[str],
                formats: Iterable[str]) -> list[str]:
    """Write one corpus graph's files (`stem` + the suffix of each of `formats`, of "turtle",
    "jsonld", "ntriples") from its sorted N-Triples `lines` and its JSON-LD `nodes` (JSON text, in the
    order of their @id), and its three dump parts into the state's `extras`. An empty graph removes
    its files. Returns the files written."""
    from kamerld.writers import get_format, serialize
    from kamerld.writers.fast import from_ntriples, jsonld_head, jsonld_tail, write_turtle_of_ntriples

    targets = {fmt.name: inside(docs_dir, stem + fmt.suffix) for fmt in map(get_format, formats)}
    nt_path = targets.get("ntriples") or inside(docs_dir, f".{stem}.nt")
    staged: list[Path] = []
    members = {column: _Member(state, f"{stem}.{column}") for column in ("nt", "ttl", "jsonld")}
    try:
        # N-Triples: the file pyoxigraph reads for the Turtle, and the dump part
        nt_tmp = _staged(nt_path)
        staged.append(nt_tmp)
        with nt_tmp.open("wb") as fh:
            for batch in chunks(lines, 1000):
                data = ("\n".join(batch) + "\n").encode("utf-8")
                fh.write(data)
                members["nt"].write(data)
        if members["nt"].empty:  # no line: no graph
            for target in targets.values():
                target.unlink(missing_ok=True)
            nt_tmp.unlink()
            return []
        ttl_path = targets.get("turtle") or inside(docs_dir, f".{stem}.ttl")
        ttl_tmp = _staged(ttl_path)
        staged.append(ttl_tmp)
        with ttl_tmp.open("wb") as fh:
            write_turtle_of_ntriples(str(nt_tmp), _Tee(fh, members["ttl"]))
            if members["ttl"].last != b"\n":  # a dump part ends its last line
                members["ttl"].write(b"\n")
        jsonld_tmp = None
        if "jsonld" in targets:
            jsonld_tmp = _staged(targets["jsonld"])
            staged.append(jsonld_tmp)
        with (jsonld_tmp.open("wb") if jsonld_tmp is not None else open(os.devnull, "wb")) as fh:
            fh.write(jsonld_head())
            first = True
            for batch in chunks(nodes, 1000):
                data = (("" if first else ",\n") + ",\n".join(batch)).encode("utf-8")
                fh.write(data)
                members["jsonld"].write(data)
                first = False
            fh.write(jsonld_tail())
        for member in members.values():
            member.close()
        made = {"ntriples": nt_tmp, "turtle": ttl_tmp, "jsonld": jsonld_tmp}
        for name in targets.keys() - made.keys():  # no streaming writer: the general one, whole
            made[name] = _staged(targets[name])
            staged.append(made[name])
            made[name].write_bytes(serialize(from_ntriples(nt_tmp.read_bytes()), name))
        written = []
        for name, target in targets.items():
            _put(made[name], target)
            written.append(str(target))
        return written
    except OSError as exc:
        raise output_error(exc, getattr(exc, "filename", None) or docs_dir) from exc
    finally:
        for tmp in staged:
            tmp.unlink(missing_ok=True)


__all__ = ["PIECE", "write_graph"]
