"""Name normalisation shared by the registers, their importer and attribution.

Matching keys ignore case, diacritics, spaces, hyphens and dots, so "Noote-boom" (a line-end hyphen
of OCR), "Muller van Ast" and "Muller-van Ast" meet on one key.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["norm", "compact", "title_key", "split_name", "name_key", "slugify", "one_edit"]

_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "t", "'t", "op", "la", "le", "du"}
_INITIALS = re.compile(r"^(?:[A-Za-z]{1,2}\.)+$")


_NOT_KEPT = re.compile(r"[^a-z0-9&'\- ]+")
_SPACES = re.compile(r"\s+")


def norm(text: str) -> str:
    """Lowercase, no diacritics, one kind of dash (no spaces around it), single spaces."""
    if not text.isascii():  # ASCII is its own NFKD form, with no combining marks
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DASHES.sub("-", text.lower())
    text = _NOT_KEPT.sub(" ", text)  # stray accents ("Kostic ´"), brackets, dots
    return _SPACES.sub(" ", text).strip(" -")


def compact(text: str) -> str:
    """`norm` without spaces, hyphens and apostrophes: PDF text joins words ("vanBuitenlandse")."""
    return re.sub(r"[^a-z0-9&]", "", norm(text))


_OLD_SCH = re.compile(r"(?<=[a-hj-z])sch(?=e\b|\b|erij)")  # not "-ische": Economische stays


def title_key(text: str) -> str:
    """`compact` for the titles of posts and ministries, in today's spelling: before 1947 they were
    written "Binnenlandsche Zaken", "Landbouw en Visscherij". (Never for surnames: Bosch is not Bos.)"""
    # OCR of the old type reads the c of "sche" as e: "Buitenlandsehe", "Hollandsehe"
    return compact(_OLD_SCH.sub("s", re.sub(r"(?<=[a-z])sehe\b", "sche", norm(text))))


def split_name(name: str) -> tuple[str, str, str]:
    """(given name, initials, surname with particles) from a name as written.

    Handles "C.A. van der Plas", "Caroline van der Plas", "Plas van der C.A." / "Plas, C.A. van der"
    (KOOP metadata, surname first), "DaniëlleJansen" (PDF text lost the space).
    """
    name = re.sub(r"(?<=[a-zà-ÿ])(?=[A-Z][a-zà-ÿ])", " ", name.strip())  # DaniëlleJansen
    name = _DASHES.sub("-", name)
    surname_first = "," in name
    # drop tokens without a letter: stray accents of PDF text ("Kostic ´")
    tokens = [t for t in name.replace(",", " ").split() if any(ch.isalpha() for ch in t)]
    initials = "".join(t for t in tokens if _INITIALS.match(t))
    tokens = [t for t in tokens if not _INITIALS.match(t)]
    if not tokens:
        return "", initials, ""
    lower = [t.lower() for t in tokens]
    if surname_first or (len(tokens) > 1 and lower[-1] in _PARTICLES and lower[0] not in _PARTICLES):
        # "Plas van der" -> "van der Plas"
        cut = 1
        while cut < len(tokens) and lower[cut] not in _PARTICLES:
            cut += 1
        surname = " ".join(tokens[cut:] + tokens[:cut])
        return "", initials, surname
    # given names are the capitalised words before the first particle or the last word
    first_particle = next((i for i, t in enumerate(lower) if t in _PARTICLES), None)
    if first_particle is not None and first_particle > 0:
        return " ".join(tokens[:first_particle]), initials, " ".join(tokens[first_particle:])
    if first_particle == 0 or len(tokens) == 1:
        return "", initials, " ".join(tokens)
    return " ".join(tokens[:-1]), initials, tokens[-1]


def one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one inserted, deleted or replaced character."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def name_key(surname: str) -> str:
    """Match key of a surname with particles: "Faber – Van de Klashorst" -> "faber-van de klashorst"."""
    return norm(surname)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(text)).strip("-") or "-"


