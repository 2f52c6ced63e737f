"""Dates as parliamentary papers print them, for every reader: "19 november 2024",
"(Ingezonden 2 november 1992)", ISO dates in XML metadata, and the vergaderjaar a date falls in.

OCR may put stray spaces or a capital in the month, so matching is case-insensitive and tolerant of
extra whitespace.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

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

DATE_RE = re.compile(r"\b(\d{1,2})\s*(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)


def parse_dutch_date(text: str | None) -> date | None:
    """The first "d maand jjjj" date in `text`, or None (also None for an impossible day)."""
    m = DATE_RE.search(text or "")
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


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_iso_date(text: str | None) -> date | None:
    """ "2025-07-10", "2025-07-10T00:00:00" -> date; None otherwise."""
    m = _ISO_DATE.match((text or "").strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _third_tuesday_of_september(year: int) -> date:
    first = date(year, 9, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 14)


def vergaderjaar(on: date) -> str:
    """The parliamentary year ("2024-2025") of a date.

    A vergaderjaar opens on Prinsjesdag, the third Tuesday of September, and runs until the day before
    the next one; so 1-16 September usually still belong to the year before.
    """
    start = on.year if on >= _third_tuesday_of_september(on.year) else on.year - 1
    return f"{start}-{start + 1}"
