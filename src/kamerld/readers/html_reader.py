"""Reader for HTML pages: decode with `readers.html`, then the one reading path (`extract.assemble`)."""

from __future__ import annotations

from kamerld.extraction.assemble import read_decoded

from ..model import Document
from ..sources import Source
from .base import Fit
from .html import decode_html, looks_like_html

NAME = "html"


class HtmlReader:
    name = NAME
    description = "HTML pages: zoek.officielebekendmakingen.nl, tweedekamer.nl, openkamer.org"

    def sniff(self, source: Source) -> Fit:
        return Fit.LAYOUT if looks_like_html(source.head(4096)) else Fit.NO

    def read(self, source: Source) -> list[Document]:
        docs = read_decoded(decode_html(source.data, source.path))
        for d in docs:
            d.reader = NAME
        return docs
