"""The corpus-level pass that joins a delay notice, its answer and their zaak."""

from __future__ import annotations

from conftest import REPO
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from kamerld.batch.links import LinkInfo, cross_links, links_graph
from kamerld.batch.pipeline import read_documents
from kamerld.rdf.namespaces import KLD
from kamerld.sources import Source

DOC = "https://w3id.org/kamerld/id/document/"


def test_bundled_mededeling_and_answer_are_joined():
    """examples: ah-tk-20242025-8999 is the mededeling for zaak 2024Z99001; the answer
    ah-tk-20242025-9001 says "Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 8999"."""
    paths = [REPO / "examples/ministry-text/AH8999-2024Z99001.txt",
             REPO / "examples/koop-pdf-text/ah-tk-20242025-9001.txt"]
    infos = [LinkInfo.of(d) for p in paths for d in read_documents(Source.from_path(p))]
    assert infos[1].see_also == ("ah-tk-20242025-8999",)
    links = cross_links(infos)
    assert links.see_also == {("ah-tk-20242025-8999", "ah-tk-20242025-9001")}  # the answer already says it
    assert links.zaak == {("ah-tk-20242025-9001", "2024Z99001")}
    g = links_graph(links)
    assert (URIRef(DOC + "ah-tk-20242025-8999"), RDFS.seeAlso, URIRef(DOC + "ah-tk-20242025-9001")) in g
    assert (URIRef(DOC + "ah-tk-20242025-9001"), KLD.zaak,
            URIRef("https://w3id.org/kamerld/id/zaak/2024Z99001")) in g


def test_first_and_later_answer_of_one_zaak():
    first = LinkInfo("ah-tk-20242025-100", "Antwoorddocument", zaken=("2024Z1",))
    nader = LinkInfo("ah-tk-20242025-300", "Antwoorddocument", zaken=("2024Z1",))
    notice = LinkInfo("ah-tk-20242025-50", "Mededeling", zaken=("2024Z1",), uitstel_van=("kv-tk-2024Z1",))
    other = LinkInfo("ah-tk-20242025-999", "Antwoorddocument", zaken=("2024Z2",))
    links = cross_links([first, nader, notice, other])
    ids = {first.id, nader.id, notice.id}
    assert links.see_also == {(a, b) for a in ids for b in ids if a != b}
    assert links.zaak == set()


def test_nothing_invented_for_documents_not_read():
    answer = LinkInfo("ah-tk-20242025-583", "Antwoorddocument", see_also=("ah-tk-20242025-244",))
    assert len(cross_links([answer])) == 0


def test_convert_and_build_write_the_links(tmp_path):
    from kamerld.batch.build import build
    from kamerld.batch.pipeline import Options, convert

    convert([REPO / "examples"], tmp_path / "convert", Options())
    assert "ah-tk-20242025-8999> rdfs:seeAlso <https://w3id.org/kamerld/id/document/ah-tk-20242025-9001>" in (
        tmp_path / "convert" / "_links.ttl").read_text()
    build([REPO / "examples"], tmp_path / "build", jobs=1, progress=False)
    links = Graph().parse(tmp_path / "build" / "documents" / "_links.ttl")
    # the links between the two documents: the rest of the graph is what the documents share
    notice, answer = URIRef(f"{DOC}ah-tk-20242025-8999"), URIRef(f"{DOC}ah-tk-20242025-9001")
    between = sorted((s, p, o) for s, p, o in links if s in (notice, answer))
    assert between == sorted([
        (notice, RDFS.seeAlso, answer),
        (answer, KLD.uitstelmededeling, notice),
        (answer, KLD.zaak, URIRef("https://w3id.org/kamerld/id/zaak/2024Z99001")),
    ])
    assert isomorphic(Graph().parse(tmp_path / "convert" / "_links.ttl"), links)
    import gzip

    dump = gzip.decompress((tmp_path / "build" / "dumps" / "kamerld.nt.gz").read_bytes()).decode()
    assert ("<https://w3id.org/kamerld/id/document/ah-tk-20242025-9001> <https://w3id.org/kamerld/def#zaak> "
            "<https://w3id.org/kamerld/id/zaak/2024Z99001> .") in dump


def test_the_answer_names_the_mededeling_that_announced_its_delay():
    answer = LinkInfo("ah-tk-20242025-300", "Antwoorddocument", zaken=("2024Z1",))
    notice = LinkInfo("ah-tk-20242025-50", "Mededeling", zaken=("2024Z1",))
    other = LinkInfo("ah-tk-20242025-51", "Mededeling", zaken=("2024Z2",))
    assert cross_links([answer, notice, other]).notices == {("ah-tk-20242025-300", "ah-tk-20242025-50")}
