"""Fracties and people by name and date: "VVD-fractie", "beiden CDA", "minister Van Weel"
(narrowed by given name, initials, fractie, post and date; never a guess)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Fractie, Person, Post
from .matching import ocr_variants, surname_parts
from .memo import memoized
from .names import compact, norm, split_name
from .tables import _FractieRow, _Membership, _PersonRow, _PostRow, pick

#: days an answer may take from signature to receipt (a minister who left in between still signed it)
SIGNING_DAYS = 14


class People:
    """The fractie and person lookups of `Registers` (which holds the rows they read)."""

    _fracties: list[_FractieRow]
    _fractie_by_slug: dict[str, _FractieRow]
    _posts: list[_PostRow]
    _post_by_slug: dict[str, _PostRow]
    _by_surname: dict[str, list[_PersonRow]]
    _by_part: dict[str, list[_PersonRow]]
    _by_person: dict[str, list[_Membership]]
    _person_slugs: set[str]

    # -- fracties

    @memoized
    def fractie(self, text: str, on: date | None = None) -> Fractie | None:
        """The fractie an abbreviation or name names ("VVD", "VVD-fractie", "GL-PvdA", "beiden CDA")."""
        t = re.sub(r"^\s*(?:beiden|allen|alle drie|de|het)\s+", "", text.strip(), flags=re.I)
        t = re.sub(r"^(?:fractie|groep)\s+van\s+(?:de|het)\s+", "", t, flags=re.I)
        t = re.sub(r"[\s-]*fractie$", "", t, flags=re.I)
        key = compact(t)
        rows = [r for r in self._fracties if key in r.keys]
        row = pick(rows, on) or (pick(rows, None) if rows else None)
        if row is None:
            self._miss("fractie", text)
            return None
        return row.fractie

    def fractie_by_slug(self, slug: str) -> Fractie | None:
        row = self._fractie_by_slug.get(slug)
        return row.fractie if row else None

    # -- people

    def _holds(self, slug: str, kind: str, refs: set[str] | None, on: date | None) -> bool:
        return any(m.kind == kind and (refs is None or m.ref in refs) and m.span.holds(on)
                   for m in self._by_person.get(slug, ()))

    def _seated(self, slug: str, fractie: str | None, on: date | None) -> bool:
        """A member on the date: of that fractie, or of the chamber with the fractie not recorded."""
        return any(m.span.holds(on) and ((m.kind == "fractie" and (fractie is None or m.ref == fractie))
                                         or m.kind == "kamer")
                   for m in self._by_person.get(slug, ()))

    def _candidates(self, words: list[str]) -> tuple[list[_PersonRow], str, bool]:
        """(people, given names left over, exact?) for the words of a name as written: the longest
        tail that is a surname ("Hanke Bruins Slot" -> "bruins slot"), else an OCR or part match."""
        for k in range(len(words)):
            hit = self._by_surname.get(compact(" ".join(words[k:])))
            if hit:
                return hit, " ".join(words[:k]), True
        surname = words[-1] if words else ""
        tail = " ".join(words)
        for key in ocr_variants(compact(tail)):
            hit = self._by_surname.get(key)
            if hit:
                return hit, "", False
        for part in surname_parts(tail):
            hit = self._by_surname.get(compact(part))
            if hit:
                return hit, "", False
        hit = self._by_part.get(compact(tail))
        if hit:  # one part of a double surname the register holds
            return hit, "", False
        return [], surname, True

    @memoized
    def person(self, name: str, *, fractie: Fractie | None = None, role: str | None = None,
               on: date | None = None, portfolio: str | None = None) -> Person | None:
        """The one person a name as written names, narrowed by given name, initials, fractie, role
        (and portfolio) and date. None when nobody or more than one person fits: no guessing."""
        given, initials, surname = split_name(name)
        words = norm(f"{given} {surname}").split(" ")
        cands, given, exact = self._candidates(words)
        if given:
            cands = [p for p in cands if not p.given or p.given == norm(given)] or cands
        if initials:
            cands = [p for p in cands if not p.initials or p.initials.startswith(compact(initials))]
        if on is not None or len(cands) > 1:
            if role in ("minister", "staatssecretaris", "minister-president"):
                posts = None
                if portfolio:
                    post = self.post(role, portfolio, on)
                    posts = {post.slug} if post else None
                if posts is None:
                    posts = {r.post.slug for r in self._posts if r.role == role}
                held = [p for p in cands if self._holds(p.person.slug, "post", posts, on)]
                if not held and on is not None:
                    # an answer is signed before it is received: a tenure that ended in the days between
                    signed = on - timedelta(days=SIGNING_DAYS)
                    held = [p for p in cands if self._holds(p.person.slug, "post", posts, signed)]
                if not held and portfolio:
                    # the sources may file the tenure under another portfolio (Wikidata's label):
                    # the one person of that name in that role on the date is still that person
                    any_post = {r.post.slug for r in self._posts if r.role == role}
                    held = [p for p in cands if self._holds(p.person.slug, "post", any_post, on)]
                cands = held
            elif fractie is not None:
                cands = [p for p in cands if self._seated(p.person.slug, fractie.slug, on)]
            elif on is not None:
                cands = [p for p in cands if self._by_person.get(p.person.slug)
                         and any(m.span.holds(on) for m in self._by_person[p.person.slug])]
        if len(cands) != 1 or (not exact and on is None):
            self._miss("person", name)
            return None
        return cands[0].person

    def has_person(self, slug: str) -> bool:
        return slug in self._person_slugs

    def fracties_of(self, person: Person, on: date | None = None) -> list[Fractie]:
        return [self._fractie_by_slug[m.ref].fractie for m in self._by_person.get(person.slug, ())
                if m.kind == "fractie" and m.span.holds(on)]

    @memoized
    def membership_span(self, person: Person, kind: str, ref: str,
                        on: date | None = None) -> tuple[date | None, date | None] | None:
        """(begin, end) of the membership of a fractie ("fractie", slug) or tenure of a post ("post",
        slug) that holds on the date, as the register records it; None when it records none."""
        for m in self._by_person.get(person.slug, ()):
            if m.kind == kind and m.ref == ref and m.span.holds(on):
                return (m.span.begin, m.span.end)
        return None

    def posts_of(self, person: Person, on: date | None = None) -> list[Post]:
        return [self._post_by_slug[m.ref].post for m in self._by_person.get(person.slug, ())
                if m.kind == "post" and m.span.holds(on)]
