"""kamerld's public API: the few functions a program needs, and the same ones the CLI runs.

    import kamerld

    docs = kamerld.read("ah-tk-20242025-583.txt")           # read and enrich: model.Document
    graph = kamerld.to_graph(docs[0])                        # map: an rdflib Graph
    report = kamerld.validate(graph)                         # SHACL: a validation.Report
    data = kamerld.serialize(graph, "turtle")                # bytes, in any format of kamerld.FORMATS
    run = kamerld.convert(["examples/"], "out/", jobs=2)     # a whole batch, as `kamerld convert` does

Everything else (readers, registers, the mapping's helpers) may change between versions; these do not
without a note in the changelog. Errors are those of `kamerld.errors`; a wrong argument is a
`TypeError` or `ValueError`. The heavy modules are imported when a function is first called, so
`import kamerld` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

    from kamerld.batch.report import RunReport

    from .model import Document
    from .validation import Report

__all__ = ["read", "to_graph", "validate", "serialize", "convert"]


def read(path: str | Path, *, reader: str | None = None) -> list[Document]:
    """The documents in one input file, read and enriched (mentions resolved through the registers,
    citations found). `reader` forces a reader by name (`kamerld report` lists them); by default the
    reader that fits the file best is used. Raises `errors.InputError` naming the file when it cannot
    be read."""
    from kamerld.batch.pipeline import read_documents

    from .sources import Source

    return read_documents(Source.from_path(path), reader)


def to_graph(doc: Document, *, base: str | None = None) -> Graph:
    """One document as RDF, with URIs under `base` (default `https://w3id.org/kamerld/`)."""
    from .rdf.mapping import document_graph
    from .rdf.uris import DEFAULT_BASE, Minter

    return document_graph(doc, Minter(base or DEFAULT_BASE).base)


def validate(graph: Graph, *, shacl: str = "fast", lang: str = "en") -> Report:
    """Check a graph against kamerld's shapes. `shacl="fast"` is the compiled validator the batch
    uses (the same results as pySHACL on these shapes); `"pyshacl"` runs the reference engine."""
    from kamerld.batch.pipeline import validate_one

    if shacl not in ("fast", "pyshacl"):
        raise ValueError(f"shacl must be 'fast' or 'pyshacl', got {shacl!r}")
    return validate_one(graph, shacl=shacl, lang=lang)


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """The graph in one of kamerld's formats ("turtle", "jsonld", "ntriples", "rdfxml"; see `FORMATS`)."""
    from .writers import serialize as _serialize

    return _serialize(graph, fmt)


def convert(
    paths: Iterable[str | Path],
    out: str | Path | None,
    *,
    formats: Sequence[str] = ("turtle", "jsonld"),
    base: str | None = None,
    validate: bool = True,
    shacl: str = "fast",
    reader: str | None = None,
    jobs: int | None = None,
    max_seconds: float | None = None,
    max_memory: int | None = None,
) -> RunReport:
    """Convert files and folders into `out` (one file per document and format; `_registers.*` for the
    register resources the documents name and `_links.*` for what they share and the batch as a whole
    says), as `kamerld convert` does. `jobs` runs inputs in that many worker
    processes, each on its own budget (`max_seconds` of time, `max_memory` bytes; defaults 120 s and
    1 GiB); `None` converts in this process. `reader` forces a reader for every input. A bad input
    never stops the batch: it is named in the returned report."""
    from kamerld.batch.budget import Budget
    from kamerld.batch.pipeline import Options
    from kamerld.batch.pipeline import convert as _convert

    from .rdf.uris import DEFAULT_BASE, Minter
    from .writers import get_format

    for f in formats:
        get_format(f)  # an unknown format is the caller's mistake: raise before any work
    if shacl not in ("fast", "pyshacl"):
        raise ValueError(f"shacl must be 'fast' or 'pyshacl', got {shacl!r}")
    options = Options(
        base=Minter(base or DEFAULT_BASE).base,
        reader=reader,
        outputs=tuple(get_format(f).name for f in formats),
        validate=validate,
        shacl=shacl,
    )
    default = Budget()
    budget = Budget(max_seconds or default.seconds, max_memory or default.memory)
    return _convert(list(paths), Path(out) if out is not None else None, options, jobs=jobs, budget=budget)
