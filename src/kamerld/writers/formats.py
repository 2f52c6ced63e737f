"""The writers themselves: Turtle, JSON-LD (compacted with the packaged context), N-Triples, RDF/XML.

Each takes an rdflib Graph or any collection of (s, p, o) rdflib terms. Graphs without blank nodes
(every kamerld document) go through the fast writers of `writers.fast`; those refuse blank nodes, and
then rdflib's serialisers write the graph, so the writers stay general.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import BinaryIO

from rdflib import Graph

from .context import jsonld_context


def _as_graph(triples: Collection) -> Graph:
    if isinstance(triples, Graph):
        return triples
    from kamerld.writers.fast import graph_of

    return graph_of(triples)


def write_turtle(graph: Collection, stream: BinaryIO) -> None:
    from kamerld.writers.fast import to_turtle

    try:
        stream.write(to_turtle(graph))
    except ValueError:  # blank nodes: rdflib's writer
        stream.write(_as_graph(graph).serialize(format="turtle", encoding="utf-8"))


def write_ntriples(graph: Collection, stream: BinaryIO) -> None:
    # sorted lines: stable output, so reruns give identical files and diffs stay small
    from kamerld.writers.fast import to_ntriples

    try:
        stream.write(to_ntriples(graph))
        return
    except ValueError:  # blank nodes: rdflib's writer
        pass
    data = _as_graph(graph).serialize(format="nt", encoding="utf-8")
    lines = sorted(line for line in data.splitlines() if line.strip())
    stream.write(b"\n".join(lines) + (b"\n" if lines else b""))


def write_jsonld(graph: Collection, stream: BinaryIO) -> None:
    from kamerld.writers.fast import to_jsonld

    try:
        stream.write(to_jsonld(graph))
    except ValueError:  # blank nodes: rdflib's writer
        stream.write(_as_graph(graph).serialize(format="json-ld", context=jsonld_context(),
                                                encoding="utf-8", indent=2))


def write_rdfxml(graph: Collection, stream: BinaryIO) -> None:
    # RDF/XML is asked for rarely (pages, `convert --to rdfxml`): rdflib's writer, no fast path
    stream.write(_as_graph(graph).serialize(format="xml", encoding="utf-8"))
