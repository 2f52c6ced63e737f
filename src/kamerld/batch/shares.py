"""A document's share of the corpus graphs, as the batch carries it from the worker to the state.

The share is what a document implies beyond what it says (the register resources, zaken and files it
names: `rdf.mapping.MappedDocument`): its sorted N-Triples lines, deflated. It travels back with the
document's result and is kept in the build state beside its dump parts, so making the corpus graphs
reads no file back (a first build of 20,000 inputs used to read 20,000 share files, a third of the
time of its corpus step).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .deflate import deflate

if TYPE_CHECKING:  # a build that converts nothing reads shares without loading rdflib
    from kamerld.rdf.mapping import Triple

#: deflate level of a share: it is small and unpacked at most once or twice per change
LEVEL = 1


def pack(triples: Iterable[Triple]) -> tuple[str, bytes]:
    """(SHA-1 of the sorted N-Triples lines, those lines deflated) of a document's share."""
    from kamerld.writers.fast import to_ntriples

    data = to_ntriples(triples)
    return hashlib.sha1(data, usedforsecurity=False).hexdigest(), deflate.compress(data, LEVEL)


def lines(share: bytes) -> list[str]:
    """The N-Triples lines (without newline) of a packed share."""
    return [ln for ln in zlib.decompress(share).decode("utf-8").split("\n") if ln]


def triples(packed: Iterable[bytes]) -> set[Triple]:
    """The triples of many packed shares, each distinct triple once: documents name the same persons,
    zaken and files again and again, so the lines are deduplicated as text first and rdflib terms
    made of each distinct line once."""
    from kamerld.writers.fast import from_ntriples

    seen: set[str] = set()
    for share in packed:
        seen.update(lines(share))
    return from_ntriples("\n".join(sorted(seen)).encode("utf-8")) if seen else set()


__all__ = ["LEVEL", "lines", "pack", "triples"]
