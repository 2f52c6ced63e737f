"""Every document of the shared corpus (all folders but the schemas) converts and conforms."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from kamerld.corpus_report import corpus_report, layout_table
from kamerld.pipeline import iter_inputs

FOLDERS = [
    "seed", "txt-koop-pdf", "txt-ministry-docx", "docx-ministry", "txt-sgd-ocr", "xml-koop-handelingen",
    "xml-koop-format-examples", "xml-tk-vlos", "pdf-tk",
]


@pytest.fixture(scope="module")
def report():
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return corpus_report([CORPUS / f for f in FOLDERS])


def test_every_document_converts(report):
    expected = sum(1 for f in FOLDERS for _ in iter_inputs([CORPUS / f]))
    assert len(report.inputs) == expected
    assert not report.failed, report.summary()


def test_every_document_conforms(report):
    bad = {d.id: d.violations for r in report.inputs for d in r.documents if d.violations}
    assert bad == {}


def test_layouts_seen(report):
    table = layout_table(report)
    assert set(table) >= {"letter-text", "koop-pdf-text", "ministry-text", "docx", "text", "koop-xml",
                          "vlos-xml", "pdf+generic"}
    assert table["koop-pdf-text"]["documents"] == 22
    assert table["docx"]["documents"] == 5


def test_unresolved_names_after_2010(report):
    recent = [(d.id, n) for r in report.inputs for d in r.documents for n in d.unresolved
              if d.date and d.date >= "2010-01-01"]
    assert recent == []
