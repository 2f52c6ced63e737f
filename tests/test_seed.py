"""The seed: one page of a real BZK answer letter to a schriftelijk overleg (../shared/corpus/seed).

Read by hand: the page starts inside a question of the VVD-fractie (its number is on the previous
page), which is answered; then question 4 ("Deze leden …", still the VVD) and its answer, which cites
Kamerstukken II 2022/23, 35165, nr. 51 and is cut off at the page end.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF

import kamerld
from kamerld.rdf.namespaces import ELI, ELI_DL, KLD

BASE = "https://w3id.org/kamerld/id/"
DOC = URIRef(BASE + "document/mnre1034-2023-0000010189")
BZK = URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034")
POST = URIRef(BASE + "post/minister-van-binnenlandse-zaken-en-koninkrijksrelaties")
VVD = URIRef(BASE + "fractie/vvd")


@pytest.fixture(scope="module")
def seed(request):
    from conftest import corpus_file

    # the public API, the same path `kamerld convert` takes
    [doc] = kamerld.read(corpus_file("seed/000_aa57e04ab390d964.txt"))
    graph = kamerld.to_graph(doc)
    return doc, graph, kamerld.validate(graph)


def test_document_identity(seed):
    doc, g, _ = seed
    assert doc.reader == "letter-text"
    assert doc.id == "mnre1034-2023-0000010189"  # {ministry-code}-{kenmerk}, as the data contract says
    assert (DOC, RDF.type, KLD.Document) in g
    assert (DOC, DCTERMS.identifier, Literal("mnre1034-2023-0000010189")) in g
    assert (DOC, KLD.kenmerk, Literal("2023-0000010189")) in g


def test_questions_and_answers(seed):
    doc, g, _ = seed
    assert [q.number for q in doc.questions] == ["p1", "4"]
    assert [a.number for a in doc.answers] == ["p1", "4"]
    assert [a.answers for a in doc.answers] == [["p1"], ["4"]]
    fragment, q4 = doc.questions
    assert fragment.fragment and fragment.text.startswith("geconstateerde problematiek uit de Atlas.")
    assert q4.text.startswith("Deze leden wachten de uitkomsten van de verdiepende onderzoeken")
    assert "Pagina 3 van 29" not in doc.answers[1].text and "Kenmerk" not in fragment.text
    assert "situationele niet-stemmers" in doc.answers[1].text  # a real hyphen kept
    assert "Ongeveer een derde van de groep niet-stemmers" in doc.answers[1].text  # hyphen at a line end
    q4_uri, a4_uri = URIRef(f"{DOC}/vraag/4"), URIRef(f"{DOC}/antwoord/4")
    assert (a4_uri, ELI_DL.answers_to, q4_uri) in g
    assert (URIRef(f"{DOC}/antwoord/p1"), ELI_DL.answers_to, URIRef(f"{DOC}/vraag/p1")) in g
    assert (q4_uri, ELI.is_part_of, DOC) in g
    assert (q4_uri, ELI.number, Literal("4")) in g
    assert (URIRef(f"{DOC}/vraag/p1"), KLD.fragment, Literal(True)) in g


def test_fractie_attribution(seed):
    doc, g, _ = seed
    assert [q.fractie for q in doc.questions] == ["VVD", "VVD"]  # "Deze leden" = the VVD-fractie
    for q in ("p1", "4"):
        assert (URIRef(f"{DOC}/vraag/{q}"), KLD.namens, VVD) in g


def test_ministry_resolved_to_tooi(seed):
    _, g, _ = seed
    assert (URIRef(f"{DOC}/vraag/p1"), KLD.gerichtAan, POST) in g
    assert (POST, ORG.postIn, BZK) in g
    assert (URIRef(f"{DOC}/antwoord/4"), KLD.namensMinisterie, BZK) in g


def test_kamerstuk_reference(seed):
    _, g, _ = seed
    target = URIRef(BASE + "document/kst-35165-51")
    a4 = URIRef(f"{DOC}/antwoord/4")
    assert (a4, DCTERMS.references, target) in g
    [node] = [n for n in g.objects(a4, KLD.verwijzing) if (n, DCTERMS.references, target) in g]
    assert g.value(node, DCTERMS.bibliographicCitation) == Literal("Kamerstukken II 2022/23, 35165, nr. 51")
    assert g.value(node, KLD.inVoetnoot) == Literal(False)


def test_conforms_to_shapes(seed):
    _, _, report = seed
    assert report.conforms, report.text()
    infos = [r.message for r in report.results if r.severity == "info"]
    assert any("fragment" in m.lower() for m in infos), infos
