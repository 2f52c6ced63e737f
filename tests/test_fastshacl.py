"""The compiled validator gives pySHACL's results: on every corpus document, on damaged copies of
them (so violations occur too), and it refuses what it does not implement."""

from __future__ import annotations

import re

import pytest
from corpus_docs import all_documents
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kamerld.rdf.mapping import document_triples
from kamerld.rdf.namespaces import ELI, KLD
from kamerld.validation import shapes_graph, validate_graph
from kamerld.validation.fast import UnsupportedShape, compile_shapes, default_validator
from kamerld.writers.fast import graph_of


def _key(report):
    return sorted((r.focus, r.path, r.severity, r.value) for r in report.results)


def _agree(triples, where):
    fast = default_validator().validate(triples)
    ref = validate_graph(graph_of(triples))
    assert fast.conforms == ref.conforms, where
    assert _key(fast) == _key(ref), where
    assert [r.message for r in fast.results] == [r.message for r in ref.results], where
    return fast


def test_agrees_with_pyshacl_on_every_corpus_document():
    docs = all_documents()
    assert len(docs) >= 40
    results = 0
    for path, doc in docs:
        results += len(_agree(document_triples(doc), str(path)).results)
    assert results > 100  # the corpus has warnings and infos, so the comparison compares something


def _damaged(triples):
    """The same document with mistakes: text without language, ids as numbers, questions without
    number, citations without text, a bad vergaderjaar, an unknown chamber, an ill-typed date."""
    out = set()
    for s, p, o in triples:
        if p == KLD.tekst:
            out.add((s, p, Literal(str(o))))
        elif p == DCTERMS.identifier:
            out.add((s, p, Literal(7)))
        elif p == ELI.number and "/vraag/" in s:
            continue
        elif p == DCTERMS.bibliographicCitation:
            continue
        elif p == KLD.vergaderjaar:
            out.add((s, p, Literal("2024/25")))
        elif p == KLD.kamer:
            out.add((s, p, Literal("XK")))
        elif p == ELI.date_document:
            out.add((s, p, Literal("19 november 2024", datatype=XSD.date)))  # ill-typed
        else:
            out.add((s, p, o))
    return out


def test_agrees_with_pyshacl_on_damaged_documents():
    violations = 0
    for path, doc in all_documents():
        violations += _agree(_damaged(document_triples(doc)), f"damaged {path}").violations
    assert violations > 100


def test_exact_results_on_a_small_graph():
    d = URIRef("https://w3id.org/kamerld/id/document/t")
    q = URIRef("https://w3id.org/kamerld/id/document/t/vraag/1")
    triples = {
        (d, RDF.type, KLD.Document), (d, RDF.type, KLD.Kamervragen),
        (d, DCTERMS.identifier, Literal("t")),
        (q, RDF.type, KLD.Vraag), (q, ELI.is_part_of, d), (q, ELI.number, Literal("1")),
    }
    report = default_validator().validate(triples)
    got = sorted((r.severity, r.focus.rsplit("/", 1)[-1], re.split("[#/]", r.path)[-1])
                 for r in report.results)
    assert got == [
        ("violation", "1", "tekst"),  # question without text
        ("violation", "t", "wasDerivedFrom"),  # document without source
        ("warning", "1", "gerichtAan"),
        ("warning", "t", "date_document"),
        ("warning", "t", "gesteldDoor"),
        ("warning", "t", "title"),
    ]
    assert report.conforms is False
    assert report.violations == 2 and report.count("warning") == 4 and report.count("info") == 0


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; %s ] .
"""


@pytest.mark.parametrize("constraint", [
    "sh:or ( [ sh:datatype ex:x ] )",
    "sh:minLength 3",
    "sh:sparql [ ]",
    "sh:node ex:T",
    "sh:nodeKind ex:Other",
    'sh:flags "q" ; sh:pattern "a"',
])
def test_refuses_what_it_does_not_implement(constraint):
    g = Graph().parse(data=SHAPES % constraint, format="turtle")
    with pytest.raises(UnsupportedShape, match="not supported by the fast validator"):
        compile_shapes(g)


def test_refuses_path_expressions():
    shapes = SHAPES.replace("sh:path ex:p", "sh:path ( ex:p ex:q )") % "sh:minCount 1"
    with pytest.raises(UnsupportedShape, match="path expression"):
        compile_shapes(Graph().parse(data=shapes, format="turtle"))


def test_the_kamerld_shapes_compile():
    v = compile_shapes(shapes_graph())
    # the Violations (shapes/kamerld.ttl): Document, Vraag, Antwoord, Verwijzing, ten sh:targetSubjectsOf
    # shapes (Tekst ... Voorkeurslabel) and the person's one name; the advice (kamerld-advisory.ttl):
    # Document, Kamervragen, Antwoorddocument, Mededeling, Vraag, Antwoord, Verwijzing, Fragment,
    # Lokaal, Opmerking
    assert len(v.shapes) == 15 + 10


@pytest.mark.parametrize("constraint, values, conforms", [
    ("sh:minCount 2", ["a", "a"], False),  # a value given twice is one value
    ("sh:minCount 2", ["a", "b"], True),
    ("sh:minCount 1", [], False),
    ("sh:maxCount 1", ["a", "a"], True),
    ("sh:maxCount 1", ["a", "b"], False),
    ("sh:maxCount 0", [], True),
    ('sh:in ( "a" ex:b )', ["a"], True),
    ('sh:in ( "a" ex:b )', ["b"], False),  # a literal is not the IRI of the same text
    ("sh:datatype <http://www.w3.org/2001/XMLSchema#string>", ["a"], True),
])
def test_counts_and_memberships_as_pyshacl_reads_them(constraint, values, conforms):
    """The count checks count distinct values (a list of triples may repeat one), sh:in is term
    equality: the shortcuts around rdflib's Python-level == and hashes give pySHACL's answers."""
    shapes = Graph().parse(data=SHAPES % constraint, format="turtle")
    ex = "https://example.org/"
    node = URIRef(ex + "n")
    triples = [(node, RDF.type, URIRef(ex + "C"))] + [(node, URIRef(ex + "p"), Literal(v)) for v in values]
    assert compile_shapes(shapes).validate(triples).conforms is conforms
    from pyshacl import validate

    assert validate(graph_of(set(triples)), shacl_graph=shapes)[0] is conforms
