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
    name: str
    suffix: str
    media_type: str
    rdflib_name: str  # the name rdflib parses it with (tests, round trips)
    aliases: tuple[str, ...] = ()

    @property
    def writer(self) -> Writer:
        from . import formats  # lazily: importing rdflib plugins costs time

        return getattr(formats, f"write_{self.name.replace('-', '_')}")


FORMATS: tuple[Format, ...] = (
    Format("turtle", ".ttl", "text/turtle", "turtle", ("ttl",)),
    Format("jsonld", ".jsonld", "application/ld+json", "json-ld", ("json-ld",)),
    Format("ntriples", ".nt", "application/n-triples", "nt", ("nt", "n-triples")),
)


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


__all__ = ["FORMATS", "Format", "get_format", "serialize"]
