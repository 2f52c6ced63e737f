"""Find citations of parliamentary papers in a text and resolve each to the one local id of its target.

Public entry: `find_references(text, chamber=..., vergaderjaar=..., in_footnote=...)`.

The forms below were taken from the real corpus (`shared/corpus`); see tests/test_references.py for a
real sentence per form. Targets are local id paths (see shared/design/data-contract.md):

* Kamerstukken, any spacing ("29 279", "29\u00a0279", "29279"), with or without "Kamerstuk(ken) II
  2022/23", "Tweede Kamer, vergaderjaar 2023–2024", toevoegingen ("21 501-32", "36 410 VIII",
  "36600-B"), compact ("36740-VII-1", "21501-32-1740"), bare "(22052, nr. 5)", "nr. 469 (29453)",
  EK letters ("19 599, nr. 229a", "Kamerstukken I 2023/24, 36 410, A") -> `document/kst-…`;
  a dossier without a stuk -> `dossier/36200-VII`. The vergaderjaar is not part of a kst id.
* Aanhangsel van de Handelingen -> `document/ah-{tk|ek}-{yyyyyyyy}-{nr}`; Handelingen ->
  `document/h-{tk|ek}-{yyyyyyyy}-{nr}[-{item}]`. A Handelingen number above 150 is read as an
  Aanhangsel number (no year has that many sittings), with a `note`. Chamber and vergaderjaar come
  from the text, else from the citing document (the arguments), else from the last "Zitting
  1982-1983" heading before the citation; when still unknown the citation is kept with target None.
* Zaak / document numbers -> `zaak/2024Z18775`, `tkdocument/2024D42030`; Stb./Stcrt./Trb. ->
  `document/stb-2024-213`…; ECLI -> rechtspraak deeplink; KOOP ids written out -> `document/<id>`;
  URLs -> the KOOP id / zaak they carry, else the URL itself (`www.` gets `https://`).
* Unresolved (target None): named motions without a number ("motie-Van Nispen c.s.") kind "motie";
  page parts ("blz. 12") of a parliamentary citation kind "page".

A citation naming several stukken ("nrs. 12 en 14") yields one Citation per target, all with the
same text and span; distinct spans never overlap. Self-citations (running page footers such as
"Tweede Kamer, vergaderjaar 1990-1991, 20935, nr. 8") are citations as written and are returned too.

Every pattern uses bounded repetition over disjoint character classes, so matching is linear in
practice (see the hypothesis test for the time bound).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kamerld.model import Citation, Span
from kamerld.text.scan import finditer_at, starts_of

__all__ = ["find_references", "MAX_HANDELINGEN_SITTING"]

# A vergaderjaar has well under 150 plenary sittings; a higher "Handelingen nr." is an Aanhangsel nr.
MAX_HANDELINGEN_SITTING = 150

_SP = r"[ \u00a0\u202f]"  # one space as printed inside a line (normal, non-breaking, narrow)
_G = r"\s{0,3}"  # a gap: PDF text drops spaces and breaks lines anywhere in a citation
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"  # for str.strip
_DC = r"\-\u2010\u2011\u2012\u2013\u2014"  # the same inside a regex character class
_YEAR = rf"(1[89]\d\d|20\d\d){_SP}?[/{_DC}]{_SP}?(\d\d(?:\d\d)?)(?!\d)"
# dossier 10000-39999, the thousands separated by a space or not
_DOS = rf"[1-3]\d{_SP}?\d{{3}}(?!\d)"
_ROMAN = r"[IVXL]{1,6}[AB]?"
# a numeric toevoeging ("21 501-32") only when a stuk number follows: "Kamerstuk 28362-79" is stuk 79
_TOEV = (
    rf"(?:{_SP}?[-{_DC}]{_SP}?(?:{_ROMAN}|[A-Z])(?![\w])|{_SP}{_ROMAN}(?![\w])"
    rf"|{_SP}?[-{_DC}]{_SP}?\d{{1,3}}(?![\w])(?=\s{{0,3}},?\s{{0,3}}(?:[Nn]rs?\b|[Nn]ummer)|-\d))"
)
_NR_ITEM = rf"\d{{1,5}}[a-z]?(?![\w/{_DC}])(?!{_SP}\d)(?!{_G},{_G}(?:nrs?\b|nummer))"
_NRS = (
    rf"(?:(?:[Nn]rs\.?|[Nn]ummers){_G}{_NR_ITEM}(?:{_G}(?:,|en|&){_G}{_NR_ITEM}){{0,12}}"
    rf"|(?:[Nn]r\.?|[Nn]ummer){_G}{_NR_ITEM}(?:{_G}(?:en|&){_G}{_NR_ITEM}){{0,12}})"
)
_PAGE = rf"(?P<page>{_G},?{_G}(?:blz|pag|p)\.{_G}\d{{1,5}}(?:{_G}[{_DC}]{_G}\d{{1,5}})?(?![\w]))?"
_CHAMBER = r"(?P<ch>II|I|TK|EK)(?![\w])"


@dataclass(frozen=True)
class _Ctx:
    chamber: str | None  # "tk" / "ek"
    vergaderjaar: str | None  # "20242025"
    in_footnote: bool


@dataclass
class _Hit:
    start: int
    end: int
    citations: list[Citation]


# ---- small helpers ----------------------------------------------------------------------------


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _toev(raw: str | None) -> str:
    """'-32', ' VIII', '–B' -> '-32', '-VIII', '-B'; None -> ''."""
    if not raw:
        return ""
    return "-" + raw.strip(" \u00a0\u202f" + _DASHES)


def _year(y1: str | None, y2: str | None) -> str | None:
    """('2022', '23') -> '20222023'; None when absent or not two consecutive years."""
    if not y1 or not y2:
        return None
    first = int(y1)
    second = int(y2) if len(y2) == 4 else (first // 100) * 100 + int(y2)
    if len(y2) == 2 and second < first:
        second += 100  # 1999/00
    if second != first + 1:
        return None
    return f"{first}{second}"


def _chamber(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip().lower()
    return {"ii": "tk", "tk": "tk", "tweede": "tk", "i": "ek", "ek": "ek", "eerste": "ek"}.get(raw)


def _nr_list(raw: str) -> list[str]:
    """'nrs. 12, 13 en 14' -> ['12', '13', '14'] (letters kept: '229a')."""
    return re.findall(r"\d{1,5}[a-z]?", re.sub(r"^\D+", "", raw))


def _cite(
    m: re.Match[str], start: int, end: int, kind: str, target: str | None, ctx: _Ctx, note: str | None = None
) -> Citation:
    text = m.string[start:end]
    return Citation(
        text=text, kind=kind, target=target, span=Span(start, end), in_footnote=ctx.in_footnote, note=note
    )


def _with_page(m: re.Match[str], main: list[Citation], ctx: _Ctx) -> list[_Hit]:
    """Split off a trailing "blz. 12" as its own unresolved page citation."""
    start = m.start()
    hits = []
    if m.groupdict().get("page"):
        p0, p1 = m.span("page")
        lead = len(m.group("page")) - len(m.group("page").lstrip(" ,\n\t\u00a0"))
        for c in main:
            c.text = m.string[start:p0]
            c.span = Span(start, p0)
        hits.append(_Hit(start, p0, main))
        hits.append(_Hit(p0 + lead, p1, [_cite(m, p0 + lead, p1, "page", None, ctx)]))
        return hits
    return [_Hit(start, m.end(), main)]


# ---- kamerstukken ---------------------------------------------------------------------------

_KST_PREFIX = (
    rf"(?:(?:Kamerstuk(?:ken|-{_G}ken)?|Kamerstukken)(?:{_G}(?:II|I)(?![\w]))?"
    rf"(?:{_G},?{_G}(?:vergaderjaar{_G}|[Zz]itting{_G})?{_YEAR})?{_G},?{_G}"
    rf"|(?:Tweede|Eerste){_SP}Kamer,?{_G}(?:vergaderjaar|[Zz]itting){_G}{_YEAR}{_G},{_G})"
)
# prefixed: the stuk part is optional (a dossier), or an EK letter
_RE_KST = re.compile(
    rf"(?<![A-Za-z])(?P<pre>{_KST_PREFIX})(?P<dos>{_DOS})(?P<toev>{_TOEV})?(?:{_SP}?/{_SP}?{_DOS}(?:{_TOEV})?)?"
    rf"(?:-(?P<nr>\d{{1,5}}[a-z]?)(?![\w{_DC}])|{_G},?{_G}(?P<nrs>{_NRS})|{_G},{_G}(?P<letter>[A-Z])(?![\w]))?"
    rf"{_PAGE}"
)
# bare: "(22052, nr. 5)", "( 36786 , nr.  4 )", "29 984, nr. 1207"
_RE_KST_BARE = re.compile(
    rf"(?<![\w.,/{_DC}])(?<!/{_SP})(?P<dos>{_DOS})(?P<toev>{_TOEV})?{_SP}?,{_G}(?P<nrs>{_NRS}){_PAGE}"
)
# one Kamerstuk in two dossiers, "26488 / 31300, nr 305": cited by the first (as KOOP names it)
_RE_KST_JOINT = re.compile(
    rf"(?<![\w.,/{_DC}])(?P<dos>{_DOS})(?P<toev>{_TOEV})?{_SP}?/{_SP}?{_DOS}(?:{_TOEV})?{_SP}?,{_G}(?P<nrs>{_NRS})"
    rf"{_PAGE}"
)
# "Zij krijgt nr. 469 (29453)"
_RE_KST_NR_FIRST = re.compile(
    rf"(?<![\w])[Nn]r\.?{_G}(?P<nr>\d{{1,5}}[a-z]?){_G}\({_G}(?P<dos>{_DOS})(?P<toev>{_TOEV})?{_G}\)"
)
# compact: "36740-VII-1", "21501-32-1740", "36740-VII" (dossier), "36600-B"
_RE_KST_COMPACT = re.compile(
    rf"(?<![\w./{_DC}])(?P<dos>[1-3]\d{{4}})-(?:(?P<toev>{_ROMAN}|[A-Z])(?:-(?P<nr>\d{{1,5}}[a-z]?))?"
    rf"|(?P<ntoev>\d{{1,3}})-(?P<nr2>\d{{1,5}}[a-z]?))(?![\w]|[{_DC}]\w)"
)
# a dossier on its own: "(36554)" after a bill's title, "36558 Nota naar aanleiding van het verslag"
_RE_DOSSIER_BARE = re.compile(
    rf"\({_SP}?(?P<dos>[1-3]\d{{4}})(?P<toev>{_TOEV})?{_SP}?\)"
    rf"|(?:^|(?<=\n))(?P<dos2>[1-3]\d{{4}}){_SP}(?=(?:Nota|Memorie|Voorstel|Verslag|Brief|Motie|Amendement)\b)"
)
# "dossier 36200-VII", "wetsvoorstel 36554" (a dossier named by a keyword)
_RE_DOSSIER_KW = re.compile(
    rf"(?<![\w])(?:dossier(?:nummer)?|[Ww]etsvoorstel){_SP}{{1,2}}(?P<dos>{_DOS})(?P<toev>{_TOEV})?(?![\w,])"
    rf"(?!{_G},{_G}nr)"
)


def _kst_hits(m: re.Match[str], ctx: _Ctx, kind: str = "kamerstuk") -> list[_Hit]:
    gd = m.groupdict()
    dossier = _digits(gd["dos"]) + _toev(gd.get("toev"))
    if gd.get("nrs"):
        nrs = _nr_list(gd["nrs"])
    elif gd.get("nr"):
        nrs = [gd["nr"]]
    elif gd.get("letter"):
        nrs = [gd["letter"]]
    else:
        end = m.end("page") if gd.get("page") else m.end()
        return _with_page(m, [_cite(m, m.start(), end, "dossier", f"dossier/{dossier}", ctx)], ctx)
    cites = [_cite(m, m.start(), m.end(), kind, f"document/kst-{dossier}-{nr}", ctx) for nr in nrs]
    return _with_page(m, cites, ctx)


def _compact_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    gd = m.groupdict()
    if gd["ntoev"]:  # "21501-32-1740": numeric toevoeging needs the third part to be unambiguous
        target = f"document/kst-{gd['dos']}-{gd['ntoev']}-{gd['nr2']}"
        return [_Hit(m.start(), m.end(), [_cite(m, m.start(), m.end(), "kamerstuk", target, ctx)])]
    dossier = f"{gd['dos']}-{gd['toev']}"
    if gd["nr"]:
        cite = _cite(m, m.start(), m.end(), "kamerstuk", f"document/kst-{dossier}-{gd['nr']}", ctx)
    else:
        cite = _cite(m, m.start(), m.end(), "dossier", f"dossier/{dossier}", ctx)
    return [_Hit(m.start(), m.end(), [cite])]


def _dossier_kw_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    gd = m.groupdict()
    dossier = _digits(gd.get("dos") or gd["dos2"]) + _toev(gd.get("toev"))
    start, end = m.start(), m.end()
    if m.re is _RE_DOSSIER_BARE:  # the number only, as for "(36740-XVI, nr. 9)": not the parentheses
        group = "dos" if gd["dos"] else "dos2"
        start, end = m.start(group), m.end("toev") if gd["toev"] else m.end(group)
    return [_Hit(start, end, [_cite(m, start, end, "dossier", f"dossier/{dossier}", ctx)])]


# ---- Handelingen and Aanhangsel ---------------------------------------------------------------

# OCR keeps a line-end hyphen (or soft hyphen) inside a word: "Hande-lingen", "zit-ting"
_HY = "[-\u00ad]?\\s?"
_ZITTING = rf"(?:vergaderjaar|[Zz]it{_HY}ting)"
_RE_HAND = re.compile(
    rf"(?<![A-Za-z])(?:(?P<kamer>Tweede|Eerste){_SP}Kamer,?{_G}{_ZITTING}?{_G}"
    rf"(?P<py1>1[89]\d\d|20\d\d){_SP}?[/{_DC}]{_SP}?(?P<py2>\d\d(?:\d\d)?){_G},{_G})?"
    rf"(?P<ah>Aanhangsel{_G}(?:van{_G}de{_G}|der{_G})?)?Hande{_HY}lingen(?:{_G}{_CHAMBER})?"
    # before 1950: "Aanhangsel Handelingen Tweede Kamer 1925—1926, blz. 49, n°. 49"
    rf"(?:{_G}(?P<kamer2>Tweede|Eerste){_SP}Kamer)?"
    rf"(?:{_G},?{_G}{_ZITTING}?{_G}"
    rf"(?P<y1>1[89]\d\d|20\d\d){_SP}?[/{_DC}]{_SP}?(?P<y2>\d\d(?:\d\d)?)(?!\d))?"
    rf"(?:{_G}[.,]?{_G}(?:blz|bl)\.{_G}\d{{1,5}}(?=\s{{0,3}},?\s{{0,3}}[Nn][°ºr]))?"
    rf"(?:{_G},?{_G}(?:(?:[Nn]r\.?|[Nn]ummer|[Nn][°º]\.?){_G}(?P<nr>\d{{1,5}})|(?<=n){_SP}(?P<bare>\d{{1,5}}))"
    rf"(?![\w{_DC}/])(?:{_G},{_G}item{_G}(?P<item>\d{{1,3}})(?![\w]))?)?{_PAGE}"
)


def _hand_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    gd = m.groupdict()
    nr = gd["nr"] or gd["bare"]
    if gd["bare"] and not gd["ah"]:
        return []  # "Handelingen 12" without "nr." is too weak to be a citation
    if not nr:
        if gd["page"]:  # "Handelingen II 1982/83, blz. 1234": cited by page only, kept unresolved
            return [
                _Hit(
                    m.start(),
                    m.end(),
                    [_cite(m, m.start(), m.end(), "page", None, ctx, "Handelingen cited by page, no number")],
                )
            ]
        return []
    chamber = _chamber(gd["ch"]) or _chamber(gd["kamer"]) or _chamber(gd["kamer2"]) or ctx.chamber
    year = _year(gd["y1"], gd["y2"]) or _year(gd["py1"], gd["py2"]) or ctx.vergaderjaar
    aanhangsel = bool(gd["ah"])
    note = None
    if not aanhangsel and int(nr) > MAX_HANDELINGEN_SITTING:
        aanhangsel = True
        note = (
            f"Handelingen nr. {nr} is above {MAX_HANDELINGEN_SITTING}, more than the sittings of a "
            "year: read as an Aanhangsel number"
        )
    kind = "aanhangsel" if gd["ah"] else "handelingen"
    missing = [w for w, v in (("chamber", chamber), ("vergaderjaar", year)) if not v]
    if missing:
        target = None
        note = f"{' and '.join(missing)} not in the citation nor known for the citing document"
    elif aanhangsel:
        target = f"document/ah-{chamber}-{year}-{nr}"
    else:
        target = f"document/h-{chamber}-{year}-{nr}" + (f"-{gd['item']}" if gd["item"] else "")
    end = m.start("page") if gd["page"] else m.end()
    return _with_page(m, [_cite(m, m.start(), end, kind, target, ctx, note)], ctx)


# ---- numbers with their own registry ---------------------------------------------------------

# a footnote number may be glued in front ("32024Z18775" is note 3 citing zaak 2024Z18775)
_RE_ZAAK = re.compile(
    rf"(?<![A-Za-z{_DC}])(?:(?<=\d)|(?<!\d)\d{{0,2}}?)(?P<y>(?:19|20)\d\d)(?P<t>[ZD]){_SP}?(?P<n>\d{{5}})(?!\d)"
)
_NO = r"(?:[Nn]r\.?|[Nn][°ºo\"]\.?|[Nn]o\.?)"  # "nr.", the historic "n°." and "no." (OCR: 'n".')
_RE_BLAD = re.compile(
    rf"(?<![A-Za-z])(?P<kind>Stb|Staatsblad|Stcrt|Staatscourant|Trb|Tractatenblad)\.?{_G}"
    rf"(?:(?P<y>1[89]\d\d|20\d\d),?{_G}(?:{_NO}{_G})?|{_NO}{_G})(?P<n>\d{{1,6}}|[A-Z]\s?\d{{1,4}})(?![\w])"
)
# the year of a blad number printed without one ("besluit van 9 December 1925 (Staatsblad n°. 467)")
_RE_NEAR_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_BLAD = {
    "stb": "stb",
    "staatsblad": "stb",
    "stcrt": "stcrt",
    "staatscourant": "stcrt",
    "trb": "trb",
    "tractatenblad": "trb",
}
_RE_ECLI = re.compile(r"(?<![\w])ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Za-z0-9.]{1,25}")
_KOOP_ID = (
    r"(?:kst|blg|nds)-\d{4,6}(?:-[A-Za-z0-9]{1,8}){1,3}"
    r"|ah-(?:tk|ek)-\d{8}-\d{1,5}"
    r"|h-(?:tk|ek)-\d{8}-\d{1,4}(?:-\d{1,3})?"
    r"|kv-(?:tk|ek)-(?:\d{4}Z\d{5}|\d{8,10})"
    r"|(?:stb|stcrt|trb|gmb|prb|wsb|bgr)-\d{4}-\d{1,7}"
)
_RE_KOOP = re.compile(rf"(?<![\w./-])(?P<id>{_KOOP_ID})(?![\w-])")


def _zaak_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    number = f"{m['y']}{m['t']}{m['n']}"
    kind, path = ("zaak", "zaak") if m["t"] == "Z" else ("tkdocument", "tkdocument")
    start = m.start("y")
    return [_Hit(start, m.end(), [_cite(m, start, m.end(), kind, f"{path}/{number}", ctx)])]


def _blad_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    kind = _BLAD[m["kind"].lower()]
    year = m["y"]
    if year is None:
        years = _RE_NEAR_YEAR.findall(m.string[max(0, m.start() - 80) : m.start()])
        if not years:
            return [
                _Hit(
                    m.start(),
                    m.end(),
                    [_cite(m, m.start(), m.end(), kind, None, ctx, "no year printed with the number")],
                )
            ]
        year = years[-1]
    target = f"document/{kind}-{year}-{m['n'].replace(' ', '')}"
    return [_Hit(m.start(), m.end(), [_cite(m, m.start(), m.end(), kind, target, ctx)])]


def _ecli_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    end = m.end()
    while m.string[end - 1] == ".":  # sentence full stop after the ECLI
        end -= 1
    ecli = m.string[m.start() : end]
    target = f"https://deeplink.rechtspraak.nl/uitspraak?id={ecli}"
    return [_Hit(m.start(), end, [_cite(m, m.start(), end, "ecli", target, ctx)])]


def _koop_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    return [_Hit(m.start(), m.end(), [_cite(m, m.start(), m.end(), "koop-id", f"document/{m['id']}", ctx)])]


# ---- URLs ------------------------------------------------------------------------------------

_URL_CHARS = r"[^\s<>\"«»\u201c\u201d]"
_RE_URL = re.compile(
    rf"(?<![A-Za-z@/.])(?:https?://|www\.|(?=[a-z0-9-]{{2,40}}\.(?:nl|com|org|eu|net|be|de|int|gov|info)/[\w-]))"
    rf"{_URL_CHARS}{{0,2000}}"
)
_RE_URL_CONT = re.compile(rf"\n(?P<tok>{_URL_CHARS}{{1,2000}})")
_TRAIL = ".,;:!?)»'\"’”"
_RE_TK_ID = re.compile(r"[?&](?:id|did|zaak|dossier)=(?P<n>(?:19|20)\d\d[ZD]\d{5})(?![\w])", re.I)
_RE_KOOP_IN_URL = re.compile(rf"officielebekendmakingen\.nl/(?:[\w./-]*/)?(?P<id>{_KOOP_ID})(?![\w-])")


def _url_end(text: str, start: int, end: int) -> int:
    """Follow a URL that PDF text broke at a line end ('…bij-nieuwe-' / 'toeslagenfraude…')."""
    for _ in range(5):
        url = text[start:end]
        if not (url.endswith(("-", "/")) and end < len(text) and text[end] == "\n"):
            break
        nxt = _RE_URL_CONT.match(text, end)
        if not nxt:
            break
        tok = nxt["tok"]
        scheme_only = re.fullmatch(r"https?://", url) is not None
        if "://" in tok or (tok.startswith("www.") and not scheme_only):
            break  # the next line starts a new URL (often behind a footnote marker)
        if re.match(r"\d{1,2}[A-Z]", tok) or not (tok[0].islower() or tok[0].isdigit() or scheme_only):
            break  # a footnote marker and a sentence, not the URL's tail
        end = nxt.end()
    return end


def _url_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    text = m.string
    start = m.start()
    end = _url_end(text, start, m.end())
    while end > start and text[end - 1] in _TRAIL:
        url = text[start:end]
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break  # a balanced parenthesis belongs to the URL
        end -= 1
    url = text[start:end].replace("\n", "")
    if re.fullmatch(r"(?:https?://|www\.)[\w.-]{0,3}", url):
        return []
    if not url.startswith(("http://", "https://")):
        url = "https://" + url  # "www.nos.nl/…", "nos.nl/artikel/…"
    koop = _RE_KOOP_IN_URL.search(url)
    tk = _RE_TK_ID.search(url) if "tweedekamer.nl" in url else None
    if koop:
        target = f"document/{koop['id']}"
    elif tk:
        n = tk["n"].upper()
        target = f"{'zaak' if n[4] == 'Z' else 'tkdocument'}/{n}"
    else:
        target = url
    return [_Hit(start, end, [_cite(m, start, end, "url", target, ctx)])]


# ---- named motions (kept unresolved) ---------------------------------------------------------

_TUSSEN = r"(?:[Vv]an|[Dd]e[rn]?|[Tt]e[rn]?|[Hh]et|'t|in|op)"
_NAME = (
    rf"(?:{_TUSSEN}{_SP}){{0,3}}[A-Z][\w'’]{{0,30}}"
    rf"(?:[-/](?:{_TUSSEN}{_SP}){{0,3}}[A-Z][\w'’]{{0,30}}){{0,2}}"
)
_RE_MOTIE = re.compile(
    rf"(?<![\w])[Mm]otie(?:(?:-|{_SP}?)(?!(?:[Dd]e{_SP})?Kamer\b)(?P<name>{_NAME})"
    rf"|{_G}van{_G}(?:het{_G}lid|de{_G}leden){_G}(?P<names>{_NAME}(?:{_G}(?:,|en){_G}{_NAME}){{0,6}}))"
    rf"(?:{_SP}?c\.s\.)?"
)
_RE_PAREN_KST = re.compile(rf"{_G}\({_G}(?:Kamerstuk|{_DOS}|[1-3]\d{{4}}-)")


def _motie_hits(m: re.Match[str], ctx: _Ctx) -> list[_Hit]:
    if _RE_PAREN_KST.match(m.string, m.end()):
        return []  # "de motie Drost c.s. (Kamerstuk 21 501-20, nr. 1963)": the number resolves it
    return [
        _Hit(
            m.start(),
            m.end(),
            [_cite(m, m.start(), m.end(), "motie", None, ctx, "named motion without a number")],
        )
    ]


# ---- the scan --------------------------------------------------------------------------------

_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], list[_Hit]]]] = [
    (_RE_URL, _url_hits),
    (_RE_KOOP, _koop_hits),
    (_RE_ECLI, _ecli_hits),
    (_RE_HAND, _hand_hits),
    (_RE_KST, _kst_hits),
    (_RE_KST_JOINT, _kst_hits),
    (_RE_KST_BARE, _kst_hits),
    (_RE_KST_NR_FIRST, _kst_hits),
    (_RE_KST_COMPACT, _compact_hits),
    (_RE_DOSSIER_KW, _dossier_kw_hits),
    (_RE_DOSSIER_BARE, _dossier_kw_hits),
    (_RE_ZAAK, _zaak_hits),
    (_RE_BLAD, _blad_hits),
    (_RE_MOTIE, _motie_hits),
]
_RE_ZITTING = re.compile(rf"(?<![\w])[Zz]itting{_SP}{{1,2}}{_YEAR}")
_RE_VJ_ARG = re.compile(r"(\d{4})-(\d{4})")
_DIGIT = re.compile(r"\d")


def _maybe_citation(text: str) -> bool:
    """Whether `text` can hold a citation: every form has a digit, but for named motions and web
    addresses (one alternation tried at every position was three times as slow)."""
    return (_DIGIT.search(text) is not None or "Motie" in text or "motie" in text or "www." in text
            or "http:" in text or "https:" in text)


# A gate per rule: what every match of the rule contains (a word, a dossier number), asked of a text
# before the rule is run. re scans a pattern that opens with a lookbehind character by character,
# and a substring test is far cheaper than a pattern: the gates ask substrings first, and what
# several of them need (a dossier number, "nr") is worked out once a text (`_Facts`).
_FIVE = re.compile(r"[1-3]\d{4}")  # a dossier number written without a space
_SPACED = re.compile(r"[1-3]\d[ \u00a0\u202f]\d{3}")  # ... and with one (_DOS: the space optional)
_COMPACT = re.compile(r"[1-3]\d{4}-")  # KST_COMPACT
_ZAAK_NR = re.compile(r"(?:19|20)\d\d[ZD]")  # ZAAK
_URL_WORDS = ("://", ".nl/", ".com/", ".org/", ".eu/", ".net/", ".be/", ".de/", ".int/", ".gov/", ".info/")
_KOOP_WORDS = ("kst-", "blg-", "nds-", "h-tk-", "h-ek-", "kv-", "stb-", "stcrt-", "trb-", "gmb-", "prb-",
               "wsb-", "bgr-")
_NR_WORDS = ("nr", "Nr", "ummer")  # "nr.", "Nr", "nrs.", "nummer(s)", "Nummer(s)": _NRS
_BLAD_WORDS = ("Stb", "Staats", "Stcrt", "Trb", "Tractatenblad")
_UNSET = object()


class _Facts:
    """What the gates ask of one text, each worked out at most once."""

    __slots__ = ("text", "has", "_five", "_dossier", "_nr")

    def __init__(self, text: str):
        self.text = text
        self.has = text.__contains__
        self._five = self._dossier = self._nr = _UNSET

    def five(self) -> re.Match[str] | None:
        if self._five is _UNSET:
            self._five = _FIVE.search(self.text)
        return self._five  # type: ignore[return-value]

    def dossier(self) -> bool:
        """Whether the text holds a dossier number (`_DOS`), which every Kamerstuk citation does."""
        if self._dossier is _UNSET:
            self._dossier = self.five() is not None or _SPACED.search(self.text) is not None
        return self._dossier  # type: ignore[return-value]

    def nr(self) -> bool:
        if self._nr is _UNSET:
            self._nr = any(map(self.has, _NR_WORDS))
        return self._nr  # type: ignore[return-value]


def _nr_gate(f: _Facts) -> bool:
    return f.nr() and f.dossier()


def _compact_gate(f: _Facts) -> bool:
    five = f.five()  # every "36740-VII" holds a five-digit number: the first one is where to look
    return five is not None and _COMPACT.search(f.text, five.start()) is not None


_GATES: list[Callable[[_Facts], bool]] = [
    lambda f: f.has("www.") or (f.has("/") and any(map(f.has, _URL_WORDS))),  # URL: all but www. hold /
    lambda f: f.has("-") and any(map(f.has, _KOOP_WORDS)),  # KOOP ids
    lambda f: f.has("ECLI:"),
    lambda f: f.has("Hande"),
    lambda f: f.has("Kamer") and f.dossier(),  # KST
    lambda f: f.has("/") and f.dossier(),  # KST_JOINT: two dossiers
    _nr_gate,  # KST_BARE
    _nr_gate,  # KST_NR_FIRST
    _compact_gate,  # KST_COMPACT
    lambda f: (f.has("dossier") or f.has("etsvoorstel")) and f.dossier(),  # DOSSIER_KW
    lambda f: f.five() is not None,  # DOSSIER_BARE
    lambda f: _ZAAK_NR.search(f.text) is not None,  # ZAAK
    lambda f: any(map(f.has, _BLAD_WORDS)),  # BLAD
    lambda f: f.has("otie"),  # MOTIE
]
assert len(_GATES) == len(_RULES)
# where each rule's matches can start, when that is rarer than a lower-case letter: the rules open
# with a lookbehind, which re tries at every position (`text.scan.starts_of`)
_STARTS = [starts_of(pattern) for pattern, _ in _RULES]


def _candidates(text: str, ctx: _Ctx) -> Iterator[tuple[int, int, int, list[_Hit]]]:
    """(start, -end, rule order, hits) of every match of every rule."""
    facts = _Facts(text)
    for order, (pattern, handler) in enumerate(_RULES):
        if not _GATES[order](facts):
            continue
        for m in finditer_at(pattern, _STARTS[order], text):
            hits = handler(m, ctx)
            if hits:
                yield hits[0].start, -hits[-1].end, order, hits


def _zitting_context(text: str) -> list[tuple[int, str]]:
    """Positions of "Zitting 1982-1983" headings and their vergaderjaar, for historic texts."""
    out = []
    if "itting" not in text:
        return out
    for m in _RE_ZITTING.finditer(text):
        year = _year(m[1], m[2])
        if year:
            out.append((m.start(), year))
    return out


def find_references(
    text: str, *, chamber: str | None = None, vergaderjaar: str | None = None, in_footnote: bool = False
) -> list[Citation]:
    """Every citation of a parliamentary paper (and of Stb./Stcrt./Trb., ECLI, URLs) in `text`.

    `chamber` ("TK"/"EK") and `vergaderjaar` ("2024-2025") are the citing document's, used when a
    citation omits them. Returns Citations sorted by position; `text` is exactly
    `text[span.start:span.end]`. Several stukken in one citation give several Citations sharing one
    span; different spans never overlap.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_references needs a str, got {type(text).__name__}")
    if chamber is not None and chamber.upper() not in ("TK", "EK"):
        raise ValueError(f"chamber must be 'TK' or 'EK', got {chamber!r}")
    year = None
    if vergaderjaar is not None:
        vm = _RE_VJ_ARG.fullmatch(vergaderjaar)
        year = _year(vm[1], vm[2]) if vm else None
        if year is None:
            raise ValueError(f"vergaderjaar must look like '2024-2025', got {vergaderjaar!r}")
    ctx = _Ctx(chamber.lower() if chamber else None, year, in_footnote)

    if not _maybe_citation(text):
        return []  # every form has a digit, but for named motions and web addresses
    zittingen = _zitting_context(text) if year is None else []
    chosen: list[_Hit] = []
    last_end = 0
    for start, _neg_end, _order, hits in sorted(_candidates(text, ctx), key=lambda c: c[:3]):
        if start < last_end:
            continue
        if zittingen:  # re-resolve with the last "Zitting" heading before this citation
            heading = [y for pos, y in zittingen if pos < start]
            if heading and any(c.note and "vergaderjaar" in c.note for h in hits for c in h.citations):
                hits = _rescan(text, start, ctx, heading[-1]) or hits
        chosen.extend(hits)
        last_end = hits[-1].end
    return [c for h in chosen for c in h.citations]


def _rescan(text: str, start: int, ctx: _Ctx, year: str) -> list[_Hit] | None:
    """Resolve a Handelingen citation at `start` again with a vergaderjaar from the context."""
    m = _RE_HAND.match(text, start)
    if not m:
        return None
    hits = _hand_hits(m, _Ctx(ctx.chamber, year, ctx.in_footnote))
    return hits or None
