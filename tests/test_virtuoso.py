"""Loading the real corpus into a real Virtuoso (7.2, open source) with `kamerld load`, and asking it over
HTTP what the embedded store says for the same files.

The server is private: 127.0.0.1 on free ports, its own folder and virtuoso.ini (tests/virtuoso_server.py),
stopped after the module even when a test fails. Loading goes through Virtuoso's authenticated Graph
Store endpoint `/sparql-graph-crud-auth` with digest auth as the stock dba/dba account (dba may update;
nothing to grant). The anonymous `/sparql-graph-crud` refuses writes (403) until the `SPARQL` user is
granted `SPARQL_UPDATE`; one test proves that, grants it, and loads through it too.

Skipped when virtuoso-t / isql-vt are missing, except under CI (the CI script installs them): a failure.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import CORPUS
from union_queries import KINDS, PER_FRACTIE, count, count_distinct
from virtuoso_server import Virtuoso, require_tool

from kamerld.batch.pipeline import Options, convert
from kamerld.cli import cli
from kamerld.errors import StoreError
from kamerld.publish.store import load_endpoint, load_files, open_store, rdf_files

#: one folder per kind of source the readers handle; each file holds one document (the corpus
#: grows: counted, never written down)
FOLDERS = ("seed", "txt-koop-pdf", "txt-ministry-docx", "docx-ministry", "xml-tk-vlos")
#: beside the documents' graphs: the registers, and the links with what documents share
CORPUS_GRAPHS = {"_registers", "_links"}
GRAPH = "https://w3id.org/kamerld/graph/"
SEED_DOC = "https://w3id.org/kamerld/id/document/mnre1034-2023-0000010189"

PREFIXES = """PREFIX kld: <https://w3id.org/kamerld/def#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
"""
# GRAPH ?g + the prefix filter: Virtuoso's default graph also holds its own system graphs
OURS = f'FILTER(STRSTARTS(STR(?g), "{GRAPH}"))'


def per_graph_count(pattern: str, counted: str = "*") -> str:
    return f"SELECT ?g (COUNT({counted}) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} {OURS} }} GROUP BY ?g"


QUERIES = {
    "triples_per_graph": per_graph_count("?s ?p ?o"),
    "vragen_per_graph": per_graph_count("?x a kld:Vraag", "?x"),
    "antwoorden_per_graph": per_graph_count("?x a kld:Antwoord", "?x"),
    "links_per_graph": per_graph_count("?a eli-dl:answers_to ?q"),
    "totals": "SELECT (COUNT(DISTINCT ?v) AS ?vragen) (COUNT(DISTINCT ?a) AS ?antwoorden) WHERE { "
    f"{{ GRAPH ?g {{ ?v a kld:Vraag }} {OURS} }} UNION {{ GRAPH ?g {{ ?a a kld:Antwoord }} {OURS} }} }}",
    "links": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?q WHERE { "
    f"GRAPH ?g {{ ?a eli-dl:answers_to ?q }} {OURS} }} }}",
    "seed_question_4": "SELECT ?q ?a ?vraag ?antwoord WHERE { GRAPH ?g { "
    f'?q a kld:Vraag ; eli:is_part_of <{SEED_DOC}> ; eli:number "4" ; kld:tekst ?vraag . '
    f"?a a kld:Antwoord ; eli-dl:answers_to ?q ; kld:tekst ?antwoord }} {OURS} }}",
}


def rows_from_virtuoso(result: dict) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


def rows_from_store(store: ox.Store, query: str) -> list[dict[str, str]]:
    res = store.query(PREFIXES + query)
    names = [v.value for v in res.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in res]


def per_graph(rows: list[dict[str, str]]) -> dict[str, int]:
    return {r["g"].removeprefix(GRAPH): int(r["n"]) for r in rows}


def answers(virtuoso: Virtuoso) -> dict[str, list[dict[str, str]]]:
    return {name: rows_from_virtuoso(virtuoso.sparql(PREFIXES + q)) for name, q in QUERIES.items()}


def normalised(result: dict[str, list[dict[str, str]]]) -> dict:
    """Order-free form: per-graph counts as dicts, the rest as sorted rows."""
    return {
        name: per_graph(rows) if name.endswith("_per_graph") else sorted(map(sorted, map(dict.items, rows)))
        for name, rows in result.items()
    }


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> list[Path]:
    """The real corpus converted once; the per-document files `kamerld load` reads (one per document)."""
    missing = [f for f in FOLDERS if not (CORPUS / f).is_dir()]
    if missing:
        pytest.skip(f"shared corpus not found at {CORPUS} (missing {', '.join(missing)})")
    out = tmp_path_factory.mktemp("converted")
    report = convert([CORPUS / f for f in FOLDERS], out, Options())
    # "warnings": written, with SHACL warnings (e.g. a docx letter without a date); nothing may fail
    assert [r.path for r in report.inputs if r.status not in ("converted", "warnings")] == []
    assert [len(r.documents) for r in report.inputs] == [1] * len(report.inputs)
    files = rdf_files([out])
    assert len(files) == len(report.inputs) + len(CORPUS_GRAPHS)
    return files


@pytest.fixture(scope="module")
def embedded_store(converted) -> ox.Store:
    store = open_store(None)
    load_files(store, converted)
    return store


@pytest.fixture(scope="module")
def embedded(embedded_store) -> dict:
    return normalised({name: rows_from_store(embedded_store, q) for name, q in QUERIES.items()})


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    binaries = [require_tool(name, "virtuoso-opensource") for name in ("virtuoso-t", "isql-vt")]
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"), *binaries)
    try:
        server.start()
        print(f"virtuoso started in {server.start_seconds:.2f} s on {server.url}")
        yield server
    finally:
        server.stop()  # always, even when start() or a test failed


def load_with_cli(virtuoso: Virtuoso, files: list[Path]) -> float:
    t0 = time.perf_counter()
    result = CliRunner().invoke(
        cli,
        ["load", *map(str, files), "--endpoint", f"{virtuoso.url}/sparql-graph-crud-auth",
         "--user", "dba", "--password", "dba", "--auth", "digest",
         # a journal of its own: the default one in the working folder would make a later load resume
         "--journal", str(Path(tempfile.mkdtemp()) / "load.jsonl")],
    )
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert f"{len(files)} graphs," in result.output
    return time.perf_counter() - t0


@pytest.fixture(scope="module")
def loaded(virtuoso, converted) -> Virtuoso:
    seconds = load_with_cli(virtuoso, converted)
    print(f"kamerld load: {len(converted)} documents into Virtuoso in {seconds:.2f} s")
    return virtuoso


def test_one_graph_per_corpus_document(converted, embedded, loaded):
    from kamerld.batch.pipeline import iter_inputs

    inputs = list(iter_inputs([CORPUS / f for f in FOLDERS]))
    assert len(converted) == len(inputs) + len(CORPUS_GRAPHS)  # one document per input file
    got = normalised(answers(loaded))
    assert len(got["triples_per_graph"]) == len(converted)  # a graph per document, and the corpus graphs
    assert set(got["triples_per_graph"]) == {f.name.rsplit(".", 1)[0] for f in converted}
    assert CORPUS_GRAPHS <= set(got["triples_per_graph"])


def _virtuoso_n(virtuoso: Virtuoso, query: str) -> int:
    [row] = rows_from_virtuoso(virtuoso.sparql(query))
    return int(row["n"])


@pytest.mark.parametrize("kind", list(KINDS))
def test_counts_over_virtuosos_default_graph_are_counts_of_distinct_triples(embedded_store, loaded, kind):
    """Virtuoso's default graph is the union of every graph: a triple in two graphs counts twice."""
    n = _virtuoso_n(loaded, count(KINDS[kind]))
    assert n > 0, kind
    assert n == _virtuoso_n(loaded, count_distinct(KINDS[kind])), kind
    embedded = next(iter(embedded_store.query(count(KINDS[kind]), use_default_graph_as_union=True)))
    assert n == int(embedded["n"].value), kind


def test_questions_per_fractie_in_virtuoso(loaded):
    rows = {r["label"]: (int(r["n"]), int(r["distinct"]))
            for r in rows_from_virtuoso(loaded.sparql(PER_FRACTIE))}
    assert rows and all(n == d for n, d in rows.values()), rows


def test_virtuoso_answers_as_the_embedded_store(embedded, loaded):
    got = normalised(answers(loaded))
    for name in QUERIES:
        assert got[name] == embedded[name], name
    print("counts:", got["totals"], got["links"])


def test_counts_read_from_the_documents(loaded):
    """Counted by hand in the source texts: the seed page holds the tail of one question (its number is
    on the page before) and question 4, each with its answer; ah-tk-20242025-585 is one question and its
    answer; ah-tk-20242025-575 has questions 1-9 with answers 1, 2, 3, "4 en 5", 6, 7, 8, 9."""
    got = normalised(answers(loaded))
    expected = {
        "mnre1034-2023-0000010189": (2, 2, 2),
        "ah-tk-20242025-585": (1, 1, 1),
        "ah-tk-20242025-575": (9, 8, 9),
    }
    for doc, (vragen, antwoorden, links) in expected.items():
        assert got["vragen_per_graph"][doc] == vragen, doc
        assert got["antwoorden_per_graph"][doc] == antwoorden, doc
        assert got["links_per_graph"][doc] == links, doc


def test_seed_question_4_and_its_answer(loaded):
    [row] = rows_from_virtuoso(loaded.sparql(PREFIXES + QUERIES["seed_question_4"]))
    assert row["q"] == SEED_DOC + "/vraag/4"
    assert row["a"] == SEED_DOC + "/antwoord/4"
    assert row["vraag"].startswith("Deze leden wachten de uitkomsten van de verdiepende onderzoeken naar de")
    assert row["antwoord"].startswith("De uitkomsten van het verdiepende onderzoek naar de opkomst bij de")
    assert "(zie Kamerstukken II 2022/23, 35165, nr. 51)" in row["antwoord"]


def test_loading_again_changes_nothing(converted, embedded, loaded):
    before = normalised(answers(loaded))
    seconds = load_with_cli(loaded, converted)
    print(f"second kamerld load in {seconds:.2f} s")
    after = normalised(answers(loaded))
    assert after == before
    assert after["triples_per_graph"] == embedded["triples_per_graph"]


def test_a_document_that_shrank_loses_its_old_triples(converted, embedded, loaded, tmp_path):
    [original] = [f for f in converted if f.name.startswith("mnre1034-2023-0000010189.")]
    assert original.suffix == ".ttl"  # what convert wrote (with .jsonld, which load skips)
    lines = ox.serialize(ox.parse(original.read_bytes(), format=ox.RdfFormat.TURTLE),
                         format=ox.RdfFormat.N_TRIPLES).decode().splitlines()
    shrunk = tmp_path / "mnre1034-2023-0000010189.nt"
    shrunk.write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    load_with_cli(loaded, [shrunk])
    assert normalised(answers(loaded))["triples_per_graph"]["mnre1034-2023-0000010189"] == 5
    load_with_cli(loaded, [original])  # and back
    assert normalised(answers(loaded))["triples_per_graph"] == embedded["triples_per_graph"]


def test_anonymous_endpoint_writes_only_after_grant(converted, embedded, loaded):
    seed = [f for f in converted if f.name.startswith("mnre1034-2023-0000010189.")]
    endpoint = f"{loaded.url}/sparql-graph-crud"
    with pytest.raises(StoreError, match="HTTP 403"):
        load_endpoint(seed, endpoint)
    loaded.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
    report = load_endpoint(seed, endpoint)
    assert report.graphs == [GRAPH + "mnre1034-2023-0000010189"]
    assert report.statuses[0] in (200, 201, 204)
    # PUT replaced the graph the digest load had written: the same triples, not twice as many
    got = normalised(answers(loaded))
    assert got["triples_per_graph"] == embedded["triples_per_graph"]


def test_wrong_password_is_refused(converted, loaded):
    with pytest.raises(StoreError, match="HTTP 401"):
        load_endpoint(converted[:1], f"{loaded.url}/sparql-graph-crud-auth", user="dba", password="wrong",
                      auth="digest")
