"""Text helpers shared by the XML readers: element text, whitespace, mojibake, Dutch dates and numbers.

Pure functions on strings and lxml elements; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from kamerld.sources.safexml import local

from ..model import Notice, Severity
from .dates import parse_dutch_date, parse_iso_date  # noqa: F401  (the XML readers take them from here)

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Collapse all whitespace runs to one space and strip (pretty-printed XML has lots)."""
    return _WS.sub(" ", text or "").strip()


def tidy(text: str) -> str:
    """`norm`, plus no space before closing punctuation: pretty-printing puts "(\\n VVD\\n )" apart."""
    text = norm(text)
    text = re.sub(r"\s+([.,;:!?)\]])", r"\1", text)
    return re.sub(r"([(\[])\s+", r"\1", text)


def element_text(el: etree._Element, skip: Iterable[str] = ()) -> str:
    """The text of `el` and its descendants, leaving out subtrees whose local name is in `skip`
    (the tail text after a skipped element is kept: it belongs to the parent)."""
    skipped = frozenset(skip)
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and local(child.tag) not in skipped:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return tidy(" ".join(parts))


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local(c.tag) == name]


def first(el: etree._Element, name: str) -> etree._Element | None:
    """The first descendant (document order) with local name `name`."""
    for node in el.iter(f"{{*}}{name}"):  # lxml picks the local name in any namespace or none
        if node is not el:
            return node
    return None


def descendants(el: etree._Element, name: str) -> list[etree._Element]:
    return [n for n in el.iter(f"{{*}}{name}") if n is not el]


def first_text(el: etree._Element, name: str) -> str | None:
    node = first(el, name)
    if node is None:
        return None
    return element_text(node) or None


# ---- mojibake: UTF-8 bytes that someone decoded as Latin-1 / Windows-1252 and saved again ----------

# A UTF-8 lead byte read as Latin-1 (Ã, Â, â, ï ...) followed by a continuation byte read as
# Latin-1 (0x80-0xBF) or as its Windows-1252 replacement (€, ™, ’ ...).
_CONT = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
    "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONT}]")


def looks_mojibake(text: str) -> bool:
    return _MOJIBAKE.search(text) is not None


def repair_mojibake(text: str) -> str | None:
    """Undo one round of UTF-8-read-as-Latin-1/cp1252, or None when `text` is not such a text.

    Each character goes back to the byte it was decoded from (Latin-1 for U+0000-U+00FF, cp1252 for
    its 27 extra characters); the result must then be valid UTF-8 as a whole, which real Latin-1
    text ("één", "café") practically never is.
    """
    if not looks_mojibake(text):
        return None
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        out = bytearray()
        for ch in text:
            if ord(ch) < 256:
                out.append(ord(ch))
                continue
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                return None
        raw = bytes(out)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


# ---- Dutch dates -----------------------------------------------------------------------------------


# ---- question / answer numbers as printed ------------------------------------------------------------

_NUM = r"\d+[a-z]?"
_LABEL = re.compile(
    r"^(?:(?:vraag|vragen|antwoord|antwoorden)\s+(?:op\s+(?:de\s+)?(?:vraag|vragen)\s+)?)?"
    rf"({_NUM}(?:\s*(?:,|en|t/m|tot en met|-|–)\s*{_NUM})*)\s*[.:)]?$",
    re.IGNORECASE,
)


def label_numbers(label: str) -> list[str] | None:
    """Numbers a printed label names: "Vraag 3" -> ["3"], "Antwoord 3 en 4" -> ["3", "4"],
    "Antwoord 1, 2 en 3" -> ["1", "2", "3"], "Antwoord 5 t/m 7" -> ["5", "6", "7"], "2." -> ["2"].
    None when the label is not a number label."""
    m = _LABEL.match(norm(label))
    if not m:
        return None
    body = m.group(1)
    numbers: list[str] = []
    for part in re.split(r"\s*(?:,|\ben\b)\s*", body):
        rng = re.fullmatch(r"(\d+)\s*(?:t/m|tot en met|-|–)\s*(\d+)", part)
        if rng:
            lo, hi = int(rng.group(1)), int(rng.group(2))
            if lo < hi <= lo + 50:  # a sane range; anything else is printed oddly, keep it as is
                numbers.extend(str(n) for n in range(lo, hi + 1))
                continue
        numbers.extend(re.findall(_NUM, part))
    return numbers or None


_LEADING_NUMBER = re.compile(
    rf"^\s*((?:(?:vraag|antwoord)\s+(?:op\s+vraag\s+)?)?{_NUM}(?:\s*(?:,|en|t/m)\s*{_NUM})*)\s*[.:)]\s+",
    re.IGNORECASE,
)
_LEADING_LABEL = re.compile(
    rf"^\s*((?:vraag|antwoord)\s+(?:op\s+vraag\s+)?{_NUM}(?:\s*(?:,|en|t/m)\s*{_NUM})*)\s*[.:]?\s+",
    re.IGNORECASE,
)


def split_leading_number(text: str) -> tuple[str, list[str], str] | None:
    """A number printed at the start of a paragraph: "1. Bent u ..." -> ("1.", ["1"], "Bent u ...");
    "Antwoord 3 en 4 Nee." -> ("Antwoord 3 en 4", ["3", "4"], "Nee."). None when there is none."""
    for pattern in (_LEADING_LABEL, _LEADING_NUMBER):
        m = pattern.match(text)
        if m:
            numbers = label_numbers(m.group(1))
            if numbers:
                return m.group(0).strip(), numbers, text[m.end() :]
    return None


# ---- bytes before parsing ------------------------------------------------------------------------------

_MOJIBAKE_BOM = "\u00ef\u00bb\u00bf".encode()  # a UTF-8 BOM that went through Latin-1 once


def repair_xml_bytes(data: bytes) -> tuple[bytes, list[Notice]]:
    """Undo a UTF-8-read-as-Latin-1 round trip over a whole XML file before it is parsed (the KOOP
    Handelingen in the corpus were saved that way: "tweeÃ«n", and a garbled BOM before `<?xml`, which
    no parser accepts). Returns the bytes to parse and what was done, for a notice.
    Input that is not UTF-8 is passed on untouched: its XML declaration names its encoding."""
    notes: list[Notice] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data, notes
    repaired = repair_mojibake(text)
    if repaired is not None:
        text = repaired.lstrip("\ufeff")
        notes.append(
            Notice(
                "text was UTF-8 decoded as Latin-1/Windows-1252 (mojibake such as 'Ã«'); repaired",
                Severity.INFO,
            )
        )
    elif text.startswith(_MOJIBAKE_BOM.decode()):
        text = text[len(_MOJIBAKE_BOM.decode()) :]
        notes.append(
            Notice("garbled byte order mark ('ï»¿') before the XML declaration removed", Severity.INFO)
        )
    elif looks_mojibake(text):
        notes.append(Notice("text looks garbled (UTF-8 read as Latin-1: 'Ã«') but could not be repaired"))
    if notes:
        return text.lstrip().encode("utf-8"), notes
    return data, notes
