"""From decoded blocks to model Documents: classify, cut into items, apply the grammars.

This is the one reading path for every layout without its own structure: the decoder's blocks are
classified (`classify`), an Aanhangsel page is cut into its items (each "Vragen van …" header starts
one; text before the first is the end of an item from the previous page), the question/answer
grammar (`qa.segment`) finds the questions and answers, and the phrase grammar (`phrases`) reads who
asked, to whom, who answered and when. Nothing text-bearing is refused: a document whose structure is
not understood is still a Document with its kind, ids, title, dates and text (for its citations), and
an Info notice says what was not understood.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import re
from pathlib import Path

from kamerld.extraction import ids

from ..errors import NoContentError
from ..model import Document, DocumentKind, PersonMention, Severity
from ..readers.blocks import Block, Decoded
from .classify import Classification, classify, kind_patterns
from .phrases import (
    AnswerHeader,
    QuestionsHeader,
    parse_answer_header,
    parse_answerers,
    parse_intro,
    parse_questions_header,
    parse_signature,
)
from .qa import Q_LABEL, Segments, segment

__all__ = ["read_decoded", "documents_from"]

_ZIE_OOK = re.compile(
    r"Zie\s*ook\s*Aanhangsel\s*(?:van\s+de\s+)?Handelingen,?\s*(?:vergaderjaar|zitting)\s+(\d{4})\s*[-–/]\s*(\d{2,4}),?\s*nr\.?\s*(\d+)"
)
_ITEM_NUMBER = re.compile(r"^(?P<n>\d{1,4})\s?(?P<n2>\d)?\.?(?:\s+Herdruk\S*)?$")
_HEADER_START = re.compile(
    r"^(?:(?P<n>\d{1,4})\s?(?P<n2>\d)?\.\s+)?(?:Mondelinge\s+[Vv]ragen|VRAGEN|Vragen|VRAAG|Vraag)\s+(?:van|gesteld\s+door)\s"
)
_MEDEDELING_START = re.compile(r"^(?:MEDEDELING|Mededeling)\s+van\s")


def read_decoded(decoded: Decoded) -> list[Document]:
    """The documents in one decoded file (see the module docstring)."""
    body = decoded.body()
    if not any(b.text.strip() for b in body):
        raise NoContentError("no text in the file", decoded.path)
    c = classify(decoded)
    if c.profile == "written":
        body = _merge_header(body)
    starts = _item_starts(body) if c.profile == "written" else []
    parts = _kamerstuk_parts(body) if not starts and c.profile != "written" else []
    if starts:
        docs = _aanhangsel_items(decoded, body, c, starts)
    elif len(parts) > 1:
        docs = []
        for k, (a, b) in enumerate(zip(parts, [*parts[1:], len(body)], strict=False)):
            part = body[:b] if k == 0 else body[a:b]
            pc = classify(Decoded(decoded.path, decoded.decoder, part, meta=dict(decoded.meta)))
            pc.chamber, pc.vergaderjaar = c.chamber or pc.chamber, c.vergaderjaar or pc.vergaderjaar
            doc = _single(decoded, part, pc)
            if doc.id == _local_id(decoded, ""):
                doc.id = _local_id(decoded, f"deel-{k + 1}")
            docs.append(doc)
    else:
        docs = [_single(decoded, body, c)]
    for d in docs:
        d.text = d.text or "\n".join(b.text for b in body)
    return docs


def documents_from(decoded: Decoded) -> list[Document]:
    return read_decoded(decoded)


# ---- Aanhangsel items --------------------------------------------------------------------------------


def _merge_header(body: list[Block]) -> list[Block]:
    """A header sentence the page broke into several blocks ("… over het ontslag van het gehele" /
    "TikTok moderatieteam in Nederland: (ingezonden 16 oktober 2024).") is one block again."""
    out: list[Block] = []
    i = 0
    while i < len(body):
        b = body[i]
        t = b.text.strip()
        if (_ITEM_HEADER.match(t) or _ANSWER_OPEN.match(t)) and not re.search(
            r"\((?i:ingezonden|ontvangen)[^)]*\)?", t
        ):
            j = i + 1
            parts = [t]
            while j < len(body) and j - i <= 3 and not body[j].is_furniture:
                parts.append(body[j].text.strip())
                if re.search(r"\((?i:ingezonden|ontvangen)", body[j].text):
                    break
                j += 1
            if j < len(body) and j - i <= 3 and re.search(r"\((?i:ingezonden|ontvangen)", body[j].text):
                out.append(
                    Block(
                        " ".join(parts),
                        b.kind,
                        page=b.page,
                        start=b.start,
                        end=body[j].end,
                        footnotes=[f for x in body[i : j + 1] for f in x.footnotes],
                    )
                )
                i = j + 1
                continue
        out.append(b)
        i += 1
    return out


_ANSWER_OPEN = re.compile(r"^(?:Antwoord|Mededeling)\s+van\s")
_ITEM_HEADER = re.compile(r"^(?:\d{1,4}\.\s+)?(?:Mondelinge\s+[Vv]ragen|VRAGEN|Vragen|VRAAG|Vraag)\s+van\s")


_STUK_NUMBER = re.compile(r"^\(?(?:\d{1,5}\s?\.?\s*)(?:[IVX]{1,5}\.\s*)?(?:\d{1,3}[a-z]?\s?\.?\s*)?\)?\s+")
_SPLIT_KINDS = {
    DocumentKind.LIJST_VRAGEN_ANTWOORDEN,
    DocumentKind.VERSLAG_SO,
    DocumentKind.NOTA_NAV_VERSLAG,
    DocumentKind.MEMORIE_VAN_ANTWOORD,
    DocumentKind.VOORLOPIG_VERSLAG,
    DocumentKind.EINDVERSLAG,
    DocumentKind.VERSLAG,
    DocumentKind.KAMERSTUK,
}


def _kamerstuk_parts(body: list[Block]) -> list[int]:
    """Where the Kamerstukken on one page begin: a block that opens with a kind heading, perhaps after
    its number ("427. VOORLOPIG VERSLAG …", "162. 9. NOTA VAN WIJZIGINGEN"). One page of the historic
    Bijlagen often prints the end of one stuk and the next ones."""
    out = []
    for i, b in enumerate(body):
        t = b.text.strip()
        m = _STUK_NUMBER.match(t)
        head = t[m.end() :] if m else t
        for kp in kind_patterns():
            if kp.kind in _SPLIT_KINDS and kp.pattern.match(head[:200]) and head[:1].isupper():
                out.append(i)
                break
    return out


def _item_starts(body: list[Block]) -> list[int]:
    """Indices of the blocks that open an item: its number above the header, or the header itself."""
    out = []
    for i, b in enumerate(body):
        if _HEADER_START.match(b.text.strip()) and parse_questions_header(b.text[:3000]) is not None:
            if i > 0 and _ITEM_NUMBER.match(body[i - 1].text.strip()):
                out.append(i - 1)
            else:
                out.append(i)
    return out


def _aanhangsel_items(
    decoded: Decoded, body: list[Block], c: Classification, starts: list[int]
) -> list[Document]:
    docs: list[Document] = []
    pre = body[: starts[0]]
    lead = _leading_part(pre)
    if lead:
        doc = _continuation(decoded, lead, c)
        if doc is not None:
            docs.append(doc)
    bounds = [*starts, len(body)]
    for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        docs.append(_item(decoded, body[a:b], c, k, len(starts)))
    return docs


def _leading_part(pre: list[Block]) -> list[Block]:
    """The end of an item from the previous page: what follows the page head, if it is text."""
    k = 0
    for i, b in enumerate(pre):
        if len(b.text) < 130 or re.search(
            r"Aanhangsel|Vragen,?\s+(?:gesteld\s+)?door|Schriftelijk beantwoorde|Reglement\s+van\s+Orde",
            b.text,
            re.I,
        ):
            k = i + 1
        else:
            break
    rest = [b for b in pre[k:] if b.text.strip()]
    return rest if sum(len(b.text) for b in rest) > 150 else []


def _continuation(decoded: Decoded, blocks: list[Block], c: Classification) -> Document | None:
    text = "\n".join(b.text for b in blocks)
    med = _MEDEDELING_START.match(blocks[0].text.strip())
    kind = DocumentKind.MEDEDELING if med else DocumentKind.ANTWOORD
    doc = Document(
        id=_local_id(decoded, "vervolg"),
        kind=kind,
        source=decoded.path,
        chamber=c.chamber,
        vergaderjaar=c.vergaderjaar,
    )
    head = parse_answer_header(text[:2000])
    if head is not None:
        doc.answerers = head.answerers
        doc.date_received = head.received
    doc.text = doc.header = text
    doc.footnotes = [f for b in blocks for f in b.footnotes]
    doc.warn(
        "the page starts inside an item printed on the page before: its questions are not on this page; "
        "the text is kept for its citations",
        Severity.INFO,
    )
    return doc


def _item(decoded: Decoded, blocks: list[Block], c: Classification, k: int, n_items: int) -> Document:
    number = None
    if (m := _ITEM_NUMBER.match(blocks[0].text.strip())) and len(blocks) > 1:
        number = m.group("n") + (m.group("n2") or "")
        blocks = blocks[1:]
    first = blocks[0].text
    if (m := _HEADER_START.match(first.strip())) and m.group("n"):
        number = m.group("n") + (m.group("n2") or "")
    qh = parse_questions_header(first[:3000]) or QuestionsHeader()
    # the header sentence may run on into the first question on the same line
    header_block = blocks[0]
    rest_text = first[qh.span[1] :].strip() if qh.span[1] else ""
    items = list(blocks[1:])
    if rest_text:
        items.insert(0, Block(rest_text, page=header_block.page, footnotes=header_block.footnotes))
    seg = segment(items, "written")
    ah = _answer_header(seg)
    kind = DocumentKind.KAMERVRAGEN
    if ah is not None:
        kind = DocumentKind.MEDEDELING if ah.kind == "mededeling" else DocumentKind.ANTWOORD
    doc = Document(id="", kind=kind, source=decoded.path, chamber=c.chamber, vergaderjaar=c.vergaderjaar)
    doc.number = number
    doc.askers = qh.askers
    doc.addressees = qh.addressees
    doc.title = qh.subject
    doc.date_submitted = qh.submitted
    if qh.oral:
        doc.warn("mondelinge vragen: asked in the plenary, no question text here", Severity.INFO)
    if ah is not None:
        doc.answerers = ah.answerers
        doc.date_received = ah.received
    head_blocks = [*seg.header, *([seg.answer_head] if seg.answer_head is not None else []), *seg.trailer]
    doc.header = "\n".join([first, *(b.text for b in head_blocks)])
    doc.footnotes.extend(f for b in (*seg.header, *seg.trailer) for f in b.footnotes)
    if n_items == 1:
        doc.zaken = list(c.zaken)
    if c.vergaderjaar is None and c.aanhangsel and (day := qh.submitted or (ah.received if ah else None)):
        # a page before 1940 that prints no zitting: the zitting its questions were sent in
        if (vj := ids.zitting_of(day)) is not None:
            c = dataclasses.replace(c, vergaderjaar=vj)
            doc.vergaderjaar = vj
            doc.warn(f"the page prints no zitting: {vj}, the zitting of {day.isoformat()}", Severity.INFO)
    doc.id = _aanhangsel_doc_id(decoded, c, number, k, n_items, doc.zaken)
    for y1, y2, nr in _ZIE_OOK.findall(doc.header or ""):
        vj = ids.vergaderjaar_of(f"{y1}-{y2}")
        if vj and (see := ids.aanhangsel_id(doc.chamber, vj, nr)) not in doc.see_also:
            doc.see_also.append(see)
    # KOOP dates a published set of questions when submitted, an answer or notice when received
    doc.date = doc.date_submitted if doc.kind == DocumentKind.KAMERVRAGEN else doc.date_received
    if kind == DocumentKind.KAMERVRAGEN and seg.answers:
        doc.kind = kind = DocumentKind.ANTWOORD  # the answers are printed, their header is not
    _fill(doc, seg, kind)
    if not doc.questions and not doc.answers and kind != DocumentKind.MEDEDELING and not qh.oral:
        # a cut-off file: the header was read, never silently
        doc.warn("no questions or answers found; only the header was read")
    return doc


def _answer_header(seg: Segments) -> AnswerHeader | None:
    if seg.answer_head is None:
        return None
    head = parse_answer_header(seg.answer_head.text)
    if head is None:
        # a bare "Mededeling" label: the sentence that names who sends it stands in the header
        for b in seg.header:
            if (found := parse_answer_header(b.text[:2000])) is not None:
                return found
        return AnswerHeader(
            kind="mededeling" if seg.answer_head.text.lower().startswith("mededeling") else "antwoord"
        )
    return head


def _aanhangsel_doc_id(
    decoded: Decoded, c: Classification, number: str | None, k: int, n: int, zaken: list[str]
) -> str:
    """An Aanhangsel item by its number; a set of questions not yet in the Aanhangsel by its zaak."""
    try:
        if number and c.vergaderjaar and c.aanhangsel:
            return ids.aanhangsel_id(c.chamber, c.vergaderjaar, number)
        if zaken and n == 1:
            return ids.kamervragen_id(c.chamber, zaken[0])
        if number and c.vergaderjaar:
            return ids.aanhangsel_id(c.chamber, c.vergaderjaar, number)
    except ValueError:
        pass
    return _local_id(decoded, f"item-{k + 1}" if n > 1 else "")


def _local_id(decoded: Decoded, part: str) -> str:
    """A stable id for a document that prints none: the file's name, or its content hash."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(decoded.path).stem).strip("-.")
    if not stem:
        stem = "doc-" + hashlib.sha256(decoded.text.encode("utf-8")).hexdigest()[:16]
    return f"{stem}-{part}" if part else stem


def _fill(doc: Document, seg: Segments, kind: DocumentKind) -> None:
    fracties = {p.fractie for p in doc.askers}
    fractie = fracties.pop() if len(fracties) == 1 else None
    answerer = doc.answerers[0] if doc.answerers else None
    if kind == DocumentKind.MEDEDELING:
        # the item prints the questions it delays (they are its own), then the notice, which answers none
        notice = "\n".join(b.text for b in seg.mededeling)
        doc.header = "\n".join(x for x in (doc.header, notice) if x)
        doc.footnotes.extend(f for b in seg.mededeling for f in b.footnotes)
        for z in ids.ZAAK.findall(notice):
            if z not in doc.zaken:
                doc.zaken.append(z)
            doc.uitstel_van.append(ids.kamervragen_id(doc.chamber, z))
        seg.answers = []
    for q in seg.questions:
        if not q.askers:
            q.askers = [copy.copy(p) for p in doc.askers]
        if q.fractie is None:
            q.fractie = fractie
        q.addressees = q.addressees or [copy.copy(a) for a in doc.addressees]
        doc.questions.append(q)
    for a in seg.answers:
        if a.answerer is None and answerer is not None:
            a.answerer = copy.copy(answerer)
        doc.answers.append(a)
    for note in seg.notes:
        doc.warn(note, Severity.INFO)


# ---- Kamerstukken and letters ---------------------------------------------------------------------------


def _single(decoded: Decoded, body: list[Block], c: Classification) -> Document:
    doc = Document(
        id=c.id or _local_id(decoded, ""),
        kind=c.kind,
        source=decoded.path,
        chamber=c.chamber,
        vergaderjaar=c.vergaderjaar,
        number=c.number,
        title=c.title,
    )
    doc.dossiers = list(c.dossiers)
    doc.zaken = list(c.zaken)
    doc.date = c.date
    doc.date_received = c.date_received
    doc.date_submitted = c.date_submitted
    if c.id is None:
        doc.warn(
            "the document prints no Kamerstuk or Aanhangsel number: its id is made from the file name",
            Severity.INFO,
        )
    # the text starts after the kind heading, when the heading stands at the head of the page (a heading
    # found further down, or a running footer that names the kind, does not cut the text)
    start = (c.heading + 1) if c.heading is not None and c.heading < 15 else 0
    profile = c.profile
    if profile == "none" and any(Q_LABEL.match(b.text.strip()) for b in body):
        profile = "written"  # a kind we do not know, but labelled questions: read them
    seg = segment(body[start:], profile)
    text = "\n".join(b.text for b in body)
    intro = parse_intro("\n".join(b.text for b in body[: start + 12]))
    if c.profile == "written":
        _written_single(doc, body, decoded)
    doc.addressees = intro.addressees
    doc.date_submitted = doc.date_submitted or intro.submitted
    if (seg.answers or intro.says_answered) and intro.addressees:
        # the posts the committee asked answer: the first names the answering ministry (an intro page
        # that says they answered names it too, when the answers are on pages this file lacks)
        doc.ministry = copy.copy(intro.addressees[0])
    if c.profile in ("reply", "list") or c.rekenkamer:
        sig = parse_signature(text[-3000:], bare=c.profile == "reply") if not c.rekenkamer else None
        if sig is not None:
            doc.answerers = [sig]
    if c.rekenkamer:
        doc.answerers = _rekenkamer_signatories(text[:6000])
    # fracties that speak in the report: on the questions, kept as written
    for q in seg.questions:
        q.addressees = q.addressees or [copy.copy(a) for a in doc.addressees]
        doc.questions.append(q)
    answerer = doc.answerers[0] if doc.answerers else None
    for a in seg.answers:
        if a.answerer is None and answerer is not None and answerer.name:
            a.answerer = copy.copy(answerer)
        doc.answers.append(a)
    doc.footnotes = [f for b in (*seg.header, *seg.trailer) for f in b.footnotes] + list(decoded.notes)
    doc.header = "\n".join(b.text for b in (*body[:start], *seg.header, *seg.trailer))
    for note in seg.notes:
        doc.warn(note, Severity.INFO)
    if doc.kind == DocumentKind.KAMERVRAGEN and doc.answers:
        doc.kind = DocumentKind.ANTWOORD
    if doc.answers and not doc.questions and doc.kind == DocumentKind.ANTWOORD:
        doc.warn("answers without their questions: the questions are printed elsewhere", Severity.INFO)
    if c.kind == DocumentKind.OVERIG:
        doc.warn("kind not recognised from the headings: read for its text and citations", Severity.INFO)
    elif c.profile != "none" and not doc.questions:
        doc.warn("no questions recognised in the text (the file may hold only the first page)", Severity.INFO)
    return doc


def _written_single(doc: Document, body: list[Block], decoded: Decoded) -> None:
    """A set of written questions that is not an Aanhangsel page (a web page of one kamervraag): the
    questions header may lack its date (the page prints it as a field), the answerers a field."""
    for b in body[:15]:
        qh = parse_questions_header(b.text[:3000], dated=False)
        if qh is not None:
            doc.askers, doc.addressees = qh.askers, qh.addressees
            doc.title = doc.title or qh.subject
            doc.date_submitted = doc.date_submitted or qh.submitted
            break
    if who := decoded.meta.get("answerers"):
        doc.answerers = parse_answerers(who)
    for b in body[:30]:
        if (ah := parse_answer_header(b.text[:2000])) is not None:
            doc.answerers = doc.answerers or ah.answerers
            doc.date_received = doc.date_received or ah.received
            break


_REKENKAMER_SIGN = re.compile(
    # "drs. A.P. (Arno) Visser", "drs. Saskia J. Stuiveling", "dr. Ellen MA. van Schoten" (OCR lost a dot)
    r"(?P<name>(?:(?:drs|dr|mr|ir|prof)\.\s+)*(?:[A-Z][a-zé]+\s+)?(?:[A-Z]\.?)*[A-Z]\.\s*"
    r"(?:\([A-Z][a-zé]+\)\s+)?(?:van\s+|de\s+|der\s+|den\s+)*[A-Z][\w-]+)"
    r"(?:\s+RA)?,\s+(?:waarnemend\s+|wnd\.\s+)?(?P<role>president|secretaris)\b"
)


def _rekenkamer_signatories(text: str) -> list[PersonMention]:
    out = []
    for m in _REKENKAMER_SIGN.finditer(text):
        name = re.sub(r"^(?:(?:drs|dr|mr|ir|prof)\.\s+)+", "", m.group("name"))
        name = re.sub(r"^(?:[A-Z][a-zé]+\s+)?(?:[A-Z]\.?)*[A-Z]\.\s*(?:\([A-Z][a-zé]+\)\s+)?", "",
                      name).strip()
        name = name[0].upper() + name[1:]
        out.append(PersonMention(name=name, role="rekenkamer", portfolio=m.group("role")))
    # the president answers for the college, whichever signature the layout prints first
    return sorted(out, key=lambda p: p.portfolio != "president")
