"""The spreadsheet exports (kamerld.publish.exports): questions.csv equals the shipped SPARQL query over
the same data, on every document of the real corpus; the files open as a spreadsheet expects; the
command writes them."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from corpus_docs import all_documents

from kamerld.cli import cli
from kamerld.publish.exports import CITATION_COLUMNS, QUESTION_COLUMNS, SEP, query_text, question_rows
from kamerld.publish.facts import gather, official_url
from kamerld.publish.html import Graphview
from kamerld.rdf.mapping import document_triples
from kamerld.writers.fast import to_ntriples

MULTI = {"gesteld_door", "fractie", "gericht_aan", "ministerie_antwoord", "antwoord_document"}


@pytest.fixture(scope="module")
def corpus_store() -> ox.Store:
    """Every corpus and example document, mapped to RDF, one named graph each (as publishing loads them)."""
    store = ox.Store()
    for k, (_, doc) in enumerate(all_documents()):
        graph = ox.NamedNode(f"https://w3id.org/kamerld/graph/{k}")
        store.load(to_ntriples(document_triples(doc)), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return store


def sparql_rows(store: ox.Store) -> list[dict[str, str]]:
    """The rows of questions.rq, cells normalised the way the CSV writes them (joined values sorted)."""
    result = store.query(query_text("questions"), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    assert names == QUESTION_COLUMNS
    rows = []
    for solution in result:
        row = {n: ("" if solution[n] is None else solution[n].value) for n in names}
        for col in MULTI:
            row[col] = SEP.join(sorted(set(filter(None, row[col].split(SEP)))))
        rows.append(row)
    return rows


def test_questions_csv_equals_the_sparql_query_on_the_corpus(corpus_store):
    view = Graphview(corpus_store)
    facts = gather(corpus_store, view.label)
    from_facts = {r["vraag"]: r for r in question_rows(facts)}
    from_sparql = {r["vraag"]: r for r in sparql_rows(corpus_store)}
    assert len(from_sparql) == len(sparql_rows(corpus_store))  # one row per question, never two
    questions = {
        r["q"].value
        for r in corpus_store.query(
            "SELECT DISTINCT ?q WHERE { ?q a <https://w3id.org/kamerld/def#Vraag> ; "
            "<http://data.europa.eu/eli/ontology#is_part_of> ?d }",
            use_default_graph_as_union=True,
        )
    }
    assert set(from_facts) == set(from_sparql) == questions
    assert len(questions) > 600  # the corpus holds some 700 questions
    differences = [
        (q, c, from_facts[q][c], from_sparql[q][c])
        for q in sorted(questions)
        for c in QUESTION_COLUMNS
        if from_facts[q][c] != from_sparql[q][c]
    ]
    assert differences == []
    # the columns are filled where the corpus says so
    answered = [r for r in from_facts.values() if r["beantwoord_ja_nee"] == "ja"]
    assert len(answered) > 300
    assert sum(1 for r in answered if r["dagen"]) > 100
    assert sum(1 for r in from_facts.values() if r["officiele_url"]) > 100
    assert sum(1 for r in from_facts.values() if r["fractie"]) > 300


def test_one_real_question_row(corpus_store):
    """Aanhangsel 583, question 1, as the KOOP text prints it: asked by Koekkoek (Volt), Van Nispen (SP)
    and Ceder (ChristenUnie) on 20 September 2024, answered on 18 November 2024 (59 days)."""
    view = Graphview(corpus_store)
    rows = {r["vraag"]: r for r in question_rows(gather(corpus_store, view.label))}
    row = rows["https://w3id.org/kamerld/id/document/ah-tk-20242025-583/vraag/1"]
    assert (row["document"], row["nummer"], row["ingezonden"], row["beantwoord"], row["dagen"]) == (
        "ah-tk-20242025-583", "1", "2024-09-20", "2024-11-18", "59")
    assert row["fractie"].split(SEP) == sorted(row["fractie"].split(SEP))
    assert set(row["fractie"].split(SEP)) == {"ChristenUnie", "Socialistische Partij", "Volt"}
    assert row["officiele_url"] == "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-583"
    assert row["beantwoord_ja_nee"] == "ja"


def test_official_url_rules():
    assert official_url("ah-tk-20242025-583") == "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-583"
    assert official_url("kst-36200-VII-12") == "https://zoek.officielebekendmakingen.nl/kst-36200-VII-12"
    assert official_url("kv-tk-2024Z18885") == "https://zoek.officielebekendmakingen.nl/kv-tk-2024Z18885"
    assert official_url("ah-tk-19921993-181") is None  # before KOOP's archive
    assert official_url("mnre1034-2024-0000099001") is None  # a ministry letter has no KOOP id
    fetched = "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-583.xml"
    assert official_url("x", ["urn:sha256:00", fetched]) == fetched
    assert official_url("x", ["https://example.org/a.pdf"]) is None  # only official hosts count


def test_export_command_writes_files_a_spreadsheet_opens(tmp_path):
    from pathlib import Path

    output = Path(__file__).resolve().parents[1] / "output"
    result = CliRunner().invoke(cli, ["export", str(output), "-o", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "x/questions.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads "Songül" right
    assert b"\r\n" in data and data.count(b"\r\n") == data.count(b"\n")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    # the bundled output: 3 + 4 questions in the two answer documents, 2 in the letter, 2 in the kv set
    assert len(rows) == len({r["vraag"] for r in rows})
    store = ox.Store()
    for f in output.glob("*.ttl"):
        store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    n = len(list(store.query("SELECT DISTINCT ?q WHERE { ?q a <https://w3id.org/kamerld/def#Vraag> }")))
    assert len(rows) == n > 0
    assert list(rows[0]) == QUESTION_COLUMNS
    cites = list(csv.DictReader(io.StringIO((tmp_path / "x/citations.csv").read_text("utf-8-sig"))))
    assert list(cites[0]) == CITATION_COLUMNS
    cited = "SELECT DISTINCT ?v WHERE { ?x <https://w3id.org/kamerld/def#verwijzing> ?v }"
    nodes = len(list(store.query(cited)))
    assert len(cites) == nodes > 0
    assert {c["in_voetnoot"] for c in cites} <= {"ja", "nee"}
    assert (tmp_path / "x/questions.rq").read_text() == query_text("questions")


def test_export_of_unreadable_input_names_the_file(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(bad), "-o", str(tmp_path / "x")])
    assert result.exit_code == 3
    assert str(bad) in result.output and "not valid Turtle" in result.output


def test_grouped_questions_each_have_their_own_label(corpus_store):
    """Aanhangsel 584 prints "Vraag 5 en 6" over two questions: each is labelled with its own number,
    and the one answer to both keeps the printed heading."""
    doc = "https://w3id.org/kamerld/id/document/ah-tk-20242025-584"
    labels = {
        r["x"].value.removeprefix(doc + "/"): r["l"].value
        for r in corpus_store.query(
            f"SELECT ?x ?l WHERE {{ ?x <http://data.europa.eu/eli/ontology#is_part_of> <{doc}> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }",
            use_default_graph_as_union=True,
        )
    }
    assert labels["vraag/5"] == "Vraag 5" and labels["vraag/6"] == "Vraag 6"
    assert labels["antwoord/5-6"] == "Antwoorden 5 en 6"


def test_a_cell_that_looks_like_a_formula_stays_text():
    from kamerld.publish.exports import to_csv

    data = to_csv(["titel", "dagen"], [{"titel": '=HYPERLINK("https://example.org","klik")', "dagen": "12"},
                                       {"titel": "@SUM(A1)", "dagen": ""}, {"titel": "Gewoon", "dagen": "0"}])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["titel", "dagen"], ['\'=HYPERLINK("https://example.org","klik")', "12"],
                    ["'@SUM(A1)", ""], ["Gewoon", "0"]]
