"""Writer registry: one writer per output format, found by name, file suffix or MIME type.

A writer serialises one rdflib Graph (or any collection of rdflib (s, p, o) tuples, such as
`rdf.mapping.document_triples` gives) to a binary stream. The three formats carry the same triples
(tests/test_roundtrip.py checks it for every registered writer).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from ..errors import UsageError


class Writer(Protocol):
    def __call__(self, graph: Collection, stream: BinaryIO) -> None: ...


@dataclass(frozen=True)
class Format:
    """One RDF format, with everything every command and the server need to know of it."""

    name: str
    suffix: str
    media_type: str
    rdflib_name: str  # the name rdflib reads and writes it with (validation of files, round trips)
    oxigraph_name: str  # its member of pyoxigraph.RdfFormat (the store, the site, the endpoint)
    label: str  # as people call it
    standard: str  # the specification it follows (the catalogue's dcterms:conformsTo)
    eu_file_type: str  # its code in the EU file-type authority (the catalogue's dcterms:format)
    aliases: tuple[str, ...] = ()
    #: written for every document by `convert` and `build`; the others only where asked for (pages,
    #: `convert --to rdfxml`)
    per_document: bool = True

    @property
    def writer(self) -> Writer:
        from . import formats  # lazily: importing rdflib plugins costs time

        return getattr(formats, f"write_{self.name.replace('-', '_')}")

    @property
    def oxigraph(self):  # -> pyoxigraph.RdfFormat
        import pyoxigraph as ox  # lazily, as rdflib above

        return getattr(ox.RdfFormat, self.oxigraph_name)


FORMATS: tuple[Format, ...] = (
    Format("turtle", ".ttl", "text/turtle", "turtle", "TURTLE", "Turtle", "https://www.w3.org/TR/turtle/",
           "RDF_TURTLE", ("ttl",)),
    Format("jsonld", ".jsonld", "application/ld+json", "json-ld", "JSON_LD", "JSON-LD",
           "https://www.w3.org/TR/json-ld11/", "JSON_LD", ("json-ld",)),
    Format("ntriples", ".nt", "application/n-triples", "nt", "N_TRIPLES", "N-Triples",
           "https://www.w3.org/TR/n-triples/", "RDF_N_TRIPLES", ("nt", "n-triples")),
    Format("rdfxml", ".rdf", "application/rdf+xml", "xml", "RDF_XML", "RDF/XML",
           "https://www.w3.org/TR/rdf-syntax-grammar/", "RDF_XML", ("rdf-xml", "xml"), per_document=False),
)
#: the formats each document is written in
DOCUMENT_FORMATS: tuple[Format, ...] = tuple(f for f in FORMATS if f.per_document)


def by_suffix(suffix: str) -> Format | None:
    """The format of a file suffix (".ttl"), or None."""
    return next((f for f in FORMATS if f.suffix == suffix), None)


def get_format(key: str) -> Format:
    """Find a format by name, alias, suffix (with or without dot) or MIME type."""
    k = key.lower().strip()
    for f in FORMATS:
        if k in (f.name, f.suffix, f.suffix.lstrip("."), f.media_type, *f.aliases):
            return f
    names = ", ".join(f.name for f in FORMATS)
    raise UsageError(f"unknown output format {key!r}; known formats: {names}")


def serialize(graph: Collection, fmt: str) -> bytes:
    """The bytes of `graph` (an rdflib Graph or a collection of triples) in format `fmt`."""
    import io

    buf = io.BytesIO()
    get_format(fmt).writer(graph, buf)
    return buf.getvalue()


__all__ = ["DOCUMENT_FORMATS", "FORMATS", "Format", "by_suffix", "get_format", "serialize"]
