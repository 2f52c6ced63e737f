"""PDF files: extract the page texts (`text.pdf_pages`: pypdf checks, PDFium extracts), then let the
text reader that fits best read them.

The document keeps the name of both readers ("pdf+koop-pdf-text"). A PDF whose text no reader
recognises (a committee's besluitenlijst, say) becomes a generic document that keeps its text, so the
enrichment stage still finds the papers it cites; that is more use to a user than an error.
"""

from __future__ import annotations

import re

from ..errors import NoContentError
from ..model import Document, DocumentKind, Severity
from ..sources import Source
from ..text.dates import parse_dutch_date as parse_date
from ..text.pdf_pages import is_pdf, pdf_pages, pdf_text
from .base import Fit

#: readers that take bytes of another container, never the extracted text
_NOT_TEXT = {"pdf", "docx", "koop-xml", "vlos-xml"}
# "Document: Besluitenlijst van ... van woensdag 26" + "oktober 2016": lower-case lines continue it
_TITLE = re.compile(r"^\s*Document:\s*(?P<title>.+(?:\n[ \t]*[a-z0-9].*)*)", re.MULTILINE)


class PdfReader:
    name = "pdf"
    description = "PDF with a text layer, handed to the text reader that fits (else a generic document)"

    def sniff(self, source: Source) -> Fit:
        return Fit.EXACT if is_pdf(source.head()) else Fit.NO

    def read(self, source: Source) -> list[Document]:
        text = pdf_text(pdf_pages(source.data, source.path))
        text_source = Source.from_text(text, path=source.path)
        from . import all_readers  # the registry imports this module lazily; import it back lazily

        bids = [(r.sniff(text_source), i, r) for i, r in enumerate(all_readers()) if r.name not in _NOT_TEXT]
        fit, _, best = max(bids, key=lambda b: (b[0], -b[1]))
        reason = "no text reader recognises its layout"
        if fit >= Fit.LAYOUT:
            try:
                docs = best.read(text_source)
            except NoContentError as exc:
                reason = f"the {best.name} reader found nothing in it ({exc.message})"
            else:
                for doc in docs:
                    doc.reader = f"{self.name}+{best.name}"
                    doc.source_sha256 = source.sha256
                return docs
        return [generic_document(text, source, reason)]


def generic_document(text: str, source: Source, reason: str) -> Document:
    """A document of no known kind that keeps the text (its citations are found by enrichment)."""
    m = _TITLE.search(text)
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    title = " ".join(m.group("title").split()) if m else first
    doc = Document(
        id=f"pdf-{source.sha256[:16]}",
        kind=DocumentKind.OVERIG,
        source=source.path,
        source_sha256=source.sha256,
        reader="pdf+generic",
        title=title,
        date=parse_date("\n".join(text.splitlines()[:12])),
        text=text,
    )
    if "Tweede Kamer" in text or "Voortouwcommissie" in text:
        doc.chamber = "TK"
    doc.warn(f"read as a generic document: {reason}; its text is kept for citations", Severity.INFO)
    return doc
