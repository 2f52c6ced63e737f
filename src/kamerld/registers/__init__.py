"""The registers: ministries, posts, fracties and people as data files, looked up by name and date.

The facts live in the TSV files next to this module (sources in SOURCES.md); this module only
loads them once per process and answers "which X does this text name on this date?". A lookup that
finds nothing returns None (or []) and is recorded, so a run report can list what a curator should
add (`Registers.unresolved`). Nothing here guesses: an ambiguous name is a miss.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

from ..errors import PackageDataError
from ..model import Fractie, Ministry, Person, Post
from .matching import ocr_variants, surname_parts
from .names import compact, name_key, norm, one_edit, slugify, split_name, title_key

__all__ = ["Registers", "get_registers", "norm", "compact", "name_key", "split_name", "slugify"]

# ---- rows as loaded -----------------------------------------------------------------------------


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


def _read(name: str) -> list[dict[str, str]]:
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


# ---- the registers ------------------------------------------------------------------------------

#: days an answer may take from signature to receipt (a minister who left in between still signed it)
SIGNING_DAYS = 14
_TK_PERSOON = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon"
_WIKIDATA = "http://www.wikidata.org/entity/"
_PARLEMENT = "https://www.parlement.com/id/"

_ROLE_WORDS = [  # compact role words, longest first
    ("staatssecretarissen", "staatssecretaris"),
    ("staatssecretaris", "staatssecretaris"),
    ("ministers", "minister"),
    ("minister", "minister"),
]
_SKIP_WORDS = ("en", "de", "het", "&")


class Registers:
    """All registers, loaded from the package's TSV files. Use `get_registers()`."""

    def __init__(self) -> None:
        self._misses: dict[tuple[str, str], None] = {}
        self._ministries = self._load_ministries()
        by_key = {r.key: r for r in self._ministries}
        self._posts = self._load_posts(by_key)
        self._post_by_slug = {r.post.slug: r for r in self._posts}
        self._fracties = self._load_fracties()
        self._fractie_by_slug = {r.fractie.slug: r for r in self._fracties}
        self._persons, self._memberships = self._load_persons()
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
        # Lookups are pure functions of their arguments and the same few names recur in every
        # document (askers, ministers, ministries): remember answers per process. Misses were
        # recorded on the first call, which is all `unresolved()` needs.
        for name in ("ministry", "post", "fractie", "person", "membership_span"):
            setattr(self, name, functools.lru_cache(maxsize=8192)(getattr(self, name)))
        posts = functools.lru_cache(maxsize=8192)(
            lambda text, on=None: tuple(Registers.posts(self, text, on)))
        self.posts = lambda text, on=None: list(posts(text, on))  # type: ignore[method-assign]

    # -- loading

    @staticmethod
    def _load_ministries() -> list[_MinistryRow]:
        rows = []
        for r in _read("ministries.tsv"):
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

    @staticmethod
    def _load_posts(ministries: dict[str, _MinistryRow]) -> list[_PostRow]:
        rows = []
        for r in _read("posts.tsv"):
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

    @staticmethod
    def _load_fracties() -> list[_FractieRow]:
        rows = []
        for r in _read("fracties.tsv"):
            where = f"fracties.tsv ({r['slug']})"
            same_as = (f"{_WIKIDATA}{r['wikidata']}",) if r["wikidata"] else ()
            fractie = Fractie(slug=r["slug"], name=r["name"], notation=r["notation"], same_as=same_as)
            keys = {compact(k) for k in [r["name"], r["notation"], *_split(r["aliases"])]}
            rows.append(_FractieRow(fractie, tuple(sorted(keys)), _Span(_date(r["begin"], where),
                                                                          _date(r["end"], where))))
        return rows

    def _load_persons(self) -> tuple[list[_PersonRow], list[_Membership]]:
        persons = []
        for r in _read("persons.tsv"):
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
        for r in _read("memberships.tsv"):
            where = f"memberships.tsv ({r['person']} {r['ref']})"
            if r["person"] not in slugs:
                raise PackageDataError(f"unknown person {r['person']!r}", path=where)
            if r["kind"] == "kamer":
                if r["ref"] not in ("TK", "EK"):
                    raise PackageDataError(f"unknown chamber {r['ref']!r}", path=where)
            else:
                known = self._fractie_by_slug if r["kind"] == "fractie" else self._post_by_slug
                if r["ref"] not in known:
                    raise PackageDataError(f"unknown {r['kind']} {r['ref']!r}", path=where)
            memberships.append(_Membership(r["person"], r["kind"], r["ref"],
                                           _Span(_date(r["begin"], where), _date(r["end"], where))))
        return persons, memberships

    # -- bookkeeping

    def _miss(self, kind: str, text: str) -> None:
        self._misses[(kind, text.strip())] = None

    def unresolved(self) -> list[tuple[str, str]]:
        """(kind, text as written) of every lookup that found nothing in this process, in order."""
        return list(self._misses)

    def note_unresolved(self, kind: str, text: str) -> None:
        """Record a miss found by a caller (attribution makes local entries for these)."""
        self._miss(kind, text)

    #: columns shown by `kamerld registers` per register file
    LISTING = {
        "ministries": ("ministries.tsv", ("code", "uri", "name", "abbreviations", "begin", "end")),
        "posts": ("posts.tsv", ("slug", "label", "ministry", "begin", "end")),
        "fracties": ("fracties.tsv", ("slug", "notation", "name", "begin", "end")),
        "persons": ("persons.tsv", ("slug", "name", "initials", "surname")),
    }

    def listing(self, kind: str = "all") -> list[str]:
        """Tab-separated lines of what a register holds, straight from its data file."""
        kinds = list(self.LISTING) if kind == "all" else [kind]
        lines: list[str] = []
        for k in kinds:
            name, cols = self.LISTING[k]
            lines.append(f"# {k} ({name})")
            lines.append("\t".join(cols))
            lines.extend("\t".join(row.get(c, "") for c in cols) for row in _read(name))
        return lines

    def coverage(self) -> list[dict[str, str | int]]:
        """Per register: rows, the first and last year its rows are valid, and what the rows carry.
        A row without a begin counts from its end (and without either, it does not bound the years)."""
        def years(spans: list[_Span]) -> tuple[str, str]:
            firsts = [s.begin.year for s in spans if s.begin] or [s.end.year for s in spans if s.end]
            open_ = any(s.end is None for s in spans)
            lasts = [s.end.year for s in spans if s.end]
            return (str(min(firsts)) if firsts else "-",
                    "open" if open_ else (str(max(lasts)) if lasts else "-"))

        persons = [p.person for p in self._persons]
        rows: list[dict[str, str | int]] = []
        for name, spans, detail in (
            ("ministries", [r.span for r in self._ministries],
             f"{len({r.ministry.uri for r in self._ministries})} organisations, "
             f"{sum(r.tooi for r in self._ministries)} names with a TOOI URI, "
             f"{sum(r.ministry.version is not None for r in self._ministries)} TOOI historic versions"),
            ("posts", [r.span for r in self._posts],
             f"{sum(r.role == 'minister' for r in self._posts)} minister, "
             f"{sum(r.role == 'staatssecretaris' for r in self._posts)} staatssecretaris"),
            ("fracties", [r.span for r in self._fracties], ""),
            ("persons", [m.span for m in self._memberships],
             f"{sum(any('tweedekamer' in u for u in p.same_as) for p in persons)} with a TK Persoon id, "
             f"{sum(any('wikidata' in u for u in p.same_as) for p in persons)} with a Wikidata id, "
             f"{sum(any('parlement.com' in u for u in p.same_as) for p in persons)} with a parlement.com id"),
            ("memberships", [m.span for m in self._memberships],
             ", ".join(f"{sum(m.kind == k for m in self._memberships)} {k}"
                       for k in ("fractie", "post", "kamer"))),
        ):
            first, last = years(spans)
            count = {"ministries": len(self._ministries), "posts": len(self._posts),
                     "fracties": len(self._fracties), "persons": len(self._persons),
                     "memberships": len(self._memberships)}[name]
            rows.append({"register": name, "rows": count, "from": first, "to": last, "detail": detail})
        return rows

    def summary(self) -> dict[str, int]:
        return {
            "ministries": len({r.ministry.uri for r in self._ministries}),
            "ministry_names": len(self._ministries),
            "posts": len(self._posts),
            "fracties": len(self._fracties),
            "persons": len(self._persons),
            "memberships": len(self._memberships),
            "unresolved": len(self._misses),
        }

    # -- ministries

    @staticmethod
    def _pick(rows: list, on: date | None):
        """The row valid on the date; without a date the current one, else the latest."""
        valid = [r for r in rows if r.span.holds(on)]
        if on is None and len(valid) > 1:
            valid.sort(key=lambda r: (r.span.current, r.span.begin or date.min), reverse=True)
        return valid[0] if valid else None

    def _ministry_row(self, text: str, on: date | None) -> _MinistryRow | None:
        key = title_key(re.sub(r"^\s*(?:het\s+)?(?:ministerie|min\.)\s*(?:van\s*)?", "", text, flags=re.I))
        if not key:
            return None
        rows = [r for r in self._ministries if key in r.names or key in r.abbreviations]
        if not rows and len(key) >= 20:
            # a long name with a slip of the pen ("Koninkrijkrelaties"): one edit away from exactly one
            # known name, never a different ministry of similar name (those differ by whole words)
            near = [r for r in self._ministries if any(one_edit(key, n) for n in r.names)]
            if len({r.ministry.uri for r in near}) == 1:
                rows = near
        return self._pick(rows, on)

    def ministry(self, text: str, on: date | None = None) -> Ministry | None:
        """The ministry a name, short name or abbreviation names on a date ("BZK", "Justitie en
        Veiligheid", "ministerie van Economische Zaken"); names reused over time resolve by date."""
        row = self._ministry_row(text, on)
        if row is None:
            self._miss("ministry", text)
            return None
        return row.ministry

    def is_tooi(self, ministry: Ministry) -> bool:
        return any(r.tooi for r in self._ministries if r.ministry.uri == ministry.uri)

    def successors(self, ministry: Ministry) -> list[Ministry]:
        """What a ministry (name version) was renamed, merged or split into."""
        by_key = {r.key: r for r in self._ministries}
        row = next((r for r in self._ministries if r.ministry == ministry), None)
        return [by_key[k].ministry for k in row.successors] if row else []

    # -- posts

    def _post_rows(self, role: str, prep: str, on: date | None) -> list[tuple[str, _PostRow]]:
        """(compact title, row) for one role and preposition, valid on the date."""
        out = []
        for r in self._posts:
            if r.role == role and r.prep == prep and r.span.holds(on):
                out.extend((t, r) for t in (r.title, *r.aliases))
        return out

    def _title_at(self, c: str, i: int, role: str, prep: str, on: date | None) -> tuple[int, _PostRow] | None:
        """The longest post title of this role starting at c[i]; "voor" falls back to "van" and back
        (documents write "Minister voor Economische Zaken"), and ministry abbreviations count too."""
        for p in (prep, "voor" if prep == "van" else "van"):
            cands = [(t, r) for t, r in self._post_rows(role, p, on) if c.startswith(t, i)]
            if cands:
                t, r = max(cands, key=lambda tr: (len(tr[0]), tr[1].span.current))
                return len(t), r
        if slip := self._title_slip(c, i, role, prep, on):
            return slip
        for mrow in self._ministries:  # "minister van BZK"
            for a in mrow.abbreviations:
                if c.startswith(a, i) and (i + len(a) == len(c) or c.startswith("en", i + len(a))):
                    post = self._ministry_post(mrow, role, on)
                    if post is not None:
                        return len(a), post
        return None

    def _title_slip(
        self, c: str, i: int, role: str, prep: str, on: date | None
    ) -> tuple[int, _PostRow] | None:
        """A long title with a slip of the pen ("Binnenlandse Zaken en Koninkrijkrelaties"), the rule
        `_ministry_row` applies to ministry names: one edit away from exactly one title."""
        near = {}
        for t, r in self._post_rows(role, prep, on):
            if len(t) < 20:
                continue
            for n in (len(t) - 1, len(t), len(t) + 1):
                if one_edit(c[i:i + n], t):
                    near.setdefault(r.post.slug, (n, r))
        return next(iter(near.values())) if len(near) == 1 else None

    def _ministry_post(self, mrow: _MinistryRow, role: str, on: date | None) -> _PostRow | None:
        rows = [r for r in self._posts if r.role == role and r.prep == "van"
                and r.post.ministry == mrow.ministry and r.span.holds(on)]
        return rows[0] if rows else None

    def posts(self, text: str, on: date | None = None) -> list[Post]:
        """Every post a phrase names: "de Ministers van Financiën en voor Buitenlandse Handel en
        Ontwikkelingshulp", "de Minister en Staatssecretaris van BZK", "de minister-president".
        Names are matched longest first, so "en" inside a ministry name never splits it."""
        c = title_key(text)
        found: list[Post] = []
        roles: list[str] = []
        prep = "van"
        emitted_since_role = False
        i = 0
        while i < len(c):
            if c.startswith(("ministerpresident", "premier"), i):
                i += len("ministerpresident") if c.startswith("ministerpresident", i) else len("premier")
                row = self._pick([r for r in self._posts if r.role == "minister-president"], on)
                if row:
                    found.append(row.post)
                continue
            role_word = next(((w, r) for w, r in _ROLE_WORDS if c.startswith(w, i)), None)
            if role_word:
                if emitted_since_role:
                    roles, emitted_since_role = [], False
                if role_word[1] not in roles:
                    roles.append(role_word[1])
                i += len(role_word[0])
                continue
            if roles and c.startswith(("van", "voor"), i):
                p = "voor" if c.startswith("voor", i) else "van"
                hit = None
                if c.startswith(p, i):
                    hit = [self._title_at(c, i + len(p), role, p, on) for role in roles]
                if hit and all(h is not None for h in hit):
                    for h in hit:
                        found.append(h[1].post)
                    i += len(p) + max(h[0] for h in hit)
                    prep, emitted_since_role = p, True
                    continue
            if roles and emitted_since_role:  # "..., voor Buitenlandse Handel" / "en Y" after a post
                hit = [self._title_at(c, i, role, prep, on) for role in roles]
                if all(h is not None for h in hit):
                    for h in hit:
                        found.append(h[1].post)
                    i += max(h[0] for h in hit)
                    continue
            skip = next((w for w in _SKIP_WORDS if c.startswith(w, i)), None)
            if skip:
                i += len(skip)
                continue
            if found:
                break  # text after the last post ("over het bericht ...")
            i += 1
        unique = list(dict.fromkeys(found))
        if not unique:
            self._miss("post", text)
        return unique

    def post(self, role: str, portfolio: str, on: date | None = None) -> Post | None:
        """The post of a role with a bracketed portfolio: ("minister", "Justitie en Veiligheid")."""
        role = role.lower()
        if role == "minister-president":
            row = self._pick([r for r in self._posts if r.role == "minister-president"], on)
            return row.post if row else None
        key = title_key(portfolio)
        for prep in ("van", "voor"):
            rows = [r for t, r in self._post_rows(role, prep, on) if t == key]
            if rows:
                return rows[0].post
        mrow = self._ministry_row(portfolio, on)
        if mrow is not None:
            row = self._ministry_post(mrow, role, on)
            if row:
                return row.post
        self._miss("post", f"{role} ({portfolio})")
        return None

    # -- fracties

    def fractie(self, text: str, on: date | None = None) -> Fractie | None:
        """The fractie an abbreviation or name names ("VVD", "VVD-fractie", "GL-PvdA", "beiden CDA")."""
        t = re.sub(r"^\s*(?:beiden|allen|alle drie|de|het)\s+", "", text.strip(), flags=re.I)
        t = re.sub(r"^(?:fractie|groep)\s+van\s+(?:de|het)\s+", "", t, flags=re.I)
        t = re.sub(r"[\s-]*fractie$", "", t, flags=re.I)
        key = compact(t)
        rows = [r for r in self._fracties if key in r.keys]
        row = self._pick(rows, on) or (self._pick(rows, None) if rows else None)
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


@functools.cache
def get_registers() -> Registers:
    """The registers, loaded once per process."""
    return Registers()
