"""Ministry letters answering a schriftelijk overleg, and the Kamerstukken in the same style.

The layout (the seed letter is one page of it): fractie inbreng paragraphs ("De leden van de
VVD-fractie vragen …", "Deze leden …"), numbered continuously ("4. …"), per fractie, or not at all,
each followed by an "Antwoord" (or "Reactie van de minister") block. Ministry letters repeat a
reference column ("Kenmerk" + value) on every page and end each page with "Pagina 3 van 29".
Lijsten van vragen en antwoorden, verslagen van een schriftelijk overleg and nota's naar aanleiding
van het verslag use the same blocks; their heading gives the kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import NoContentError
from ..model import Answer, Document, DocumentKind, OrgMention, Question, Severity
from ..sources import Source
from ..text.furniture import strip_furniture
from ..text.joining import join_lines
from ..text.scan import has_line, has_line_match
from .base import Fit

ANSWER_HEAD = re.compile(
    r"^\s*(Antwoord(?: van de (?:minister|staatssecretaris|regering))?|Reactie(?: van de "
    r"(?:minister|staatssecretaris|regering))?|Antwoord kabinet)\s*:?\s*$",
    re.IGNORECASE,
)
NUMBERED = re.compile(r"^\s*(\d{1,3}[a-z]?)[.)]\s+(\S.*)$")
FRACTIE = re.compile(
    r"\b[Dd]e\s+leden\s+van\s+de\s+(?:fractie\s+van\s+(?:de\s+)?(?P<naam>[A-Z][\w'’.-]*(?:\s+[A-Z0-9][\w'’.-]*)*)"
    r"|(?P<afk>[A-Z0-9][\w'’.]*(?:-[A-Z][\w'’.]*)*)-fractie)"
)
DEZE_LEDEN = re.compile(r"\b[Dd]eze\s+leden\b")
# "de minister van Binnenlandse Zaken en Koninkrijksrelaties", "de staatssecretaris van Financiën"
POST_PHRASE = re.compile(
    r"\b(?:de\s+)?(?P<rol>minister-president|minister|staatssecretaris)"
    r"(?:\s+(?P<vv>van|voor)\s+(?P<port>[A-Z][\w’'-]*(?:(?:,\s*|\s+en\s+|\s+)(?:[A-Z][\w’'-]*))*))?"
)
KIND_HEADINGS = (
    (re.compile(r"lijst van vragen en antwoorden", re.I), DocumentKind.LIJST_VRAGEN_ANTWOORDEN),
    (re.compile(r"verslag van een schriftelijk overleg", re.I), DocumentKind.VERSLAG_SO),
    (re.compile(r"nota naar aanleiding van het verslag", re.I), DocumentKind.NOTA_NAV_VERSLAG),
)


_PAGE = re.compile(r"^\s*Pagina\s+\d+\s+van\s+\d+\s*$", re.M | re.I)


@dataclass
class _Block:
    kind: str  # "question" or "answer"
    number: str | None
    label: str | None
    lines: list[str] = field(default_factory=list)
    fragment: bool = False


def _fractie_in(text: str) -> str | None:
    m = FRACTIE.search(text)
    if not m:
        return None
    return (m.group("afk") or m.group("naam")).strip()


def post_phrases(text: str) -> list[str]:
    """Ministers and staatssecretarissen named in a text, as full phrases a register can resolve."""
    out = []
    for m in POST_PHRASE.finditer(text):
        if m.group("rol") == "minister-president":
            out.append("minister-president")
        elif m.group("port"):
            out.append(f"{m.group('rol')} {m.group('vv')} {m.group('port')}")
    return list(dict.fromkeys(out))


class LetterTextReader:
    name = "letter-text"
    description = "ministry letters answering a schriftelijk overleg; lijsten van vragen en antwoorden"

    def sniff(self, source: Source) -> Fit:
        if source.suffix not in ("", ".txt", ".text"):
            return Fit.NO
        try:
            head = source.head(20000).decode("utf-8", errors="ignore")
        except Exception:
            return Fit.NO
        if "\x00" in head:
            return Fit.NO
        # each pattern is tried only on a head with its word (every input is sniffed by every reader)
        score = 0
        if has_line_match(_PAGE, head, "pagina"):
            score += 1
        if has_line(head, "Kenmerk"):
            score += 1
        if has_line(head, "Antwoord") and FRACTIE.search(head):
            score += 1
        if score >= 2:
            return Fit.LAYOUT
        return Fit.GENERIC if score else Fit.NO

    def read(self, source: Source) -> list[Document]:
        text = source.text()
        furniture = strip_furniture(text.splitlines())
        blocks = self._segment(furniture.lines)
        if not blocks:
            raise NoContentError("no questions or answers found in this letter", source.path)
        kind = DocumentKind.BRIEF
        for pattern, k in KIND_HEADINGS:
            if pattern.search(text[:3000]):
                kind = k
                break
        doc = Document(id="", kind=kind, source=source.path, reader=self.name, kenmerk=furniture.kenmerk)
        self._fill(doc, blocks, text)
        self._identify(doc, source)
        if not doc.questions and not doc.answers:  # only an introduction: any text at all would pass
            raise NoContentError("no questions or answers found in this letter", source.path)
        return [doc]

    # -- segmentation --------------------------------------------------------------------------

    def _segment(self, lines: list[str]) -> list[_Block]:
        blocks: list[_Block] = []
        current: _Block | None = None
        last_number = 0
        for line in lines:
            if ANSWER_HEAD.match(line):
                current = _Block("answer", None, line.strip())
                blocks.append(current)
                continue
            m = NUMBERED.match(line)
            if m and self._next_question_number(m.group(1), last_number, current):
                last_number = int(re.match(r"\d+", m.group(1)).group())  # type: ignore[union-attr]
                current = _Block("question", m.group(1), f"{m.group(1)}.", [m.group(2)])
                blocks.append(current)
                continue
            if current is None:
                if not line.strip():
                    continue
                # text before the first heading: the page starts inside a question or an answer
                current = _Block("pending", None, None, fragment=True)
                blocks.append(current)
            elif current.kind == "answer" and line.strip() and FRACTIE.match(line.strip()):
                # an unnumbered fractie paragraph after an answer starts the next question
                current = _Block("question", None, None)
                blocks.append(current)
            current.lines.append(line)
        # text before the first heading: a question cut off by the page start when an answer follows
        # it; otherwise the letter's introduction (or the tail of an answer we cannot link), which
        # is kept as the document's text
        if blocks and blocks[0].kind == "pending":
            nxt = blocks[1].kind if len(blocks) > 1 else None
            blocks[0].kind = "question" if nxt == "answer" else "preamble"
        return [b for b in blocks if any(x.strip() for x in b.lines) or b.kind == "answer"]

    @staticmethod
    def _next_question_number(number: str, last: int, current: _Block | None) -> bool:
        n = int(re.match(r"\d+", number).group())  # type: ignore[union-attr]
        if current is None or current.kind != "answer":
            return last == 0 or n == last + 1 or (current is None)
        # inside an answer, a numbered line is a list item unless it is the next question number
        return n == last + 1 or (last == 0 and n > 1)

    # -- model -----------------------------------------------------------------------------------

    def _fill(self, doc: Document, blocks: list[_Block], text: str) -> None:
        fractie: str | None = None
        unnumbered = 0
        pending: list[Question] = []  # questions not answered yet
        for block in blocks:
            body = join_lines(block.lines, text)
            if block.kind == "preamble":
                doc.text = body
                doc.warn("the text before the first question is kept as the document's introduction",
                         Severity.INFO)
                continue
            if block.kind == "question":
                named = _fractie_in(body)
                if named:
                    fractie = named
                elif not DEZE_LEDEN.search(body) and not block.fragment:
                    pass  # keeps the current fractie: a numbered paragraph continues the inbreng
                number = block.number
                if number is None:
                    unnumbered += 1
                    number = f"p{unnumbered}"
                q = Question(
                    number=number,
                    text=body,
                    label=block.label,
                    fractie=named or fractie,
                    addressees=[OrgMention(p) for p in post_phrases(body) if p != "minister-president"],
                    fragment=block.fragment,
                )
                if block.fragment:
                    doc.warn(
                        f"question {number} is a fragment: the text starts inside a question that began "
                        "before the part we read",
                        Severity.INFO,
                    )
                doc.questions.append(q)
                pending.append(q)
            else:
                answered = [q.number for q in pending]
                if not answered:
                    # "Antwoord" twice in a row: a continuation of the previous answer
                    if doc.answers:
                        doc.answers[-1].text += "\n" + body
                        continue
                    doc.text = ((doc.text or "") + "\n" + body).strip()
                    doc.warn("an answer block before any question is kept as document text", Severity.WARNING)
                    continue
                number = "-".join(answered)
                answer = Answer(number, body, block.label, answers=answered, fragment=block.fragment)
                doc.answers.append(answer)
                pending = []
        for q in pending:
            doc.warn(f"question {q.number} has no answer in this document", Severity.INFO)
        last = doc.answers[-1] if doc.answers and blocks[-1].kind == "answer" else None
        if last is not None and not re.search(r"[.!?:;)»”'\"]\s*$", last.text):
            last.fragment = True  # the page ends inside this answer
            doc.warn(f"answer {last.number} is a fragment: the text ends before the answer does",
                     Severity.INFO)

    def _identify(self, doc: Document, source: Source) -> None:
        """The letter's id: `{ministry-code}-{kenmerk}`; the ministry code is resolved in enrichment."""
        addressed = [a for q in doc.questions for a in q.addressees]
        if addressed:
            # the answering minister is the one the questions address; an inference, so say so
            doc.ministry = OrgMention(addressed[0].text)
            doc.addressees = [OrgMention(addressed[0].text)]
            doc.warn(
                f"the answering ministry is inferred from the questions' addressee ({addressed[0].text})",
                Severity.INFO,
            )
        doc.id = f"brief-{doc.kenmerk}" if doc.kenmerk else f"brief-{source.sha256[:16]}"
