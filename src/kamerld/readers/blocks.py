"""The intermediate form every decoder produces: a document as a sequence of blocks.

A decoder (one per container format: plain text, PDF, DOCX, KOOP XML, HTML) turns a file into
`Decoded`: blocks in reading order (paragraphs, headings, list items, table cells), each with the
hints its format has (a Word style, an HTML class, the number an XML element carries, the page),
the footnotes whose markers it carries, and where it stands in the decoded text. Page furniture
(running headers, page footers, page counters) is kept as blocks of kind FURNITURE rather than
deleted, so a later stage can still see page breaks. The grammars in `kamerld.extraction` read blocks,
never the container.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..model import Footnote

__all__ = ["BlockKind", "Block", "Decoded"]


class BlockKind(StrEnum):
    PARAGRAPH = "p"
    HEADING = "h"
    LIST_ITEM = "li"
    CELL = "td"
    FURNITURE = "furniture"  # running header or footer, page number, page counter


@dataclass
class Block:
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    page: int = 0  # 0-based page, where the format tells
    start: int = 0  # offsets in Decoded.text (the decoded, normalised text)
    end: int = 0
    style: str | None = None  # Word style, HTML class, XML element name
    role: str | None = None  # what the markup says it is: "vraag", "antwoord", "kop", "omschrijving", …
    number: str | None = None  # a number the markup carries ("3", "2, 3")
    footnotes: list[Footnote] = field(default_factory=list)  # footnotes whose marker this block carries

    @property
    def is_furniture(self) -> bool:
        return self.kind == BlockKind.FURNITURE


@dataclass
class Decoded:
    path: str
    decoder: str  # name of the decoder that made it
    blocks: list[Block] = field(default_factory=list)
    notes: list[Footnote] = field(default_factory=list)  # footnotes whose marker was not found
    meta: dict[str, str] = field(default_factory=dict)  # DC.*, OVERHEIDop.*, letterhead fields
    text: str = ""  # the decoded text the offsets point into

    def body(self) -> list[Block]:
        """The blocks without page furniture."""
        return [b for b in self.blocks if not b.is_furniture]

    def plain(self, limit: int | None = None) -> str:
        """The body blocks' text, one block per line (the first `limit` blocks)."""
        blocks = self.body()
        return "\n".join(b.text for b in (blocks[:limit] if limit else blocks))
