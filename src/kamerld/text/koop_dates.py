"""Dutch dates as printed in parliamentary papers: "19 november 2024", "(Ingezonden 2 november 1992)".

Shared by the KOOP PDF-text reader and the historic OCR reader; OCR may put stray spaces or a capital
in the month, so matching is case-insensitive and tolerant of extra whitespace.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}

DATE_RE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)


def parse_dutch_date(text: str) -> date | None:
    """The first "d maand jjjj" date in `text`, or None (also None for an impossible day)."""
    m = DATE_RE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def find_marked_date(text: str, word: str) -> date | None:
    """The date in "(ingezonden 19 november 2024)" / "(Ontvangen 25 november 1992)" for `word`."""
    m = re.search(r"\(\s*" + word + r"\s+([^)]*)\)", text, re.IGNORECASE)
    return parse_dutch_date(m.group(1)) if m else None
