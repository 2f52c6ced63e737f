"""Small grammars of ministry answer letters: Dutch dates, the vergaderjaar, lists of members, posts.

All results are *as written* ("GroenLinks-PvdA", "minister van Justitie en Veiligheid"); the
registers resolve them later.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import OrgMention, PersonMention

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split()
    )
}
DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
ZAAK = re.compile(r"\b(\d{4}Z\d{5})\b")
ROLE = r"(?:minister-president|minister|staatssecretaris)"


def parse_date(text: str) -> date | None:
    """The first Dutch date in `text` ("20 november 2024"), or None."""
    m = DATE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def _third_tuesday_of_september(year: int) -> date:
    first = date(year, 9, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 14)


def vergaderjaar(on: date) -> str:
    """The parliamentary year ("2024-2025") of a date.

    A vergaderjaar opens on Prinsjesdag, the third Tuesday of September, and runs until the day before
    the next one; so 1-16 September usually still belong to the year before.
    """
    start = on.year if on >= _third_tuesday_of_september(on.year) else on.year - 1
    return f"{start}-{start + 1}"


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
