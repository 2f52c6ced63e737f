"""A linked-data crawler over the published site, as LOD tools walk it: start at one question IRI, ask
for Turtle, follow every IRI the answer names, and nothing else (no HTML, no SPARQL).

Real corpus documents (Aanhangsel 2024-2025 nr. 583: questions of Koekkoek, Van Nispen and Ceder to the
minister of Asiel en Migratie, the answers, a cited Kamerstuk), converted and published with the CLI,
served by `kamerld serve`'s application on 127.0.0.1. IRIs under the base are requested from the local
server; IRIs elsewhere (TOOI, Wikidata, KOOP) are only recorded: a test makes no outbound request.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections import deque

import pytest
import rdflib
from click.testing import CliRunner
from conftest import CORPUS
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS

from kamerld.cli import cli
from kamerld.publish.server import make_app, make_server_for

BASE = "https://w3id.org/kamerld/"
KLD = rdflib.Namespace(BASE + "def#")
DOC = BASE + "id/document/ah-tk-20242025-583"
ELI_DL = rdflib.Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    source = CORPUS / "txt-koop-pdf" / "ah-tk-20242025-583.txt"
    if not source.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    tmp = tmp_path_factory.mktemp("crawl")
    runner = CliRunner()
    result = runner.invoke(cli, ["convert", str(source), "-o", str(tmp / "rdf")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["publish", str(tmp / "rdf"), "-o", str(tmp / "site")])
    assert result.exit_code == 0, result.output
    app = make_app(tmp / "site")
    server = make_server_for(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/kamerld/"
    finally:
        server.shutdown()
        server.server_close()
        app.close()


def turtle_of(url: str) -> tuple[int, rdflib.Graph | None]:
    """GET with Accept: text/turtle, following the 303 from id/ to doc/ as a client does."""
    req = urllib.request.Request(url, headers={"Accept": "text/turtle"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers["Content-Type"].startswith("text/turtle"), (url, resp.headers["Content-Type"])
            return resp.status, rdflib.Graph().parse(data=resp.read(), format="turtle")
    except urllib.error.HTTPError as exc:
        return exc.code, None


Crawl = tuple[dict[str, rdflib.Graph], dict[str, int], set[str]]


def crawl(local: str, start: str, limit: int = 300) -> Crawl:
    """(graph per dereferenced IRI, status of every IRI under the base that failed, IRIs outside it)."""
    seen, todo = {start}, deque([start])
    graphs: dict[str, rdflib.Graph] = {}
    failed: dict[str, int] = {}
    outside: set[str] = set()
    while todo and len(graphs) + len(failed) < limit:
        iri = todo.popleft()
        status, g = turtle_of(local + iri[len(BASE):])
        if g is None:
            failed[iri] = status
            continue
        graphs[iri] = g
        for term in {t for triple in g for t in triple if isinstance(t, rdflib.URIRef)}:
            target = str(term).split("#", 1)[0]  # a term's IRI is fetched without its fragment
            if not target.startswith(BASE):
                outside.add(str(term))
            elif target not in seen:
                seen.add(target)
                todo.append(target)
    return graphs, failed, outside


def test_from_one_question_a_crawler_reaches_everything_by_links_alone(served):
    question = f"{DOC}/vraag/5"
    graphs, failed, outside = crawl(served, question)
    assert failed == {}, "every IRI under the base that the data names must dereference"
    q = rdflib.URIRef(question)
    here = graphs[question]
    # the answer: only the answer states eli-dl:answers_to, and the question's own RDF carries it
    answers = set(here.subjects(ELI_DL.answers_to, q))
    assert answers == {rdflib.URIRef(f"{DOC}/antwoord/5")}
    assert str(next(iter(answers))) in graphs
    # the askers, with their names, and each asker's fractie, with its one Dutch name
    askers = set(here.objects(q, KLD.gesteldDoor))
    assert {str(graphs[str(a)].value(a, FOAF.name)) for a in askers} == {
        "Marieke Koekkoek", "Michiel van Nispen", "Don Ceder"}
    fracties = set(here.objects(q, KLD.namens))
    assert {str(f).rsplit("/", 1)[-1] for f in fracties} == {"volt", "sp", "christenunie"}
    for f in fracties:
        labels = [lbl for lbl in graphs[str(f)].objects(f, SKOS.prefLabel) if lbl.language == "nl"]
        assert len(labels) == 1
    # the ministry: a TOOI IRI (it dereferences at TOOI), named in the data the crawler read
    answer = graphs[f"{DOC}/antwoord/5"]
    [ministry] = answer.objects(rdflib.URIRef(f"{DOC}/antwoord/5"), KLD.namensMinisterie)
    assert str(ministry) in outside and str(ministry).startswith("https://identifier.overheid.nl/tooi/id/")
    assert answer.value(ministry, RDFS.label) is not None
    # the citation: the cited Kamerstuk is not in the data, yet has a page with its official publication
    cited = {c for c in answer.objects(rdflib.URIRef(f"{DOC}/antwoord/5"), DCT.references)
             if str(c).startswith(BASE)}  # (and a web page of the EIB, outside)
    assert cited == {rdflib.URIRef(BASE + "id/document/kst-21501-20-2018")}
    for paper in cited:
        assert graphs[str(paper)].value(paper, FOAF.page) is not None
    # the vocabulary: every kld: term used dereferences to the ontology, which defines it
    ontology = graphs[BASE + "def"]
    used = {t for g in graphs.values() for triple in g for t in triple
            if isinstance(t, rdflib.URIRef) and str(t).startswith(str(KLD))}
    assert used and [t for t in used if (t, RDFS.label, None) not in ontology] == []
    assert (rdflib.URIRef(BASE + "def"), RDF.type, OWL.Ontology) in ontology
    # the document, the source file, and back: the parts of the document are in its description
    assert f"{DOC}/vraag/1" in graphs and DOC in graphs
    assert any(iri.startswith(BASE + "id/bron/") for iri in graphs)


def test_the_dataset_descriptions_dereference(served):
    """Every IRI under the base in the VoID and the DCAT (catalogue, dataset, services, distributions,
    publisher, contact point, the ontology's version, the shapes) answers with Turtle."""
    with urllib.request.urlopen(served + "dcat.ttl", timeout=30) as resp:
        dcat = rdflib.Graph().parse(data=resp.read(), format="turtle")
    with urllib.request.urlopen(served + "void.ttl", timeout=30) as resp:
        void = rdflib.Graph().parse(data=resp.read(), format="turtle")
    named = {str(t).split("#", 1)[0] for g in (dcat, void) for triple in g for t in triple
             if isinstance(t, rdflib.URIRef) and str(t).startswith(BASE + "id/")}
    assert len(named) >= 10
    ontology = turtle_of(served + "def")[1]
    version = ontology.value(rdflib.URIRef(BASE + "def"), OWL.versionIRI)
    named |= {str(version), BASE + "def/shapes", BASE + "def/shapes-advisory"}
    statuses = {iri: turtle_of(served + iri[len(BASE):])[0] for iri in sorted(named)}
    assert {iri: s for iri, s in statuses.items() if s != 200} == {}
