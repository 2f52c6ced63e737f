"""Links out and answer time: official publications, source files, register ids, and how long an
answer took, on real corpus documents (dates and numbers read from the files by hand)."""

from __future__ import annotations

import pytest
from conftest import CORPUS, REPO
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, SKOS, XSD

from kamerld.batch.pipeline import Options, convert, read_documents
from kamerld.rdf.mapping import map_document
from kamerld.rdf.uris import koop_publication
from kamerld.sources import Source

ID = "https://w3id.org/kamerld/id/"
KLD = "https://w3id.org/kamerld/def#"
KOOP = "https://zoek.officielebekendmakingen.nl/"


@pytest.mark.parametrize("doc_id, year, expected", [
    ("ah-tk-20242025-583", None, True),
    ("h-tk-20172018-70-10", None, True),
    ("kv-tk-2024Z18775", None, True),
    ("stb-2024-213", None, True),
    ("kst-36200-VII-5", None, True),  # a dossier from after 1995: every paper in it is at KOOP
    ("kst-21501-20-2018", None, False),  # an older dossier: without a year we cannot know
    ("kst-21501-20-2018", 2024, True),
    ("kst-13983-24a", 1976, False),
    ("ah-tk-19741975-923", None, False),  # at Staten-Generaal Digitaal, not KOOP
    ("stb-1994-1", None, False),
    ("mnre1058-5401166", 2024, None),  # a ministry's own letter: no KOOP id
    ("antwoord-tk-2024Z11859", 2024, None),
])
def test_the_official_publication_is_linked_only_where_koop_has_it(doc_id, year, expected):
    url = koop_publication(doc_id, year)
    assert url == (KOOP + doc_id if expected else None)


def _mapped(relative: str):
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"shared corpus not found at {path}")
    [doc] = read_documents(Source.from_path(path))
    return doc, map_document(doc)


def _value(triples, s, p):
    return {o for (s2, p2, o) in triples if s2 == URIRef(s) and p2 == URIRef(p)}


@pytest.mark.parametrize("relative, doc_id, days, late", [
    # "ingezonden 20 september 2024" ... "ontvangen 18 november 2024"
    ("txt-koop-pdf/ah-tk-20242025-583.txt", "ah-tk-20242025-583", 59, True),
    # "ingezonden 4 november 2024" ... "ontvangen 18 november 2024"
    ("txt-koop-pdf/ah-tk-20242025-573.txt", "ah-tk-20242025-573", 14, False),
    # a ministry's Word letter: "In antwoord op uw brief van 5 juli 2024" and "Datum 25 juli 2024"
    ("docx-ministry/jenv-beantwoording-01.docx", "antwoord-tk-2024Z11859", 20, False),
    # "In antwoord op uw brief van 8 juli 2024" and "Datum 26 augustus 2024"
    ("docx-ministry/jenv-beantwoording-05.docx", "antwoord-tk-2024Z11889", 49, True),
])
def test_answer_time_on_the_document_and_each_answer(relative, doc_id, days, late):
    doc, mapped = _mapped(relative)
    assert doc.id == doc_id and doc.answers
    nodes = [ID + f"document/{doc_id}", *(ID + f"document/{doc_id}/antwoord/{a.number}" for a in doc.answers)]
    for node in nodes:
        assert _value(mapped.document, node, KLD + "beantwoordingsduur") == {
            Literal(days, datatype=XSD.integer)}
        assert _value(mapped.document, node, KLD + "termijnOverschreden") == {Literal(late)}


def test_answer_letters_carry_their_submission_date():
    """Every DOCX answer letter of the corpus prints "In antwoord op uw brief van <date>": before,
    none of the five had a submission date, so none had an answer time."""
    folder = CORPUS / "docx-ministry"
    if not folder.is_dir():
        pytest.skip(f"shared corpus not found at {folder}")
    docs = [d for p in sorted(folder.glob("*.docx")) for d in read_documents(Source.from_path(p))]
    assert len(docs) == 5
    assert [d.date_submitted.isoformat() for d in docs] == [
        "2024-07-05", "2024-03-08", "2023-12-06", "2024-03-05", "2024-07-08"]
    for d in docs:
        days = Literal((d.date - d.date_submitted).days, datatype=XSD.integer)
        triple = (URIRef(ID + f"document/{d.id}"), URIRef(KLD + "beantwoordingsduur"), days)
        assert triple in map_document(d).document


def test_a_document_links_its_official_publication_and_its_source_file():
    doc, mapped = _mapped("txt-koop-pdf/ah-tk-20242025-583.txt")
    me = ID + "document/ah-tk-20242025-583"
    assert _value(mapped.document, me, str(FOAF.page)) == {URIRef(KOOP + "ah-tk-20242025-583")}
    [source] = _value(mapped.document, me, str(PROV.wasDerivedFrom))
    assert source == URIRef(ID + f"bron/{doc.source_sha256}")
    # the file is shared (a file may hold several documents): in the corpus graph, with its checksum
    assert (source, RDF.type, PROV.Entity) in mapped.shared
    assert (source, DCTERMS.identifier, Literal(f"urn:sha256:{doc.source_sha256}")) in mapped.shared
    # the cited Kamerstuk: a 2024 answer cites "Kamerstuk 21 501-20, nr. 2018", a paper KOOP publishes
    kst = URIRef(ID + "document/kst-21501-20-2018")
    assert (kst, FOAF.page, URIRef(KOOP + "kst-21501-20-2018")) in mapped.shared


def test_what_is_known_of_a_held_paper_is_left_to_its_own_graph(tmp_path):
    """examples: the answer 9001 cites the mededeling 8999, which the batch holds: the corpus graph says
    nothing about 8999 that is not in 8999's own file; a cited Kamerstuk not held gets its page link."""
    convert([REPO / "examples"], tmp_path, Options(outputs=("turtle",)))
    links = Graph().parse(tmp_path / "_links.ttl")
    held = URIRef(ID + "document/ah-tk-20242025-8999")
    assert (held, DCTERMS.identifier, None) not in links
    assert (URIRef(ID + "document/kst-29279-338"), FOAF.page, URIRef(KOOP + "kst-29279-338")) in links
    registers = Graph().parse(tmp_path / "_registers.ttl")
    # a fractie's Wikidata id and a person's Tweede Kamer, Wikidata and parlement.com ids
    vvd = URIRef("http://www.wikidata.org/entity/Q239333")
    assert (URIRef(ID + "fractie/vvd"), SKOS.exactMatch, vvd) in registers
    matches = {str(o) for o in registers.objects(URIRef(ID + "persoon/michiel-van-nispen"), SKOS.exactMatch)}
    assert {m.split("/")[2] for m in matches} == {
        "gegevensmagazijn.tweedekamer.nl", "www.wikidata.org", "www.parlement.com"}
