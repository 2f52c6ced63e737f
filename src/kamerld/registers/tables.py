"""What the register files hold: their rows as loaded, checked once, with their spans of validity.

The facts live in the TSV files next to this module (sources in SOURCES.md). A file that cannot be
read, or a row that names an unknown ministry, fractie, post or person, is a PackageDataError: a
broken register shipped with the package is no input error.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

from ..errors import PackageDataError
from ..model import Fractie, Ministry, Person, Post
from .names import compact, norm

_TK_PERSOON = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon"
_WIKIDATA = "http://www.wikidata.org/entity/"
_PARLEMENT = "https://www.parlement.com/id/"


def _date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise PackageDataError(f"bad date {value!r} in {where}", path=where) from exc


@dataclass(frozen=True)
class _Span:
    begin: date | None
    end: date | None

    def holds(self, on: date | None) -> bool:
        if on is None:
            return True
        return (self.begin is None or self.begin <= on) and (self.end is None or on <= self.end)

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class _MinistryRow:
    key: str
    ministry: Ministry
    names: tuple[str, ...]  # compact keys of the full name and the short names
    abbreviations: tuple[str, ...]  # compact keys of abbreviations (matched whole only)
    span: _Span
    tooi: bool
    successors: tuple[str, ...]


@dataclass(frozen=True)
class _PostRow:
    post: Post
    role: str  # "minister", "staatssecretaris", "minister-president"
    prep: str  # "van", "voor" or "" (minister-president)
    title: str  # compact key of what follows the preposition
    aliases: tuple[str, ...]
    span: _Span


@dataclass(frozen=True)
class _FractieRow:
    fractie: Fractie
    keys: tuple[str, ...]
    span: _Span


@dataclass(frozen=True)
class _PersonRow:
    person: Person
    given: str
    initials: str
    keys: tuple[str, ...]  # compact surname and aliases
    parts: tuple[str, ...] = ()  # compact parts of a double surname


@dataclass(frozen=True)
class _Membership:
    person: str
    kind: str  # "fractie" or "post"
    ref: str
    span: _Span


def read_rows(name: str) -> list[dict[str, str]]:
    where = f"kamerld/registers/{name}"
    try:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        raise PackageDataError(f"register file cannot be read: {exc}", path=where) from exc
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise PackageDataError(f"line {i} has the wrong number of columns", path=where)
    return rows


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]



def pick(rows: list, on: date | None):
    """The row valid on the date; without a date the current one, else the latest."""
    valid = [r for r in rows if r.span.holds(on)]
    if on is None and len(valid) > 1:
        valid.sort(key=lambda r: (r.span.current, r.span.begin or date.min), reverse=True)
    return valid[0] if valid else None


# ---- loading -----------------------------------------------------------------------------------


def load_ministries() -> list[_MinistryRow]:
    rows = []
    for r in read_rows("ministries.tsv"):
        where = f"ministries.tsv ({r['key']})"
        ministry = Ministry(uri=r["uri"], code=r["code"], name=f"ministerie van {r['name']}",
                            label=f"ministerie van {r['label']}", version=r["version"] or None)
        shorts = [a for a in _split(r["abbreviations"]) if " " in a or len(a) > 6]
        abbrs = [a for a in _split(r["abbreviations"]) if a not in shorts]
        rows.append(
            _MinistryRow(
                key=r["key"],
                ministry=ministry,
                names=tuple(compact(n) for n in [r["name"], *shorts]),
                abbreviations=tuple(compact(a) for a in abbrs),
                span=_Span(_date(r["begin"], where), _date(r["end"], where)),
                tooi=r["tooi"] == "yes",
                successors=tuple(_split(r["successors"])),
            )
        )
    return rows

def load_posts(ministries: dict[str, _MinistryRow]) -> list[_PostRow]:
    rows = []
    for r in read_rows("posts.tsv"):
        where = f"posts.tsv ({r['slug']})"
        ministry = ministries.get(r["ministry"])
        if r["ministry"] and ministry is None:
            raise PackageDataError(f"unknown ministry {r['ministry']!r}", path=where)
        m = re.match(r"^(minister|staatssecretaris) (van|voor) (.+)$", r["label"])
        role, prep, title = (m.group(1), m.group(2), m.group(3)) if m else (r["label"], "", r["label"])
        aliases = []
        for alias in _split(r["aliases"]):
            am = re.match(r"^(?:minister|staatssecretaris) (?:van|voor) (.+)$", alias)
            aliases.append(compact(am.group(1) if am else alias))
        post = Post(slug=r["slug"], label=r["label"], ministry=ministry.ministry if ministry else None)
        rows.append(
            _PostRow(post, role, prep, compact(title), tuple(aliases),
                     _Span(_date(r["begin"], where), _date(r["end"], where)))
        )
    return rows

def load_fracties() -> list[_FractieRow]:
    rows = []
    for r in read_rows("fracties.tsv"):
        where = f"fracties.tsv ({r['slug']})"
        same_as = (f"{_WIKIDATA}{r['wikidata']}",) if r["wikidata"] else ()
        fractie = Fractie(slug=r["slug"], name=r["name"], notation=r["notation"], same_as=same_as)
        keys = {compact(k) for k in [r["name"], r["notation"], *_split(r["aliases"])]}
        rows.append(_FractieRow(fractie, tuple(sorted(keys)), _Span(_date(r["begin"], where),
                                                                      _date(r["end"], where))))
    return rows

def load_persons(fractie_slugs: set[str], post_slugs: set[str]) -> tuple[list[_PersonRow], list[_Membership]]:
    persons = []
    for r in read_rows("persons.tsv"):
        keys = {compact(r["surname"]), *(compact(a) for a in _split(r["aliases"]))}
        same_as = tuple(u for u in (
            f"{_TK_PERSOON}({r['tk_persoon_id']})" if r["tk_persoon_id"] else "",
            f"{_WIKIDATA}{r['wikidata']}" if r["wikidata"] else "",
            f"{_PARLEMENT}{r['parlement_id']}/" if r["parlement_id"] else "") if u)
        person = Person(slug=r["slug"], name=r["name"], same_as=same_as)
        parts = {compact(x) for n in [r["surname"], *_split(r["aliases"])] if "-" in n
                 for x in n.split("-") if len(compact(x)) >= 4} - keys
        persons.append(_PersonRow(person, norm(r["given_name"]), compact(r["initials"]),
                                  tuple(sorted(keys)), tuple(sorted(parts))))
    slugs = {p.person.slug for p in persons}
    memberships = []
    for r in read_rows("memberships.tsv"):
        where = f"memberships.tsv ({r['person']} {r['ref']})"
        if r["person"] not in slugs:
            raise PackageDataError(f"unknown person {r['person']!r}", path=where)
        if r["kind"] == "kamer":
            if r["ref"] not in ("TK", "EK"):
                raise PackageDataError(f"unknown chamber {r['ref']!r}", path=where)
        else:
            known = fractie_slugs if r["kind"] == "fractie" else post_slugs
            if r["ref"] not in known:
                raise PackageDataError(f"unknown {r['kind']} {r['ref']!r}", path=where)
        memberships.append(_Membership(r["person"], r["kind"], r["ref"],
                                       _Span(_date(r["begin"], where), _date(r["end"], where))))
    return persons, memberships
