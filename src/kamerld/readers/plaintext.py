"""Decode plain text into blocks: the text of PDFs, historic OCR, ministry text exports, web texts.

Texts come in three line regimes, told apart by their shape, not by who made them:

* wrapped: lines broken at a fixed width (pdf-to-text, tweedekamer.nl, ministry exports); a
  paragraph ends at a blank line, a short line that ends a sentence, or before a label line;
* one paragraph per line (Staten-Generaal Digitaal OCR, zoek.officielebekendmakingen.nl text);
* flattened onto one line, line breaks turned into runs of spaces (PDF text pasted into a
  spreadsheet cell): runs of 2-3 spaces were line breaks, 4 or more paragraph breaks.

Page furniture is marked, not deleted (`BlockKind.FURNITURE`): page footers ("Tweede Kamer,
vergaderjaar 2024–2025, Aanhangsel 2", "Pagina 3 van 29"), printing notes (ISSN, Sdu), sheet
numbers ("Vel 98."), page counters ("2/8", also glued to the next word), and lines repeated on every
page (a running head, a ministry's reference column). Footnote bodies at the end of a page
("2Kamerstuk 25 242, nr. 686", "1 Samenstelling: …", "1) Kamerstuk …", "[1] NOS, …") are taken out
and attached to the block that carries their marker (glued "speelautomaten?1", "commissie1", "1)",
"[1]").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Footnote
from ..text.joining import join_lines
from ..text.koop_clean import normalise
from ..text.words import readable
from .blocks import Block, BlockKind, Decoded

__all__ = ["decode_text", "unflatten", "LABEL_LINE", "is_label_line"]

NAME = "text"

# ---- furniture ------------------------------------------------------------------------------------

_FOOTER = re.compile(
    r"^(?:ISSN[^\n]{0,40}?)?(?:[’'`]?s[- ]Gravenhage\s+\d{4}\s*)?"
    r"(?:Tweede|Eerste)\s+Kamer,\s+(?:vergaderjaar|zitting)\s+\d{4}\s*[-–—]\s*\d{2,4}"
    r"(?:,\s*(?:Aanhangsel|Vragen|[\dA-Z][^\n]{0,60}?))?(?:\s+\d{1,4})?\s*$"
)
_FURNITURE = [
    re.compile(r"^\s*Pagina\s+\d+\s+van\s+\d+\s*$", re.I),
    re.compile(r"^\s*ISSN\s+\d{4}\s*-?\s*\d{3}[\dX]", re.I),
    re.compile(r"^\s*(?:Sdu|SDU)\s+[Uu]itgeverij"),
    re.compile(r"^\s*[’'`]?s[- ]Gravenhage\s+\d{4}\s*$"),
    re.compile(r"^\s*Vel\s+\d{1,4}\.?\s*$"),
    # the KOOP id printed at the foot of a page
    re.compile(r"^\s*(?:ah|kv|kst|h|blg|stb|stcrt|trb|nds)-(?:tk|ek|\d)[A-Za-z0-9-]*\s*$"),
    re.compile(
        r"^\s*Handelingen\s+(?:der|van\s+de)\s+Staten-Generaal\.?\s+Bijlagen\.?\s+\d{4}\s*[-–—]\s*\d{2,4}\.?\s*$"
    ),
    re.compile(
        r"^\s*(?:Tweede|Eerste)\s+Kamer,\s+zitting\s+\d{4}\s*[-–—]\s*\d{2,4},\s+Aanhangsel\s*\d*\s*$", re.I
    ),
]
# all of them in one pattern: a line is tried once, not once a pattern (two thirds of the lines of a
# text are no furniture)
_ANY_FURNITURE = re.compile("|".join(
    f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})" for p in _FURNITURE))
# the reference column a ministry letter repeats on every page: a label line, then its value
_REF_LABELS = re.compile(
    r"^\s*(Kenmerk|Ons kenmerk|Uw kenmerk|Onze referentie|Uw referentie|Bijlage\(n\)|Datum)\s*$", re.I
)

# ---- labels that always stand on their own line -----------------------------------------------------

_NUMS = r"\d{1,3}[a-z]?(?:(?:\s*,\s*|\s+en\s+|\s+t/m\s+|\s*[-–]\s*)\d{1,3}[a-z]?){0,20}"
LABEL_LINE = re.compile(
    rf"^(?:(?:Vraag|Vragen)\s+{_NUMS}|(?:Antwoord|Antwoorden)(?:\s+op)?(?:\s+vra(?:ag|gen))?(?:\s+{_NUMS})?"
    r"|Mededeling|Reactie(?:\s+van\s+de\s+(?:minister|staatssecretaris|regering))?|Toelichting"
    rf"|\d{{1,3}}[a-z]?[.)]?|{_NUMS}|\d{{1,4}}\s+Herdruk\S*)\s*:?$",
    re.IGNORECASE,
)
_LABEL_START = re.compile(
    r"^(?:(?:Vraag|Antwoord)(?:\s+op\s+vraag)?\s+\d{1,3}[a-z]?\s*[:.]?\s|(?:Vraag|Antwoord|Reactie)\s*:\s|\d{1,3}[.)]\s+\S|\d{1,2}\s?[A-Z«„][a-z]|[IVX]{1,5}\.?\s+[A-Z])"
)


# sentences that always open a paragraph: the header sentences of an item, a committee's members
_PARAGRAPH_START = re.compile(
    r"^(?:(?:Antwoord|ANTWOORD|Mededeling|MEDEDELING)\s+van\s+(?:de\s+|den\s+)?(?:[Mm]inister|[Ss]taatssecretaris|heer\b)"
    r"|(?:Vragen|VRAGEN)\s+van\s+(?:het\s+lid|de\s+leden|den\s+heer|de\s+heer)\b|Zie\s+ook\s+Aanhangsel"
    r"|[\dil]{0,2}\s*\)?\s*Samenstelling\s*:)"
)


def is_label_line(line: str) -> bool:
    return bool(LABEL_LINE.match(line.strip()))


# ---- footnote bodies --------------------------------------------------------------------------------


def _fn_body(line: str, n: int) -> str | None:
    """The body of footnote n if `line` opens it: '2Kamerstuk …', '2 Kamerstuk …', '2) …', '[2] …',
    '22023 jaarverslag' (note 2 about 2023). None otherwise."""
    s = line.lstrip()
    if n == 1 and "Samenstelling" in s and (m := re.match(r"^['’‘`|il]\s?(?=Samenstelling\b)", s)):
        # a committee's members, the first note of its papers, its marker misread by OCR ("' Samenstelling")
        return s[m.end() :]
    if s.rstrip().endswith("?"):
        return None  # a numbered question ("1 Hoe schat de regering … in?"), never a note
    for pre in (f"[{n}]", f"{n})"):
        if s.startswith(pre) and len(s) > len(pre) + 1:
            return s[len(pre) :].strip()
    k = str(n)
    if not s.startswith(k) or len(s) <= len(k) + 1:
        return None
    rest = s[len(k) :]
    if rest[0].isdigit():
        return rest if re.match(r"(?:19|20)\d\d\b", rest) else None
    if rest[0] in ".,;:)-–/%":
        return None
    body = rest.strip()
    if body[:1] and (
        body[0].isupper()
        or body[0] in "„“\"'«("
        or body.startswith(("http", "www"))
        or re.match(r"[a-z0-9-]{2,40}\.(?:nl|com|org|eu|net|be|de|int)\b", body)
    ):
        return body
    # OCR damage after the number ("1 0 a Dagblad … 1 mei 1991"): a short line that dates a source
    if rest[:1].isspace() and len(s) < 400 and re.search(r"\b(?:1[89]|20)\d\d\b", body):
        return body
    return None


@lru_cache(maxsize=512)
def _glued(n: int) -> re.Pattern[str]:
    """Footnote n's marker glued after a word or punctuation ('speelautomaten?1', 'commissie1 heeft')
    or written '1)' / '[1]'."""
    return re.compile(
        rf"(?:(?<=[A-Za-zà-ÿ.?!;:,»”’)\]])({n})(?![\d)\]])(?=[\s,.;:)]|$)|(?<![\w(/])({n})\)(?!\S)|\[({n})\])"
    )


_NUMBERS_LINE = re.compile(r"^\d{1,3}(?:\s+\d{1,3})*$")


@dataclass
class _Line:
    text: str
    start: int
    page: int
    furniture: bool = False
    footnote: bool = False  # part of a footnote body
    markers: list[str] = field(default_factory=list)  # footnote markers this line carries
    consumed: bool = False  # a line that held only markers


def _find_footnotes(lines: list[_Line], regime: str = "wrapped") -> list[tuple[int, Footnote]]:
    """Find the footnote bodies at page ends and their markers in the text.

    A zone starts at a line that opens footnote n (numbers count 1, 2, 3 … through the document)
    and runs to the page end, each further line opening the next note or continuing the last one;
    it is taken only when note n's marker stands on that page (or, for the first note, before). A
    marker is a line of numbers ('1', '2 3'), a number opening a line after a sentence end ('2 Deze
    richtlijnen'), or a number glued to the text ('gekomen?1', 'commissie1'); it is removed from
    the text and recorded on the line that carries it."""
    out: list[tuple[int, Footnote]] = []
    expected = 1
    pages: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if not ln.furniture:
            pages.setdefault(ln.page, []).append(i)
    pos = 0  # the marker of the next note is searched from here
    for page in sorted(pages):
        idx = pages[page]
        zone = None
        for k, i in enumerate(idx):
            if _fn_body(lines[i].text, expected) is None:
                continue
            run = idx[k:] if regime == "wrapped" else _note_run(lines, idx[k:], expected)
            if not _zone_ok(lines, run, expected):
                continue
            if (
                _locate_marker(
                    lines, [j for j in idx[:k] if j >= pos] or idx[:k], expected, dry=True, regime=regime
                )
                is None
            ):
                continue
            zone = k
            break
        if zone is None:
            continue
        zone_idx = idx[zone:] if regime == "wrapped" else _note_run(lines, idx[zone:], expected)
        in_zone = set(zone_idx)
        body_idx = [i for i in idx if i not in in_zone]
        current: Footnote | None = None
        opened: list[Footnote] = []
        for i in zone_idx:
            ln = lines[i]
            body = _fn_body(ln.text, expected)
            if body is not None:
                current = Footnote(marker=str(expected), text=body)
                opened.append(current)
                expected += 1
            elif current is not None:
                current.text = join_lines([current.text, ln.text])
            ln.footnote = True
        for fn in opened:
            candidates = [j for j in body_idx if j >= pos]
            found = _locate_marker(lines, candidates, int(fn.marker), dry=False, regime=regime)
            if found is not None:
                pos = found
            out.append((page, fn))
    return out


def _locate_marker(
    lines: list[_Line], idx: list[int], n: int, dry: bool, regime: str = "wrapped"
) -> int | None:
    """The index of the line carrying marker n (the first from the start of `idx`); unless `dry`,
    take the marker out of the text and record it on the line it belongs to."""
    k = str(n)
    glued = _glued(n)
    for pos, i in enumerate(idx):
        ln = lines[i]
        s = ln.text
        if not s or ln.footnote:
            continue
        if _NUMBERS_LINE.match(s):
            toks = s.split()
            prev = next(
                (
                    j
                    for j in range(i - 1, -1, -1)
                    if lines[j].text
                    and not lines[j].footnote
                    and not lines[j].furniture
                    and not _NUMBERS_LINE.match(lines[j].text)
                ),
                None,
            )
            if k in toks and toks.index(k) == 0 and prev is not None:
                if not dry:
                    # the marker belongs to the text before it
                    lines[prev].markers.append(k)
                    toks.remove(k)
                    ln.text = " ".join(toks)
                    ln.consumed = not ln.text
                return i
            continue
        if k not in s:  # every form of the marker below holds its number
            continue
        opens = s.startswith(k)  # what the three anchored forms below need
        if regime == "paragraph-lines":
            # one paragraph per line: a number opening a line is a list item, never a marker
            m = _glued(n).search(s)
            if m and (m.group(1) or m.group(2) or m.group(3)) and m.start() > 0:
                if not dry:
                    g = next(x for x in (1, 2, 3) if m.group(x))
                    if g == 1:
                        ln.text = (s[: m.start(1)] + s[m.end(1) :]).strip()
                    ln.markers.append(k)
                return i
            continue
        m = re.match(rf"^{k}([.,;:)]+)", s) if opens else None
        if m and pos > 0 and not _ends_sentence(lines[idx[pos - 1]].text or "."):
            # "…€ 2 miljard" / "4. De Commissie", "6). Daarin": the marker, then the sentence's punctuation
            if not dry:
                prev = lines[idx[pos - 1]]
                prev.text += m.group(1)
                prev.markers.append(k)
                ln.text = s[m.end() :].lstrip()
            return i
        m = re.match(rf"^{k}\s+(?=[a-zà-ÿ])", s) if opens else None
        if m and pos > 0 and not _ends_sentence(lines[idx[pos - 1]].text or "."):
            # "…aansprakelijk kunnen worden" / "5 is uitgebreid ingegaan op het": a marker inside a sentence
            if not dry:
                ln.text = s[m.end() :]
                lines[idx[pos - 1]].markers.append(k)
            return i
        m = re.match(rf"^{k}(?:\.|\))?\s+(?=[A-Z«„])", s) if opens else None
        if m and pos > 0 and _ends_sentence(lines[idx[pos - 1]].text or "."):
            if not dry:
                ln.text = s[m.end() :]
                ln.markers.append(k)
            return i
        m = glued.search(s)
        if m:
            if not dry:
                g = next(x for x in (1, 2, 3) if m.group(x))
                if g == 1:  # a glued digit: the text reads as printed without it
                    ln.text = (s[: m.start(1)] + s[m.end(1) :]).strip()
                ln.markers.append(k)
            return i
    return None


def _note_run(lines: list[_Line], idx: list[int], first: int) -> list[int]:
    """One paragraph per line (OCR): a footnote may stand mid-page, a line each; the notes are the
    run of lines that open the next numbers."""
    out = []
    n = first
    for i in idx:
        if _fn_body(lines[i].text, n) is None:
            break
        out.append(i)
        n += 1
    return out


def _zone_ok(lines: list[_Line], idx: list[int], first: int) -> bool:
    """A footnote zone holds notes in sequence and no label line (a question number would be a
    false start)."""
    n = first
    for i in idx:
        s = lines[i].text
        if len(s) > 600 and not re.match(r"^(?:\d{1,3}|['’‘`|il])\s*\)?\s*(?:Samenstelling|Leden)\b", s):
            return False  # a footnote is never a page of text (a committee's members aside): a numbered list
        if _fn_body(s, n) is not None:
            n += 1
            continue
        if is_label_line(s) and not _NUMBERS_LINE.match(s):
            return False
    return True


# ---- regimes ------------------------------------------------------------------------------------------


def unflatten(text: str) -> str:
    """Text flattened onto a few long lines, with line breaks as runs of spaces, gets its breaks back."""
    lines = text.split("\n")
    longest = max((len(ln) for ln in lines), default=0)
    if longest < 3000 or len(re.findall(r"\S {2,3}\S", text)) < 30:
        return text
    text = re.sub(r" {4,}", "\n\n", text)
    return re.sub(r"(?<=\S) {2,3}(?=\S)", "\n", text)


# N/M: one or two digits, not after a digit or a slash (the first digit, then the lookbehind: fast);
# only M is kept, and findall gives it without a match object each
_COUNTER = re.compile(r"\d(?<![\d/]\d)\d?/(\d{1,2})(?![\d/])")
# a question number at a line start with the capital of its first word, then a line break: the digit
# first and what precedes it after (a pattern opening with (?m)^ is tried at every position)
_SPLIT_CAPITAL = re.compile(r"(\d(?<![^\n]\d)\d?\s?[A-Z])\n(?=[a-z])")


def _page_counters(text: str) -> tuple[str, int]:
    """Remove the page counters of flattened letters ('2/8', '2/8Antwoorden'): N/M with one M
    throughout and N running 2..M. Returns the text and the number of pages found."""
    found: Counter[int] = Counter()
    if "/" in text:
        for written, times in Counter(_COUNTER.findall(text)).items():  # "8" and "08" are one M
            found[int(written)] += times
    if not found:
        return text, 0
    total, count = found.most_common(1)[0]
    if count < 2 or total < 2:
        return text, 0
    # the first digit, then what may not precede it: re finds a pattern that opens with a lookbehind
    # only by trying every position of the text
    pat = re.compile(rf"([1-9](?<![\d/.,][1-9])\d?)/{total}(?![\d/])")
    hits = [m for m in pat.finditer(text) if int(m.group(1)) <= total]
    numbers = [int(m.group(1)) for m in hits]
    if len(set(numbers)) < max(2, min(total - 1, 3)):
        return text, 0
    return pat.sub(lambda m: "\n\f\n" if int(m.group(1)) <= total else m.group(0), text), total


def _regime(lines: list[str]) -> str:
    """'wrapped' when lines are broken inside sentences (a line of some length without a sentence end,
    followed by a line that starts in lower case, is common), else 'paragraph-lines' (one paragraph
    per line, as OCR and web texts have it)."""
    lines = [s.strip() for s in lines if s.strip()]
    if len(lines) < 3:
        return "paragraph-lines"
    # a break inside a sentence counts when it comes at a line of ordinary width: a paragraph-long OCR
    # line that runs on over a page break ("... door zijn departement" / "mede naar ...") is no wrap
    wraps = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if 30 <= len(a) <= 200 and not _ends_sentence(a) and b[:1].islower()
    )
    return "wrapped" if wraps >= 2 and wraps / len(lines) > 0.04 else "paragraph-lines"


def _wrap_width(lines: list[str]) -> int:
    """The width lines are wrapped at: the longer lines among those that continue a sentence."""
    lines = [s.strip() for s in lines if s.strip()]
    wrapped = sorted(
        len(a)
        for a, b in zip(lines, lines[1:], strict=False)
        if len(a) >= 30 and not _ends_sentence(a) and b[:1].islower()
    )
    if len(wrapped) < 3:
        widths = sorted(len(s) for s in lines)
        return widths[int(len(widths) * 0.9)] if widths else 80
    return wrapped[int(len(wrapped) * 0.75)]


# ---- the decoder --------------------------------------------------------------------------------------


def decode_text(text: str, path: str, decoder: str = NAME) -> Decoded:
    """Decode a plain text (see the module docstring)."""
    text = normalise(text)
    # OCR splits a capital from its word after a question number: "4I" + "s er geen" -> "4Is er geen"
    text = _SPLIT_CAPITAL.sub(r"\1", text)
    text = unflatten(text)
    text, _counted_pages = _page_counters(text)
    raw = text.split("\n")
    meta: dict[str, str] = {}

    # 1. lines with offsets and pages; furniture marked
    repeated = _repeated_lines(raw)
    lines: list[_Line] = []
    pos = page = 0
    skip_value = False
    for i, s in enumerate(raw):
        start = pos
        pos += len(s) + 1
        st = s.strip()
        if s == "\f":
            page += 1
            continue
        if skip_value:
            skip_value = False
            lines.append(_Line(st, start, page, furniture=True))
            continue
        if not st:
            lines.append(_Line("", start, page))
            continue
        if (footer := _FOOTER.match(st)) or _ANY_FURNITURE.match(st):
            lines.append(_Line(st, start, page, furniture=True))
            if footer or _FURNITURE[0].match(st):
                page += 1
            continue
        if (m := _REF_LABELS.match(st)) and i + 1 < len(raw) and 0 < len(raw[i + 1].strip()) < 40:
            key = m.group(1).lower()
            meta.setdefault(key, raw[i + 1].strip())
            lines.append(_Line(st, start, page, furniture=True))
            skip_value = True
            continue
        if (
            st in ("1", "2")
            and lines
            and re.search(r"(?:Tweede|Eerste)\s+Kamer\s+der\s+Staten[- ]Generaal$", lines[-1].text)
        ):
            lines.append(_Line(st, start, page, furniture=True))  # the chamber's number in the masthead
            continue
        if st in repeated:
            # a running head opens a page (unless a footer or counter just did)
            if lines and not lines[-1].furniture and not _counted_pages:
                page += 1
            lines.append(_Line(st, start, page, furniture=True))
            continue
        lines.append(_Line(st, start, page))

    # 2. footnote bodies
    regime = _regime([ln.text for ln in lines if not ln.furniture])
    found = _find_footnotes(lines, regime)
    notes = {fn.marker: fn for _, fn in found}

    # 3. paragraphs, carrying the footnotes whose markers their lines hold
    blocks = _split_run_on(_paragraphs(lines, regime, text, notes))
    for b in blocks:
        if not b.is_furniture:
            b.text = readable(b.text, ocr=regime == "paragraph-lines")
    for fn in notes.values():
        fn.text = readable(fn.text, ocr=regime == "paragraph-lines")
    decoded = Decoded(path=path, decoder=decoder, blocks=blocks, meta=meta, text=text)
    used = {fn.marker for b in blocks for fn in b.footnotes}
    decoded.notes = [fn for fn in notes.values() if fn.marker not in used]
    return decoded


def _repeated_lines(raw: list[str]) -> set[str]:
    """Short lines printed on three or more pages: a running head. Never a label or a number."""
    counts = Counter(s.strip() for s in raw if 8 <= len(s.strip()) <= 120)
    nonempty = sum(1 for s in raw if s.strip())
    if sum(n for n in counts.values() if n >= 3) > nonempty / 2:
        return set()  # a text that is mostly one line repeated: that is its content, not furniture
    return {
        s
        for s, n in counts.items()
        if n >= 3
        and not is_label_line(s)
        and not re.fullmatch(r"[\d\s.,-]+", s)
        and not re.match(r"^(?:De|Deze)\s+leden\b", s)
    }


_TERMINAL_MARKS = ".?!:;»”\"')"


def _ends_sentence(s: str) -> bool:
    r"""Whether the last character of `s` but white space closes a sentence (what the pattern
    [.?!:;»”"')]\s*$ finds, without scanning the line for every mark in it)."""
    t = s.rstrip()
    return bool(t) and t[-1] in _TERMINAL_MARKS


def _paragraphs(lines: list[_Line], regime: str, text: str, notes: dict[str, Footnote]) -> list[Block]:
    body = [ln for ln in lines if not ln.footnote and not ln.consumed]
    width = _wrap_width([ln.text for ln in body if not ln.furniture])
    blocks: list[Block] = []
    cur: list[_Line] = []
    held: list[_Line] = []  # furniture met inside a paragraph: emitted after it

    def flush() -> None:
        nonlocal cur, held
        if cur:
            joined = join_lines([c.text for c in cur], text)
            fns = [notes[m] for c in cur for m in c.markers if m in notes]
            blocks.append(
                Block(
                    joined,
                    page=cur[0].page,
                    start=cur[0].start,
                    end=cur[-1].start + len(cur[-1].text),
                    footnotes=fns,
                )
            )
        for f in held:
            blocks.append(
                Block(f.text, BlockKind.FURNITURE, page=f.page, start=f.start, end=f.start + len(f.text))
            )
        cur, held = [], []

    for ln in body:
        if ln.furniture:
            if cur and not _ends_sentence(cur[-1].text):
                held.append(ln)  # a page break inside a paragraph
            else:
                flush()
                blocks.append(
                    Block(
                        ln.text,
                        BlockKind.FURNITURE,
                        page=ln.page,
                        start=ln.start,
                        end=ln.start + len(ln.text),
                    )
                )
            continue
        s = ln.text
        if not s:
            flush()
            continue
        if is_label_line(s):
            flush()
            cur = [ln]
            flush()
            continue
        if cur and _breaks(cur[-1].text, s, regime, width):
            flush()
        cur.append(ln)
    flush()
    for b in blocks:
        if b.kind == BlockKind.PARAGRAPH and _heading_like(b.text):
            b.kind = BlockKind.HEADING
    return blocks


_FUNCTION_END = re.compile(
    r"(?:[,\-\u00ad]|\b(?:de|het|een|van|en|in|op|te|voor|met|aan|door|dat|die|of|om|bij|naar|over|tot|uit"
    r"|als|is|zijn|wordt|worden|heeft|hebben|der|den|des|ten|ter|zich|niet|ook|nog|dan|maar|wel|er)\b)$",
    re.IGNORECASE,
)


def _breaks(prev: str, line: str, regime: str, width: int) -> bool:
    """Whether `line` starts a new paragraph after `prev`. The same rules serve both regimes, but a
    sentence end closes an OCR line's paragraph, while wrapped text needs a short line as well."""
    if _LABEL_START.match(line) or _PARAGRAPH_START.match(line):
        return True
    if re.fullmatch(r"(?:Vergaderjaar|Zitting)\s+\d{4}\s*[–—-]\s*\d{2,4}", prev.strip()):
        return True  # the masthead's year stands alone; the dossier head under it is a line of its own
    if _ends_sentence(prev):
        # a sentence ends the line: a new paragraph, unless the line is one of a wrapped paragraph
        return regime == "paragraph-lines" or len(prev) < 0.8 * width or len(prev) > 1.6 * width
    if line[:1].islower() or line[:1] in "(,;:)" or _FUNCTION_END.search(prev):
        return False
    if prev.rfind("(") > prev.rfind(")") or (
        line[:1].isdigit()
        and not is_label_line(line)
        and not _NUMBERS_LINE.match(line)
        and regime == "wrapped"
    ):
        return False  # an open bracket ("(ontvangen" / "18 november 2024)") or a date running on
    if regime == "wrapped" and len(prev) >= 0.6 * width:
        return False
    # a short line without a full stop, then a capital: a heading, a list item, a name
    return True


def _heading_like(s: str) -> bool:
    return (
        len(s) < 90 and not _ends_sentence(s) and s[:1].isupper() and not is_label_line(s) and "  " not in s
    )


_INLINE_LABEL = re.compile(
    r"(?<=\S)\s+(?=(?:Vraag|Antwoord)\s+(\d{1,3})\b(?!\s*(?:[-–,]|en\s+\d|van\b|t/m)))"
)


def _split_run_on(blocks: list[Block]) -> list[Block]:
    """A text that lost all its line breaks (OCR flattened to one line) still labels its items: cut a
    long block before each "Vraag N" / "Antwoord N" that continues the numbering."""
    out: list[Block] = []
    for b in blocks:
        if len(b.text) < 600 or b.kind == BlockKind.FURNITURE or (
                "Vraag" not in b.text and "Antwoord" not in b.text):  # what every cut is before
            out.append(b)
            continue
        cuts = []
        expected = None
        for m in _INLINE_LABEL.finditer(b.text):
            n = int(m.group(1))
            word = b.text[m.end() : m.end() + 7]
            if (
                expected is None
                or n in (expected, expected + 1)
                or word.startswith("Antwoord")
                and n <= expected
            ):
                cuts.append(m.end())
                expected = n + 1 if word.startswith("Vraag") else (expected or n + 1)
        if len(cuts) < 2:
            out.append(b)
            continue
        bounds = [0, *cuts, len(b.text)]
        for k, (x, y) in enumerate(zip(bounds, bounds[1:], strict=False)):
            piece = b.text[x:y].strip()
            if piece:
                label = re.match(r"^((?:Vraag|Antwoord)\s+\d{1,3})\s+(\S.*)$", piece, re.S)
                if label and k > 0:
                    out.append(
                        Block(
                            label.group(1),
                            page=b.page,
                            start=b.start + x,
                            end=b.start + x + len(label.group(1)),
                        )
                    )
                    out.append(
                        Block(
                            label.group(2),
                            page=b.page,
                            start=b.start + x,
                            end=b.start + y,
                            footnotes=b.footnotes if y == len(b.text) else [],
                        )
                    )
                else:
                    out.append(
                        Block(
                            piece,
                            b.kind,
                            page=b.page,
                            start=b.start + x,
                            end=b.start + y,
                            footnotes=b.footnotes if y == len(b.text) else [],
                        )
                    )
    return out
