"""The ontology (ontology/kamerld.ttl) and the JSON-LD context (src/kamerld/rdf/context.jsonld).

The ontology must declare every kld term the mapping emits, the shapes check and the context names,
each with a label and a comment in Dutch and English; the context must round-trip real graphs.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, XSD
from test_shapes import AH585, MED562  # hand-written graphs of two corpus documents

from kamerld.model import DocumentKind
from kamerld.rdf.namespaces import KLD_IRI, KLD_TERMS, PREFIXES

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "kamerld.ttl"
SHAPES = REPO / "shapes" / "kamerld.ttl"
CONTEXT = REPO / "src" / "kamerld" / "rdf" / "context.jsonld"

ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
VANN = "http://purl.org/vocab/vann/"
ONT = URIRef("https://w3id.org/kamerld/def")


def kld(name: str) -> URIRef:
    return URIRef(KLD_IRI + name)


@pytest.fixture(scope="module")
def ont() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def ctx() -> dict:
    return json.loads(CONTEXT.read_text("utf-8"))["@context"]


def declared(ont: Graph, *types: URIRef) -> set[str]:
    return {
        str(s)[len(KLD_IRI):]
        for t in types
        for s in ont.subjects(RDF.type, t)
        if str(s).startswith(KLD_IRI)
    }


PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# ---- the ontology ---------------------------------------------------------------------------


def test_ontology_header(ont):
    assert ont.value(ONT, RDF.type) == OWL.Ontology
    assert str(ont.value(ONT, OWL.versionInfo)) == "0.2.0"
    assert ont.value(ONT, OWL.versionIRI) == URIRef("https://w3id.org/kamerld/def/0.2.0")
    for prop in (DCTERMS.title, DCTERMS.description):
        assert sorted(v.language for v in ont.objects(ONT, prop)) == ["en", "nl"]
    assert ont.value(ONT, DCTERMS.license) == URIRef("http://spdx.org/licenses/EUPL-1.2")
    assert str(ont.value(ONT, DCTERMS.creator)) == "kamerld project"
    assert str(ont.value(ONT, URIRef(VANN + "preferredNamespacePrefix"))) == "kld"
    assert str(ont.value(ONT, URIRef(VANN + "preferredNamespaceUri"))) == KLD_IRI


def test_declares_exactly_the_terms_the_mapping_emits(ont):
    classes = declared(ont, OWL.Class)
    props = declared(ont, *PROPERTY_TYPES)
    assert len(classes) == 24
    assert len(declared(ont, OWL.ObjectProperty)) == 15
    assert len(declared(ont, OWL.DatatypeProperty)) == 15
    assert declared(ont, OWL.AnnotationProperty) == {"opmerking"}
    assert classes | props == set(KLD_TERMS)


def test_every_kld_iri_in_ontology_shapes_and_context_is_declared(ont, ctx):
    shapes = Graph().parse(SHAPES, format="turtle")
    used = {
        str(n)[len(KLD_IRI):]
        for g in (ont, shapes)
        for triple in g
        for n in triple
        if isinstance(n, URIRef) and str(n).startswith(KLD_IRI)
    }
    for value in ctx.values():
        iri = value.get("@id") if isinstance(value, dict) else value
        if isinstance(iri, str) and iri.startswith("kld:"):
            used.add(iri[4:])
    assert used == declared(ont, OWL.Class, *PROPERTY_TYPES)
    assert len(used) == 55  # all 24 classes and 31 properties are used somewhere


@pytest.mark.parametrize("term", sorted(KLD_TERMS))
def test_every_term_has_one_label_and_one_comment_in_dutch_and_english(ont, term):
    for prop in (RDFS.label, RDFS.comment):
        langs = sorted(v.language for v in ont.objects(kld(term), prop))
        assert langs == ["en", "nl"], (term, prop)
    assert ont.value(kld(term), RDFS.isDefinedBy) == ONT


def test_document_kinds_match_the_model_and_the_shapes(ont):
    kinds = {str(s)[len(KLD_IRI):] for s in ont.subjects(RDFS.subClassOf, kld("Document"))}
    assert kinds == {k.value for k in DocumentKind}
    assert len(kinds) == 15
    assert ont.value(kld("Document"), RDFS.subClassOf) == URIRef(ELI + "Work")

    shapes = Graph().parse(SHAPES, format="turtle")
    doc_shape = URIRef("https://w3id.org/kamerld/def/shapes#DocumentShape")
    targets = {str(t)[len(KLD_IRI):] for t in shapes.objects(doc_shape, SH.targetClass)}
    assert targets == kinds | {"Document"}
    kind_check = URIRef("https://w3id.org/kamerld/def/shapes#Document-kind")
    listed = shapes.collection(shapes.value(shapes.value(kind_check, SH.qualifiedValueShape), SH["in"]))
    assert {str(t)[len(KLD_IRI):] for t in listed} == kinds


@pytest.mark.parametrize(
    "sub, rel, sup",
    [
        (kld("Vraag"), RDFS.subClassOf, URIRef(ELI + "WorkSubdivision")),
        (kld("Antwoord"), RDFS.subClassOf, URIRef(ELI + "WorkSubdivision")),
        (kld("Fractie"), RDFS.subClassOf, URIRef(ORG + "Organization")),
        (kld("Ministerie"), RDFS.subClassOf, URIRef(ORG + "Organization")),
        (kld("Persoon"), RDFS.subClassOf, URIRef(FOAF + "Person")),
        (kld("gesteldDoor"), RDFS.subPropertyOf, DCTERMS.creator),
        (kld("beantwoordDoor"), RDFS.subPropertyOf, DCTERMS.creator),
        (kld("medeNamens"), RDFS.subPropertyOf, DCTERMS.contributor),
        (kld("namens"), RDFS.subPropertyOf, PROV.wasAttributedTo),
        (kld("namensMinisterie"), RDFS.subPropertyOf, PROV.wasAttributedTo),
        (kld("datumIngezonden"), RDFS.subPropertyOf, DCTERMS.dateSubmitted),
        (kld("datumOntvangen"), RDFS.subPropertyOf, DCTERMS.date),
        (kld("kenmerk"), RDFS.subPropertyOf, DCTERMS.identifier),
        (kld("dossier"), RDFS.subPropertyOf, DCTERMS.isPartOf),
        (kld("zaak"), RDFS.subPropertyOf, DCTERMS.relation),
        (kld("heeftNaderAntwoord"), RDFS.subPropertyOf, kld("heeftAntwoord")),
        (kld("tkDocumentnummer"), RDFS.subPropertyOf, DCTERMS.identifier),
        (kld("uitstelVan"), RDFS.subPropertyOf, DCTERMS.relation),
        (kld("opmerking"), RDFS.subPropertyOf, URIRef(SKOS + "editorialNote")),
        (kld("Zaak"), URIRef(SKOS + "closeMatch"), URIRef(ELI_DL + "Process")),
    ],
)
def test_alignments(ont, sub, rel, sup):
    assert (sub, rel, sup) in ont


def _union(ont: Graph, node) -> set[str]:
    """A named class, or the members of an owl:unionOf, as short names."""
    if isinstance(node, URIRef):
        return {str(node).rsplit("#", 1)[-1]}
    return {str(c).rsplit("#", 1)[-1] for c in ont.collection(ont.value(node, OWL.unionOf))}


@pytest.mark.parametrize(
    "prop, domain, range_",
    [
        ("tekst", {"Vraag", "Antwoord"}, {"langString"}),
        ("voetnoot", {"Vraag", "Antwoord", "Document"}, {"string"}),
        ("gesteldDoor", {"Vraag", "Document"}, {"Persoon"}),
        ("namens", {"Vraag", "Document"}, {"Fractie"}),
        ("gerichtAan", {"Vraag", "Document"}, {"Post", "Ministerie"}),
        ("beantwoordDoor", {"Antwoord", "Document"}, {"Post", "Persoon"}),
        ("medeNamens", {"Document"}, {"Post", "Persoon"}),
        ("namensMinisterie", {"Antwoord", "Document"}, {"Ministerie"}),
        ("zaak", {"Document"}, {"Zaak"}),
        ("dossier", {"Document"}, {"Dossier"}),
        ("uitstelVan", {"Mededeling"}, {"Kamervragen"}),
        ("verwijzing", {"Document", "Vraag", "Antwoord"}, {"Verwijzing"}),
        ("inVoetnoot", {"Verwijzing"}, {"boolean"}),
        ("soortVerwijzing", {"Verwijzing"}, {"string"}),
        ("fragment", {"Vraag", "Antwoord"}, {"boolean"}),
        ("datumIngezonden", {"Document"}, {"date"}),
        ("datumOntvangen", {"Document"}, {"date"}),
        ("vergaderjaar", {"Document"}, {"string"}),
        ("kamer", {"Document"}, {"string"}),
        ("kenmerk", {"Document"}, {"string"}),
        ("lokaal", {"Fractie", "Persoon", "Post", "Ministerie"}, {"boolean"}),
        ("alsGeschreven", set(), {"string"}),
        ("opmerking", set(), {"string"}),
        ("tkDocumentnummer", {"Document"}, {"string"}),
        ("heeftVragen", {"Zaak"}, {"Document"}),
        ("heeftAntwoord", {"Zaak"}, {"Document"}),
        ("heeftNaderAntwoord", {"Zaak"}, {"Document"}),
        ("heeftMededeling", {"Zaak"}, {"Document"}),
    ],
)
def test_domains_and_ranges(ont, prop, domain, range_):
    domains = list(ont.objects(kld(prop), RDFS.domain))
    assert len(domains) == (1 if domain else 0)
    if domain:
        assert _union(ont, domains[0]) == domain
    ranges = list(ont.objects(kld(prop), RDFS.range))
    assert len(ranges) == 1
    assert _union(ont, ranges[0]) == range_


def test_reused_terms_carry_usage_notes_in_both_languages(ont):
    noted = set(ont.subjects(URIRef(SKOS + "scopeNote"), None))
    for term in (URIRef(ELI_DL + "answers_to"), URIRef(ELI + "is_part_of"), URIRef(ELI + "number"),
                 DCTERMS.references, DCTERMS.bibliographicCitation, PROV.wasDerivedFrom,
                 URIRef(FOAF + "page")):
        assert term in noted
    for term in noted:
        langs = sorted(v.language for v in ont.objects(term, URIRef(SKOS + "scopeNote")))
        assert langs == ["en", "nl"], term
    # eli: 6, eli-dl: 1, dct: 5, prov: 1, rdfs: 1, org: 4, foaf: 2, skos: 3
    assert len(noted) == 23


# ---- the JSON-LD context --------------------------------------------------------------------


def test_context_prefixes_match_the_namespaces(ctx):
    assert ctx["@version"] == 1.1
    for prefix in ("kld", "eli", "eli-dl", "dct", "org", "foaf", "skos", "prov", "rdfs", "xsd", "time",
                   "dcat", "void", "tooi"):
        assert ctx[prefix] == str(PREFIXES[prefix]), prefix


def test_context_coercions_follow_the_ontology(ont, ctx):
    """An IRI-valued kld property is "@type": "@id"; dates, booleans and integers are typed (the writer
    gives booleans and integers as JSON's own values); tekst is @nl."""
    checked = 0
    for term, value in ctx.items():
        iri = value.get("@id") if isinstance(value, dict) else value
        if not (isinstance(iri, str) and iri.startswith("kld:")) or term[0].isupper():
            continue
        prop = kld(iri[4:])
        coercion = value.get("@type") if isinstance(value, dict) else None
        language = value.get("@language") if isinstance(value, dict) else None
        range_ = ont.value(prop, RDFS.range)
        if (prop, RDF.type, OWL.ObjectProperty) in ont:
            assert coercion == "@id", term
        elif range_ in (XSD.date, XSD.boolean, XSD.integer):
            assert coercion == "xsd:" + str(range_).rsplit("#", 1)[-1], term
        elif range_ == RDF.langString:
            assert (coercion, language) == (None, "nl"), term
        else:
            assert (coercion, language) == (None, None), term
        checked += 1
    assert checked == 31
    # a key that can repeat is always an array; labels are language maps (@none: a name without language)
    assert ctx["references"] == {"@id": "dct:references", "@type": "@id", "@container": "@set"}
    assert ctx["label"] == {"@id": "rdfs:label", "@container": "@language"}
    assert ctx["@type"] == {"@container": "@set"}


def test_context_is_packaged():
    text = resources.files("kamerld.rdf").joinpath("context.jsonld").read_text("utf-8")
    assert json.loads(text) == json.loads(CONTEXT.read_text("utf-8"))


def _edge_cases() -> Graph:
    """Values that do not fit their term's coercion must keep their own type, not be changed."""
    g = Graph()
    s = URIRef("https://w3id.org/kamerld/id/document/x/vraag/1")
    g.add((s, kld("tekst"), Literal("zonder taal")))
    g.add((s, kld("tekst"), Literal("in English", lang="en")))
    g.add((s, kld("fragment"), Literal("true")))
    g.add((s, kld("lokaal"), Literal(1)))
    g.add((s, DCTERMS.references, Literal("Kamerstuk 36 200, nr. 77")))
    g.add((s, DCTERMS.title, Literal("zonder taal")))
    g.add((s, URIRef(ELI + "date_document"), Literal("2024-11-18T00:00:00", datatype=XSD.dateTime)))
    g.add((s, RDFS.label, Literal("Vraag 1", lang="nl")))
    g.add((s, RDFS.label, Literal("Question 1", lang="en")))
    g.add((s, RDFS.label, Literal("1")))
    return g


@pytest.mark.parametrize(
    "name, ttl",
    [("ah-tk-20242025-585", AH585), ("ah-tk-20242025-562", MED562), ("edge cases", None)],
    ids=["ah-tk-20242025-585", "ah-tk-20242025-562", "edge-cases"],
)
def test_context_round_trips_through_rdflib_and_oxigraph(ctx, name, ttl):
    g = Graph().parse(data=ttl, format="turtle") if ttl else _edge_cases()
    compacted = g.serialize(format="json-ld", context=ctx)
    assert isomorphic(Graph().parse(data=compacted, format="json-ld"), g), name
    # a second, independent JSON-LD processor reads the same triples
    quads = pyoxigraph.parse(compacted.encode("utf-8"), format=pyoxigraph.RdfFormat.JSON_LD)
    nt = pyoxigraph.serialize([q.triple for q in quads], format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert isomorphic(Graph().parse(data=nt.decode("utf-8"), format="nt"), g), name


def test_compaction_uses_the_short_terms(ctx):
    """kamerld's own writer (what every output file is written with) compacts with the short terms."""
    from kamerld.writers.fast import to_jsonld

    g = Graph().parse(data=AH585, format="turtle")
    data = json.loads(to_jsonld(set(g)))
    assert data["@context"] == ctx
    nodes = {n["@id"]: n for n in data["@graph"]}
    answer = nodes["https://w3id.org/kamerld/id/document/ah-tk-20242025-585/antwoord/1"]
    assert answer["@type"] == ["Antwoord"]
    assert answer["answers_to"] == ["https://w3id.org/kamerld/id/document/ah-tk-20242025-585/vraag/1"]
    assert answer["namensMinisterie"] == ["https://identifier.overheid.nl/tooi/id/ministerie/mnre1058"]
    assert answer["number"] == "1"
    assert answer["tekst"].startswith("De NCTV heeft op dit moment")
    citation = nodes["https://w3id.org/kamerld/id/document/ah-tk-20242025-585/verwijzing/1"]
    assert citation["inVoetnoot"] is False
    assert citation["references"] == ["https://w3id.org/kamerld/id/document/ah-tk-20242025-349"]
    doc = nodes["https://w3id.org/kamerld/id/document/ah-tk-20242025-585"]
    assert (doc["date_document"], doc["datumIngezonden"], doc["datumOntvangen"]) == (
        "2024-11-18", "2024-10-01", "2024-11-18")
    assert isomorphic(Graph().parse(data=json.dumps(data), format="json-ld"), g)
