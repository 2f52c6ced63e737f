"""The whole-dataset dumps of a build, written from the dump parts the workers made.

A worker compresses each document's N-Triples, Turtle and JSON-LD nodes into one gzip member each
(`document_parts`), in parallel with the other worker; the parts are kept in the build state. A dump
is the concatenation of the parts in the order of the document names: a file of several gzip members
is one gzip file (RFC 1952, section 2.2), which gzip, zcat, Python and every RDF loader that reads
.gz read as one stream. So writing a dump reads no document file and compresses nothing again (but
the links of the batch): at 20,000 documents it copies about 60 MB out of SQLite.

N-Triples and Turtle concatenate: each per-document Turtle part stands on its own (prefixes may be
declared again; we use no blank nodes). The JSON-LD dump is one document: a header member with the
context, the nodes of each document, a member with ",\n" between them, and a closing member.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable
from pathlib import Path

from kamerld.writers.atomic import output_error

#: gzip level of the parts: 3 packs nearly as well as 5 (+15 %) in half the time
DUMP_LEVEL = 3
DUMP_NAMES = {"nt": "kamerld.nt.gz", "ttl": "kamerld.ttl.gz", "jsonld": "kamerld.jsonld.gz"}
_GRAPH_OPEN, _GRAPH_CLOSE = b'\n"@graph": [\n', b"\n]}"


def gz(data: bytes) -> bytes:
    """`data` as one complete gzip member."""
    c = zlib.compressobj(DUMP_LEVEL, zlib.DEFLATED, 31)
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
    return open(path, "wb")  # noqa: SIM115 - closed by the caller


def write_dumps(dumps: Path, parts: dict[str, Iterable[bytes | Iterable[bytes]]], context: dict
                ) -> dict[str, int]:
    """Write the three dumps from their parts (`parts["nt"]`: the N-Triples parts, in order). A part
    is the bytes of a gzip member, or its pieces in order (the corpus graphs', `corpus_files`).

    All three are written to temp files first and moved into place together: a failure (a full disk)
    leaves the dumps of the last complete build, all three, and no temp file.
    """
    done: list[tuple[Path, Path]] = []
    try:
        dumps.mkdir(exist_ok=True)
        for column, name in DUMP_NAMES.items():
            target = dumps / name
            tmp = target.with_suffix(".gz.tmp")
            done.append((tmp, target))
            with _open_tmp(tmp) as fh:
                if column == "jsonld":
                    _write_jsonld(fh, parts[column], context)
                else:
                    for part in parts[column]:
                        _write_part(fh, part)
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
    return {target.name: target.stat().st_size for _, target in done}


def _write_part(fh, part: bytes | Iterable[bytes]) -> None:
    if isinstance(part, bytes):
        fh.write(part)
    else:
        for piece in part:
            fh.write(piece)


def _write_jsonld(fh, parts: Iterable[bytes | Iterable[bytes]], context: dict) -> None:
    fh.write(gz(('{"@context": ' + json.dumps(context, ensure_ascii=False) + ', "@graph": [\n').encode()))
    comma = gz(b",\n")  # between the nodes of two parts, never inside a part's member
    first = True
    for part in parts:
        if not first:
            fh.write(comma)
        _write_part(fh, part)
        first = False
    fh.write(gz(b"\n]}\n"))


__all__ = ["DUMP_LEVEL", "DUMP_NAMES", "document_parts", "gz", "jsonld_body", "write_dumps"]
