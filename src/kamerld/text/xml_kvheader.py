"""The printed headers of a set of Kamervragen, as KOOP XML carries them in `kamervraagomschrijving`:

    Vragen van het lid Mutluer (GroenLinks-PvdA) aan de minister van Justitie en Veiligheid over het
    bericht ... (ingezonden 5 november 2024).
    Antwoord van minister Van Weel (Justitie en Veiligheid), mede namens de minister van Asiel en
    Migratie (ontvangen 2 december 2024).
    Mededeling van minister Keijzer (Volkshuisvesting en Ruimtelijke Ordening) (ontvangen ...).

Everything is kept as written (names, fractie, ministry phrases); the enrichment resolves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..model import OrgMention, PersonMention
from .xml_text import norm, parse_dutch_date


@dataclass
class QuestionsHeader:
    askers: list[PersonMention] = field(default_factory=list)
    addressees: list[OrgMention] = field(default_factory=list)
    subject: str | None = None  # the "over ..." part
    submitted: date | None = None


@dataclass
class AnswerHeader:
    kind: str  # "antwoord" or "mededeling"
    answerers: list[PersonMention] = field(default_factory=list)
    received: date | None = None


_QUESTIONS = re.compile(
    r"^Vragen\s+van\s+(?:het\s+lid|de\s+leden|het\s+Kamerlid|de\s+Kamerleden)\s+(.*)$", re.I
)
# " aan de minister", " aan het kabinet", " aan de ministers": where the askers end
_TO = re.compile(
    r"\s+aan\s+(?=(?:de|het|den)\s+(?:minister|staatssecretaris|ministers|staatssecretarissen|"
    r"minister-president|kabinet|regering)|minister|staatssecretaris)",
    re.I,
)
_ABOUT = re.compile(r"\s+over\s+")
_SUBMITTED = re.compile(r"\s*\(\s*ingezonden\s+([^)]*)\)\s*\.?\s*$", re.I)
_RECEIVED = re.compile(r"\(\s*ontvangen\s+([^)]*)\)", re.I)
_GROUP = re.compile(r"([^()]+?)\s*\(([^()]+)\)")
_COLLECTIVE = re.compile(r"^(?:beiden|allen|alle\s+drie|beide)\s+", re.I)


def _names(text: str) -> list[str]:
    text = re.sub(r"^\s*(?:,|en)\s+", "", text.strip())
    return [n.strip() for n in re.split(r"\s*,\s*|\s+en\s+", text) if n.strip()]


def parse_askers(text: str) -> list[PersonMention]:
    """ "Lahlah en Chakor (beiden GroenLinks-PvdA)" -> two mentions with fractie "GroenLinks-PvdA";
    "Kathmann (GroenLinks-PvdA) en Six Dijkstra (NSC)" -> two with their own fractie."""
    people: list[PersonMention] = []
    pos = 0
    for m in _GROUP.finditer(text):
        fractie = _COLLECTIVE.sub("", m.group(2).strip())
        people += [PersonMention(name=n, fractie=fractie, role="lid") for n in _names(m.group(1))]
        pos = m.end()
    people += [PersonMention(name=n, role="lid") for n in _names(text[pos:])]
    return people


def parse_addressees(text: str) -> list[OrgMention]:
    """ "de minister van Financiën en de staatssecretaris van Justitie en Veiligheid" -> two mentions.
    Only " en de " / ", de " separate: "Justitie en Veiligheid" stays one ministry."""
    parts = re.split(r"\s*,\s+(?=(?:de|het)\s)|\s+en\s+(?=(?:de|het)\s)", text.strip())
    return [OrgMention(text=p.strip()) for p in parts if p.strip()]


def parse_questions_header(text: str) -> QuestionsHeader | None:
    text = norm(text)
    m = _QUESTIONS.match(text)
    if not m:
        return None
    head = QuestionsHeader()
    rest = m.group(1)
    sub = _SUBMITTED.search(rest)
    if sub:
        head.submitted = parse_dutch_date(sub.group(1))
        rest = rest[: sub.start()]
    to = _TO.search(rest)
    if not to:
        head.askers = parse_askers(rest)
        return head
    head.askers = parse_askers(rest[: to.start()])
    rest = rest[to.end() :]
    about = _ABOUT.search(rest)
    if about:
        head.subject = rest[about.end() :].strip().rstrip(".") or None
        rest = rest[: about.start()]
    head.addressees = parse_addressees(rest)
    return head


_ANSWER = re.compile(r"^(Antwoord|Mededeling)\b", re.I)
_MINISTER = re.compile(
    r"\b(?i:(minister-president|minister|staatssecretaris))\s+([A-Z][^(),]*?)\s*\(([^()]+)\)"
)


def parse_answer_header(text: str) -> AnswerHeader | None:
    """ "Antwoord van minister Van Weel (Justitie en Veiligheid), mede namens ... (ontvangen 2 december
    2024)" -> answerers [Van Weel] with role and portfolio, received date. The first answerer answers,
    the others named with a person ("mede namens minister Faber (Asiel en Migratie)") follow."""
    text = norm(text)
    m = _ANSWER.match(text)
    if not m:
        return None
    head = AnswerHeader(kind=m.group(1).lower())
    rec = _RECEIVED.search(text)
    if rec:
        head.received = parse_dutch_date(rec.group(1))
        text = text[: rec.start()]
    for pm in _MINISTER.finditer(text):
        role = pm.group(1).lower()
        name = pm.group(2).strip()
        head.answerers.append(PersonMention(name=name, role=role, portfolio=pm.group(3).strip()))
    return head
