"""Classify a decoded document: its kind, chamber, vergaderjaar, numbers, ids, title and dates.

The kind comes from the headings, with the patterns per kind and era kept as data in `kinds.tsv`
(table order is priority order); an Aanhangsel item is a set of questions, an answer or a mededeling
by its own header sentences. Each kind has a profile that tells the question/answer grammar what
to expect: `written` (written questions and their answer or notice), `list` (numbered questions,
each followed by its answer), `report` (a committee's report: fractie inbreng, answers after
"Reactie"/"Antwoord" or in a second part), `reply` (the government restating and answering
questions), `none` (no questions: read for its citations).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from kamerld.extraction import ids

from ..errors import PackageDataError
from ..model import DocumentKind
from ..readers.blocks import Block, Decoded
from ..text.dates import parse_dutch_date
from ..text.scan import ignorecase_start, search_at, search_from_words
from .phrases import marked_date

__all__ = ["Classification", "classify", "kind_patterns", "PROFILES"]

PROFILES = ("written", "list", "questions", "report", "reply", "none")
HEAD_BLOCKS = 30  # the kind heading stands in the first blocks


@dataclass(frozen=True)
class KindPattern:
    kind: DocumentKind
    profile: str
    pattern: re.Pattern[str]


@cache
def kind_patterns() -> tuple[KindPattern, ...]:
    text = resources.files("kamerld.extraction").joinpath("kinds.tsv").read_text("utf-8")
    out = []
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        profile = row["profile"]
        if profile not in PROFILES:
            raise PackageDataError(f"unknown profile {profile!r}", path="kamerld/extraction/kinds.tsv")
        out.append(KindPattern(DocumentKind(row["kind"]), profile, re.compile(row["pattern"], re.MULTILINE)))
    return tuple(out)


PROFILE_OF = {
    DocumentKind.KAMERVRAGEN: "written",
    DocumentKind.ANTWOORD: "written",
    DocumentKind.MEDEDELING: "written",
}


@dataclass
class Classification:
    kind: DocumentKind = DocumentKind.OVERIG
    profile: str = "none"
    chamber: str | None = None
    vergaderjaar: str | None = None
    number: str | None = None  # Aanhangsel number or stuknummer as printed
    dossiers: list[str] = field(default_factory=list)
    zaken: list[str] = field(default_factory=list)
    id: str | None = None
    title: str | None = None
    date: date | None = None  # "Vastgesteld", the letter's date
    date_received: date | None = None  # "Ontvangen" / a nota's "Ingezonden"
    date_submitted: date | None = None  # from the metadata of a web page
    heading: int | None = None  # index of the block with the kind heading
    aanhangsel: bool = False
    rekenkamer: bool = False
    notes: list[str] = field(default_factory=list)  # what was not understood


_CHAMBER = re.compile(r"\b(Tweede|Eerste)\s*(?:\n\s*)?Kamer\b", re.I)
_VJ = re.compile(
    r"(?:Vergaderjaar|Zitting|vergaderjaar|zitting|Bijlagen\.?)\s+(1[89]\d\d|20\d\d)\s*[-–—]\s*(\d{2,4})"
)
_AANHANGSEL = re.compile(
    r"Aanhangsel\s+(?:van\s+de|tot\s+het\s+Verslag\s+van\s+de)\s+Handelingen|AANHANGSEL\s+TOT\s+HET\s+VERSLAG",
    re.I,
)
_DOSSIER_LINE = re.compile(r"^(?P<dos>[1-3]?\d\s?\d{3})(?:[\s-]+(?P<toev>[IVXL]{1,6}[AB]?|[A-Z]|\d{1,3}))?$")
# the dossier head with its title on the same line (web texts): "21 501-32 Landbouw- en Visserijraad"
_DOSSIER_TITLE = re.compile(
    r"^(?P<dos>[1-3]\d\s\d{3})(?:(?:-|\s)(?P<toev>[IVXL]{1,6}[AB]?|\d{1,3})(?=\s))?\s+(?P<title>[A-Z][^\n]{3,400})$"
)
# the stuk number before the kind heading: "Nr. 1652 VERSLAG …", "C MEMORIE VAN ANTWOORD", "12 LIJST …"
_NR_HEADING = re.compile(r"^(?:Nr\.\s*)?(?P<nr>\d{1,4}[a-z]{0,2}|[A-Z]{1,2})\s+(?=[A-Z]{3,}\s+[A-Z]{2,})")
_NR = re.compile(r"^(?:Vergaderjaar\s+\S+\s+)?Nr\.\s*(?P<nr>\d{1,4}[a-z]{0,2}|[A-Z]{1,2})\b")
_EK_LETTER = re.compile(r"^(?P<nr>[A-Z]{1,2})$")
_REKENKAMER = re.compile(r"Algemene\s+Rekenkamer|rekenkamer\.nl", re.I)


def classify(decoded: Decoded) -> Classification:
    blocks = decoded.body()
    head = blocks[:HEAD_BLOCKS]
    head_text = "\n".join(b.text for b in head)
    foot_text = "\n".join(b.text for b in decoded.blocks if b.is_furniture)
    c = Classification()

    meta = decoded.meta
    c.chamber = _chamber(meta, head_text, foot_text)
    c.vergaderjaar = _vergaderjaar(meta, head_text, foot_text) or _vergaderjaar({}, "", decoded.plain())
    c.aanhangsel = bool(search_from_words(_AANHANGSEL, head_text, "aanhangsel")
                        or _AANHANGSEL.search(meta.get("publication", "")))
    top = head_text[:3000]
    # every match holds "rekenkamer": a head without it is not searched
    c.rekenkamer = ignorecase_start(top, "rekenkamer") is not None and bool(_REKENKAMER.search(top))
    c.zaken = list(dict.fromkeys(z for z in ids.ZAAK.findall(meta.get("zaak", "") + "\n" + head_text[:1500])))

    # the kind: the first table row whose pattern a head block matches (in the block order)
    if not c.aanhangsel:
        found = _kind_heading(head)
        if found is not None:
            c.heading, kp = found
            c.kind, c.profile = kp.kind, kp.profile
    if (
        c.aanhangsel
        or c.kind == DocumentKind.OVERIG
        and re.search(
            r"(?:VRAGEN|Vragen)\s+(?:van|gesteld\s+door)\s+(?:het\s+lid|de\s+leden|den\s+heer|de\s+heer|de\s+heren)",
            head_text,
        )
    ):
        c.kind, c.profile = DocumentKind.KAMERVRAGEN, "written"  # refined by the item headers
    if c.kind == DocumentKind.OVERIG and meta.get("publication"):
        # the page says what it is (DC.type / OVERHEIDop.publicationName)
        for kp in kind_patterns():
            if kp.pattern.search(meta["publication"].upper()):
                c.kind, c.profile = kp.kind, kp.profile
                break

    _kamerstuk_numbers(c, head)
    if meta.get("dossier"):
        try:
            key = ids.dossier_key(meta["dossier"])
            if key not in c.dossiers:
                c.dossiers.insert(0, key)
        except ValueError:
            pass
    if meta.get("stuk") and not c.number:
        c.number = meta["stuk"]
    if meta.get("number") and c.aanhangsel:
        c.number = meta["number"]
    c.date = _date(meta, head_text)
    c.date_received = marked_date(head_text, "Ontvangen")
    c.date_submitted = _iso(meta.get("date_submitted"))
    if meta.get("date_received"):
        c.date_received = _iso(meta["date_received"])
    if (
        c.kind in (DocumentKind.NOTA_NAV_VERSLAG, DocumentKind.MEMORIE_VAN_ANTWOORD)
        and c.date_received is None
    ):
        c.date_received = marked_date(head_text, "Ingezonden")
    if c.kind == DocumentKind.HANDELINGEN:
        _sitting(c, head)
    c.title = meta.get("title") or c.title or _title(c, head)
    c.id = meta.get("id") or _id(c)
    return c


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _profile_for(kind: DocumentKind) -> str:
    for kp in kind_patterns():
        if kp.kind == kind:
            return kp.profile
    return "none"


def _chamber(meta: dict[str, str], head: str, foot: str) -> str | None:
    if meta.get("chamber") in ("TK", "EK"):
        return meta["chamber"]
    for text in (head[:1500], foot, head):
        # every match starts with "Tweede" or "Eerste" (after \b), in any case
        if m := search_from_words(_CHAMBER, text, "tweede", "eerste"):
            return "TK" if m.group(1).lower() == "tweede" else "EK"
    return None


def _vergaderjaar(meta: dict[str, str], head: str, foot: str) -> str | None:
    if meta.get("vergaderjaar"):
        return ids.vergaderjaar_of(meta["vergaderjaar"])
    for text in (head[:2000], foot):
        for m in _VJ.finditer(text):
            vj = ids.vergaderjaar_of(f"{m.group(1)}-{m.group(2)}")
            if vj:
                return vj
    return None


def _kind_heading(head: list[Block]) -> tuple[int, KindPattern] | None:
    """(block index, pattern) of the first row of the kinds table that a head block matches: the
    table is in order of precedence, so the first row found is the answer."""
    for kp in kind_patterns():
        for i, b in enumerate(head):
            if search_at(kp.pattern, b.text[:3000]):
                return i, kp
    return None


def _add_dossier(c: Classification, m: re.Match[str]) -> bool:
    """The dossier a head line names (number and toevoeging), once; False when it is no dossier number."""
    try:
        key = ids.dossier_key(m.group("dos"), m.group("toev"))
    except ValueError:
        return False
    if key not in c.dossiers:
        c.dossiers.append(key)
    return True

def _kamerstuk_numbers(c: Classification, head: list[Block]) -> None:
    """Dossier heads ('22396', '20 499', '36 200 VII', several under each other) and the stuk line
    ('Nr. 22', EK 'Nr. 47a', a lettered 'C')."""
    if _bijlagen_numbers(c, head):
        return
    for i, b in enumerate(head[:20]):
        t = b.text.strip()
        if m := _DOSSIER_LINE.match(t):
            _add_dossier(c, m)
        elif (m := _DOSSIER_TITLE.match(t)) and i < 8:
            if _add_dossier(c, m):
                c.title = c.title or m.group("title").strip()
        elif (m := _NR.match(t)) and c.number is None:
            c.number = m.group("nr")
        elif c.dossiers and c.number is None and (m := _NR_HEADING.match(t)):
            c.number = m.group("nr")
        elif c.dossiers and c.number is None and _EK_LETTER.match(t) and i > 0:
            c.number = t
    if c.number is None:
        # "Vergaderjaar 1985-1986 Nr. 47a" inside a head block
        for b in head[:8]:
            if m := re.search(r"\bNr\.\s*(\d{1,4}[a-z]{0,2})\b", b.text):
                c.number = m.group(1)
                break


# the Bijlagen of the Handelingen print "<dossier> <stuk>" above the kind heading ("1529 4", "495 5",
# "1478 13 VOORLOPIG VERSLAG …"); dossiers are numbered through the years only since 1945
_BIJLAGEN_NR = re.compile(r"^(?P<dos>\d{1,5})\s+(?P<nr>\d{1,3}[a-z]?)(?:$|\s+(?=[A-Z]{3,}))")


def _bijlagen_numbers(c: Classification, head: list[Block]) -> bool:
    if not head or not re.match(r"^Bijlagen\.?$", head[0].text.strip()):
        return False
    if not c.vergaderjaar or int(c.vergaderjaar[:4]) < 1945:
        return False
    for b in head[1:12]:
        if m := _BIJLAGEN_NR.match(b.text.strip()):
            c.dossiers.append(ids.dossier_key(m.group("dos")))
            c.number = m.group("nr")
            return True
    return False


# the record of a sitting heads its pages "51STE VERGADERING" / "10DE VERGADERING" and then
# "VERGADERING VAN DONDERDAG 21 JUNI 1973" (every year since the 1950s)
_SITTING_NR = re.compile(r"^(?P<nr>\d{1,3})\s?(?:STE|DE|E)\s+VERGADERING\b")
_SITTING_DAY = re.compile(
    r"VERGADERING\s+VAN\s+(?:MAANDAG|DINSDAG|WOENSDAG|DONDERDAG|VRIJDAG|ZATERDAG)\s+(?P<day>\d{1,2}\s+[A-Z]+\s+\d{4})"
)


def _sitting(c: Classification, head: list[Block]) -> None:
    for b in head[:12]:
        t = b.text.strip()
        if c.number is None and (m := _SITTING_NR.match(t)):
            c.number = m.group("nr")
        if c.date is None and (m := _SITTING_DAY.search(t)):
            c.date = parse_dutch_date(m.group("day").lower())


def _date(meta: dict[str, str], head: str) -> date | None:
    if meta.get("date"):
        try:
            return date.fromisoformat(meta["date"])
        except ValueError:
            return None
    for word in ("Vastgesteld", "Datum"):  # in any case: "DATUM" too
        if d := marked_date(head, word):
            return d
    if meta.get("datum"):
        return parse_dutch_date(meta["datum"])
    return None


def _title(c: Classification, head: list[Block]) -> str | None:
    if c.dossiers:
        # the dossier title follows the (last) dossier head
        for i, b in enumerate(head[:20]):
            if _DOSSIER_LINE.match(b.text.strip()) and i + 1 < len(head):
                nxt = head[i + 1].text.strip()
                if not _DOSSIER_LINE.match(nxt) and not _NR.match(nxt) and len(nxt) < 300:
                    return nxt
    for b in head[:12]:
        if m := re.match(r"^(?:BETREFT|Betreft|Onderwerp)\s*:?\s+(.+)$", b.text):
            return m.group(1).strip()
    return None


def _id(c: Classification) -> str | None:
    try:
        if (
            c.kind not in (DocumentKind.KAMERVRAGEN, DocumentKind.ANTWOORD, DocumentKind.MEDEDELING)
            or not c.aanhangsel
        ):
            if c.kind == DocumentKind.HANDELINGEN:
                if c.chamber and c.vergaderjaar and c.number:
                    return ids.handelingen_id(c.chamber, c.vergaderjaar, c.number)
                return None
            if c.dossiers and c.number:
                return ids.kamerstuk_id(c.dossiers[0], c.number)
    except ValueError:
        return None
    return None
