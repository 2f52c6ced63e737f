"""Ministry answer letters as text: the tweedekamer.nl export of the ministry DOCX.

Layout: "AH 615" / "2024Z17538" / "Antwoord van minister Van Weel (Justitie en Veiligheid) (ontvangen
20 november 2024)" / optional "Zie ook Aanhangsel Handelingen, ..." then "Vraag 1" / "Antwoord op vraag
1" blocks (or numbered paragraphs), the question letter's notes ("1) Kamerstuk ...") at the end. Also the
question letters themselves ("2024Z18891" / "(ingezonden ...)" / "Vragen van het lid ...") and delay
notices ("Mededeling van staatssecretaris ..."). One line is one paragraph.
"""

from __future__ import annotations

import re

from ..model import Document
from ..sources import Source
from ..text.ministry_blocks import Para
from ..text.ministry_letter import build_document
from .base import Fit

_TOP = re.compile(
    r"^(?:AH\s*\d+|\d{4}Z\d{5})\s*$"
    r"|^(?:Antwoord|Mededeling)\s+van\s+(?:minister-president|minister|staatssecretaris)\s.+\(ontvangen\s",
    re.IGNORECASE | re.MULTILINE,
)


class MinistryTextReader:
    name = "ministry-text"
    description = "ministry answer letter, question letter or mededeling as text (AH nnn / zaak header)"

    def sniff(self, source: Source) -> Fit:
        head = source.head(4096)
        if b"\x00" in head or head.startswith((b"%PDF-", b"PK\x03\x04", b"<")):
            return Fit.NO
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
        top = "\n".join(text.splitlines()[:8])
        if "Staten-Generaal" in top or "Vergaderjaar" in top:
            return Fit.NO  # the KOOP publication of the same content: koop-pdf-text reads that
        return Fit.LAYOUT if _TOP.search(top) else Fit.NO

    def read(self, source: Source) -> list[Document]:
        paras = [Para(line) for line in source.text().splitlines()]
        return [build_document(paras, source.path, self.name, source.sha256)]
