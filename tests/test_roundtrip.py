"""Every registered writer carries the same triples: serialise, parse back, compare (rdflib style)."""

from __future__ import annotations

import pytest
from conftest import REPO, corpus_file
from rdflib import Graph
from rdflib.compare import isomorphic

from kamerld.batch.pipeline import read_documents
from kamerld.rdf.mapping import document_graph
from kamerld.sources import Source
from kamerld.writers import FORMATS, get_format, serialize

INPUTS = [
    "seed/000_aa57e04ab390d964.txt",
    "txt-koop-pdf/ah-tk-20242025-583.txt",
    "txt-ministry-docx/AH615-2024Z17538.txt",
    "docx-ministry/jenv-beantwoording-02.docx",
    "xml-tk-vlos/vlos-e2903f19-34e9-4c37-b1dc-f985d071fc97_d5130a6f-0400-4b03.xml",
]


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS])
@pytest.mark.parametrize("relative", INPUTS)
def test_roundtrip(relative, fmt):
    [doc] = read_documents(Source.from_path(corpus_file(relative)))
    graph = document_graph(doc)
    back = Graph().parse(data=serialize(graph, fmt), format=get_format(fmt).rdflib_name)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


def test_roundtrip_examples():
    for path in sorted((REPO / "examples").rglob("*.*")):
        for doc in read_documents(Source.from_path(path)):
            graph = document_graph(doc)
            for f in FORMATS:
                back = Graph().parse(data=serialize(graph, f.name), format=f.rdflib_name)
                assert isomorphic(back, graph), (path, f.name)


def test_format_lookup():
    assert get_format("ttl").name == "turtle"
    assert get_format("text/turtle").name == "turtle"
    assert get_format(".jsonld").name == "jsonld"
    assert get_format("application/n-triples").name == "ntriples"
    assert get_format("application/rdf+xml").name == "rdfxml"
    with pytest.raises(Exception, match="known formats"):
        get_format("trig")
