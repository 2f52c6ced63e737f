"""Reader for the text of official KOOP PDFs: kv-tk question sets and ah-tk answers / mededelingen.

Layout (text as pdf-to-text gives it): a header ("Tweede Kamer der Staten-Generaal", "Vergaderjaar
2024–2025 Aanhangsel van de Handelingen", the aanhangsel number or the zaak number, "Vragen van …
(ingezonden …)", "Antwoord van … (ontvangen …)" or "Mededeling van …", "Zie ook Aanhangsel …"), then
blocks headed by label lines "Vraag N", "Vraag 4 en 5", "Antwoord 2 en 3", "Antwoorden 5 en 6",
"Mededeling". Pages end with footnote bodies glued to their number ("2Kamerstuk 25 242, nr. 686")
and a footer line ("Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2").

Choices (documented for consumers):
* Grouped labels: Answer.number joins the numbers with "-" ("Antwoord 2 en 3" -> "2-3"), the label
  is kept as printed, Answer.answers lists each number. A grouped question label ("Vraag 4 en 5")
  gives one Question per number; the text is split where the PDF ran two paragraphs together
  ("hiervan?Deelt u"), else each question keeps the whole text and a notice says so.
* Answerers: the first is the person who answers (role, name, portfolio); each "mede namens" post
  follows as a nameless PersonMention(role, portfolio).
* Question.fractie is set when all askers share one fractie.
* Footnotes go to the block whose text carries the marker; a marker is looked for only on the page
  that prints the footnote body, in order (1, 2, 3 …).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from ..errors import InputError, NoContentError
from ..model import Answer, Document, DocumentKind, Footnote, PersonMention, Question, Severity
from ..sources import Source
from ..text.dates import find_marked_date
from ..text.koop_clean import (
    clean_name,
    deglue,
    join_lines,
    normalise,
    parse_askers,
    post_mentions,
    post_persons,
)
from .base import Fit

NAME = "koop-pdf-text"

_NUMS = r"\d+[a-z]?(?:(?:\s*,\s*|\s+en\s+|\s+t/m\s+|\s*[-–]\s*)\d+[a-z]?)*"
Q_LABEL = re.compile(rf"^(?P<word>Vraag|Vragen)\s+(?P<nums>{_NUMS})\s*:?$")
A_LABEL = re.compile(rf"^(?P<word>Antwoord|Antwoorden)(?:\s+op\s+vra(?:ag|gen))?\s+(?P<nums>{_NUMS})\s*:?$")
M_LABEL = re.compile(r"^Mededeling\s*:?$")
PAGE_END = re.compile(
    r"^(?:ISSN[^’']*)?(?:[’']s-Gravenhage \d{4}\s*)?"
    r"(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, (?:Aanhangsel|Vragen)(?: \d+)?\s*$"
)
PRINTED_ID = re.compile(r"^(?P<id>(?:ah|kv)-(?:tk|ek)-[0-9A-Za-z]+(?:-\d+)?)\s*$")


def fn_start(line: str, expected: int) -> str | None:
    """The body of footnote `expected` if `line` opens it ("2Kamerstuk 25 242", "22023 Annual report"
    = footnote 2 about 2023), else None. The number is glued to the text in the PDF extraction."""
    n = str(expected)
    if not line.startswith(n) or len(line) == len(n):
        return None
    rest = line[len(n) :]
    if rest[0].isdigit():
        return rest if re.match(r"(?:19|20)\d\d\b", rest) else None
    return rest if not rest[0].isspace() and rest[0] not in ".,;:)" else None

VJ = re.compile(r"Vergaderjaar\s+(\d{4})\s*[–-]\s*(\d{4})")
ZAAK = re.compile(r"^(\d{4}Z\d{5})$")


@dataclass
class _Line:
    text: str
    page: int


@dataclass
class _Block:
    kind: str  # "header", "vraag", "antwoord", "mededeling"
    label: str | None
    numbers: list[str]
    lines: list[_Line] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)


def expand_numbers(nums: str) -> list[str]:
    """'2, 3 en 4' -> ['2','3','4']; '5 t/m 7' and '5-7' -> ['5','6','7']."""
    out: list[str] = []
    for part in re.split(r"\s*,\s*|\s+en\s+", nums.strip()):
        rng = re.match(r"^(\d+)\s*(?:t/m|[-–])\s*(\d+)$", part)
        if rng and int(rng.group(1)) < int(rng.group(2)) <= int(rng.group(1)) + 50:
            out.extend(str(i) for i in range(int(rng.group(1)), int(rng.group(2)) + 1))
        elif part:
            out.append(part)
    return out


class AanhangselTextReader:
    name = NAME
    description = "text of official KOOP PDFs: kv-tk questions, ah-tk answers and mededelingen"

    def sniff(self, source: Source) -> Fit:
        head = source.head(1500).decode("utf-8", "replace")
        if "Tweede Kamer der Staten-Generaal" not in head and "Eerste Kamer der Staten-Generaal" not in head:
            return Fit.NO
        if not re.search(r"Vergaderjaar 20\d\d\s*[–-]\s*20\d\d", head):
            return Fit.NO
        if "Aanhangsel van de Handelingen" in head or "Vragen gesteld door de leden der Kamer" in head:
            return Fit.EXACT
        return Fit.NO

    def read(self, source: Source) -> list[Document]:
        text = normalise(source.text())
        return [read_koop_text(text, source.path)]


def read_koop_text(text: str, path: str) -> Document:
    """Parse one KOOP kv/ah text into a Document (see the module docstring)."""
    lines, printed_ids = _strip_furniture(text.split("\n"))
    if not lines:
        raise NoContentError("no text left after removing page furniture", path)
    body, footnotes = _split_footnotes(lines)
    blocks = _segment(body)
    header = blocks[0]
    doc = _parse_header(header, printed_ids, path)
    _attach_markers(blocks, footnotes)
    fn_by_marker = {fn.marker: fn for _, fn in footnotes}
    used: set[str] = set()
    _fill_blocks(doc, blocks[1:], fn_by_marker, used)
    for m in header.markers:
        if m in fn_by_marker:
            doc.footnotes.append(fn_by_marker[m])
            used.add(m)
    for _, fn in footnotes:
        if fn.marker not in used:
            doc.footnotes.append(fn)
            doc.warn(f"footnote {fn.marker}: no marker found in the text; kept at document level")
    _finish(doc, path)
    return doc


# ---- 1. page furniture -------------------------------------------------------------------------


def _strip_furniture(raw: list[str]) -> tuple[list[_Line], list[str]]:
    """Drop blank lines, printed-id lines and page footers; number the pages."""
    out: list[_Line] = []
    ids: list[str] = []
    page = 0
    for i, line in enumerate(raw):
        s = line.strip()
        if not s:
            continue
        if i == 0 and re.match(r"^(?:Tweede|Eerste) Kamer der Staten-Generaal\s*\d*$", s):
            continue
        m = PRINTED_ID.match(s)
        if m:
            ids.append(m.group("id"))
            continue
        if PAGE_END.match(s):
            page += 1
            continue
        out.append(_Line(s, page))
    return out, ids


# ---- 2. footnote bodies at page ends -----------------------------------------------------------


def _split_footnotes(lines: list[_Line]) -> tuple[list[_Line], list[tuple[int, Footnote]]]:
    """Footnote bodies sit at the end of a page, after the last label line of that page, each
    glued to its number; the numbers run 1, 2, 3 … through the document."""
    body: list[_Line] = []
    notes: list[tuple[int, Footnote]] = []
    parts: list[list[str]] = []
    expected = 1
    pages: dict[int, list[_Line]] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append(ln)
    for page, plines in pages.items():
        last_label = max(
            (i for i, ln in enumerate(plines) if _is_label(ln.text)), default=-1
        )
        zone = None
        for i in range(last_label + 1, len(plines)):
            if fn_start(plines[i].text, expected) is not None:
                zone = i
                break
        if zone is None:
            body.extend(plines)
            continue
        body.extend(plines[:zone])
        for ln in plines[zone:]:
            rest = fn_start(ln.text, expected)
            if rest is not None:
                notes.append((page, Footnote(marker=str(expected), text="")))
                parts.append([rest])
                expected += 1
            else:
                parts[-1].append(ln.text)
    for (_, fn), p in zip(notes, parts, strict=True):
        fn.text = join_lines(p)
    return body, notes


def _is_label(s: str) -> bool:
    return bool(Q_LABEL.match(s) or A_LABEL.match(s) or M_LABEL.match(s))


# ---- 3. blocks ------------------------------------------------------------------------------


def _segment(body: list[_Line]) -> list[_Block]:
    blocks = [_Block("header", None, [])]
    for ln in body:
        s = ln.text
        if m := Q_LABEL.match(s):
            blocks.append(_Block("vraag", s, expand_numbers(m.group("nums"))))
        elif m := A_LABEL.match(s):
            blocks.append(_Block("antwoord", s, expand_numbers(m.group("nums"))))
        elif M_LABEL.match(s) and len(blocks) > 1:
            blocks.append(_Block("mededeling", s, []))
        else:
            blocks[-1].lines.append(ln)
    return blocks


# ---- 4. footnote markers ---------------------------------------------------------------------

_GLUED = r"(?<=[.?!;:,»”’)\]])"


def _attach_markers(blocks: list[_Block], footnotes: list[tuple[int, Footnote]]) -> None:
    """Find marker k on the page that prints footnote k, after marker k-1; remove it from the text
    and record it on its block. Forms: a line of numbers ("2 3"), a number glued after punctuation
    ("gekomen?1 Was"), a number opening a line ("2 Deze richtlijnen", "2. In 2023", "6). Daarin")."""
    flat = [(b, i) for b in blocks for i in range(len(b.lines))]
    pos = 0
    k = 0
    while k < len(footnotes):
        page, fn = footnotes[k]
        n = fn.marker
        found = False
        for j in range(pos, len(flat)):
            block, i = flat[j]
            ln = block.lines[i]
            if ln.page < page:
                continue
            if ln.page > page:
                break
            s = ln.text
            toks = s.split()
            if toks and all(t.isdigit() for t in toks):
                if toks[0] == n:
                    # one line may carry several markers: "2 3"
                    taken = 0
                    while taken < len(toks) and k < len(footnotes) and toks[taken] == footnotes[k][1].marker:
                        block.markers.append(toks[taken])
                        taken += 1
                        k += 1
                    ln.text = " ".join(toks[taken:])
                    pos, found = j, True
                    break
                continue
            m = re.match(rf"^{n}(?:\s+(?=\S)|(?=[.,;:)]))", s)
            if m and (j == 0 or _ends_sentence(flat, j) or not s[m.end() :].strip()[:1].isdigit()):
                ln.text = s[m.end() :].lstrip()
                block.markers.append(n)
                pos, found, k = j, True, k + 1
                break
            m = re.search(rf"{_GLUED}{n}(?=\s|$)", s)
            if m:
                ln.text = (s[: m.start()] + s[m.end() :]).strip()
                block.markers.append(n)
                pos, found, k = j, True, k + 1
                break
        if not found:
            k += 1  # left for the document level, with a notice


def _ends_sentence(flat: list[tuple[_Block, int]], j: int) -> bool:
    prev_block, pi = flat[j - 1]
    return prev_block.lines[pi].text.rstrip()[-1:] in ".?!:;»”)"


# ---- 5. header ------------------------------------------------------------------------------

_VRAGEN = re.compile(
    r"(?P<mondeling>Mondelinge\s+)?[Vv]ra(?:ag|gen)\s+van\s+(?:het\s+lid|de\s+leden)\s+(?P<askers>.+?)\s+"
    r"aan\s+(?P<addr>.+?)\s+over\s+(?P<title>.+?)\s*\(\s*ingezonden\s+(?P<date>[^)]*)\)\.?",
    re.DOTALL,
)
# the same, for a header where the wrap glued "over" to the last portfolio word ("Sportover zorg")
_VRAGEN_GLUED = re.compile(_VRAGEN.pattern.replace(r"\s+over\s+", r"\s*over\s+"), re.DOTALL)
_ANTWOORD = re.compile(
    r"(?P<kind>Antwoord|Mededeling)\s+van\s+(?P<role>Minister-president|Minister|Staatssecretaris)\s+"
    r"(?P<name>[^()]+?)\s*\((?P<portfolio>[^()]+)\)\s*(?:,?\s*mede\s+namens\s+(?P<mede>[^()]+?))?\s*"
    r"\(\s*ontvangen\s+(?P<date>[^)]*)\)",
    re.IGNORECASE,
)
_ZIE_OOK = re.compile(
    r"Zie\s+ook\s+Aanhangsel\s*Handelingen,\s*vergaderjaar\s+(\d{4})\s*[–-]\s*(\d{4}),\s*nr\.\s*(\d+)"
)


def _parse_header(header: _Block, printed_ids: list[str], path: str) -> Document:
    lines = [ln.text for ln in header.lines]
    head_text = "\n".join(lines)
    vj = VJ.search(head_text)
    is_ah = "Aanhangsel van de Handelingen" in head_text
    number = zaak = None
    intro: list[str] = []
    for s in lines:
        if VJ.match(s) or re.match(r"^(?:Vragen gesteld door|regering gegeven antwoorden)", s):
            continue
        if number is None and zaak is None and re.fullmatch(r"\d{1,5}", s) and is_ah:
            number = s
            continue
        if zaak is None and (m := ZAAK.match(s)):
            zaak = m.group(1)
            continue
        intro.append(s)
    text = deglue(join_lines(intro))
    if not vj:
        raise InputError("no 'Vergaderjaar' in the header: not a KOOP kv/ah text", path)
    vergaderjaar = f"{vj.group(1)}-{vj.group(2)}"
    chamber = "EK" if head_text.startswith("Eerste") else "TK"
    printed = printed_ids[0] if printed_ids else None
    if is_ah and number:
        doc_id = f"ah-{chamber.lower()}-{vj.group(1)}{vj.group(2)}-{number}"
    elif zaak:
        doc_id = f"kv-{chamber.lower()}-{zaak}"
    elif printed:
        doc_id = printed
    else:
        raise InputError("no aanhangsel number, zaak number or printed id in the header", path)
    med = re.search(r"\bMededeling\s+van\b", text)
    kind = DocumentKind.MEDEDELING if med else DocumentKind.ANTWOORD if is_ah else DocumentKind.KAMERVRAGEN
    doc = Document(id=doc_id, kind=kind, source=path, reader=NAME, chamber=chamber, vergaderjaar=vergaderjaar)
    doc.number = number
    if zaak:
        doc.zaken.append(zaak)
    if printed and printed != doc_id:
        doc.warn(f"printed id {printed!r} differs from the header ({doc_id!r}); the header is used")
    doc.text = text
    if m := _VRAGEN.search(text) or _VRAGEN_GLUED.search(text):
        doc.askers = parse_askers(m.group("askers"))
        doc.addressees = post_mentions(m.group("addr"))
        doc.title = re.sub(r"\s+", " ", m.group("title")).strip(" :,")
        doc.date_submitted = find_marked_date(m.group(0), "ingezonden")
        if m.group("mondeling"):
            doc.warn("mondelinge vragen: asked in the plenary, no question text here", Severity.INFO)
    else:
        doc.warn("no 'Vragen van … (ingezonden …)' sentence found in the header")
    if m := _ANTWOORD.search(text):
        role, portfolio = m.group("role").lower(), m.group("portfolio").strip()
        first = PersonMention(name=clean_name(m.group("name")), role=role, portfolio=portfolio)
        doc.answerers = [first] + (post_persons(m.group("mede")) if m.group("mede") else [])
        doc.date_received = find_marked_date(m.group(0), "ontvangen")
    elif is_ah:
        doc.warn("no 'Antwoord van …' / 'Mededeling van …' sentence found in the header")
    for y1, y2, nr in _ZIE_OOK.findall(text):
        doc.see_also.append(f"ah-{chamber.lower()}-{y1}{y2}-{nr}")
    doc.date = doc.date_received if is_ah else doc.date_submitted
    return doc


# ---- 6. questions, answers, mededeling -------------------------------------------------------


def _fill_blocks(doc: Document, blocks: list[_Block], fns: dict[str, Footnote], used: set[str]) -> None:
    fracties = {p.fractie for p in doc.askers}
    fractie = fracties.pop() if len(fracties) == 1 else None
    answerer = doc.answerers[0] if doc.answerers else None
    seen: dict[str, Question] = {}
    for b in blocks:
        text = join_lines([ln.text for ln in b.lines])
        notes = [fns[m] for m in b.markers if m in fns]
        used.update(m for m in b.markers if m in fns)
        if b.kind == "mededeling":
            doc.text = f"{doc.text}\n{text}" if doc.text else text
            doc.footnotes.extend(notes)
            for z in re.findall(r"\((\d{4}Z\d{5})\)", text):
                if z not in doc.zaken:
                    doc.zaken.append(z)
                doc.uitstel_van.append(f"kv-{(doc.chamber or 'TK').lower()}-{z}")
            continue
        if b.kind == "antwoord":
            doc.answers.append(
                Answer(
                    number="-".join(b.numbers),
                    text=text,
                    label=b.label,
                    answers=list(b.numbers),
                    answerer=copy.copy(answerer) if answerer else None,
                    footnotes=notes,
                )
            )
            continue
        texts = _split_group(text, len(b.numbers))
        if len(b.numbers) > 1 and texts is None:
            doc.warn(f"{b.label}: could not split the grouped questions; each keeps the whole text")
        for idx, n in enumerate(b.numbers):
            qtext = texts[idx] if texts else text
            if n in seen:
                if seen[n].text == qtext:
                    doc.warn(f"{b.label} is printed twice with the same text; kept once")
                else:
                    doc.warn(f"{b.label} is printed twice with different texts; the second is kept as {n}b")
                    n = f"{n}b"
                if n in seen:
                    continue
            q = Question(
                number=n,
                text=qtext,
                label=b.label,
                askers=[copy.copy(p) for p in doc.askers],
                fractie=fractie,
                addressees=[copy.copy(a) for a in doc.addressees],
                footnotes=notes if idx == 0 else [],
            )
            seen[n] = q
            doc.questions.append(q)


def _split_group(text: str, n: int) -> list[str] | None:
    """Split a grouped question where two paragraphs were run together: '…hiervan?Deelt u …'."""
    if n < 2:
        return None
    cuts = [m.start() for m in re.finditer(r"(?<=[?.!])(?=[A-Z«])", text)]
    if len(cuts) != n - 1:
        return None
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]


def _finish(doc: Document, path: str) -> None:
    qnums = {q.number for q in doc.questions}
    for a in doc.answers:
        for n in a.answers:
            if n not in qnums:
                doc.warn(f"{a.label} answers question {n}, which the document does not print")
    answered = {n for a in doc.answers for n in a.answers}
    if doc.kind == DocumentKind.ANTWOORD:
        for q in doc.questions:
            if q.number not in answered:
                doc.warn(f"question {q.number} has no answer in the document")
    if not doc.questions and not doc.answers and not doc.askers and doc.kind != DocumentKind.MEDEDELING:
        raise NoContentError("no questions, answers or header found", path)
    if not doc.questions and not doc.answers and doc.kind != DocumentKind.MEDEDELING:
        # only the header was read (a cut-off file): keep it, but never silently
        doc.warn("no questions or answers found; only the header was read")
