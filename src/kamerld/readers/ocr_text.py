"""Reader for historic OCR text from Staten-Generaal Digitaal (1978–1994), TK and EK.

Best effort, never a crash on odd layout: what is recognised goes into the Document, everything
doubtful becomes a `doc.warn` notice. Recognised:
* aanhangsel (written questions): "Vragen van het lid X (P) over … (Ingezonden 2 november 1992)",
  questions numbered with the digit glued to the text ("1Is het u bekend", "2I\\ns het"), an
  "Antwoord van minister …" section with numbered answers, or a "Mededeling van …" (delay notice);
* kamerstukken: dossier number, "Nr. 22", the heading (LIJST VAN VRAGEN EN ANTWOORDEN, VERSLAG VAN
  EEN SCHRIFTELIJK OVERLEG, …) giving the kind, "Vastgesteld <date>".
Ids come from the text (ah-tk-19921993-181, ah-ek-…, kst-22396-22); the file name is only a fallback,
with a notice. Numbered items are taken in sequence (1, 2, 3 …) so digits inside the text are not
mistaken for question numbers; a number OCR lost is skipped with a notice.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NoContentError
from ..model import Answer, Document, DocumentKind, Footnote, PersonMention, Question
from ..sources import Source
from ..text.dates import find_marked_date, parse_dutch_date
from ..text.koop_clean import clean_name, normalise, parse_askers, post_persons
from .base import Fit

NAME = "ocr-text"

YEAR = re.compile(r"(?:Vergaderjaar|Zitting)\s+(19\d\d)\s*[-–]\s*(19\d\d)")
FURNITURE = re.compile(
    r"ISSN|Sdu Uitgeverij|SDU uitgeverij|^(?:Tweede|Eerste) Kamer, vergaderjaar|^s Gravenhage \d{4}|^\d{1,4}$"
)
HEADINGS = [
    ("LIJST VAN VRAGEN EN ANTWOORDEN", DocumentKind.LIJST_VRAGEN_ANTWOORDEN),
    ("VERSLAG VAN EEN SCHRIFTELIJK OVERLEG", DocumentKind.VERSLAG_SO),
    ("NOTA NAAR AANLEIDING VAN HET VERSLAG", DocumentKind.NOTA_NAV_VERSLAG),
    ("VERSLAG", DocumentKind.KAMERSTUK),
    ("BRIEF", DocumentKind.BRIEF),
]


class OcrTextReader:
    name = NAME
    description = "historic OCR text (Staten-Generaal Digitaal, 1978–1994)"

    def sniff(self, source: Source) -> Fit:
        head = source.head(2048).decode("utf-8", "replace")
        if "Staten" in head and "Generaal" in head and YEAR.search(head):
            return Fit.LAYOUT
        return Fit.NO

    def read(self, source: Source) -> list[Document]:
        return [read_ocr_text(normalise(source.text()), source.path)]


def read_ocr_text(text: str, path: str) -> Document:
    lines = [ln.strip() for ln in text.split("\n")]
    head = "\n".join(lines[:12])
    chamber = "EK" if re.search(r"Eerste\s+Kamer", head) else None
    chamber = chamber or ("TK" if re.search(r"Tweede\s+Kamer", head) else None)
    year = YEAR.search(text)
    if chamber is None and year is None:
        raise NoContentError("no chamber and no vergaderjaar: not recognisable Staten-Generaal OCR", path)
    y1, y2 = (year.group(1), year.group(2)) if year else (None, None)
    body = [ln for ln in lines if ln and not FURNITURE.search(ln)]
    # OCR splits a capital from its word after the number: "2I" + "s het" -> "2Is het"
    joined = re.sub(r"(?m)^(\d{1,2}\s?[A-Z])\n(?=[a-z])", r"\1", "\n".join(body))
    doc = Document(id="", kind=DocumentKind.OVERIG, source=path, reader=NAME, chamber=chamber)
    doc.vergaderjaar = f"{y1}-{y2}" if y1 else None
    if "Aanhangsel van de Handelingen" in head:
        # the number is the first bare number after the "… antwoorden" line (page numbers are furniture)
        m = re.search(r"antwoorden\s*\n(\d{1,4})(?:\s+Herdruk\S*)?\s*\n", text)
        _read_aanhangsel(doc, joined, y1, y2, path, m.group(1) if m else None)
    else:
        _read_kamerstuk(doc, joined, head, path)
    if not doc.id:
        doc.id = Path(path).stem
        doc.warn(f"no identifier in the text; the file name {doc.id!r} is used")
    doc.text = joined
    return doc


# ---- aanhangsel -----------------------------------------------------------------------------

# lengths are bounded and the two halves of <who> cannot trade characters: unbounded, a text of
# repeated "Antwoord van minister" took minutes (backtracking), real ones never need more
_VRAGEN = re.compile(
    r"Vra(?:ag|gen)\s+van\s+(?:het\s+lid|de\s+leden)\s+(?P<askers>.{1,600}?\))\s+(?:over|inzake)\s+"
    r"(?P<title>.{1,1500}?)\.?\s*\(\s*Ingezonden\s+(?P<date>[^)]{0,100})\)",
    re.DOTALL,
)
_ANSWER = re.compile(
    r"(?P<kind>Antwoord|Mededeling)\s+van\s+(?:de\s+heer\s+|mevrouw\s+)?"
    r"(?P<who>[^.()]{1,400}?(?:\([^)]{0,200}\)[^.()]{0,400}?)?)\.?\s*\(\s*Ontvangen\s+(?P<date>[^)]{0,100})\)",
    re.DOTALL,
)


def _read_aanhangsel(
    doc: Document, text: str, y1: str | None, y2: str | None, path: str, number: str | None
) -> None:
    m = number or (n.group(1) if (n := re.search(r"(?m)^(\d{1,4})(?:\s+Herdruk\S*)?$", text)) else None)
    if m and y1:
        doc.number = m
        doc.id = f"ah-{(doc.chamber or 'TK').lower()}-{y1}{y2}-{m}"
    else:
        doc.warn("no aanhangsel number found in the header")
    q = _VRAGEN.search(text)
    if not q:
        doc.warn("no 'Vragen van … (Ingezonden …)' sentence found")
        if not _ANSWER.search(text):
            raise NoContentError("no questions found in the aanhangsel OCR", path)
    a = _ANSWER.search(text, q.end() if q else 0)
    if q:
        doc.askers = parse_askers(q.group("askers"))
        doc.title = re.sub(r"\s+", " ", q.group("title")).strip()
        doc.date_submitted = find_marked_date(q.group(0), "Ingezonden")
        qtext = text[q.end() : a.start() if a else len(text)]
        # a mededeling may be printed inside the question text: keep the part after it with the questions
        if a and a.group("kind") == "Mededeling":
            rest = text[a.end() :]
            med_end = rest.find("\n", rest.find("\n") + 1) if "\n" in rest else len(rest)
            qtext += "\n" + rest[max(med_end, 0) :]
        qtext = re.sub(r"(?m)\s*\bMededeling\s*$|\s*\bAntwoord\s*$", "", qtext)
        qtext, notes = _footnotes(qtext)
        fractie = {p.fractie for p in doc.askers}
        for n, body in _numbered(qtext, doc, "question"):
            marks = re.findall(r"(?<=[?.!])(\d)(?=\s|$)", body)
            body = re.sub(r"(?<=[?.!])\d(?=\s|$)", "", body)
            doc.questions.append(
                Question(number=n, text=body, label=n, askers=list(doc.askers),
                         fractie=fractie.pop() if len(fractie) == 1 else None,
                         footnotes=[notes.pop(k) for k in marks if k in notes])
            )
        for fn in notes.values():
            doc.footnotes.append(fn)
            doc.warn(f"footnote {fn.marker}: no marker found in the questions")
    if a:
        who = re.sub(r"\s+", " ", a.group("who")).strip(" ,")
        doc.answerers = _answerers(who)
        doc.date_received = find_marked_date(a.group(0), "Ontvangen")
        doc.date = doc.date_received
        if a.group("kind") == "Mededeling":
            doc.kind = DocumentKind.MEDEDELING
            # the questions are printed in this same aanhangsel, so uitstel_van stays empty
        else:
            doc.kind = DocumentKind.ANTWOORD
            for n, body in _numbered(text[a.end() :], doc, "answer"):
                doc.answers.append(Answer(number=n, text=body, label=n, answers=[n],
                                          answerer=doc.answerers[0] if doc.answerers else None))
    else:
        doc.kind = DocumentKind.KAMERVRAGEN
        doc.date = doc.date_submitted
    if not doc.questions and not doc.answers and a is None:
        raise NoContentError("no questions, answers or mededeling found", path)


def _footnotes(text: str) -> tuple[str, dict[str, Footnote]]:
    """Footnotes of the questions: a marker glued after a question mark ("speelautomaten?1") and a
    body line starting with that number and holding a year ("1 0 a Dagblad … 1 mei 1991 …")."""
    notes: dict[str, Footnote] = {}
    for marker in dict.fromkeys(re.findall(r"(?<=[?.!])(\d)(?=\s|$)", text)):
        m = re.search(rf"(?m)^{marker}\s+(?![A-Z][a-z]+ u\b)(.*\b1[89]\d\d\b.*)$", text)
        if m:
            notes[marker] = Footnote(marker=marker, text=m.group(1).strip())
            text = text[: m.start()] + text[m.end() :]
    return text, notes


def _answerers(who: str) -> list[PersonMention]:
    """'minister Van den Broek (Buitenlandse Zaken), mede namens de minister van WVC' /
    'Staatssecretaris Kosto (Justitie)' / 'Hirsch Ballin, minister voor Nederlands-Antilliaanse … Zaken'."""
    who, _, mede = who.partition(" mede namens ")
    m = re.match(r"(?P<role>[Mm]inister|[Ss]taatssecretaris)\s+(?P<name>[^()]+?)\s*\((?P<p>[^)]+)\)", who)
    if m:
        first = PersonMention(name=clean_name(m.group("name")), role=m.group("role").lower(),
                              portfolio=m.group("p").strip())
    else:
        m = re.match(
            r"(?P<name>[^,]+),\s*(?P<role>minister|staatssecretaris)\s+(?:van|voor)\s+(?P<p>.+)$", who
        )
        if not m:
            return [PersonMention(name=clean_name(who))]
        first = PersonMention(name=clean_name(m.group("name")), role=m.group("role"), portfolio=m.group("p"))
    return [first] + (post_persons(mede.strip(" ,.")) if mede else [])


def _numbered(text: str, doc: Document, what: str) -> list[tuple[str, str]]:
    """Split '1Is het … 2Kan hierdoor … 3 Deelt u …' into numbered items, taking 1, 2, 3 … in order."""
    items: list[tuple[str, int]] = []
    pos, k = 0, 1
    while True:
        found = None
        for want in (k, k + 1):
            m = re.compile(rf"(?:(?<=\s)|^){want}\s?(?=[A-Z«])").search(text, pos)
            if m:
                found = (want, m)
                break
        if not found:
            break
        want, m = found
        if want != k:
            doc.warn(f"{what} {k}: number not found in the OCR text (its text stays with {what} {k - 1})")
        items.append((str(want), m.start()))
        pos, k = m.end(), want + 1
    out = []
    for i, (n, start) in enumerate(items):
        end = items[i + 1][1] if i + 1 < len(items) else len(text)
        body = re.sub(r"\s+", " ", re.sub(rf"^{n}\s?", "", text[start:end].strip())).strip()
        out.append((n, body))
    return out


# ---- kamerstuk ------------------------------------------------------------------------------


def _read_kamerstuk(doc: Document, text: str, head: str, path: str) -> None:
    dossier = re.search(r"(?m)^(\d{2}\s?\d{3})\s*$", text)
    nr = re.search(r"\bNr\.\s*(\d+[a-z]?)\b", text)
    if dossier:
        doc.dossiers.append(dossier.group(1).replace(" ", ""))
        after = text[dossier.end() :].lstrip("\n").split("\n", 1)[0].strip()
        if after and not after.startswith("Nr."):
            doc.title = after
    if dossier and nr:
        doc.number = nr.group(1)
        doc.id = f"kst-{doc.dossiers[0]}-{nr.group(1)}"
    else:
        doc.warn("no dossier number and 'Nr.' found: cannot make a kst id")
    for heading, kind in HEADINGS:
        if heading in text:
            doc.kind = kind
            break
    else:
        doc.warn("no known document heading found")
    if m := re.search(r"Vastgesteld\s+(\d{1,2}\s+\w+\s+\d{4})", text):
        doc.date = parse_dutch_date(m.group(1))
    qa_kinds = (DocumentKind.LIJST_VRAGEN_ANTWOORDEN, DocumentKind.VERSLAG_SO)
    if doc.kind in qa_kinds and not doc.questions:
        doc.warn("the OCR text holds only the opening page: no numbered questions or answers in it")
    if not doc.id and doc.kind == DocumentKind.OVERIG:
        raise NoContentError("no kamerstuk number, heading or questions found", path)
