"""Reader for any text that no format-specific reader claims: decode, classify, read.

Historic OCR of every kind (1912-1995), Algemene Rekenkamer answer letters, Kamerstukken with
questions and answers (lijsten van vragen en antwoorden, verslagen van een schriftelijk overleg,
nota's naar aanleiding van het verslag, memories van antwoord, voorlopige verslagen), web texts:
the plain-text decoder makes blocks, `kamerld.extraction.assemble` does the rest. It bids GENERIC for
any text, so a file whose layout nothing recognises is still read, never refused.
"""

from __future__ import annotations

import re

from kamerld.extraction.assemble import read_decoded

from ..model import Document
from ..sources import Source
from .base import Fit
from .plaintext import decode_text

NAME = "text"


class TextReader:
    name = NAME
    description = "any text: historic OCR, Rekenkamer letters, Kamerstukken, web texts (one grammar)"

    def sniff(self, source: Source) -> Fit:
        head = source.head(4096)
        if b"\x00" in head or not head.strip():
            return Fit.NO
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a multi-byte character cut at the end is fine
                return Fit.NO
        if head.lstrip()[:1] == b"<" or head[:4] == b"%PDF" or head[:2] == b"PK":
            return Fit.NO
        return Fit.GENERIC

    def read(self, source: Source) -> list[Document]:
        docs = read_decoded(decode_text(source.text(), source.path))
        for d in docs:
            d.reader = NAME
            if source.suffix in _OTHER_CONTAINERS:
                d.warn(f"the file is named {source.suffix} but holds plain text: read as text")
        return docs


#: suffixes of containers that have their own decoder: a plain text behind one is read with a notice
_OTHER_CONTAINERS = {".docx", ".pdf", ".xml", ".html", ".htm"}


_KOOP_MASTHEAD = re.compile(rb"(?:Tweede|Eerste) Kamer der Staten-Generaal")
_KOOP_YEAR = re.compile(rb"Vergaderjaar 20\d\d\s*(?:-|\xe2\x80\x93)\s*20\d\d")


class KoopTextReader(TextReader):
    """The text of KOOP's PDFs of written questions, answers and mededelingen: the same one pipeline,
    under the layout's own name so reports can tell it apart (and `--format koop-pdf-text` keeps working)."""

    name = "koop-pdf-text"
    description = "text of official KOOP PDFs: kv-tk questions, ah-tk answers and mededelingen"

    def sniff(self, source: Source) -> Fit:
        head = source.head(1500)
        if not _KOOP_MASTHEAD.search(head) or not _KOOP_YEAR.search(head):
            return Fit.NO
        if b"Aanhangsel van de Handelingen" in head or b"Vragen gesteld door de leden der Kamer" in head:
            return Fit.EXACT
        return Fit.NO

    def read(self, source: Source) -> list[Document]:
        docs = super().read(source)
        for d in docs:
            d.reader = self.name
        return docs
