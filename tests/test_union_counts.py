"""Counts over the union of the graphs are counts of distinct triples: the whole corpus converted,
loaded a graph per file into the embedded store (as `kamerld publish` and `kamerld serve` do), and
asked per kind of resource. Before the registers had a graph of their own, every document carried its
own copy of the fracties, posts, ministries and persons it named, and these counts came out too high
(GroenLinks-PvdA's questions by label 1,269 where 141 were meant)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS
from union_queries import KINDS, MINISTRY_LABELS, PER_FRACTIE, count, count_distinct

from kamerld.batch.pipeline import Options, convert
from kamerld.publish.store import graph_iri, load_files, open_store, rdf_files


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (tests read ../shared/corpus beside the repo)")
    out = tmp_path_factory.mktemp("corpus")
    report = convert([CORPUS], out, Options(outputs=("ntriples",)))
    assert report.counts()["documents"] > 100
    # the one input left out is the corpus's second copy of a document (claims: opmeta2.xml holds
    # gmb-2024-216934, as opmeta1.xml does); every other input converts
    assert [(Path(r.path).name, "already converted" in (r.reason or "")) for r in report.failed] == [
        ("opmeta2.xml", True)]
    return out, report


@pytest.fixture(scope="module")
def store(converted):
    out, _ = converted
    s = open_store(None)
    load_files(s, rdf_files([out]))
    return s


def _n(store: ox.Store, query: str) -> int:
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_count_over_the_union_is_a_count_of_distinct_triples(store, kind):
    n = _n(store, count(KINDS[kind]))
    assert n > 0, f"no {kind} in the corpus"
    assert n == _n(store, count_distinct(KINDS[kind])), kind


def test_no_triple_is_in_two_graphs(store, converted):
    out, _ = converted
    seen: Counter = Counter()
    for f in rdf_files([out]):
        seen.update(str(t) for t in ox.parse(f.read_bytes(), format=ox.RdfFormat.N_TRIPLES))
    assert [t for t, k in seen.items() if k > 1] == []
    assert sum(seen.values()) == _n(store, count("?s ?p ?o"))


def test_registers_are_one_graph_loaded_once(store, converted):
    out, _ = converted
    registers = graph_iri(out / "_registers.nt")
    fracties = "?s a <https://w3id.org/kamerld/def#Fractie>"
    per_graph = {r["g"].value: int(r["n"].value) for r in store.query(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {fracties} }} }} GROUP BY ?g")}
    assert list(per_graph) == [registers]  # every fractie is described in the registers graph alone
    assert per_graph[registers] == _n(store, count(fracties))


def test_questions_per_fractie_by_label_count_each_question_once(store):
    rows = {r["label"].value: (int(r["n"].value), int(r["distinct"].value))
            for r in store.query(PER_FRACTIE, use_default_graph_as_union=True)}
    assert rows["GroenLinks-PvdA"][0] == rows["GroenLinks-PvdA"][1] > 100
    assert all(n == d for n, d in rows.values()), rows


def test_a_ministry_label_comes_back_once(store):
    rows = [(r["m"].value, r["label"].value, r["label"].language)
            for r in store.query(MINISTRY_LABELS, use_default_graph_as_union=True)]
    assert len(rows) == len(set(rows))
    per_language = Counter((m, lang) for m, _, lang in rows)
    assert max(per_language.values()) == 1  # one skos:prefLabel per ministry and language
    jenv = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058"
    assert (jenv, "ministerie van Justitie en Veiligheid", "nl") in rows
