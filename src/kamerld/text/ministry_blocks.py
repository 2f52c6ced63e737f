"""Question / answer segmentation of ministry answer letters, shared by the text and DOCX readers.

Both readers turn their input into `Para`s (one per printed paragraph or line, with the Word footnotes
whose markers it carries) and call `segment`. The layouts seen in ministry letters:

* "Vraag 1" / "Antwoord op vraag 1", "Antwoord op vragen 3 en 4", "Antwoord vraag 1:", "Antwoord 1"
* "1. question text" / "Antwoord vraag 1:" (numbered paragraphs, e.g. SZW)
* "1" alone / question / "Antwoord" alone (the answer answers the question just before it, e.g. KGG)
* unnumbered question paragraphs (question letters; the caller says where they start)

The question letter's own notes ("1) Kamerstuk 19637, nr. 3203" or "[1] NOS, ...") close the document;
each is attached to the first question (else answer) that carries its marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Answer, Footnote, Question

_WS = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def clean(text: str) -> str:
    """One paragraph's text with runs of spaces, tabs and no-break spaces collapsed."""
    return _WS.sub(" ", text).strip()


@dataclass
class Para:
    text: str
    footnotes: list[Footnote] = field(default_factory=list)  # Word footnotes whose marker is in it


@dataclass
class Segments:
    header: list[Para] = field(default_factory=list)  # everything before the first question/answer
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    trailer: list[Para] = field(default_factory=list)  # toelichting, signature after the last answer
    notes: list[Footnote] = field(default_factory=list)  # notes attached to no question or answer
    header_footnotes: list[Footnote] = field(default_factory=list)


_NUM = r"\d+[a-z]?"
Q_HEAD = re.compile(rf"^(?P<label>Vraag\s+(?P<n>{_NUM}))\s*[:.]?$", re.IGNORECASE)
Q_HEAD_TEXT = re.compile(rf"^(?P<label>Vraag\s+(?P<n>{_NUM}))\s*[:.]\s+(?P<text>\S.*)$", re.IGNORECASE)
A_HEAD = re.compile(
    rf"^(?P<label>Antwoord(?:\s+op)?(?:\s+(?:vraag|vragen))?\s+"
    rf"(?P<nums>{_NUM}(?:\s*(?:,\s*(?:en\s+)?|\s+en\s+|\s+t/m\s+|\s+tot\s+en\s+met\s+|-)\s*{_NUM})*))\s*[:.]?$",
    re.IGNORECASE,
)
A_BARE = re.compile(r"^(?P<label>Antwoord)\s*[:.]?$", re.IGNORECASE)
Q_NUM_ALONE = re.compile(r"^(?P<n>\d+)\.?$")
Q_INLINE = re.compile(r"^(?P<n>\d+)\.\s+(?P<text>\S.*)$")
TRAILER = re.compile(r"^Toelichting\s*:?$", re.IGNORECASE)
NOTE = re.compile(r"^(?:(?P<n1>\d+)\)|\[(?P<n2>\d+)\])\s*(?P<text>\S.*)$")
SIGN_POST = re.compile(
    r"^(?:mede namens .+,?|(?:de\s+)?(?:minister-president|minister|staatssecretaris)"
    r"\s+(?:van|voor)\s+.+?,?)$",
    re.IGNORECASE,
)


def question_numbers(nums: str) -> list[str]:
    """ "3 en 4" -> ["3", "4"]; "4, 5, 6 en 7" -> four; "2 t/m 4" -> ["2", "3", "4"]."""
    out: list[str] = []
    tokens = re.findall(rf"{_NUM}|t/m|tot en met|-", nums)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("t/m", "tot en met", "-") and out and i + 1 < len(tokens) and out[-1].isdigit():
            end = tokens[i + 1]
            if end.isdigit() and len(end) <= 4 and len(out[-1]) <= 4 and int(end) - int(out[-1]) <= 100:
                # a sane range; "1 t/m 3000000" would make millions of answer numbers from one line
                out.extend(str(k) for k in range(int(out[-1]) + 1, int(end) + 1))
                i += 2
                continue
        if tok not in ("t/m", "tot en met", "-"):
            out.append(tok)
        i += 1
    return list(dict.fromkeys(out))


def _note(p: Para) -> tuple[str, str, bool] | None:
    m = NOTE.match(p.text)
    if not m:
        return None
    return (m.group("n1") or m.group("n2"), m.group("text"), m.group("n2") is not None)


def _marker(n: str, bracketed: bool) -> re.Pattern[str]:
    return re.compile(rf"\[{n}\]" if bracketed else rf"(?<![\w(/.,-]){n}\)")


def _note_zone(paras: list[Para]) -> int:
    """Index where the closing list of notes ("1) ...", "2) ...") starts; len(paras) when none.

    The list must run to the end, number 1, 2, 3 ... (lines that continue a note are allowed when
    short), and note 1's marker must occur in the text before it."""
    for k, p in enumerate(paras):
        first = _note(p)
        if first is None or first[0] != "1":
            continue
        expected = 2
        ok = True
        for q in paras[k + 1 :]:
            n = _note(q)
            if n is not None and n[0] == str(expected):
                expected += 1
            elif n is not None or len(q.text) > 200 or _heading(q.text, None, True) is not None:
                ok = False
                break
        if not ok:
            continue
        before = "\n".join(q.text for q in paras[:k])
        if _marker("1", first[2]).search(before):
            return k
    return len(paras)


def _heading(text: str, expected: int | None, vraag_style: bool) -> tuple[str, ...] | None:
    """("q", number, label, inline text) or ("a", nums, label) or ("a-bare", "", label)."""
    if m := Q_HEAD.match(text):
        return ("q", m.group("n"), m.group("label"), "")
    if m := Q_HEAD_TEXT.match(text):
        return ("q", m.group("n"), m.group("label"), m.group("text"))
    if m := A_HEAD.match(text):
        return ("a", m.group("nums"), m.group("label"))
    if A_BARE.match(text):
        return ("a-bare", "", text.rstrip(":. "))
    if vraag_style or expected is None:
        return None
    # compared as strings: int() of a hostile 5000-digit line raises ValueError
    if (m := Q_NUM_ALONE.match(text)) and m.group("n") == str(expected):
        return ("q", m.group("n"), m.group("n"), "")
    if (m := Q_INLINE.match(text)) and m.group("n") == str(expected):
        return ("q", m.group("n"), f"{m.group('n')}.", m.group("text"))
    return None


def _strip_signature(paras: list[Para]) -> tuple[list[Para], list[Para]]:
    """Split "De Minister van Justitie en Veiligheid,", "D.M. van Weel" off the end of a block."""
    for j in range(max(len(paras) - 5, 0), len(paras)):
        if SIGN_POST.match(paras[j].text) and all(len(p.text) < 80 for p in paras[j:]):
            if j + 1 < len(paras) or paras[j].text.endswith(","):
                return paras[:j], paras[j:]
    return paras, []


def _text(paras: list[Para]) -> str:
    return "\n".join(p.text for p in paras if p.text)


def segment(paras: list[Para], questions_from: int | None = None) -> Segments:
    """Cut paragraphs into header, questions, answers, trailer and notes.

    `questions_from`: index (into the non-empty paragraphs) of the first unnumbered question; the
    questions are then numbered 1, 2, ... in order."""
    paras = [Para(clean(p.text), list(p.footnotes)) for p in paras]
    paras = [p for p in paras if p.text or p.footnotes]
    zone = _note_zone(paras)
    body, note_paras = paras[:zone], paras[zone:]
    seg = Segments()
    vraag_style = any(Q_HEAD.match(p.text) or Q_HEAD_TEXT.match(p.text) for p in body)

    # blocks: (kind, number/nums, label, paragraphs)
    blocks: list[tuple[str, str, str | None, list[Para]]] = []
    current: list[Para] = seg.header
    last_q = 0
    last_q_number = ""  # the number of the last "q" block, for a bare "Antwoord"
    in_trailer = False
    for i, p in enumerate(body):
        if in_trailer:
            seg.trailer.append(p)
            continue
        if blocks and TRAILER.match(p.text):
            in_trailer = True
            seg.trailer.append(p)
            continue
        if questions_from is not None:
            if i >= questions_from:
                last_q += 1
                blocks.append(("q", str(last_q), None, [p]))
            else:
                seg.header.append(p)
            continue
        h = _heading(p.text, last_q + 1, vraag_style)
        if h is None:
            current.append(p)
            continue
        kind = h[0]
        first = [Para(h[3], p.footnotes)] if kind == "q" and h[3] else [Para("", p.footnotes)]
        if kind == "q":
            digits = re.match(r"\d+", h[1]).group() if h[1][:1].isdigit() else ""  # type: ignore[union-attr]
            last_q = int(digits) if 0 < len(digits) <= 6 else last_q
            last_q_number = h[1]
            blocks.append(("q", h[1], h[2], first))
        elif kind == "a":
            blocks.append(("a", h[1], h[2], first))
        else:  # "Antwoord" alone answers the question just before it
            blocks.append(("a", last_q_number, h[2], first))  # kept, not searched for: no quadratic look-back
        current = blocks[-1][3]

    if blocks:
        kept, signature = _strip_signature(blocks[-1][3])
        blocks[-1] = (*blocks[-1][:3], kept)
        seg.trailer[:0] = signature

    for kind, nums, label, bparas in blocks:
        fns = [f for p in bparas for f in p.footnotes]
        text = _text(bparas)
        if kind == "q":
            seg.questions.append(Question(number=nums, text=text, label=label, footnotes=fns))
        else:
            answered = question_numbers(nums) if nums else []
            number = "-".join(answered) or nums
            seg.answers.append(Answer(number, text, label=label, answers=answered, footnotes=fns))
    seg.header_footnotes = [f for p in seg.header for f in p.footnotes]
    _attach_notes(seg, note_paras)
    return seg


def _attach_notes(seg: Segments, note_paras: list[Para]) -> None:
    notes: list[tuple[str, str, bool]] = []
    for p in note_paras:
        n = _note(p)
        if n is not None:
            notes.append(n)
        elif notes:  # a note broken over two paragraphs
            num, text, br = notes[-1]
            notes[-1] = (num, f"{text} {p.text}", br)
    for num, text, bracketed in notes:
        fn = Footnote(marker=num, text=text)
        pat = _marker(num, bracketed)
        owner = next((x for x in (*seg.questions, *seg.answers) if pat.search(x.text)), None)
        (owner.footnotes if owner is not None else seg.notes).append(fn)
