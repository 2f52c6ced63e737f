"""Validate RDF files on disk: each file is parsed and validated on its own, as a consumer would."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kamerld.publish.store import rdf_files

from ..errors import InputError
from ..writers import DOCUMENT_FORMATS
from .shacl import Report, validate_graph

#: the files `validate` reads: the per-document formats of the one table, suffix -> rdflib format
RDF_SUFFIXES = {f.suffix: f.rdflib_name for f in DOCUMENT_FORMATS}


def load_rdf(path: Path) -> Graph:
    fmt = RDF_SUFFIXES.get(path.suffix)
    if fmt is None:
        raise InputError(f"not an RDF file kamerld reads (suffixes: {', '.join(RDF_SUFFIXES)})", str(path))
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as exc:
        raise InputError(f"cannot parse as {fmt}: {exc}", str(path)) from exc
    return g


def validate_paths(paths, *, shapes: str | None = None, lang: str = "en") -> dict[str, Report]:
    """Validate every RDF file under `paths`; the JSON-LD twin of a Turtle file is validated too."""
    files = rdf_files([Path(p) for p in paths], one_per_document=False)
    if not files:
        raise InputError("no RDF files (.ttl, .nt, .jsonld) found", ", ".join(map(str, paths)))
    return {str(f): validate_graph(load_rdf(f), shapes=shapes, lang=lang) for f in files}
