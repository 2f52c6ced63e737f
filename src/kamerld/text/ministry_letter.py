"""Build a `Document` from the paragraphs of a ministry letter (text export or DOCX).

The header lines of the tweedekamer.nl text export ("AH 615", "2024Z17538", "Antwoord van minister
Van Weel (Justitie en Veiligheid) (ontvangen 20 november 2024)", "Zie ook Aanhangsel ...", "Vragen van
het lid ... (ingezonden ...)") and of the original DOCX letter (letterhead "Datum" / "Onderwerp" /
"Ons kenmerk", cover letter "In antwoord op uw brief van 5 juli 2024, nr. 2024Z11859", signature) are
read here; questions and answers are cut by `ministry_blocks.segment`.

Document ids, from the most to the least authoritative:
  * "ah-tk-{vergaderjaar}-{AH number}" when the AH number and a date that fixes the vergaderjaar are
    known (the KOOP id of the published aanhangsel);
  * "kv-tk-{zaak}" for a question letter (the KOOP id of the published questions);
  * "antwoord-tk-{zaak}" for an answer letter that names the zaak but not its AH number (the KOOP id
    is given only at publication);
  * "brief-{kenmerk}" for a letter known only by the ministry's reference (the ministry code needed for
    "{ministry-code}-{kenmerk}" is a register lookup, which readers do not do);
  * "brief-{sha256 prefix}" otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamerld.extraction.phrases import ROLE, find_addressees, find_askers, parse_answer_header, post_persons
from kamerld.extraction.phrases import parse_questions_header as _questions_header

from ..errors import NoContentError
from ..model import Document, DocumentKind, OrgMention, PersonMention, Severity
from ..model import PersonMention as _Person
from .dates import parse_dutch_date as parse_date
from .dates import vergaderjaar
from .ministry_blocks import Para, Segments, _attach_notes, _note_zone, clean

ZAAK = re.compile(r"\b(\d{4}Z\d{5})\b")


def post_person(role: str, portfolio: str, name: str = "") -> _Person:
    """A minister or staatssecretaris as written; `name` is "" when only the post is named."""
    return _Person(name=name, role=role.lower(), portfolio=portfolio.strip())


def parse_mede_namens(text: str) -> list[_Person]:
    return post_persons(text)

AH_LINE = re.compile(r"^AH\s*(\d+)$")
ZAAK_LINE = re.compile(r"^(\d{4}Z\d{5})$")
INGEZONDEN = re.compile(r"^\(ingezonden\s+([^)]*)\)$", re.IGNORECASE)
VRAGEN_LINE = re.compile(r"^Vragen van\s+(?:het lid|de leden)\s+.+", re.IGNORECASE)
# "Antwoord van minister Van Weel (Justitie en Veiligheid), mede namens ... (ontvangen 20 november 2024)"
ANSWER_LINE = re.compile(
    rf"^(?P<what>Antwoord|Mededeling)\s+van\s+(?P<role>{ROLE})\s+(?P<name>.+?)\s*\((?P<portfolio>[^)]*)\)"
    r"(?:,?\s*mede\s+namens\s+(?P<mede>.+?))?\s*(?:\(ontvangen\s+(?P<received>[^)]*)\))?\s*\.?$",
    re.IGNORECASE,
)
ZIE_OOK = re.compile(
    r"^Zie ook Aanhangsel (?:van de )?Handelingen,?\s+(?:vergaderjaar\s+)?"
    r"(\d{4})[-/](\d{4}),?\s+nr\.?\s*(\d+)",
    re.IGNORECASE,
)
COVER = re.compile(
    r"In (?:het )?antwoord op uw brief van (?P<date>\d{1,2} \w+ \d{4}),? nr\.? (?P<nr>[\w/-]+?)[,.]?\s",
    re.IGNORECASE,
)
# "Antwoorden van de minister van Justitie en Veiligheid mede namens de minister van ... op Kamervragen"
ANSWERS_HEADING = re.compile(
    rf"^Antwoorden\s+van\s+(?:de\s+)?(?P<role>{ROLE})\s+(?:van|voor)\s+(?P<portfolio>.+?)"
    r"(?:,?\s+mede\s+namens\s+(?P<mede>.+?))?\s+op\s+(?:de\s+)?Kamervragen\b",
    re.IGNORECASE,
)
SIGN_LINE = re.compile(rf"^(?:de\s+)?(?P<role>{ROLE})\s+(?:van|voor)\s+(?P<portfolio>.+?),?$", re.IGNORECASE)
MEDE_LINE = re.compile(r"^Mede namens\s+(?P<mede>.+?),?$", re.IGNORECASE)
LETTERHEAD_LABELS = {"datum": "date", "onderwerp": "title", "betreft": "title", "ons kenmerk": "kenmerk"}
_NAME = re.compile(r"^[A-Z][\w.'’ -]*[\w.]$")


@dataclass
class LetterMeta:
    """What the container knows besides the paragraphs: DOCX text boxes / page headers, properties."""

    letterhead: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)


def _letterhead(lines: list[str]) -> dict[str, str]:
    """ "Datum" / "25 juli 2024" label-value pairs of the letterhead (first value wins)."""
    out: dict[str, str] = {}
    lines = [clean(x) for x in lines if clean(x)]
    for i, line in enumerate(lines[:-1]):
        key = LETTERHEAD_LABELS.get(line.lower())
        value = lines[i + 1]
        # a placeholder ("-") on the first page: the running header may still hold the value
        if key == "kenmerk" and not re.fullmatch(r"[\w./-]*\d[\w./-]*", value):
            continue  # an empty "Ons kenmerk" box: the next line is something else
        if key and key not in out and value.lower() not in LETTERHEAD_LABELS and re.search(r"\w", value):
            out[key] = value
    return out


def _signature(lines: list[str]) -> tuple[PersonMention | None, list[PersonMention]]:
    """The signing post and name ("De Minister van Justitie en Veiligheid," / "D.M. van Weel")."""
    for i, line in enumerate(lines):
        m = SIGN_LINE.match(line)
        if not m or len(line) > 100:
            continue
        name = next((x for x in lines[i + 1 : i + 4] if _NAME.match(x) and len(x) < 50), "")
        if not name:
            continue
        mede: list[PersonMention] = []
        if i > 0 and (mm := MEDE_LINE.match(lines[i - 1])):
            mede = parse_mede_namens(mm.group("mede"))
        return post_person(m.group("role"), m.group("portfolio").rstrip(","), name), mede
    return None, []


def letter_segments(paras: list[Para]) -> Segments:
    """The letter's paragraphs through the one question/answer grammar (`extract.qa`)."""
    from kamerld.extraction.qa import segment as qa_segment

    from ..readers.blocks import Block

    blocks = [Block(p.text, footnotes=list(p.footnotes)) for p in paras]
    zone = _note_zone(paras)
    seg = qa_segment(blocks[:zone], "written")
    out = Segments(
        header=[Para(b.text, list(b.footnotes)) for b in seg.header],
        questions=seg.questions,
        answers=seg.answers,
        trailer=[Para(b.text, list(b.footnotes)) for b in seg.trailer],
    )
    out.header_footnotes = [f for p in out.header for f in p.footnotes]
    _attach_notes(out, paras[zone:])
    return out


def build_document(
    paras: list[Para], path: str, reader: str, sha256: str, meta: LetterMeta | None = None
) -> Document:
    meta = meta or LetterMeta()
    paras = [Para(clean(p.text), p.footnotes) for p in paras]
    paras = [p for p in paras if p.text or p.footnotes]
    seg = letter_segments(paras)
    lines = [p.text for p in seg.header]
    vragen_at = next((i for i, x in enumerate(lines) if VRAGEN_LINE.match(x)), None)

    doc = Document(id="", kind=DocumentKind.OVERIG, source=path, reader=reader, source_sha256=sha256)
    doc.questions, doc.answers = seg.questions, seg.answers
    doc.footnotes = seg.header_footnotes + seg.notes
    doc.text = "\n".join(p.text for p in paras if p.text)
    head_text = " ".join(lines)
    mededeling = False

    for line in lines:
        if m := AH_LINE.match(line):
            doc.number = m.group(1)
        elif m := ZAAK_LINE.match(line):
            doc.zaken.append(m.group(1))
        elif m := INGEZONDEN.match(line):
            doc.date_submitted = parse_date(m.group(1))
        elif VRAGEN_LINE.match(line):
            doc.title = line
            qh = _questions_header(line, dated=False)
            doc.askers = qh.askers if qh else find_askers(line)
            doc.addressees = qh.addressees if qh else find_addressees(line)
        elif ANSWER_LINE.match(line) and (
            ah := parse_answer_header(line + ("" if "(ontvangen" in line else " (ontvangen )"))
        ):
            mededeling = ah.kind == "mededeling"
            doc.answerers = ah.answerers
            if ah.received:
                doc.date_received = ah.received
        elif m := ZIE_OOK.match(line):
            doc.see_also.append(f"ah-tk-{m.group(1)}{m.group(2)}-{m.group(3)}")
        elif mededeling and not doc.askers and "vragen" in line and find_askers(line):
            # "Op 6 november jl. hebben de leden ... schriftelijke vragen gesteld aan ... over ..."
            doc.askers = find_askers(line)
            doc.addressees = find_addressees(line)

    if m := COVER.search(head_text):  # DOCX cover letter
        nr = m.group("nr")
        # the Kamer's letter that sent the questions is dated the day they were submitted
        doc.date_submitted = doc.date_submitted or parse_date(m.group("date"))
        if ZAAK.fullmatch(nr) and nr not in doc.zaken:
            doc.zaken.append(nr)
        rest = head_text[m.end() :]
        rest = rest[: rest.find("worden beantwoord")] if "worden beantwoord" in rest else rest
        if not doc.askers:
            doc.askers = find_askers(rest)
        if not doc.addressees:
            doc.addressees = find_addressees(rest)
        if not ZAAK.fullmatch(nr):
            doc.warn(f"the cover letter cites the request as nr. {nr}, not a zaak number", Severity.INFO)
        if doc.date_submitted is None and (sent := parse_date(m.group("date"))) is not None:
            # the Kamer forwards written questions to the minister on the day they are submitted
            doc.date_submitted = sent
            doc.warn("date submitted taken from the Kamer's letter that forwarded the questions",
                     Severity.INFO)
    if not doc.answerers:
        signer, mede = _signature(lines)
        heading = next((h for x in lines if (h := ANSWERS_HEADING.match(x))), None)
        if signer is None and heading is not None:
            signer = post_person(heading.group("role"), heading.group("portfolio"))
        if heading is not None and heading.group("mede") and not mede:
            mede = parse_mede_namens(heading.group("mede"))
        if signer is not None:
            doc.answerers = [signer, *mede]
    if not doc.askers:
        heading_line = next((x for x in lines if ANSWERS_HEADING.match(x)), "")
        doc.askers = find_askers(heading_line.split(" op Kamervragen", 1)[-1]) if heading_line else []

    head = _letterhead(lines + meta.letterhead)  # the first page (flow) before running headers
    if "date" in head:
        doc.date = parse_date(head["date"])
    if "title" in head:
        doc.title = head["title"]
    kenmerk = head.get("kenmerk") or meta.properties.get("Kenmerk") or meta.properties.get("onskenmerk")
    if kenmerk and re.fullmatch(r"[\w./-]+", kenmerk):
        doc.kenmerk = kenmerk
    if doc.title is None and meta.properties.get("title"):
        doc.title = meta.properties["title"]
    if doc.answerers and doc.answerers[0].portfolio:
        doc.ministry = OrgMention(doc.answerers[0].portfolio)

    _kind_and_id(doc, mededeling, vragen_at is not None)
    if doc.zaken or doc.number or "Tweede Kamer" in " ".join(meta.letterhead + lines):
        doc.chamber = "TK"
    return doc


def _kind_and_id(doc: Document, mededeling: bool, question_letter: bool) -> None:
    on = doc.date_received or doc.date or doc.date_submitted
    if on is not None:
        doc.vergaderjaar = vergaderjaar(on)
    if mededeling:
        doc.kind = DocumentKind.MEDEDELING
        doc.uitstel_van = [f"kv-tk-{z}" for z in doc.zaken]
    elif doc.answers:
        doc.kind = DocumentKind.ANTWOORD
    elif doc.questions and question_letter:
        doc.kind = DocumentKind.KAMERVRAGEN
    else:
        raise NoContentError(
            "no questions, answers or mededeling found in this ministry letter",
            doc.source,
            "expected 'Vraag 1' / 'Antwoord op vraag 1' blocks or an 'AH nnn' header",
        )
    if doc.number and doc.vergaderjaar and doc.kind != DocumentKind.KAMERVRAGEN:
        doc.id = f"ah-tk-{doc.vergaderjaar.replace('-', '')}-{doc.number}"
    elif doc.kind == DocumentKind.KAMERVRAGEN and doc.zaken:
        doc.id = f"kv-tk-{doc.zaken[0]}"
        if doc.questions and doc.questions[0].label is None:
            doc.warn(
                "the questions are not numbered in this letter; numbered 1, 2, ... in order, as KOOP does",
                Severity.INFO,
            )
    elif doc.zaken:
        doc.id = f"antwoord-tk-{doc.zaken[0]}"
        doc.warn(f"no AH number: id built from zaak {doc.zaken[0]}; the KOOP id is not known yet")
    elif doc.kenmerk:
        doc.id = f"brief-{doc.kenmerk}"
        doc.warn(f"no AH number or zaak: id built from the ministry kenmerk {doc.kenmerk}")
    else:
        doc.id = f"brief-{(doc.source_sha256 or '')[:16]}"
        doc.warn("no AH number, zaak or kenmerk: id built from the content hash")
