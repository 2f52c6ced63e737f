"""Page furniture of ministry letters: running headers and footers that interrupt the text.

"Pagina 3 van 29" footers and the "Kenmerk" / reference block repeated at the top of every page of a
ministry letter. The kenmerk is kept (it identifies the letter), the lines are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PAGE_FOOTER = re.compile(r"^\s*Pagina\s+\d+\s+van\s+\d+\s*$", re.IGNORECASE)
# labels of the reference column on every page; the value is on the next line
HEADER_LABELS = re.compile(
    r"^\s*(Kenmerk|Ons kenmerk|Uw kenmerk|Datum|Onze referentie|Uw referentie|Bijlage\(n\)|Bijlagen)\s*$",
    re.IGNORECASE,
)


@dataclass
class Furniture:
    lines: list[str]
    kenmerk: str | None = None
    pages: list[int] = field(default_factory=list)  # page numbers seen in footers


def strip_furniture(lines: list[str]) -> Furniture:
    """Remove running headers and page footers; keep what they tell (kenmerk, page numbers)."""
    out: list[str] = []
    kenmerk: str | None = None
    pages: list[int] = []
    skip_next = False
    for i, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        footer = PAGE_FOOTER.match(line)
        if footer:
            pages.append(int(re.findall(r"\d+", line)[0]))
            continue
        label = HEADER_LABELS.match(line)
        if label and i + 1 < len(lines) and lines[i + 1].strip() and len(lines[i + 1].strip()) < 40:
            value = lines[i + 1].strip()
            if label.group(1).lower() in ("kenmerk", "ons kenmerk") and kenmerk is None:
                kenmerk = value
            skip_next = True
            continue
        out.append(line)
    return Furniture(out, kenmerk, pages)
