"""The letter-text reader on the bundled example (written by us in the layout of the seed letter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamerld.batch.pipeline import read_documents
from kamerld.readers import detect
from kamerld.sources import Source

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "letter-text" / "so-brief-verkiezingen.txt"


@pytest.fixture(scope="module")
def doc():
    [d] = read_documents(Source.from_path(EXAMPLE))
    return d


def test_detected_as_letter():
    assert detect(Source.from_path(EXAMPLE)).name == "letter-text"


def test_blocks(doc):
    assert doc.id == "mnre1034-2024-0000099001"
    assert [q.number for q in doc.questions] == ["1", "2", "3"]
    assert [a.answers for a in doc.answers] == [["1"], ["2"], ["3"]]
    assert [q.fractie for q in doc.questions] == ["VVD", "VVD", "D66"]
    assert [q.fractie_ref.slug for q in doc.questions] == ["vvd", "vvd", "d66"]
    assert doc.text.startswith("Hierbij beantwoord ik de vragen")  # the introduction is kept
    assert "stembureauleden" in doc.answers[0].text  # a soft hyphen at a line end joined
    assert all("Pagina" not in a.text and "Kenmerk" not in a.text for a in doc.answers)


def test_citations(doc):
    targets = [(c.text, c.target) for a in doc.answers for c in a.citations]
    assert ("Kamerstuk 35 165, nr. 62", "document/kst-35165-62") in targets
    assert "document/kst-36300-3" in {t for _, t in targets}
    motions = [c for c in doc.answers[2].citations if c.kind == "motie"]
    assert [m.target for m in motions] == [None]
    assert "motie-Sneller" in motions[0].text
