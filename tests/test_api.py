"""The public API (docs/api.md) does what the command line does, on the bundled examples."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO
from rdflib import Graph, URIRef

import kamerld
from kamerld.errors import InputError

EXAMPLE = REPO / "examples" / "koop-pdf-text" / "ah-tk-20242025-9001.txt"


def test_read_map_validate_serialize_one_document():
    [doc] = kamerld.read(EXAMPLE)
    assert doc.id == "ah-tk-20242025-9001"
    graph = kamerld.to_graph(doc)
    assert (URIRef("https://w3id.org/kamerld/id/document/ah-tk-20242025-9001"), None, None) in graph
    assert kamerld.validate(graph).conforms
    assert kamerld.validate(graph, shacl="pyshacl").conforms
    back = Graph().parse(data=kamerld.serialize(graph, "turtle"), format="turtle")
    assert len(back) == len(graph)
    # a base of one's own
    mine = kamerld.to_graph(doc, base="https://example.org/kv")
    assert (URIRef("https://example.org/kv/id/document/ah-tk-20242025-9001"), None, None) in mine


def test_convert_is_the_commands_batch(tmp_path):
    out = tmp_path / "out"
    run = kamerld.convert([REPO / "examples"], out, formats=("turtle",))
    assert run.counts()["failed"] == 0
    files = sorted(p.name for p in out.glob("*.ttl") if not p.name.startswith("_"))
    expected = sorted(p.name for p in (REPO / "output").glob("*.ttl") if not p.name.startswith("_"))
    assert files == expected
    for name in files:  # the same triples as the bundled output, which `kamerld convert` wrote
        assert Graph().parse(out / name).isomorphic(Graph().parse(REPO / "output" / name)), name


def test_mistakes_of_the_caller_and_of_the_input(tmp_path):
    with pytest.raises(ValueError):
        kamerld.convert([EXAMPLE], tmp_path, formats=("docx",))
    with pytest.raises(ValueError):
        kamerld.to_graph(kamerld.read(EXAMPLE)[0], base="ftp://x/")
    with pytest.raises(ValueError):
        kamerld.validate(Graph(), shacl="x")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError) as err:
        kamerld.read(empty)
    assert err.value.path == str(empty)


def test_import_is_cheap_and_formats_are_one_table():
    code = "import sys, kamerld; print('rdflib' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )
    assert [f.name for f in kamerld.FORMATS] == ["turtle", "jsonld", "ntriples", "rdfxml"]
    from kamerld.writers import DOCUMENT_FORMATS

    assert [f.suffix for f in DOCUMENT_FORMATS] == [".ttl", ".jsonld", ".nt"]
