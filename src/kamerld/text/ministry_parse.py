"""Small grammars of ministry answer letters: lists of members, posts (dates are in `text.dates`).

All results are *as written* ("GroenLinks-PvdA", "minister van Justitie en Veiligheid"); the
registers resolve them later.
"""

from __future__ import annotations

import re

from ..model import OrgMention, PersonMention
from .dates import parse_dutch_date as parse_date
from .dates import vergaderjaar

__all__ = ["parse_date", "vergaderjaar", "parse_members", "parse_posts"]

ZAAK = re.compile(r"\b(\d{4}Z\d{5})\b")
ROLE = r"(?:minister-president|minister|staatssecretaris)"


def _split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split on `sep` outside parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            m = sep.match(text, i)
            if m:
                parts.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


_LIST_SEP = re.compile(r",\s*(?:en\s+)?|\s+en\s+")
_NAME_FRACTIE = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<fractie>[^)]*)\))?$")


def parse_members(names: str) -> list[PersonMention]:
    """ "Mutluer, Lahlah (GroenLinks-PvdA), Boswijk (CDA) en Helder (BBB)" -> four lid mentions.

    A name without its own bracket shares the next bracket ("Gabriëls en Bromet (beiden
    GroenLinks-PvdA)", "Mutluer, Lahlah (GroenLinks-PvdA)"): that is how the letters write it.
    """
    out: list[PersonMention] = []
    pending: list[PersonMention] = []
    for item in _split_top(names, _LIST_SEP):
        m = _NAME_FRACTIE.match(item)
        if not m:
            continue
        person = PersonMention(name=m.group("name").strip(), role="lid")
        out.append(person)
        fractie = m.group("fractie")
        if fractie:
            fractie = re.sub(r"^(?:beiden|allen|allebei)\s+", "", fractie.strip(), flags=re.IGNORECASE)
            for p in (*pending, person):
                p.fractie = fractie
            pending = []
        else:
            pending.append(person)
    return out


_POST_SPLIT = re.compile(rf"\s+en\s+(?=(?:de|het)\s+{ROLE}s?\b)|\s+en\s+(?=van\s)", re.IGNORECASE)
_POST = re.compile(rf"^(?:de\s+|het\s+)?(?P<role>{ROLE}s?)\s+(?P<rest>(?:van|voor)\s+.+)$", re.IGNORECASE)


def parse_posts(text: str) -> list[OrgMention]:
    """ "de minister van A en de staatssecretaris van B" -> ["minister van A", "staatssecretaris van B"].

    "de minister van A en van B" is two posts of the same role. A plural ("de ministers van A en B") is
    kept whole: where "en" separates portfolios that themselves contain "en" only a register can tell.
    """
    out: list[OrgMention] = []
    role = None
    for part in _split_top(text.strip().rstrip(".,"), _POST_SPLIT):
        m = _POST.match(part)
        if m:
            role = m.group("role")
            out.append(OrgMention(f"{role[0].lower()}{role[1:]} {m.group('rest')}"))
        elif role and part.lower().startswith(("van ", "voor ")):
            out.append(OrgMention(f"{role} {part}"))
        else:
            out.append(OrgMention(part))
    return out


def post_person(role: str, portfolio: str, name: str = "") -> PersonMention:
    """A minister or staatssecretaris as written; `name` is "" when only the post is named
    ("mede namens de minister van Justitie en Veiligheid")."""
    return PersonMention(name=name, role=role.lower(), portfolio=portfolio.strip())


_MEDE = re.compile(rf"^(?:de\s+)?(?P<role>{ROLE})\s+(?:van|voor)\s+(?P<portfolio>.+)$", re.IGNORECASE)


def parse_mede_namens(text: str) -> list[PersonMention]:
    """ "de minister van Justitie en Veiligheid" (after "mede namens") -> post-only mentions."""
    out: list[PersonMention] = []
    for org in parse_posts(text):
        m = _MEDE.match(org.text)
        if m:
            out.append(post_person(m.group("role"), m.group("portfolio")))
    return out


# "het lid X (F)" / "de leden X en Y (beiden F)" up to the word that ends the list
_ASKERS = re.compile(
    r"\b(?:van\s+)?(?:het\s+(?:Kamer)?lid|de\s+(?:Kamer)?leden)\s+(?P<names>.+?)"
    r"(?=\s+(?:aan|over|schriftelijke|hebben|heeft|op|inzake)\s|[.,;]?$)",
    re.IGNORECASE,
)
_ADDRESSEES = re.compile(
    rf"\baan\s+(?P<posts>(?:de|het)\s+{ROLE}s?\s+.+?)(?=\s+(?:over|inzake|betreffende)\s|[.;]?$)",
    re.IGNORECASE,
)


def find_askers(text: str) -> list[PersonMention]:
    m = _ASKERS.search(text)
    return parse_members(m.group("names")) if m else []


def find_addressees(text: str) -> list[OrgMention]:
    m = _ADDRESSEES.search(text)
    return parse_posts(m.group("posts")) if m else []
