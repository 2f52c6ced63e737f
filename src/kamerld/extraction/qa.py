"""The one question/answer grammar, over the blocks any decoder produces, for every kind.

Labels it knows, in every era: "Vraag 3", "Vraag 3 en 4", "Vragen 5 t/m 7", "Antwoord 3",
"Antwoorden 5 en 6", "Antwoord op vraag 3:", "Antwoord op vragen 4, 5, 6 en 7", a bare "Antwoord" or
"Reactie (van de minister)", numbered items ("3." / "3)" / a bare "3" on its own line / the OCR
form "1Is het" with the digit glued to the text / "5 en 6" grouped), unnumbered questions
(paragraphs that ask), the answer header of an Aanhangsel item ("Antwoord van de Minister van X
(Ontvangen …)") after which numbers are answers, and fractie inbreng ("De leden van de X-fractie …",
"Deze leden …") with the government's replies.

A profile (from the document's kind, `kinds.tsv`) says what to expect where the labels leave it
open: `written` (questions, then an answer header and the answers), `list` (each question followed
by its unlabelled answer), `questions` (a committee's list of questions before the answers:
numbered questions, and each asking paragraph between them one more), `report` (a committee's report:
inbreng per fractie, answers after a "Reactie"/"Antwoord" label), `reply` (the government restating
and answering), `none`.

Numbers are taken in sequence (1, 2, 3 …), so a number inside a text is never a question number; a
list that restarts at 1 after a heading (numbering per chapter) gets a section key ("2.1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Answer, Footnote, Question
from ..readers.blocks import Block, BlockKind
from .phrases import ROLE, parse_answer_header, speaking_fracties

__all__ = ["Segments", "segment", "question_numbers", "Q_LABEL", "A_LABEL"]

_NUM = r"\d{1,3}[a-z]?"
_NUM_SEP = r"\s*,\s*(?:en\s+)?|\s+en\s+|\s*&\s*|\s+t/m\s+|\s+tot\s+en\s+met\s+|\s*[-–]\s*"
_LNUM = r"\d{1,7}[a-z]?"  # after a "Vraag"/"Antwoord" label any number is one (a range is bounded later)
_NUMS = rf"{_LNUM}(?:(?:{_NUM_SEP}){_LNUM}){{0,30}}"
Q_LABEL = re.compile(
    rf"^(?P<label>(?:Vraag|Vragen|VRAAG|VRAGEN)\s+(?P<nums>{_NUMS}))(?:\s*[:.]\s*|\s+|$)(?P<rest>.*)$", re.S
)
A_LABEL = re.compile(
    rf"^(?P<label>(?:Antwoord|Antwoorden|ANTWOORD)(?:\s+(?:op|bij))?(?:\s+(?:de\s+)?(?:vraag|vragen))?\s+(?P<nums>{_NUMS}))"
    r"(?:\s*[:.]\s*|\s+|$)(?P<rest>.*)$",
    re.S,
)
_A_WORD = re.compile(
    r"^(?P<label>Antwoord|ANTWOORD)\s+(?P<rest>(?!(?:Van|Op|Aan|Bij|Is)\b)[A-Z][a-z].*)$", re.S
)
A_BARE = re.compile(
    r"^(?P<label>(?:Antwoord|ANTWOORD|Beantwoording)"
    r"(?:\s+(?:van\s+de\s+|kabinet|regering)(?:minister|staatssecretaris|regering|bewindspersonen?)?)?"
    r"|Reactie(?:\s+van\s+(?:de|het)\s+"
    r"(?:minister|staatssecretaris|regering|bewindspersonen?|kabinet)[\w ,]{0,60}?)?"
    r"(?:\s+op\s+(?:de\s+)?(?:vragen|inbreng)\s+(?:van\s+)?[^.:]{0,120})?)\s*[:.]?\s*(?P<rest>.*)$",
    re.S,
)
# the margin label may be printed before the header: "Antwoord Antwoord van staatssecretaris …"
_ANSWER_HEAD = re.compile(
    r"^(?:(?:ANTWOORD|Antwoord)\s+)?(?:ANTWOORD|Antwoord)\s+van\s+(?!de\s+vragen)", re.S
)
_MEDEDELING_HEAD = re.compile(r"^(?:(?:MEDEDELING|Mededeling)\s+)?(?:MEDEDELING|Mededeling)(?:\s+van\s|\s*$)")
_NUM_ALONE = re.compile(rf"^(?P<n>{_NUM})[.)]?$")
_NUM_GROUP = re.compile(rf"^(?P<nums>{_NUM}(?:\s*,\s*{_NUM})*\s+(?:en|t/m)\s+{_NUM})[.:]?$")
_NUM_TEXT = re.compile(rf"^(?P<n>{_NUM})(?:[.),]\s*|\s+)(?P<rest>\S.*)$", re.S)
_NUM_GLUED = re.compile(r"^(?P<n>\d{1,2})(?P<rest>[A-Z«„][a-z].*)$", re.S)  # OCR: "1Is het u bekend"
_TOELICHTING = re.compile(r"^Toelichting\b\s*:?\s*", re.I)
_SIGNATURE = re.compile(rf"^(?:De|de)\s+{ROLE}\s+(?:van|voor)\s+[^,]{{2,120}},?\s*$")
_ASKS = re.compile(
    r"\?|\b(?:vragen|vraagt|vroegen|vroeg|verzoeken|verzoekt|verzochten|willen\s+(?:\w+\s+){0,2}?(?:weten|vernemen)|"
    r"(?:gaarne|graag)\b[^.?!]{0,80}?\b(?:vernemen|vernomen|horen|weten|tegemoet\s*zien|ontvangen|toegelicht|reactie|toelichting|overzicht)|"
    r"vernemen\s+(?:graag|gaarne)|informeren|nodigen\s+de\s+regering\s+uit|verneemt\s+graag|"
    # a committee's letter: "Gaarne richt zij tot u … het verzoek om …", "doen het verzoek"
    r"(?:richt|richten|doet|doen)\b[^.?!]{0,120}?\bverzoek|"
    r"(?:wordt|werd)\s+(?:er\s+)?(?:nog\s+|ook\s+)?(?:gevraagd|verzocht)|gevraagd\s+(?:wordt|werd))\b",
    re.I,
)


def question_numbers(nums: str) -> list[str]:
    """ "3 en 4" -> ["3", "4"]; "4, 5, 6 en 7" -> four; "2 t/m 4" and "2-4" -> ["2", "3", "4"]."""
    out: list[str] = []
    tokens = re.findall(r"\d+[a-z]?|t/m|tot en met|[-–]", nums)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("t/m", "tot en met", "-", "–") and out and i + 1 < len(tokens) and out[-1].isdigit():
            end = tokens[i + 1]
            if end.isdigit() and len(end) <= 3 and 0 < int(end) - int(out[-1]) <= 50:
                out.extend(str(k) for k in range(int(out[-1]) + 1, int(end) + 1))
                i += 2
                continue
        if tok not in ("t/m", "tot en met", "-", "–"):
            out.append(tok)
        i += 1
    return list(dict.fromkeys(out))


@dataclass
class Segments:
    header: list[Block] = field(default_factory=list)  # before the first question or answer
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    trailer: list[Block] = field(default_factory=list)  # toelichting, signature after the last item
    answer_head: Block | None = None  # "Antwoord van … (ontvangen …)" / "Mededeling van …"
    mededeling: list[Block] = field(default_factory=list)  # the text of a delay notice
    notes: list[str] = field(default_factory=list)  # what the grammar could not place


@dataclass
class _Item:
    kind: str  # "q" or "a"
    nums: list[str]
    label: str | None
    blocks: list[Block] = field(default_factory=list)
    first: str = ""  # text after the label in the label's own block
    fractie: str | None = None
    reported: str = ""  # a reply paragraph's restated question (reply profile)


def _text(item: _Item) -> str:
    parts = [item.first] if item.first else []
    parts += [b.text for b in item.blocks if b.text and b.kind != BlockKind.FURNITURE]
    return "\n".join(p.strip() for p in parts if p.strip())


def _fns(item: _Item, label_block: Block | None) -> list[Footnote]:
    out = list(label_block.footnotes) if label_block else []
    for b in item.blocks:
        out.extend(b.footnotes)
    return out


def _asking_paragraph(text: str) -> bool:
    """A paragraph of a written question: it asks ('?'), and is not a page head or a heading."""
    return "?" in text and len(text) > 40 and not re.match(r"^(?:Vragen|VRAGEN),?\s+(?:door|gesteld)", text)


def _ends_asking(text: str) -> bool:
    return "?" in text or bool(_ASKS.search(text))


def segment(blocks: list[Block], profile: str) -> Segments:
    """Cut the blocks of one document (or one Aanhangsel item) into header, questions, answers."""
    blocks = _split_inline_numbers([b for b in blocks if not b.is_furniture], profile)
    if profile == "none":
        return Segments(header=blocks)
    if profile == "report":
        # a committee's report numbers its paragraphs, not its questions: always inbreng
        return _segment_inbreng(blocks, profile)
    numbered = _numbered_view(blocks)
    if profile == "reply" and not numbered:
        return _segment_inbreng(blocks, profile)
    return _segment_numbered(blocks, profile)


# ---- numbered and labelled items --------------------------------------------------------------------


def _numbered_view(blocks: list[Block]) -> bool:
    """Whether the document numbers or labels its questions (else it is running inbreng)."""
    n = 0
    expected = 1
    for b in blocks:
        t = b.text.strip()
        if Q_LABEL.match(t) or b.role == "vraag":
            return True
        if _number(t, expected) is not None:
            n += 1
            expected += 1
    return n >= 2


def _segment_numbered(blocks: list[Block], profile: str) -> Segments:
    seg = Segments()
    items: list[_Item] = []
    labelled = any(Q_LABEL.match(b.text.strip()) or b.role == "vraag" for b in blocks)
    explicit_answers = any(
        A_LABEL.match(b.text.strip())
        or b.role == "antwoord"
        or (A_BARE.match(b.text.strip()) and _bare_label(b.text))
        for b in blocks
    )
    section = "questions"  # "answers" after an Aanhangsel answer header
    started = False
    expected = 1
    chapter = 0
    pending: list[str] = []  # question numbers since the last answer
    label_blocks: dict[int, Block] = {}

    def new(kind: str, nums: list[str], label: str | None, b: Block, first: str = "") -> None:
        nonlocal started
        started = True
        items.append(_Item(kind, nums, label, first=first))
        label_blocks[id(items[-1])] = b
        if kind == "q":
            pending.extend(nums)
        else:
            pending.clear()

    for k, b in enumerate(blocks):
        t = b.text.strip()
        if not t:
            continue
        if t in ("Antwoord", "ANTWOORD", "Mededeling", "MEDEDELING") and k + 1 < len(blocks):
            nxt = blocks[k + 1].text.strip()
            if _ANSWER_HEAD.match(nxt) or _MEDEDELING_HEAD.match(nxt):
                continue  # the margin label on its own line above the header it labels
        # structural hints from the markup win
        if b.role == "vraag":
            nums = question_numbers(b.number or "") or [str(expected)]
            new("q", nums, f"Vraag {b.number}" if b.number else None, b, t)
            continue
        if b.role == "antwoord":
            nums = question_numbers(b.number or "") or list(pending) or [items[-1].nums[-1]] if items else []
            new("a", nums, f"Antwoord {b.number}" if b.number else None, b, t)
            continue
        if (
            profile == "written"
            and _ANSWER_HEAD.match(t)
            and re.search(r"(?:\(|\.\s)\s*(?:ontvangen|Ontvangen|ingezonden|Ingezonden|Ont-|lngezonden)", t)
        ):
            seg.answer_head = b
            if not any(it.kind == "q" for it in items):
                # the answer header above the questions (a modern item or letter): header, not a section
                seg.header.append(b)
                continue
            section = "answers"
            expected = 1
            rest = _after_header(t)
            first_number = _number(rest, 1) if rest else None
            # an answer printed right after the header, without a number
            items.append(_Item("a-open", [], None, first=rest if rest and first_number is None else ""))
            if first_number is not None:
                nums, text_after, label = first_number
                new("a", nums, label, b, text_after)
                expected = 2
            continue
        if profile == "written" and _MEDEDELING_HEAD.match(t) and started:
            seg.answer_head = b
            section = "mededeling"
            continue
        if section == "mededeling":
            seg.mededeling.append(b)
            continue
        if m := Q_LABEL.match(t):
            nums = question_numbers(m.group("nums"))
            if nums[:1] == ["1"] and expected > 2 and _after_heading(items, blocks, b):
                chapter += 1  # "Vraag 1" again under a new heading: numbered per chapter
            key = [f"{chapter + 1}.{x}" for x in nums] if chapter else nums
            new("q", key, m.group("label"), b, m.group("rest").strip())
            expected = _after(nums, expected if nums[:1] != ["1"] else 1)
            continue
        if m := A_LABEL.match(t):
            nums = question_numbers(m.group("nums"))
            key = [f"{chapter + 1}.{x}" for x in nums] if chapter else nums
            new("a", key, m.group("label"), b, m.group("rest").strip())
            continue
        if started and labelled and (m := _A_WORD.match(t)) and items and items[-1].kind == "q":
            # "Antwoord Het antwoord hierop …": the label with the answer on the same line
            new("a", list(pending) or items[-1].nums[-1:], m.group("label"), b, m.group("rest").strip())
            continue
        if started and (m := A_BARE.match(t)) and _bare_label(t):
            nums = list(pending) or ([items[-1].nums[-1]] if items and items[-1].nums else [])
            new("a", nums, m.group("label").strip(), b, m.group("rest").strip())
            continue
        if not labelled:
            n = _number(t, expected, chapter_restart=b.kind == BlockKind.HEADING)
            if n is None and expected > 1 and _number(t, expected + 1) is not None and len(t) > 40:
                n = _number(t, expected + 1)  # OCR lost a number: its text stays with the one before
                what = "answer" if section == "answers" else "question"
                seg.notes.append(
                    f"{what} {expected}: number not found in the text (its text stays with {what} "
                    f"{expected - 1})"
                )
            if (
                n is None
                and profile == "written"
                and section == "questions"
                and expected > 2
                and _number(t, 1) is not None
                and sum(1 for it in items if it.kind == "q") >= 2
            ):
                # numbering restarts after the questions: the answers, their header lost in the OCR
                section = "answers"
                expected = 1
                n = _number(t, 1)
            if n is None and expected > 2 and _number(t, 1) is not None and _after_heading(items, blocks, b):
                chapter += 1
                expected = 1
                n = _number(t, 1)
            if n is not None:
                nums, rest, label = n
                key = [f"{chapter + 1}.{x}" for x in nums] if chapter else nums
                if section == "answers":
                    new("a", key, label, b, rest)
                else:
                    new("q", key, label, b, rest)
                expected = _after(nums, expected)
                continue
        if (
            profile == "written"
            and section == "questions"
            and not labelled
            and not _TOELICHTING.match(t)
            and _asking_paragraph(t)
            and (not items or items[-1].kind == "q" and items[-1].label is None)
        ):
            # written questions without numbers: each asking paragraph is one, numbered 1, 2 … in order as
            # KOOP numbers them when it publishes the set (so the question has the same IRI either way)
            k = sum(1 for it in items if it.kind == "q") + 1
            new("q", [str(k)], None, b, t)
            if k == 1:
                seg.notes.append("the questions are not numbered; numbered 1, 2, ... in order, as KOOP does")
            continue
        if profile == "questions" and started and _asking_paragraph(t):
            # a list of questions whose margin numbers OCR lost: each asking paragraph is a question,
            # numbered p1, p2 … (a sub-label "a." before it is the list's, not the text's)
            k = sum(1 for it in items if it.kind == "q" and it.nums[:1] and it.nums[0].startswith("p")) + 1
            new("q", [f"p{k}"], None, b, re.sub(r"^[a-z][.)]\s+", "", t))
            continue
        if _TOELICHTING.match(t) and items and items[-1].kind in ("q", "a"):
            seg.trailer.append(b)
            items.append(_Item("skip", [], None))
            continue
        if not items:
            seg.header.append(b)
            continue
        if items[-1].kind == "skip":
            seg.trailer.append(b)
            continue
        items[-1].blocks.append(b)

    _finish_numbered(seg, items, profile, explicit_answers, label_blocks)
    return seg


def _after_header(t: str) -> str:
    """What follows an answer header sentence in its block: '… (Ontvangen 4 november 1977). (Zie ook
    …) 1 De ondergetekende …' -> '1 De ondergetekende …'."""
    head = parse_answer_header(t)
    if head is None:
        return ""
    rest = t[head.span[1] :].lstrip(" .)")
    rest = re.sub(r"^\((?:Zie|zie)\s*ook[^)]{0,200}\)\.?\s*", "", rest)
    return rest.strip()


def _bare_label(t: str) -> bool:
    """A bare "Antwoord"/"Reactie" label: alone, or with a colon before its text."""
    m = A_BARE.match(t)
    if not m:
        return False
    rest = m.group("rest").strip()
    label = m.group("label")
    return not rest or t[len(label) : len(label) + 2].strip().startswith(":")


def _after(nums: list[str], expected: int) -> int:
    digits = [int(re.match(r"\d+", n).group()) for n in nums if re.match(r"\d+", n)]  # type: ignore[union-attr]
    return max(digits) + 1 if digits else expected


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_ROMAN_OF = {v: r for r, v in _ROMAN.items()}
# historic numbering: "I. Is het …", "II. …"; answers "Ad Ium", "Ad IIum", "1°.", "2°."
_ROMAN_TEXT = re.compile(r"^(?P<r>X|IX|VIII|VII|VI|V|IV|III|II|I)\.\s+(?P<rest>[A-Z«„].*)$", re.S)
_AD_LABEL = re.compile(
    r"^(?:Ad|ad)\s+(?P<r>X|IX|VIII|VII|VI|V|IV|III|II|I)(?:um|m|°)?\.?\s*(?P<rest>.*)$", re.S
)
_DEGREE = re.compile(r"^(?P<n>\d{1,2})\s?[°º]\.?\s*(?P<rest>\S.*)$", re.S)
# answers to several questions at once, in every era: "Ad 1, 2 en 3. De hierbij …" (1920s), "1 en 2 Het
# rapport …" / "2 en 3 Aan de hand van …" (the Aanhangsel's margin numbers, 1970s-1980s)
_GROUP_NUMS = r"\d{1,2}(?:\s*,\s*\d{1,2})*\s+(?:en|t/m)\s+\d{1,2}"
_AD_NUMS = re.compile(
    rf"^(?:Ad|ad)\s+(?P<nums>{_GROUP_NUMS}|\d{{1,2}})\s*[.:,]?\s+(?P<rest>\S.*)$", re.S
)
_NUM_GROUP_TEXT = re.compile(rf"^(?P<nums>{_GROUP_NUMS})[.:]?\s+(?P<rest>[A-Z«„\"'(‘“].*)$", re.S)


#: what every form `_number` reads opens with, but a digit: a Roman numeral, "Ad"/"ad"
_NUMBER_OPENS = frozenset("IVXAa")


def _number(t: str, expected: int, chapter_restart: bool = False) -> tuple[list[str], str, str] | None:
    """(numbers, text after the number, label) when `t` opens item `expected` (or a group from it)."""
    if not (t[:1].isdecimal() or t[:1] in _NUMBER_OPENS):  # most paragraphs: none of the forms below
        return None
    e = str(expected)
    for pat in (_ROMAN_TEXT, _AD_LABEL):
        if (
            (m := pat.match(t))
            and _ROMAN.get(m.group("r")) == expected
            and (m.group("rest") or pat is _AD_LABEL)
        ):
            return [e], m.group("rest").strip(), t[: m.start("rest")].strip()
    if (m := _DEGREE.match(t)) and m.group("n") == e:
        return [e], m.group("rest"), f"{e}°"
    if (m := _NUM_ALONE.match(t)) and m.group("n") == e:
        return [e], "", t.rstrip(".)") if t[-1:] in ".)" else t
    if (m := _NUM_GROUP.match(t)) and question_numbers(m.group("nums"))[:1] == [e]:
        return question_numbers(m.group("nums")), "", m.group("nums")
    if (m := _AD_NUMS.match(t)) and question_numbers(m.group("nums"))[:1] == [e]:
        return question_numbers(m.group("nums")), m.group("rest").strip(), t[: m.start("rest")].strip()
    if (m := _NUM_GROUP_TEXT.match(t)) and question_numbers(m.group("nums"))[:1] == [e]:
        return question_numbers(m.group("nums")), m.group("rest"), m.group("nums")
    if (m := _NUM_GLUED.match(t)) and m.group("n") == e:
        return [e], m.group("rest"), e
    if (m := _NUM_TEXT.match(t)) and m.group("n") == e:
        rest = m.group("rest")
        if (
            len(rest) < 70
            and len(rest.split()) <= 9
            and "?" not in rest
            and not rest.rstrip().endswith((".", ":"))
        ):
            return None  # "2. Vragen en opmerkingen van de VVD-fractie": a numbered heading
        if re.match(r"^(?:en|t/m)\s+\d", rest):
            return None
        if not (rest[:1].isupper() or rest[:1] in "«„\"'(‘“"):
            return None
        return [e], rest, f"{e}." if t[len(e) : len(e) + 1] == "." else e
    return None


def _after_heading(items: list[_Item], blocks: list[Block], b: Block) -> bool:
    """A restart at 1 counts only right after a heading (a new chapter of the list)."""
    i = next((k for k, x in enumerate(blocks) if x is b), 0)
    return i > 0 and blocks[i - 1].kind == BlockKind.HEADING and bool(items)


def _bold_question(item: _Item) -> bool:
    """Questions in bold, answers in roman: the item's first paragraph is bold and a later one is not."""
    blocks = [b for b in item.blocks if b.text.strip()]
    if item.first or len(blocks) < 2:
        return False
    bold = [(b.style or "").startswith("strong") for b in blocks]
    return bold[0] and not all(bold)


def _split_question_answer(item: _Item) -> tuple[list[Block], list[Block], str, str]:
    """An item without an answer label: the question is its first paragraph (up to the one that asks,
    within three), the answer is the rest. Where question and answer share a paragraph (flattened
    text), the answer starts after the question mark."""
    blocks = [b for b in item.blocks if b.text.strip()]
    first = item.first
    units = ([first] if first else []) + [b.text for b in blocks]
    if not units:
        return [], [], first, ""
    q_end = 0
    for k in range(min(3, len(units))):
        if "?" in units[k]:
            q_end = k
            break
    q_units, a_units = units[: q_end + 1], units[q_end + 1 :]
    if not a_units and "?" in q_units[-1]:
        # "…bijdragen? Het budget is …": one paragraph holds both
        last = q_units[-1]
        cut = last.rfind("?")
        after = last[cut + 1 :].lstrip(" )]»”'\"")
        after = re.sub(r"^\(blz\.\s*\d+\)\s*", "", after)
        if len(after) > 20 and after[:1].isupper():
            q_units[-1] = last[: cut + 1]
            a_units = [after]
    answer = "\n".join(a_units)
    answer = re.sub(
        r"^(?:Antwoord|ANTWOORD)\s*:?\s+(?=[A-Z«„])", "", answer
    )  # the label in the same paragraph
    return [], [], "\n".join(q_units), answer


def _finish_numbered(
    seg: Segments, items: list[_Item], profile: str, explicit_answers: bool, label_blocks: dict[int, Block]
) -> None:
    seen: set[str] = set()
    qnums_in_order: list[str] = []
    open_answer: _Item | None = None
    for item in items:
        if item.kind == "a-open":
            open_answer = item
            continue
        if item.kind == "skip":
            continue
        lb = label_blocks.get(id(item))
        fns = _fns(item, lb)
        if item.kind == "q":
            split_here = (profile in ("list", "reply") and not explicit_answers) or _bold_question(item)
            if split_here:
                _, _, qtext, atext = _split_question_answer(item)
            else:
                qtext, atext = _text(item), ""
            texts = _split_group(qtext, len(item.nums)) if len(item.nums) > 1 else None
            if len(item.nums) > 1 and texts is None:
                seg.notes.append(
                    f"{item.label}: could not split the grouped questions; each keeps the whole text"
                )
            if item.nums and item.nums[0] in seen and any(q.text == qtext for q in seg.questions):
                seg.notes.append(
                    f"{item.label or item.nums[0]} is printed twice with the same text; kept once"
                )
                continue
            for k, n in enumerate(item.nums):
                number = n
                if number in seen:
                    number = f"{n}b"
                    if number in seen:
                        continue
                    seg.notes.append(f"question {n} is numbered twice; the second is kept as {number}")
                seen.add(number)
                qnums_in_order.append(number)
                seg.questions.append(
                    Question(
                        number=number,
                        text=texts[k] if texts else qtext,
                        label=item.label,
                        footnotes=fns if k == 0 else [],
                    )
                )
            if atext:
                nums = [q.number for q in seg.questions[-len(item.nums) :]]
                seg.answers.append(Answer(number="-".join(nums), text=atext, label=None, answers=nums))
        else:
            text = _text(item)
            answered = [n for n in item.nums]
            seg.answers.append(
                Answer(
                    number="-".join(answered) or "1",
                    text=text,
                    label=item.label,
                    answers=answered,
                    footnotes=fns,
                )
            )
    if open_answer is not None:
        text = _text(open_answer)
        numbered_answers = any(a.label is not None or a.answers for a in seg.answers)
        if text and not numbered_answers:
            # one unnumbered answer to every question of the item
            nums = [q.number for q in seg.questions]
            seg.answers.append(Answer(number="-".join(nums) or "1", text=text, answers=nums))
        elif text:
            # between an answer header and labelled questions: a remark of the head ("Zie ook …")
            seg.header.append(Block(text))
    printed = {q.number for q in seg.questions}
    if printed:
        for a in seg.answers:
            for n in a.answers:
                if n not in printed and not (len(seg.questions) == 1 and not a.label):
                    seg.notes.append(
                        f"{a.label or 'answer ' + a.number} answers question {n}, which the document "
                        "does not print"
                    )
    # in an answer section, numbers answer the questions with the same number; unnumbered questions
    # ("p1") of a one-question item take every numbered answer
    qset = {q.number for q in seg.questions}
    for a in seg.answers:
        if a.answers and not set(a.answers) & qset and len(seg.questions) == 1:
            a.answers = [seg.questions[0].number]
    # trailing signature off the last item
    _strip_signature(seg)


def _split_group(text: str, n: int) -> list[str] | None:
    """Split a grouped question where the paragraphs were run together: '…hiervan?Deelt u …'."""
    # only where two paragraphs were run together without a space: a question mark glued to a capital
    # (or a paragraph break after a question mark)
    cuts = [m.start() for m in re.finditer(r"(?<=[?.!])(?:\n|(?=[A-Z«]))", text)]
    qcuts = [c for c in cuts if text[c - 1] == "?"] if len(cuts) >= n - 1 else []
    use = qcuts if len(qcuts) == n - 1 else (cuts if len(cuts) == n - 1 else None)
    if not use:
        return None
    bounds = [0, *use, len(text)]
    parts = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    return parts if all(parts) else None


def _strip_signature(seg: Segments) -> None:
    if not seg.answers and not seg.questions:
        return
    last = seg.answers[-1] if seg.answers else seg.questions[-1]
    lines = last.text.split("\n")
    for j in range(max(len(lines) - 4, 1), len(lines)):
        if _SIGNATURE.match(lines[j].strip()) and all(len(x) < 90 for x in lines[j:]):
            last.text = "\n".join(lines[:j]).strip()
            seg.trailer.extend(Block(x) for x in lines[j:])
            return


# ---- inline numbers (OCR puts two questions on one line) -------------------------------------------


def _split_inline_numbers(blocks: list[Block], profile: str) -> list[Block]:
    """'…afgesloten'? 2 Zo ja, kan …' and '(Ingezonden 5 maart 1982) 1 Is het …': cut a block where the
    next number of a list starts after a sentence end or a header's closing bracket; and before an
    answer or mededeling header printed inside the last question's line ('…komen? Antwoord Antwoord
    van staatssecretaris X (Ontvangen …)'), after which the numbers start again at 1."""
    if profile not in ("written", "list", "questions"):
        return blocks
    out: list[Block] = []
    expected = 1
    for b in blocks:
        pieces: list[str] = []
        rest = b.text
        while True:
            head = (
                _INLINE_HEAD.search(rest)
                if profile == "written" and "van" in rest and _INLINE_HEAD_WORDS.search(rest)
                else None
            )
            part = rest[: head.start()] if head and head.start() > 20 else rest
            part_pieces, expected = _cut_numbers(part, expected)
            pieces.extend(part_pieces)
            if part is rest:
                break
            rest = rest[head.end() :]
            expected = 1
            if _ANSWER_HEAD.match(rest) is None and _MEDEDELING_HEAD.match(rest) is None:
                pieces.append(rest)
                break
        if len(pieces) == 1:
            out.append(b)
            continue
        for k, p in enumerate(pieces):
            if p.strip():
                out.append(
                    Block(
                        p.strip(),
                        b.kind if k == 0 else BlockKind.PARAGRAPH,
                        page=b.page,
                        start=b.start,
                        end=b.end,
                        style=b.style,
                        footnotes=b.footnotes if k == len(pieces) - 1 else [],
                    )
                )
    return out


_INLINE_HEAD = re.compile(
    r"(?<=[?.!'’”)])\s+(?:(?:Antwoord|Mededeling)\s+)?(?=(?:Antwoord|ANTWOORD|Mededeling|MEDEDELING)\s+van\s)")
_INLINE_HEAD_WORDS = re.compile(r"Antwoord|ANTWOORD|Mededeling|MEDEDELING")


@lru_cache(maxsize=256)
def _next_number(n: int) -> re.Pattern[str]:
    """List number `n` after a sentence end ("…afgesloten? 2 Zo ja"); the sentence end first, so re
    finds the pattern by its first character instead of trying a lookbehind at every position."""
    roman = _ROMAN_OF.get(n)
    group = rf"{n}(?:\s*,\s*\d{{1,2}})*\s+(?:en|t/m)\s+\d{{1,2}}"
    # past X there is no Roman numeral (an empty one made "? . Het" and "? Ad Het" labels)
    romans = rf"|{roman}\.|[Aa]d\s+{roman}(?:um|m)?\.?" if roman else ""
    return re.compile(
        rf"[?.!'’”\")](?P<gap>\s+)(?P<label>(?:{group}|[Aa]d\s+(?:{group}|{n})[.:,]?|{n}(?:[.)]|\s?°\.?)?"
        rf"{romans}))\s?(?=[A-Z«„][a-z])"
    )


def _may_number(text: str, pos: int, n: int) -> bool:
    """Whether `text` from `pos` holds what every label of `_next_number(n)` holds: the number, or
    its Roman numeral (a paragraph without either is not searched)."""
    roman = _ROMAN_OF.get(n)
    return text.find(str(n), pos) >= 0 or (roman is not None and text.find(roman, pos) >= 0)


def _cut_numbers(text: str, expected: int) -> tuple[list[str], int]:
    """Cut `text` before each next list number (expected, or the one after if OCR lost it)."""
    t = text.strip()
    for n in (expected, expected + 1):
        if _number(t, n) is not None:
            expected = n + 1
            break
    if _ANSWER_HEAD.match(t):
        expected = 1
    pieces: list[str] = []
    pos = 0
    while True:
        m = None
        for n in (expected, expected + 1):
            m = _next_number(n).search(text, pos) if _may_number(text, pos, n) else None
            if m and m.start("gap") >= 2:
                # after a group ("2 en 3", "Ad 1, 2 en 3") the list goes on after its last number
                label = re.sub(r"^[Aa]d\s+", "", m.group("label"))
                nums = question_numbers(label) if label[:1].isdigit() else []
                expected = (int(nums[-1]) if nums and nums[-1].isdigit() else n) + 1
                break
            m = None
        if m is None:
            break
        pieces.append(text[pos : m.start("gap")])
        pos = m.start("label")
    pieces.append(text[pos:])
    return pieces, expected


# ---- fractie inbreng and the government's replies ---------------------------------------------------

_SECTION_SPEAKER = re.compile(
    r"^(?:[IVX]+\.?\s+|\d+(?:\.\d+)*\.?\s+)?(?:Vragen\s+en\s+opmerkingen|Inbreng|Opmerkingen|Vragen)\s+(?:van\s+(?:de\s+)?)?"
    r"(?:leden\s+van\s+de\s+)?(?P<f>.+?)(?:-?fractie)?$",
    re.I,
)
_REPLY_SECTION = re.compile(
    r"^(?:[IVX]+\.?\s+|\d+\.?\s+)?(?:Reactie|Antwoord|Beantwoording)(?:\s+van\s+(?:de|het)\s+\w+)?", re.I
)
_REPORTED = re.compile(
    r"^(?:(?:De|de)\s+leden\b|(?:Deze|Genoemde|Voornoemde)\s+leden\b|(?:Zij|Ook)\s+(?:vragen|vroegen|willen|verzoeken|merken)"
    r"|(?:De|Het)\s+(?:vraag|verzoek)\s+(?:van|der)\s+|(?:Vele|Sommige|Enkele|Verscheidene|Verschillende|Andere)\s+leden\b"
    r"|(?:De|de)\s+[\w.\-]+-fractie\b|Ook\s+(?:de\s+)?(?:deze\s+)?leden\b"
    # the reply's own formulas for a question it restates, in every era: "Naar aanleiding van het verzoek
    # van dezelfde leden om …", "Ter beantwoording van de vraag van vele leden …", "Op de vraag waarom …"
    r"|(?:Naar\s+aanleiding|Ter\s+beantwoording|In\s+antwoord\s+op|Ingevolge|In\s+verband\s+met)\s+(?:van\s+)?"
    r"(?:de|het|den|eene?|een)\s+(?:[\w-]+\s+){0,4}?(?:vraag|vragen|verzoek|verlangen|wensch|wens|verklaring)\b"
    r"|(?:Op|Wat)\s+de\s+(?:vraag|vragen)\b|(?:De|Eene?|Een)\s+(?:[\w-]+\s+){0,2}?(?:vraag|verzoek)\s+(?:van|der|of|naar|om)\b"
    # the passive of a memorie van antwoord: "Ten tweede wordt gevraagd, of …", "Gevraagd werd of …"
    r"|(?:Ten\s+\w+|Voorts|Verder|Tevens|Ook|Daarnaast|Tenslotte|Ten\s+slotte)\s+(?:wordt|werd)\s+(?:er\s+)?(?:nog\s+|ook\s+)?"
    r"(?:gevraagd|verzocht)\b|Gevraagd\s+(?:wordt|werd)\b"
    r"|(?:De|Eene?|Een)\s+(?:eerste|tweede|derde|volgende|laatste|andere)\s+vraag\s+(?:betreft|is|was|luidde|of)\b)"
)


# a reply paragraph that opens by naming the members' question, request or wish it answers
_NAMES_A_QUESTION = re.compile(
    r"^(?:Naar\s+aanleiding|Ter\s+beantwoording|In\s+antwoord\s+op|Ingevolge)\s+(?:van\s+)?(?:de|het|den|eene?|een)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:vraag|verzoek|verlangen|wensch|wens|verklaring)\b|^(?:Op|Wat)\s+de\s+vraag\b"
)


# a restated question inside a reply paragraph: reported speech that says what was asked
_MID = re.compile(
    # (a dot after one letter belongs to an abbreviation: "de fractie van het C.D.A. vroegen of")
    r"(?<=[.!?»”])\s+(?=(?:(?:De|Deze|Sommige|Vele|Enkele|Verscheidene|Andere)\s+(?:[\w.\-]+\s+){0,8}?leden\b"
    r"(?:[^.?!]|(?<=\b\w)\.){0,200}?"
    r"\b(?:vroegen|vroeg|vragen|verzochten|verzoeken|wenschten|wensten)\b"
    r"(?:\s+(?:voorts|verder|vervolgens|ook|nog|tevens|daarnaast|bovendien|tenslotte|ten\s+slotte|tot\s+slot))?"
    r"\s+(?:of|waarom|hoe|wat|welke|wanneer|om|naar)\b"
    r"|(?:De|Eene?|Een)\s+(?:eerste|tweede|derde|andere|laatste|gestelde|volgende)?\s*vraag\s+(?:betreft|is|was|luidde|of)\b"
    r"|Ten\s+(?:eerste|tweede|derde|slotte)\s+(?:wordt|werd)\s+(?:gevraagd|verzocht)\b"
    r"|(?:Naar\s+aanleiding|Ter\s+beantwoording|In\s+antwoord\s+op)\s+(?:van\s+)?(?:de|het|den)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:vraag|verzoek|verlangen|wensch|wens)\b))"
)
# a question quoted in the reply: "… de in het Voorloopig Verslag gestelde vraag: »Wat kan …?"
_QUOTED = re.compile(r"\b(?:gestelde|gedane|opgeworpen)\s+vraag\s*[:,]?\s*[»„\"“](?=[A-Z])")


# the members a reply's formula names: "In antwoord op de vraag van de leden der C.H.U.-fractie …"
_FORMULA_SPEAKER = re.compile(
    r"^(?:Naar\s+aanleiding|Ter\s+beantwoording|In\s+antwoord\s+op|Ingevolge|Op|Wat)\b[^.?]{0,80}?"
    r"\b(?:vraag|vragen|verzoek|verlangen|wensch|wens)\s+(?:van|der)\s+((?:de|het|den)\s+(?:[\w-]+\s+){0,3}?leden\b.*)",
    re.S,
)


def _mid_question(text: str) -> int | None:
    """Where a restated question starts inside a reply paragraph (not at its start), or None."""
    m = _MID.search(text)
    q = _QUOTED.search(text)
    found = [x for x in (m.end() if m else None, q.end() if q else None) if x is not None]
    return min(found) if found else None


def _segment_inbreng(blocks: list[Block], profile: str) -> Segments:
    """Report and reply documents without numbers: questions are the paragraphs that ask, for the
    fractie that speaks; in a report, the answers follow a "Reactie"/"Antwoord" label or heading; in a
    reply, a paragraph that reports members' questions is the question and the rest is the answer."""
    seg = Segments()
    speaker: list[str] | None = None
    qn = 0
    pending: list[str] = []
    in_reply = False
    current_answer: Answer | None = None
    started = False
    by_fractie: dict[str, list[str]] = {}  # fractie -> its questions not yet answered (report profile)
    joined: list[tuple[list[str], list[str]]] = []  # (who joins, whose questions)
    for b in blocks:
        t = b.text.strip()
        if not t:
            continue
        if (j := _joins(t)) is not None:
            joined.append(j)
        if b.kind == BlockKind.HEADING or len(t) < 110 and not t.endswith((".", "?")):
            if (
                in_reply
                and started
                and (
                    m := re.search(
                        r"(?:vragen|inbreng|opmerkingen)\s+(?:en\s+opmerkingen\s+)?van\s+(?:de\s+)?(?:leden\s+van\s+de\s+)?(?P<f>.+?)(?:-?fractie)?$",
                        t,
                        re.I,
                    )
                )
            ):
                # part II: "Reactie op de vragen en opmerkingen van de leden van de VVD-fractie"
                sp = speaking_fracties("De " + m.group("f").strip() + "-fractie")
                if isinstance(sp, list):
                    pending = list(by_fractie.get(sp[0], []))
                    current_answer = None
                    continue
            if m := _SECTION_SPEAKER.match(t):
                sp = speaking_fracties("De " + m.group("f").strip() + "-fractie")
                if isinstance(sp, list):
                    # an inbreng heading: a fractie's questions follow (answers after each block end here)
                    speaker = sp
                    current_answer = None
                    in_reply = False
                    continue
            if _REPLY_SECTION.match(t) and started:
                in_reply = True
                current_answer = None
                continue
            if b.kind == BlockKind.HEADING and started:
                current_answer = None
            if not started:
                seg.header.append(b)
                continue
            if b.kind == BlockKind.HEADING:
                continue
        if (m := A_BARE.match(t)) and _bare_label(t) and started:
            in_reply = True
            current_answer = None
            rest = m.group("rest").strip()
            if rest:
                current_answer = _answer(seg, pending, rest, b)
            continue
        sp = speaking_fracties(t)
        if isinstance(sp, list):
            speaker = sp
        elif sp == "group":
            speaker = None
        reports = bool(_REPORTED.match(t)) or sp is not None
        if profile == "reply":
            opening = reports and (_ends_asking(t) or _NAMES_A_QUESTION.match(t))
            cut = 0 if opening else _mid_question(t)
            if cut is not None:
                # a restated question opens the paragraph, or sits inside it ("… De leden van de
                # C.D.A.-fractie vroegen of …"): what comes before it belongs to the text before
                before, rest = t[:cut].strip(), t[cut:]
                if before:
                    if current_answer is not None:
                        current_answer.text += "\n" + before
                    elif not started:
                        seg.header.append(Block(before))
                notes = list(b.footnotes)
                while rest:
                    qtext, atext = _reply_split(rest)
                    # the reply may restate the next question before the paragraph ends
                    nxt = _mid_question(atext) if atext else None
                    rest = atext[nxt:] if nxt is not None else ""
                    atext = atext[:nxt].strip() if nxt is not None else atext
                    who = speaking_fracties(qtext)
                    if who is None and (m := _FORMULA_SPEAKER.search(qtext[:300])):
                        who = speaking_fracties(m.group(1))  # "Naar aanleiding van het verzoek van de leden"
                    if isinstance(who, list) or who == "group":
                        speaker, sp = (who if isinstance(who, list) else None), who
                    qn += 1
                    started = True
                    fractie = _one(speaker) if sp != "group" else None
                    q = Question(number=f"p{qn}", text=qtext, fractie=fractie, footnotes=notes)
                    notes = []
                    seg.questions.append(q)
                    pending = [q.number]
                    current_answer = _answer(seg, pending, atext, None) if atext else None
                    if atext:
                        pending = []
                continue
            if not started:
                seg.header.append(b)
                continue
            if pending:
                current_answer = _answer(seg, pending, t, b)
                pending = []
                continue
            if current_answer is not None:
                current_answer.text += "\n" + t
                current_answer.footnotes.extend(b.footnotes)
            continue
        # report profile
        if in_reply:
            if pending and (current_answer is None or _opens_answer(t)):
                # answers under a fractie's heading take its questions in order, one paragraph each
                current_answer = _answer(seg, pending[:1], t, b)
                done = pending.pop(0)
                for qs in by_fractie.values():
                    if done in qs:
                        qs.remove(done)
            elif current_answer is None:
                current_answer = _answer(seg, pending, t, b)
                pending = []
            else:
                current_answer.text += "\n" + t
                current_answer.footnotes.extend(b.footnotes)
            continue
        if _INTRO_LIKE.search(t) or _SIGNED.match(t):
            if not started:
                seg.header.append(b)
            continue
        if _ends_asking(t):
            qn += 1
            started = True
            q = Question(
                number=f"p{qn}",
                text=t,
                fractie=_one(speaker) if sp != "group" else None,
                also_fracties=_rest(speaker) if sp != "group" else [],
                footnotes=list(b.footnotes),
            )
            seg.questions.append(q)
            pending.append(q.number)
            if q.fractie:
                by_fractie.setdefault(q.fractie, []).append(q.number)
            continue
        if not started:
            seg.header.append(b)
    for who, whom in joined:
        for q in seg.questions:
            if q.fractie in whom:
                q.also_fracties.extend(f for f in who if f not in q.also_fracties and f != q.fractie)
    _strip_signature(seg)
    return seg


def _opens_answer(t: str) -> bool:
    """A paragraph that starts a new answer rather than continuing one (in a reply part)."""
    return not re.match(r"^(?:Daarnaast|Ook|Verder|Bovendien|Tevens|Voorts|Dit|Deze|Daarbij|Wel|Wat)\b", t)


# the committee's own sentences around its report: never questions
_INTRO_LIKE = re.compile(
    r"\b(?:heeft|hebben)\b[^.]{0,240}?\b(?:vragen|inbreng)(?:\s+en\s+opmerkingen)?\s+"
    r"(?:voorgelegd|gesteld|geleverd)\b|\bzijn\s+op\s+\d{1,2}\s+\w+\s+\d{4}\s+aan\s+de\b.{0,60}voorgelegd|"
    r"\b[Bb]ij\s+brief\s+van\s+\d{1,2}\s+\w+\s+\d{4}\s+zijn\s+de\s+vragen\s+beantwoord|\bVastgesteld\b|"
    r"hebben\s+van\s+de\s+geboden\s+mogelijkheid\s+gebruik\s*gemaakt|\bvragen\s+en\s+antwoorden\s+zijn\s+hierna|"
    # the Eerste Kamer's voorlopig verslag opens and closes with these (every year since the 1990s)
    r"\baanleiding\s+tot\s+het\s+maken\s+van\s+de\s+volgende\s+opmerkingen|"
    r"\bziet\s+de\s+beantwoording\s+van\s+de\s+vragen\b[^.]{0,60}\btegemoet|"
    # the 1980s form: "… heeft de C.D.A.-fractie aanleiding gegeven tot het stellen van een aantal vragen.
    # Deze vragen zijn met het antwoord van de Minister … in bijgaand verslag opgenomen."
    r"\baanleiding\s+gegeven\s+tot\s+het\s+stellen\s+van\s+(?:een\s+aantal|enige|enkele)?\s*vragen|"
    r"\bvragen\s+zijn\s+met\s+het\s+antwoord\b"
)
_SIGNED = re.compile(
    r"^(?:De|de)\s+(?:voorzitter|griffier|ondervoorzitter)\s+(?:van\s+de\s+(?:vaste\s+)?commissie|der\s+commissie)"
)


def _one(speaker: list[str] | None) -> str | None:
    return speaker[0] if speaker else None


def _rest(speaker: list[str] | None) -> list[str]:
    return list(speaker[1:]) if speaker else []


_JOINS = re.compile(
    r"(?:^|(?<=[.?!]\s))(?:De|de)\s+(?:leden\s+van\s+de\s+)?(?P<who>.{2,120}?)\s+sluiten\s+zich\s+(?:graag\s+)?aan\s+bij\s+(?:de\s+)?"
    r"(?:vragen|inbreng|opmerkingen)(?:\s+en\s+(?:vragen|opmerkingen))?\s+van\s+(?:de\s+)?(?:leden\s+van\s+de\s+)?(?P<whom>.{2,120}?)[.,;:]"
)


def _joins(t: str) -> tuple[list[str], list[str]] | None:
    """ "De leden van de fractie van de SGP sluiten zich aan bij de vragen van de leden van de ChristenUnie-
    fractie" -> (["SGP"], ["ChristenUnie"])."""
    m = _JOINS.search(t)  # its own paragraph, or a sentence of the intro
    if not m:
        return None
    who = speaking_fracties("De leden van de " + m.group("who").strip())
    whom = speaking_fracties("De leden van de " + m.group("whom").strip())
    if isinstance(who, list) and isinstance(whom, list):
        return who, whom
    return None


def _answer(seg: Segments, pending: list[str], text: str, b: Block | None) -> Answer:
    nums = list(pending) or ([seg.questions[-1].number] if seg.questions else [])
    a = Answer(
        number="-".join(nums) or "1", text=text, answers=nums, footnotes=list(b.footnotes) if b else []
    )
    seg.answers.append(a)
    return a


_SENTENCE = re.compile(r"\s(?<=[.?!]\s)\s*(?=[A-Z«„(])")  # the space first: found quickly


def _reply_split(paragraph: str) -> tuple[str, str]:
    """A reply paragraph: the sentences that report what members asked, then the reply."""
    sentences = _SENTENCE.split(paragraph)
    k = 0
    while k < len(sentences) and (
        k == 0
        # a later formula ("Op de vraag waarom … kan worden geantwoord") restates and answers: the reply
        or _REPORTED.match(sentences[k]) and not _NAMES_A_QUESTION.match(sentences[k])
        or sentences[k - 1].rstrip().endswith("?")
        and _ASKS.search(sentences[k])
        and not _reply_start(sentences[k])
    ):
        k += 1
    return " ".join(sentences[:k]).strip(), " ".join(sentences[k:]).strip()


def _reply_start(sentence: str) -> bool:
    return bool(
        re.match(
            r"^(?:De\s+regering|Het\s+kabinet|Ik\b|Wij\b|De\s+ondergetekende|Ondergetekende|"
            r"De\s+minister|De\s+staatssecretaris|Dat\b|Dit\b|Ja\b|Nee\b|Neen\b|Zoals\b|Inderdaad\b)",
            sentence,
        )
    )
