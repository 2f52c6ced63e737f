"""The gold set is well formed and split by its rule, and kamerld's reading stays at least as good as
it was measured: a floor per field and half, just under the scores in docs/reading.md (CI prints the
tables with scripts/score_gold.py)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections import defaultdict

import pytest
from conftest import CORPUS, REPO

from kamerld.model import DocumentKind

_spec = importlib.util.spec_from_file_location("score_gold", REPO / "scripts" / "score_gold.py")
score_gold = importlib.util.module_from_spec(_spec)
sys.modules["score_gold"] = score_gold
_spec.loader.exec_module(score_gold)

DOC_KEYS = {
    "kind",
    "chamber",
    "id",
    "vergaderjaar",
    "number",
    "dossiers",
    "zaken",
    "title",
    "date_submitted",
    "date_received",
    "date",
    "askers",
    "fracties",
    "addressees",
    "answerers",
    "ministries",
    "questions",
    "answers",
    "citations",
}
# floors per half and field (F1): the measured scores minus a small margin
FLOORS = {
    "dev": {
        "questions": 0.95,
        "answers": 0.95,
        "answer_links": 0.94,
        "askers": 0.93,
        "fracties": 0.96,
        "addressees": 0.83,
        "answerers": 0.88,
        "ministries": 0.97,
        "citation_targets": 0.88,
        "kind": 0.94,
        "id": 0.90,
        "dates": 0.93,
    },
    "test": {
        "questions": 0.91,
        "answers": 0.90,
        "answer_links": 0.85,
        "askers": 0.91,
        "fracties": 0.81,
        "addressees": 0.76,
        "answerers": 0.92,
        "ministries": 0.83,
        "citation_targets": 0.85,
        "kind": 0.94,
        "id": 0.83,
        "dates": 0.90,
    },
}


def test_every_gold_file_is_in_the_split_and_well_formed():
    halves = score_gold.split()
    sources = []
    for gf in score_gold.gold_files():
        gold = json.loads(gf.read_text(encoding="utf-8"))
        assert set(gold) <= {"source", "notes", "documents"}, gf
        assert gold["source"] in halves, gf
        sources.append(gold["source"])
        path = score_gold.source_path(gold["source"])
        assert gold["source"].startswith("repo:") and path.exists() or gold["source"].startswith("corpus:"), (
            gf
        )
        for d in gold["documents"]:
            assert set(d) <= DOC_KEYS, (gf, set(d) - DOC_KEYS)
            DocumentKind(d["kind"])
            for q in d.get("questions", []):
                assert q["number"] and q["first_words"].strip(), (gf, q)
            for a in d.get("answers", []):
                assert a["first_words"].strip() and isinstance(a["answers"], list), (gf, a)
            for c in d.get("citations", []):
                assert c["text"].strip(), (gf, c)
    assert sorted(sources) == sorted(halves), "SPLIT.tsv names a source without gold"
    assert len([s for s in sources if s.startswith("corpus:")]) >= 60


def test_the_split_follows_its_rule():
    """The first split, per folder in the order of the SHA-1 of the source: the 1st, 3rd … are dev.
    Files added later (the rows after the `# added later` line, in the order appended) each join the
    half of their folder that had fewer files then, dev on a tie."""
    rows = (score_gold.GOLD / "SPLIT.tsv").read_text(encoding="utf-8").splitlines()[1:]
    cut = rows.index("# added later") if "# added later" in rows else len(rows)
    first = dict(r.split("\t") for r in rows[:cut] if r.strip())
    later = [tuple(r.split("\t")) for r in rows[cut + 1 :] if r.strip()]

    def folder(source: str) -> tuple[str, str]:
        kind, _, rel = source.partition(":")
        return (kind, rel.split("/")[0] if kind == "corpus" else "made")

    by_folder = defaultdict(list)
    for source in first:
        by_folder[folder(source)].append(source)
    counts = defaultdict(lambda: {"dev": 0, "test": 0})
    for key, group in by_folder.items():
        ordered = sorted(group, key=lambda s: hashlib.sha1(s.encode()).hexdigest())
        assert [first[s] for s in ordered] == [("dev", "test")[i % 2] for i in range(len(ordered))]
        for s in ordered:
            counts[key][first[s]] += 1
    for source, half in later:
        c = counts[folder(source)]
        assert half == ("dev" if c["dev"] <= c["test"] else "test"), source
        c[half] += 1


@pytest.fixture(scope="module")
def measured():
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    totals, per_file = score_gold.measure()
    return totals


@pytest.mark.parametrize("half", ["dev", "test"])
def test_reading_stays_above_its_floors(measured, half):
    low = {}
    for field, floor in FLOORS[half].items():
        f1 = measured[half][field].prf()[2]
        if f1 < floor:
            low[field] = round(f1, 3)
    assert low == {}, f"{half}: F1 below the floor: {low}"
