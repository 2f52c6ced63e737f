"""The writers themselves: Turtle, JSON-LD (compacted with the packaged context), N-Triples."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import BinaryIO

from rdflib import Graph


@cache
def jsonld_context() -> dict:
    """The project's JSON-LD context, shipped with the package; never fetched."""
    text = resources.files("kamerld.rdf").joinpath("context.jsonld").read_text("utf-8")
    return json.loads(text)["@context"]


def write_turtle(graph: Graph, stream: BinaryIO) -> None:
    stream.write(graph.serialize(format="turtle", encoding="utf-8"))


def write_ntriples(graph: Graph, stream: BinaryIO) -> None:
    # sorted lines: stable output, so reruns give identical files and diffs stay small
    data = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(line for line in data.splitlines() if line.strip())
    stream.write(b"\n".join(lines) + (b"\n" if lines else b""))


def write_jsonld(graph: Graph, stream: BinaryIO) -> None:
    stream.write(graph.serialize(format="json-ld", context=jsonld_context(), encoding="utf-8", indent=2))
