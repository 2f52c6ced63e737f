"""Clean-up steps and header grammars shared by the KOOP PDF-text and the historic OCR readers.

Small named functions: `normalise` (characters), `deglue` (words the PDF extraction ran together),
`join_lines` (re-join wrapped lines), `parse_askers` ("de leden A (P1) en B (P2)"),
`parse_posts` ("de Ministers van X, voor Y en van Z" -> one phrase per post).
"""

from __future__ import annotations

import re
import unicodedata

from ..model import OrgMention, PersonMention
from .joining import join_lines as _join

# A spacing accent the extraction split from its letter: "Kostic ´" -> "Kostić".
_SPLIT_ACCENT = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "˘": "\u0306", "ˇ": "\u030c"}
_SPLIT = re.compile(r"(\w) ?([´`¨˘ˇ])(?=[\s(]|$)", re.MULTILINE)


def normalise(text: str) -> str:
    """Unify spaces and line ends; re-attach split accents; keep everything else as printed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u00ad", "")
    # the pattern opens with \w, so re tries it at every letter: only a text with an accent to put
    # back is scanned (most have none; it was 5 % of reading an Aanhangsel)
    if any(accent in text for accent in _SPLIT_ACCENT):
        text = _SPLIT.sub(lambda m: unicodedata.normalize("NFC", m[1] + _SPLIT_ACCENT[m[2]]), text)
    return text


# Words whose inner capitals are real: never split them.
_CAMEL_KEEP = re.compile(
    r"GroenLinks|PvdA|PvdD|ChristenUnie|BoerBurgerBeweging|TikTok|McDonald|LinkedIn|YouTube|WhatsApp|"
    r"iPhone|DigiD|BuZa|MinBuZa|JenV|VenJ|EZenK|IenW|LNV|OCenW|BiZa"
)


def deglue(text: str) -> str:
    """Put back the space the extraction dropped where a line wrapped between words.

    Only the cases that are unambiguous in header phrases: lower-case letter followed by a capital
    ("BuitenlandseHandel", "deStaatssecretaris"), and a word glued to a year ("november2024").
    Party names with inner capitals (GroenLinks-PvdA, ChristenUnie) are kept.
    """
    parts: list[str] = []
    pos = 0
    for m in _CAMEL_KEEP.finditer(text):
        parts.append(_deglue_plain(text[pos : m.start()]))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_deglue_plain(text[pos:]))
    return "".join(parts)


def _deglue_plain(text: str) -> str:
    text = re.sub(r"(?<=[a-zà-ÿ]{2})(?=[A-ZÀ-Þ][a-zà-ÿ])", " ", text)
    text = re.sub(r"(?<=[a-z]{3})(?=(?:19|20)\d\d\b)", " ", text)
    text = re.sub(r",(?=[A-Za-z])", ", ", text)  # "Handelingen,vergaderjaar"
    return text


def join_lines(lines: list[str]) -> str:
    """Re-join wrapped lines (see `text.joining`): a word-break hyphen goes ("ontwikkelings-" + "hulp"),
    a real one stays ("Noord-" + "Holland"), a web address broken after "/" joins directly."""
    text = "\n".join(lines)
    return _join(lines, text)


# ---- header grammars ----------------------------------------------------------------------------

_PERSON_GROUP = re.compile(r"(?P<names>[^()]+?)\s*\((?P<fractie>[^()]+)\)")


def parse_askers(phrase: str) -> list[PersonMention]:
    """'Koekkoek (Volt), Van Nispen (SP) en Ceder (ChristenUnie)' / 'Temmink en Van Nispen (beiden SP)'
    -> one PersonMention(role="lid") each, with the fractie as written ("beiden" dropped)."""
    people: list[PersonMention] = []
    for m in _PERSON_GROUP.finditer(phrase):
        fractie = re.sub(r"^(?:beiden|beide|allen|alle)\s+", "", m.group("fractie").strip())
        names = re.sub(r"^(?:,|en\b)\s*", "", m.group("names").strip())
        for name in re.split(r"\s*,\s*|\s+en\s+", names):
            name = clean_name(name)
            if name:
                people.append(PersonMention(name=name, fractie=fractie, role="lid"))
    return people


def clean_name(name: str) -> str:
    """Strip list glue; 'Faber – Van de Klashorst' -> 'Faber-Van de Klashorst' (typographic dash)."""
    name = re.sub(r"^(?:het lid|de leden|de heer|mevrouw|mw\.)\s+", "", name.strip(" ,."))
    name = re.sub(r"\s*[–—]\s*", "-", name)
    return re.sub(r"\s+", " ", name).strip()


_ROLE = r"(?:Minister-[Pp]resident|Ministers?|Staatssecretariss?e?n?|[Mm]inister|[Ss]taatssecretaris)"
_ROLE_GROUP = re.compile(
    rf"^(?:de\s+|het\s+)?(?P<roles>{_ROLE}(?:\s+&\s+{_ROLE})*)\s+(?P<rest>(?:van|voor)\s.+)$"
)


def role_word(word: str) -> str:
    """'Ministers' -> 'minister', 'Staatssecretarissen' -> 'staatssecretaris'."""
    w = word.lower()
    if w.startswith("minister-"):
        return "minister-president"
    return "minister" if w.startswith("minister") else "staatssecretaris"


def parse_posts(phrase: str) -> list[tuple[str, str]]:
    """'de Ministers van Asiel en Migratie, voor Buitenlandse Handel en Ontwikkelingshulp en van
    Buitenlandse Zaken' -> [("minister", "van Asiel en Migratie"), ("minister", "voor Buitenlandse
    Handel en Ontwikkelingshulp"), ("minister", "van Buitenlandse Zaken")].

    A post starts with "van"/"voor" after a comma or "en"; "en de <Role>" starts a new role group;
    "de Minister en Staatssecretaris van X" gives both posts. Commas inside a portfolio ("Landbouw,
    Natuur en Voedselkwaliteit") are kept because no "van"/"voor" follows them.
    """
    posts: list[tuple[str, str]] = []
    phrase = re.sub(r"\s+", " ", phrase.strip(" .,"))
    # "Minister en Staatssecretaris van X": one role group with two roles, not two groups
    phrase = re.sub(rf"\b({_ROLE})\s+en\s+(?={_ROLE}\s+(?:van|voor)\s)", r"\1 & ", phrase)
    for group in re.split(rf"(?:,\s*|\s+)en\s+(?=(?:de\s+|het\s+)?{_ROLE}\b)|,\s*(?=de\s+{_ROLE}\b)", phrase):
        m = _ROLE_GROUP.match(group.strip())
        if not m:
            continue
        roles = [role_word(r) for r in re.split(r"\s+&\s+", m.group("roles"))]
        for portfolio in re.split(r"(?:,\s*|\s+en\s+)(?=(?:van|voor)\s)", m.group("rest")):
            for role in roles:
                posts.append((role, portfolio.strip(" ,.")))
    return posts


def post_mentions(phrase: str) -> list[OrgMention]:
    """Addressees as one full phrase per post ("minister van Asiel en Migratie")."""
    return [OrgMention(text=f"{role} {portfolio}") for role, portfolio in parse_posts(phrase)]


def post_persons(phrase: str) -> list[PersonMention]:
    """'mede namens' posts as nameless PersonMentions (role + portfolio without van/voor)."""
    return [
        PersonMention(name="", role=role, portfolio=re.sub(r"^(?:van|voor)\s+", "", portfolio))
        for role, portfolio in parse_posts(phrase)
    ]
