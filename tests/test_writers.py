"""The fast writers: the three formats carry exactly the mapping's triples, on every corpus document,
and the same triples always give the same bytes."""

from __future__ import annotations

import json
import random

import pyoxigraph as ox
import pytest
from corpus_docs import all_documents, need_corpus
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SKOS, XSD

from kamerld.rdf.mapping import document_triples
from kamerld.rdf.namespaces import PREFIXES
from kamerld.writers import FORMATS, get_format, serialize, turtle_lines
from kamerld.writers.fast import graph_of, nt_lines, nt_term, to_jsonld, to_ntriples, to_turtle

DOC = "https://w3id.org/kamerld/id/document/"


def test_corpus_has_documents():
    # 18 KOOP PDF texts, 8 ministry texts, 7 OCR texts, 5 DOCX letters and the 2 examples at least
    assert len(all_documents()) >= 40


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS])
def test_every_corpus_document_round_trips(fmt):
    f = get_format(fmt)
    for path, doc in all_documents():
        triples = document_triples(doc)
        back = Graph().parse(data=serialize(triples, fmt), format=f.rdflib_name)
        assert isomorphic(graph_of(triples), back), f"{path}: {fmt} does not carry the same triples"
        assert len(back) == len(triples)


def test_ntriples_and_turtle_parse_with_oxigraph_to_the_same_triples():
    for path, doc in all_documents():
        triples = document_triples(doc)
        nt = set(ox.parse(to_ntriples(triples), format=ox.RdfFormat.N_TRIPLES))
        ttl = set(ox.parse(to_turtle(triples), format=ox.RdfFormat.TURTLE))
        assert nt == ttl, path
        assert len(nt) == len(triples), path


def _oxigraph_turtle(triples) -> bytes:
    return ox.serialize(ox.parse(to_ntriples(triples), format=ox.RdfFormat.N_TRIPLES),
                        format=ox.RdfFormat.TURTLE, prefixes={k: str(v) for k, v in PREFIXES.items()})


def test_turtle_from_the_lines_is_pyoxigraphs_turtle_byte_for_byte():
    """Turtle is written from the sorted N-Triples lines (`writers.turtle_lines`): the same bytes as
    pyoxigraph's writer gives for every corpus document, and pyoxigraph's own where a line holds what
    the line writer leaves to it."""
    assert turtle_lines.ENABLED  # the import-time comparison with pyoxigraph passed
    written = 0
    for path, doc in all_documents():
        triples = document_triples(doc)
        ours = turtle_lines.turtle_of_lines(nt_lines(triples))
        written += ours is not None
        assert to_turtle(triples) == _oxigraph_turtle(triples), path
        assert ours is None or ours == _oxigraph_turtle(triples), path
    assert written == len(all_documents())  # none of the corpus needs pyoxigraph's writer
    s = URIRef(DOC + "x")
    for odd in ([(s, RDFS.label, Literal("tab\there"))],  # N-Triples writes \u0009, Turtle \t
                [(s, RDFS.label, Literal("x", lang="nl-NL"))],  # pyoxigraph writes the tag in lower case
                [(s, SKOS.note, URIRef("http://www.w3.org/2000/01/rdf-schema#a/b"))],  # rdfs:a\/b
                [(s, SKOS.note, Literal("1.", datatype=XSD.decimal))],
                [(s, SKOS.note, Literal("1e3", datatype=XSD.double, normalize=False)),
                 (s, SKOS.note, Literal("-4", datatype=XSD.integer)),
                 (s, SKOS.note, Literal("false", datatype=XSD.boolean))]):
        assert to_turtle(odd) == _oxigraph_turtle(odd), odd
    assert turtle_lines.turtle_of_lines(nt_lines([(s, RDFS.label, Literal("tab\there"))])) is None
    assert b"skos:note -4 , 1e3 , false ." in to_turtle(odd)


def test_output_is_byte_stable_whatever_the_order():
    for _path, doc in all_documents()[:12]:
        triples = list(document_triples(doc))
        shuffled = triples[:]
        random.Random(7).shuffle(shuffled)
        for write in (to_ntriples, to_turtle, to_jsonld):
            assert write(triples) == write(shuffled) == write(set(shuffled))


def test_ntriples_lines_are_sorted_and_distinct():
    for _path, doc in all_documents()[:12]:
        lines = to_ntriples(document_triples(doc)).decode("utf-8").splitlines()
        assert lines == sorted(set(lines))


def test_jsonld_uses_the_context_terms_on_a_real_document():
    need_corpus()
    doc = next(d for p, d in all_documents() if p.name == "kv-tk-2024Z18775.txt")
    data = json.loads(to_jsonld(document_triples(doc)))
    assert data["@context"]["tekst"] == {"@id": "kld:tekst", "@language": "nl"}
    node = next(n for n in data["@graph"] if n["@id"] == DOC + "kv-tk-2024Z18775")
    # Mondelinge vragen van het lid Krul (CDA) aan de Minister voor Economische Zaken, 2024-2025
    assert node["identifier"] == "kv-tk-2024Z18775"
    assert "Kamervragen" in node["@type"]
    assert node["kamer"] == "TK"
    assert node["vergaderjaar"] == "2024-2025"
    assert node["datumIngezonden"] == "2024-11-19"
    assert node["zaak"] == ["https://w3id.org/kamerld/id/zaak/2024Z18775"]  # a key that can repeat: @set
    assert node["namens"] == ["https://w3id.org/kamerld/id/fractie/cda"]
    assert node["title"].startswith("het bericht «TEMU schendt privacy")
    other = next(d for p, d in all_documents() if p.name == "kv-tk-2024Z18659.txt")
    nodes = {n["@id"]: n for n in json.loads(to_jsonld(document_triples(other)))["@graph"]}
    question = nodes[DOC + "kv-tk-2024Z18659/vraag/1"]
    assert question["label"] == {"nl": "Vraag 1"}  # a language map, not @value objects
    assert question["@type"] == ["Vraag"]


def test_literals_the_context_does_not_coerce_keep_their_type_and_language():
    s, p = URIRef("https://w3id.org/kamerld/id/document/x"), URIRef("http://purl.org/dc/terms/title")
    triples = {
        (s, p, Literal("Titel", lang="nl")),
        (s, p, Literal("Title", lang="en")),  # "title" is coerced to @nl: must not use the term
        (s, URIRef("https://w3id.org/kamerld/def#kamer"), Literal("3", datatype=XSD.integer)),
        (s, URIRef("https://example.org/p"), Literal('quote " back\\slash\nline\ttab')),
    }
    for f in FORMATS:
        back = Graph().parse(data=serialize(triples, f.name), format=f.rdflib_name)
        assert isomorphic(graph_of(triples), back), f.name


def test_nt_term_escapes():
    assert nt_term(Literal('a"b\\c\nd\re\x01')) == '"a\\"b\\\\c\\nd\\re\\u0001"'
    assert nt_term(Literal("x", lang="nl")) == '"x"@nl'
    assert nt_term(Literal("2024-01-02", datatype=XSD.date)) == '"2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date>'


@pytest.mark.parametrize("position", [0, 1, 2])
def test_an_iri_ntriples_cannot_carry_is_refused(position):
    good = [URIRef("https://x.org/s"), URIRef("https://x.org/p"), URIRef("https://x.org/o")]
    bad = list(good)
    bad[position] = URIRef("https://x.org/a b")
    with pytest.raises(ValueError, match="N-Triples can carry: 'https://x.org/a b'"):
        to_ntriples({tuple(good), tuple(bad)})


def test_graphs_with_blank_nodes_fall_back_to_rdflib():
    g = Graph()
    g.add((BNode(), URIRef("https://x.org/p"), Literal("v")))
    for f in FORMATS:
        back = Graph().parse(data=serialize(g, f.name), format=f.rdflib_name)
        assert len(back) == 1, f.name


def test_jsonld_values_web_developers_can_use():
    """Native booleans and integers; language maps with @none for a name without language; a value
    that does not fit its term goes under the compact IRI as an array; the triples stay the same."""
    s = URIRef("https://w3id.org/kamerld/id/document/x/verwijzing/1")
    kld = "https://w3id.org/kamerld/def#"
    person = URIRef("https://w3id.org/kamerld/id/persoon/p")
    triples = {
        (s, URIRef(kld + "inVoetnoot"), Literal(False)),
        (s, URIRef(kld + "beantwoordingsduur"), Literal(41)),
        (s, URIRef(kld + "fragment"), Literal("1", datatype=XSD.boolean, normalize=False)),  # not JSON's true
        (person, RDFS.label, Literal("Caroline van der Plas")),
        (person, SKOS.prefLabel, Literal("Caroline van der Plas")),
        (s, URIRef(kld + "tekst"), Literal("een")),  # no language: not the @nl term
        (s, URIRef(kld + "tekst"), Literal("twee", lang="nl")),
        (s, URIRef(kld + "tekst"), Literal("drie", lang="nl")),  # two @nl texts: tekst is single-valued
    }
    nodes = {n["@id"]: n for n in json.loads(to_jsonld(triples))["@graph"]}
    assert nodes[str(s)]["inVoetnoot"] is False
    assert nodes[str(s)]["beantwoordingsduur"] == 41
    assert nodes[str(s)]["kld:fragment"] == [{"@value": "1", "@type": "xsd:boolean"}]
    assert "tekst" not in nodes[str(s)]
    assert nodes[str(s)]["kld:tekst"] == [
        {"@value": "drie", "@language": "nl"}, {"@value": "een"}, {"@value": "twee", "@language": "nl"}]
    assert nodes[str(person)]["label"] == {"@none": "Caroline van der Plas"}
    # pyoxigraph keeps lexical forms (rdflib would read "1"^^xsd:boolean as true)
    back = {str(q.triple) for q in ox.parse(to_jsonld(triples), format=ox.RdfFormat.JSON_LD)}
    assert back == {str(t) for t in ox.parse(to_ntriples(triples), format=ox.RdfFormat.N_TRIPLES)}


def test_every_key_has_one_shape_across_the_corpus():
    """A key is an array in every node or in none (so `node.namens.map(...)` never meets a string):
    over every document of the corpus and the corpus graphs."""
    need_corpus()
    from kamerld.batch.links import corpus_graphs
    from kamerld.rdf.mapping import map_document

    parts, docs, graphs = [], [], []
    for _path, doc in all_documents():
        mapped = map_document(doc)
        graphs.append(mapped.document)
        parts.append(mapped.registers | mapped.shared)
        docs.append(doc)
    graphs += corpus_graphs(parts, docs)
    shapes: dict[str, set[str]] = {}
    for triples in graphs:
        for node in json.loads(to_jsonld(triples))["@graph"]:
            for key, value in node.items():
                shapes.setdefault(key, set()).add(type(value).__name__)
    mixed = {k: v for k, v in shapes.items() if len(v) > 1}
    assert mixed == {}
    assert shapes["inVoetnoot"] == {"bool"} and shapes["label"] == {"dict"} and shapes["namens"] == {"list"}
    assert shapes["beantwoordingsduur"] == {"int"}


def test_every_command_and_the_server_take_their_formats_from_the_one_table():
    from kamerld.publish import catalog, mediatypes, site, store, webserver
    from kamerld.publish import server as serve
    from kamerld.validation import files
    from kamerld.writers import DOCUMENT_FORMATS, FORMATS

    rdf = {f.suffix: f.media_type for f in FORMATS}
    per_doc = {f.suffix for f in DOCUMENT_FORMATS}
    assert {s: m for m, s in serve.PAGE_OFFERS.items() if s != ".html" and m != "application/json"} == rdf
    assert {s: m for s, m, _ in webserver.NEGOTIATED if m != "application/json"} == rdf
    assert {s: mediatypes.MEDIA_TYPES[s] for s in rdf} == rdf
    assert {s: m for s, (m, _) in site.FORMATS.items()} == rdf
    assert set(store.RDF_SUFFIXES) == set(files.RDF_SUFFIXES) == per_doc
    assert {f"kamerld{s}.gz" for s in per_doc} <= set(catalog.DUMP_FORMATS)


def test_the_planned_jsonld_of_a_one_valued_property_is_what_fitting_each_value_gives(monkeypatch):
    """`fast._plan` decides a one-valued property's key and shape once per kind; the nodes must be
    what `_fit` gives value by value (the plan turned off), over every corpus document, its share of
    the corpus graphs, and values of every kind under the terms the context coerces."""
    from kamerld.rdf.mapping import map_document
    from kamerld.writers import fast

    graphs = []
    for _path, doc in all_documents():
        mapped = map_document(doc)
        graphs += [mapped.document, mapped.registers | mapped.shared]
    s = URIRef(DOC + "x")
    kld = "https://w3id.org/kamerld/def#"
    odd = [Literal("1", datatype=XSD.boolean, normalize=False), Literal(True), Literal(41), Literal("41"),
           Literal("x", lang="en"), Literal("x", lang="nl"), Literal("x", datatype=XSD.date, normalize=False),
           URIRef(DOC + "y"), Literal(DOC + "y")]
    for p in ("inVoetnoot", "beantwoordingsduur", "tekst", "fragment", "vraagnummer"):
        graphs += [{(s, URIRef(kld + p), o)} for o in odd]
    graphs += [{(s, RDFS.label, o)} for o in odd] + [{(s, SKOS.prefLabel, o)} for o in odd]
    planned = [fast.jsonld_nodes(g) for g in graphs]
    monkeypatch.setattr(fast, "_plan", lambda p, kind, ctx_json: None)
    assert planned == [fast.jsonld_nodes(g) for g in graphs]
