"""Every input of the shared corpus (all folders but the schemas) is read, conforms, and yields its
questions.

Two lists in tests/ say what is known by reading: `corpus_without_questions.tsv` (documents of a
question-bearing kind that print no question) and `corpus_not_yet_read.tsv` (inputs kamerld does not
read yet). The second only shrinks: a listed input that is read after all fails the test, so that its
row is removed.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import CORPUS, REPO

from kamerld.batch.corpus_report import corpus_report, layout_table
from kamerld.batch.pipeline import iter_inputs

FOLDERS = (
    sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "reference-tk-schema")
    if CORPUS.exists()
    else []
)
QUESTION_BEARING = {
    "Kamervragen",
    "Antwoorddocument",
    "Mededeling",
    "LijstVanVragenEnAntwoorden",
    "VerslagSchriftelijkOverleg",
    "NotaNaarAanleidingVanHetVerslag",
    "MemorieVanAntwoord",
    "VoorlopigVerslag",
    "Eindverslag",
    "Verslag",
}


def _rows(name: str) -> list[dict[str, str]]:
    lines = [
        ln
        for ln in (REPO / "tests" / name).read_text(encoding="utf-8").splitlines()
        if not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


NOT_YET_READ = _rows("corpus_not_yet_read.tsv")
WITHOUT_QUESTIONS = _rows("corpus_without_questions.tsv")


@pytest.fixture(scope="module")
def report():
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return corpus_report([CORPUS / f for f in FOLDERS])


def _rel(path: str) -> str:
    return str(Path(path).resolve().relative_to(CORPUS.resolve()))


def test_the_lists_name_real_inputs_with_reasons():
    for row in NOT_YET_READ + WITHOUT_QUESTIONS:
        assert row["reason"].strip(), row
        assert row["kind"] in QUESTION_BEARING or row["kind"] == "input", row
        if CORPUS.exists():
            assert (CORPUS / row["path"]).is_file(), row


def test_every_input_is_read(report):
    expected = sum(1 for f in FOLDERS for _ in iter_inputs([CORPUS / f]))
    assert len(report.inputs) == expected
    # an input that holds a document another input holds too (two KOOP metadata examples of one
    # publication) was read; the batch keeps the first and reports the second, naming the first
    same = re.compile(r"document \S+ was already converted from (?P<first>.+?): two inputs hold the same")
    duplicates = {r.path: same.search(r.reason or "") for r in report.failed if same.search(r.reason or "")}
    converted = {r.path for r in report.inputs if r.status != "failed"}
    assert all(m.group("first") in converted for m in duplicates.values())
    refused = {_rel(r.path) for r in report.failed if r.path not in duplicates}
    listed = {r["path"] for r in NOT_YET_READ if r["kind"] == "input"}
    assert refused - listed == set(), report.summary()
    assert listed - refused == set(), "read after all: remove these rows from tests/corpus_not_yet_read.tsv"


def test_every_question_bearing_document_yields_its_questions(report):
    without = {(r["path"], r["kind"]) for r in WITHOUT_QUESTIONS}
    missing = set()
    for r in report.inputs:
        for d in r.documents:
            if d.kind in QUESTION_BEARING and d.questions == 0:
                missing.add((_rel(r.path), d.kind))
    listed = {(r["path"], r["kind"]) for r in NOT_YET_READ if r["kind"] != "input"}
    assert missing - without - listed == set()
    assert listed - missing == set(), "read after all: remove these rows from tests/corpus_not_yet_read.tsv"
    # a document said to print no question must not yield one either (else the row is wrong)
    yielding = {(_rel(r.path), d.kind) for r in report.inputs for d in r.documents if d.questions}
    assert {k for k in without if k in yielding and k not in missing} == set()


def test_every_document_conforms(report):
    bad = {d.id: d.violations for r in report.inputs for d in r.documents if d.violations}
    assert bad == {}


def test_layouts_seen(report):
    table = layout_table(report)
    assert set(table) >= {
        "letter-text",
        "koop-pdf-text",
        "ministry-text",
        "docx",
        "text",
        "html",
        "koop-xml",
        "vlos-xml",
        "pdf+generic",
    }
    assert table["koop-pdf-text"]["documents"] == 22
    assert table["docx"]["documents"] == 5
    assert table["text"]["documents"] >= 100  # historic OCR of every kind and the Rekenkamer letters


def test_unresolved_names_after_2010(report):
    recent = [
        (d.id, n)
        for r in report.inputs
        for d in r.documents
        for n in d.unresolved
        if d.date and d.date >= "2010-01-01"
    ]
    assert recent == []
