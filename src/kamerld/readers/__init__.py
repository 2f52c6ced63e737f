"""Reader registry: one reader per input layout, chosen by content sniffing.

Each entry is loaded lazily on first use (rdflib's plugin registry does the same). `detect` asks every
reader to bid (`Fit`); the most specific wins. `--format NAME` skips the bidding.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

from ..errors import InputError, UnknownFormatError, UsageError

if TYPE_CHECKING:  # the readers' base loads the model: not needed to name the readers (the CLI's help)
    from ..sources import Source
    from .base import Reader

#: name -> "module:Class". Order breaks ties: more specific readers first.
READERS: dict[str, str] = {
    "koop-xml": "kamerld.readers.koop_xml:KoopXmlReader",
    "vlos-xml": "kamerld.readers.vlos_xml:VlosXmlReader",
    "docx": "kamerld.readers.docx:DocxReader",
    "pdf": "kamerld.readers.pdf:PdfReader",
    "koop-pdf-text": "kamerld.readers.text:KoopTextReader",
    "ministry-text": "kamerld.readers.ministry_text:MinistryTextReader",
    "letter-text": "kamerld.readers.letter_text:LetterTextReader",
    "html": "kamerld.readers.html_reader:HtmlReader",
    "text": "kamerld.readers.text:TextReader",
}


@cache
def get_reader(name: str) -> Reader:
    try:
        target = READERS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; known formats: {', '.join(READERS)}") from None
    module, cls = target.split(":")
    return getattr(importlib.import_module(module), cls)()


def all_readers() -> list[Reader]:
    return [get_reader(n) for n in READERS]


def detect(source: Source) -> Reader:
    """The reader that fits `source` best, or UnknownFormatError listing what was tried."""
    from .base import Fit

    if not source.data.strip():
        raise InputError("file is empty", source.path)
    bids = [(r.sniff(source), i, r) for i, r in enumerate(all_readers())]
    best = max(bids, key=lambda b: (b[0], -b[1]))
    if best[0] == Fit.NO:
        raise UnknownFormatError(
            "no reader recognises this file",
            source.path,
            f"known formats: {', '.join(READERS)}; force one with --format",
        )
    return best[2]


def __getattr__(name: str):
    if name in ("Fit", "Reader"):  # still importable from here, loaded on first use
        from . import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Fit", "Reader", "READERS", "get_reader", "all_readers", "detect"]
