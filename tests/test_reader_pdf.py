"""PdfReader: generated PDFs (tests/data/pdf/, written by make_pdfs.py) and the corpus besluitenlijsten."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import CORPUS

from kamerld.errors import InputError
from kamerld.model import DocumentKind
from kamerld.readers import detect
from kamerld.readers.base import Fit
from kamerld.readers.pdf import PdfReader
from kamerld.sources import Source
from kamerld.text.pdf_pages import pdf_pages

DATA = Path(__file__).resolve().parent / "data" / "pdf"
PDF_TK = CORPUS / "pdf-tk"
READER = PdfReader()


def corpus_pdf(n: int) -> Source:
    if not PDF_TK.is_dir():
        pytest.skip(f"shared corpus not found at {PDF_TK}")
    return Source.from_path(PDF_TK / f"besluitenlijst_example{n}.pdf")


def test_generated_letter_goes_to_the_ministry_text_reader():
    src = Source.from_path(DATA / "ministry-letter.pdf")
    assert READER.sniff(src) == Fit.EXACT
    assert detect(src).name == "pdf"
    (doc,) = READER.read(src)
    assert doc.reader == "pdf+ministry-text"
    assert doc.source == str(DATA / "ministry-letter.pdf")
    assert doc.source_sha256 == src.sha256  # the PDF's hash, not the extracted text's
    assert doc.id == "ah-tk-20242025-999"
    assert doc.kind == DocumentKind.ANTWOORD
    assert doc.zaken == ["2024Z99999"]
    assert doc.date_received == date(2024, 10, 2)
    assert [(a.name, a.role, a.portfolio) for a in doc.answerers] == [
        ("Jansen", "staatssecretaris", "Proefzaken en Oefening")
    ]
    # the questions run over the page break
    assert [(q.number, q.text) for q in doc.questions] == [
        ("1", "Kent u het bericht over de proef met geïnstrueerde PDF-bestanden? 1)"),
        ("2", "Wat gaat u doen?"),
        ("3", "Wanneer kunt u de Kamer informeren?"),
    ]
    assert [(a.number, a.answers, a.text) for a in doc.answers] == [
        ("1", ["1"], "Ja."),
        ("2-3", ["2", "3"], "Ik informeer de Kamer voor het einde van het jaar."),
    ]
    assert [(f.marker, f.text) for f in doc.questions[0].footnotes] == [("1", "Kamerstuk 12345, nr. 6")]


def test_page_texts_are_kept_apart():
    pages = pdf_pages((DATA / "ministry-letter.pdf").read_bytes(), "ministry-letter.pdf")
    assert len(pages) == 2
    assert pages[0].splitlines()[0] == "AH 999"
    assert pages[1].splitlines()[0] == "Vraag 2"


def test_encrypted_pdf_refused():
    with pytest.raises(InputError, match="PDF is encrypted; kamerld does not decrypt PDFs") as exc:
        READER.read(Source.from_path(DATA / "encrypted.pdf"))
    assert exc.value.path == str(DATA / "encrypted.pdf")
    assert exc.value.hint == "save an unencrypted copy first"


def test_pdf_without_text_layer_refused():
    with pytest.raises(
        InputError, match=r"PDF has no text layer \(1 page\(s\) of images or drawings only\)"
    ) as exc:
        READER.read(Source.from_path(DATA / "no-text-layer.pdf"))
    assert exc.value.path == str(DATA / "no-text-layer.pdf")


def test_damaged_and_non_pdf():
    with pytest.raises(InputError, match="damaged PDF|PDF has no pages"):
        READER.read(Source("kapot.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"))
    with pytest.raises(InputError, match="not a PDF"):
        READER.read(Source("x.pdf", b"geen pdf"))
    assert READER.sniff(Source("x.txt", b"AH 601\n")) == Fit.NO


@pytest.mark.parametrize(
    "n,pages,day,title,cited",
    [
        (1, 10, date(2009, 4, 3), "Besluitenlijst van de procedurevergadering van donderdag 2 april 2009",
         "Voortouwcommissie: vaste commissie voor Binnenlandse Zaken en Koninkrijksrelaties"),
        (2, 16, date(2016, 10, 28), "Besluitenlijst van de procedurevergadering van woensdag 26 oktober 2016",
         "Voortouwcommissie: vaste commissie voor Financiën"),
        (3, 1, date(2015, 3, 27), "Besluitenlijst van de e-mailprocedure van donderdag 26 maart 2015",
         "het AO discriminatieonderwerpen - 2015Z05561"),
    ],
)  # fmt: skip
def test_besluitenlijsten_become_generic_documents_with_their_text(n, pages, day, title, cited):
    src = corpus_pdf(n)
    assert len(pdf_pages(src.data, src.path)) == pages
    (doc,) = READER.read(src)
    assert doc.kind == DocumentKind.OVERIG
    assert doc.reader == "pdf+generic"
    assert doc.id == f"pdf-{src.sha256[:16]}"
    assert doc.title == title
    assert doc.date == day
    assert doc.chamber == "TK"
    assert doc.questions == [] and doc.answers == []
    assert cited in doc.text  # kept whole so the enrichment stage finds the zaken and kamerstukken
    assert [n.message for n in doc.notices] == [
        "read as a generic document: no text reader recognises its layout; its text is kept for citations"
    ]


def test_a_pdf_stream_that_inflates_too_far_is_refused():
    """A few kilobytes of deflated zeros that would inflate to 40 MB: refused, quickly, by name."""
    import time
    import zlib

    from bad_inputs import raw_pdf

    from kamerld.text.pdf_pages import MAX_STREAM_BYTES, pdf_pages

    bomb = raw_pdf(zlib.compress(b"0" * (40 * 1024 * 1024), 9))
    assert len(bomb) < 100_000 and 40 * 1024 * 1024 > MAX_STREAM_BYTES
    start = time.perf_counter()
    with pytest.raises(InputError, match="inflates past the limit"):
        pdf_pages(bomb, "bomb.pdf")
    assert time.perf_counter() - start < 5


def test_pdfium_keeps_the_words_pypdf_broke_and_the_hyphens_at_line_ends():
    """pypdf's text of besluitenlijst 1 read "Algemeen over leg" and "10 ." and dropped the hyphen of
    "Zuid-Holland" at a line's end; PDFium's marker for that hyphen is a control character."""
    src = corpus_pdf(1)
    text = "\n".join(pdf_pages(src.data, src.path))
    assert "Algemeen overleg" in text and "over leg" not in text
    assert "korpschef Zuid-Holland" in text
    assert "\x02" not in text and "\ufffe" not in text
