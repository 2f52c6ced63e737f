"""What a reader is: a name, a cheap sniff that bids for a source, and read()."""

from __future__ import annotations

from enum import IntEnum
from typing import Protocol

from ..model import Document
from ..sources import Source


class Fit(IntEnum):
    """How well a reader fits a source. The highest bid wins; ties go to registry order."""

    NO = 0
    GENERIC = 1  # could read it as plain text / generic XML
    LAYOUT = 2  # recognises the layout
    EXACT = 3  # recognises a unique signature (root element, header)


class Reader(Protocol):
    name: str
    description: str

    def sniff(self, source: Source) -> Fit: ...

    def read(self, source: Source) -> list[Document]: ...
