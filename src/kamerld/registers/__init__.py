"""The registers: ministries, posts, fracties and people as data files, looked up by name and date.

The facts live in the TSV files next to this module (sources in SOURCES.md), loaded once per process
(`tables`); the lookups answer "which X does this text name on this date?", by job: ministries and
posts (`offices`), fracties and people (`people`), and what was missed (`coverage`). A lookup that
finds nothing returns None (or []) and is recorded, so a run report can list what a curator should
add (`Registers.unresolved`). Nothing here guesses: an ambiguous name is a miss.
"""

from __future__ import annotations

import functools

from .coverage import Coverage
from .names import compact, name_key, norm, slugify, split_name
from .offices import Offices
from .people import SIGNING_DAYS, People
from .tables import _Membership, _PersonRow, load_fracties, load_ministries, load_persons, load_posts

__all__ = [
    "SIGNING_DAYS", "Registers", "compact", "get_registers", "name_key", "norm", "slugify", "split_name",
]


class Registers(Offices, People, Coverage):
    """All registers, loaded from the package's TSV files. Use `get_registers()`."""

    def __init__(self) -> None:
        self._misses: dict[tuple[str, str], None] = {}
        self._ministries = load_ministries()
        by_key = {r.key: r for r in self._ministries}
        self._posts = load_posts(by_key)
        self._post_by_slug = {r.post.slug: r for r in self._posts}
        self._fracties = load_fracties()
        self._fractie_by_slug = {r.fractie.slug: r for r in self._fracties}
        self._persons, self._memberships = load_persons(set(self._fractie_by_slug), set(self._post_by_slug))
        self._by_surname: dict[str, list[_PersonRow]] = {}
        for p in self._persons:
            for k in p.keys:
                self._by_surname.setdefault(k, []).append(p)
        self._by_part: dict[str, list[_PersonRow]] = {}  # "yesilgoz" for Yeşilgöz-Zegerius
        for p in self._persons:
            for k in p.parts:
                self._by_part.setdefault(k, []).append(p)
        self._person_slugs = {p.person.slug for p in self._persons}
        self._by_person: dict[str, list[_Membership]] = {}
        for m in self._memberships:
            self._by_person.setdefault(m.person, []).append(m)


@functools.cache
def get_registers() -> Registers:
    """The registers, loaded once per process."""
    return Registers()
