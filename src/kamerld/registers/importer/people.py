"""People and what they held: polder's persons (TK Persoon ids, Wikidata, mandates with dates) joined
with openkamer's (TK ids, Wikidata, parlement.com ids, Tweede Kamer and party memberships), and the
hand-kept few no source has.

Persons are joined on the TK Persoon id, then the Wikidata id, then surname and year of birth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...errors import InputError
from ..names import compact, norm, slugify
from .fracties import FractieTable
from .posts import PostRow, PostTable, parse_role
from .sources import POLDER_PERSONS, Sources, before, day, iso, read_tsv

PERSON_COLUMNS = (
    "slug",
    "name",
    "given_name",
    "initials",
    "surname",
    "aliases",
    "born",
    "tk_persoon_id",
    "wikidata",
    "parlement_id",
    "source",
    "note",
)
MEMBERSHIP_COLUMNS = ("person", "kind", "ref", "chamber", "portfolio", "begin", "end", "source", "note")

_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "op", "la", "le", "du", "d'"}
_CHAMBERS = {"org:tweede-kamer": "TK", "org:eerste-kamer": "EK"}


@dataclass
class PersonRow:
    given: str
    initials: str
    surname: str
    born: str = ""  # year
    tk_id: str = ""
    wikidata: str = ""
    parlement_id: str = ""
    aliases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    note: str = ""
    slug: str = ""
    polder: list[tuple[str, dict]] = field(default_factory=list)
    openkamer_pk: int | None = None

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}".strip()


@dataclass
class Membership:
    person: PersonRow
    kind: str  # fractie, post, kamer
    ref: str
    chamber: str
    portfolio: str
    begin: date | None
    end: date | None
    source: str
    note: str = ""


def surname_of(full: str, family: str, tussenvoegsel: str = "") -> str:
    """The surname with its particles: polder's `family` sometimes drops them ("Jonge" for Hugo
    de Jonge, "Dorp" for Clémence Ross-van Dorp); the full name still has them."""
    if tussenvoegsel:
        return f"{tussenvoegsel} {family}".strip()
    tokens = full.split()
    low = [norm(t) for t in tokens]
    fam = norm(family)
    idx = next((i for i in range(len(tokens) - 1, -1, -1) if low[i] == fam or low[i].endswith(fam)), None)
    if idx is None or " " in family:
        return family
    start = idx
    while start > 0 and (
        low[start - 1] in _PARTICLES
        or low[start - 1].endswith(tuple(f"-{p}" for p in _PARTICLES))
        or low[start - 1].endswith("-")
    ):
        start -= 1
    if start == idx and low[idx] != fam:  # "Kraaijeveld-Wouters" for family "Wouters": the whole token
        return tokens[idx] if low[idx].endswith(f"-{fam}") else family
    return " ".join(tokens[start : idx + 1]) if start < idx else tokens[idx] if low[idx] == fam else family


def _year(value) -> str:
    return str(value)[:4] if value else ""


class People:
    def __init__(
        self, src: Sources, hand: Path, fracties: FractieTable, posts: PostTable, swearing_in: set[date]
    ):
        self.src, self.hand, self.fracties, self.posts = src, hand, fracties, posts
        self.swearing_in = swearing_in
        self.persons: list[PersonRow] = []
        self.memberships: list[Membership] = []
        self.skipped: dict[str, int] = {}
        self._posts_of: dict[int, PostRow] = {}  # membership id -> post, while slugs are not known yet
        self._polder()
        self._openkamer()
        self._dedupe()
        self._hand()
        self._slugs()

    # -- persons

    def _polder(self) -> None:
        by_wd: dict[str, PersonRow] = {}
        for rel, rec in self.src.yaml_folder(POLDER_PERSONS):
            mandates = [m for m in rec.get("mandaten") or [] if _relevant(m)]
            if not mandates:
                continue  # civil servants and local politicians: not askers or answerers
            n = rec.get("name") or {}
            ids = rec.get("identifiers") or {}
            family = n.get("family") or ""
            if not family or re.fullmatch(r"Q\d+", family):
                self._skip("polder persons without a name")
                continue
            full = re.sub(r"\s*\([^()]*\)", "", n.get("full") or "").strip()
            full = re.sub(r"-\s+", "-", full)  # "Kraaijeveld- Wouters"
            family = re.sub(r"-\s+", "-", family)
            given = (n.get("given") or "").split()
            while given and given[-1].endswith("-"):  # given "Jeltien Kraaijeveld-", family "Wouters"
                given.pop()
            p = PersonRow(
                given=" ".join(given),
                initials=n.get("initials") or "",
                surname=surname_of(full, family, n.get("tussenvoegsel") or ""),
                born=_year((rec.get("birth") or {}).get("year")),
                tk_id=ids.get("tk_persoon_id") or "",
                wikidata=ids.get("wikidata") or "",
                sources=[f"polder:{rel}"],
                polder=[(rel, rec)],
            )
            twin = by_wd.get(p.wikidata) if p.wikidata else None
            if twin is not None:
                # polder keeps some people twice: once from Wikidata (posts), once from TK OData (seats)
                _merge(twin, p)
                continue
            if p.wikidata:
                by_wd[p.wikidata] = p
            self.persons.append(p)

    def _openkamer(self) -> None:
        fx = self.src.fixture("person.json").get("person.person", {})
        by_tk = {p.tk_id: p for p in self.persons if p.tk_id}
        by_wd = {p.wikidata: p for p in self.persons if p.wikidata}
        by_name: dict[tuple[str, str], list[PersonRow]] = {}
        for p in self.persons:
            by_name.setdefault((compact(p.surname), p.born), []).append(p)
        for pk, f in sorted(fx.items()):
            surname = re.sub(r"-\s+", "-", f"{f['surname_prefix']} {f['surname']}".strip())
            born = _year(f.get("birthdate"))
            match = by_tk.get(f.get("tk_id") or "-") or by_wd.get(f.get("wikidata_id") or "-")
            if match is None and born:
                same = by_name.get((compact(surname), born), [])
                match = same[0] if len(same) == 1 else None
            source = f"openkamer:person.json#{pk}"
            if match is None:
                if not f["surname"] or not (
                    f.get("tk_id") or f.get("wikidata_id") or f.get("parlement_and_politiek_id")
                ):
                    self.skipped["openkamer persons without name or any identifier"] = (
                        self.skipped.get("openkamer persons without name or any identifier", 0) + 1
                    )
                    continue
                match = PersonRow(
                    given=_forename(f["forename"], surname),
                    initials=f["initials"],
                    surname=surname,
                    born=born,
                )
                self.persons.append(match)
            else:
                # openkamer keeps particles apart: its surname is the cleaner one
                if compact(match.surname).endswith(compact(surname)):
                    pass  # polder's is the longer: openkamer moved part of it into the forename
                else:
                    if surname and compact(surname) != compact(match.surname):
                        match.aliases.append(match.surname)
                    match.surname = surname or match.surname
                match.given = match.given or _forename(f["forename"], surname)
                match.initials = match.initials or f["initials"]
                match.born = match.born or born
            match.tk_id = match.tk_id or f.get("tk_id") or ""
            match.wikidata = match.wikidata or f.get("wikidata_id") or ""
            match.parlement_id = f.get("parlement_and_politiek_id") or ""
            match.openkamer_pk = pk
            match.sources.append(source)

    def _dedupe(self) -> None:
        """openkamer may give a polder record the Wikidata id its twin in polder already had."""
        seen: dict[str, PersonRow] = {}
        keep = []
        for p in self.persons:
            twin = seen.get(p.wikidata) if p.wikidata else None
            if twin is not None and (not twin.tk_id or not p.tk_id or twin.tk_id == p.tk_id):
                _merge(twin, p)
                twin.parlement_id = twin.parlement_id or p.parlement_id
                twin.openkamer_pk = twin.openkamer_pk if twin.openkamer_pk is not None else p.openkamer_pk
                continue
            if p.wikidata:
                seen[p.wikidata] = p
            keep.append(p)
        self.persons = keep

    def _hand(self) -> None:
        path = self.hand / "persons.tsv"
        by_id = {p.tk_id: p for p in self.persons if p.tk_id} | {
            p.wikidata: p for p in self.persons if p.wikidata
        }
        for r in read_tsv(path):
            if r["match"]:  # aliases for a person the sources hold
                p = by_id.get(r["match"])
                if p is None:
                    raise InputError(f"no person with id {r['match']!r} in the sources", path=str(path))
                p.aliases += [a for a in r["aliases"].split("|") if a and a not in p.aliases]
                p.sources.append("hand")
                continue
            p = PersonRow(
                given=r["given_name"],
                initials=r["initials"],
                surname=r["surname"],
                born=r["born"],
                aliases=[a for a in r["aliases"].split("|") if a],
                sources=["hand"],
                note=r["note"],
            )
            self.persons.append(p)
            for m in r["memberships"].split("|"):
                if not m:
                    continue
                kind, ref, begin, end = m.split(",")
                self.memberships.append(
                    Membership(
                        p,
                        kind,
                        ref,
                        "TK" if kind == "fractie" else "",
                        "",
                        day(begin, str(path)),
                        day(end, str(path)),
                        "hand",
                    )
                )

    def _slugs(self) -> None:
        """`given-name-surname`; a second person of that name gets the year of birth."""
        base = {id(p): slugify(p.name) for p in self.persons}
        count: dict[str, int] = {}
        for p in self.persons:
            count[base[id(p)]] = count.get(base[id(p)], 0) + 1
        taken: set[str] = set()
        for p in sorted(self.persons, key=lambda p: (p.born or "9999", p.name)):
            slug = base[id(p)]
            if count[slug] > 1:
                slug = f"{slug}-{p.born}" if p.born else slug
            while slug in taken:
                slug += "-2"
            taken.add(slug)
            p.slug = slug

    # -- memberships

    def build_memberships(self) -> None:
        for p in self.persons:
            for rel, rec in p.polder:
                self._polder_mandates(p, rel, rec)
        self._openkamer_memberships()
        self._close_handovers()

    def _polder_mandates(self, p: PersonRow, rel: str, rec: dict) -> None:
        for m in rec.get("mandaten") or []:
            if not _relevant(m):
                continue
            begin, end = day(m.get("start_date"), rel), day(m.get("end_date"), rel)
            if begin is None:
                self._skip("mandates without a start date")
                continue
            source = _mandate_source(m, rel)
            org = m["organization_id"]
            if org in _CHAMBERS:
                chamber = _CHAMBERS[org]
                name = re.sub(
                    r"^(?:Kamerlid|Senator|Eerste Kamerlid)\s+voor\s+", "", m.get("role") or ""
                ).strip()
                if not name:
                    self._skip("chamber mandates without a fractie")
                    continue
                slug = self.fracties.named(name, chamber, source)
                self.memberships.append(Membership(p, "fractie", slug, chamber, "", begin, end, source))
                continue
            self._post_mandate(p, m, begin, end, source)

    def _post_mandate(self, p: PersonRow, m: dict, begin: date, end: date | None, source: str) -> None:
        parsed = parse_role(m.get("role") or "")
        if parsed is None:
            self._skip("post mandates whose role is not a minister or staatssecretaris")
            return
        if parsed.role == "minister-president":
            self.memberships.append(Membership(p, "post", "", "", "", begin, end, source, note="pm"))
            self._posts_of[id(self.memberships[-1])] = self.posts.pm
            return
        org = m["organization_id"]
        named = self.posts.named(parsed.title, begin) if parsed.prep == "van" else None
        if named is not None and parsed.title and compact(parsed.title) == compact("Algemene Zaken"):
            return  # the minister-president's other hat: the minister-president post covers it
        if parsed.prep == "van" and named is not None:
            versions = [v for v in self.posts.versions if v.uri == named.uri or v.key == named.key]
            versions = [
                v
                for v in versions
                if (v.end is None or v.end >= begin)
                and (end is None or v.begin is None or v.begin <= end)
                and compact(v.name) == compact(parsed.title)
            ] or [named]
        else:
            versions = self.posts.lineage(org, begin, end)
            if parsed.prep == "voor" and parsed.role == "minister":
                # a minister "voor" belongs to the ministry version of the day the post began
                versions = [v for v in versions if v.holds(begin)]
                if not versions and self.posts.has_voor("minister", parsed.title):
                    versions = [None]  # type: ignore[list-item]
        if not versions:
            self._skip("post mandates of a ministry this register does not hold (before 1945, or abroad)")
            return
        portfolio = parsed.title if parsed.prep != "van" and parsed.role == "staatssecretaris" else ""
        for v in versions:
            b = max(begin, v.begin) if v and v.begin else begin
            e = end if v is None or v.end is None else (v.end if end is None else min(end, v.end))
            if e is not None and e < b:
                continue
            if parsed.role == "minister" and parsed.prep == "voor":
                post = self.posts.voor("minister", parsed.title, v, "polder")
                self.posts.stretch(post, b, e)
            elif self.posts.has_derived(parsed.role, v):
                post = self.posts.derived(parsed.role, v)
            else:
                self._skip("mandates of a minister van Algemene Zaken that are not the minister-president's")
                continue
            ms = Membership(p, "post", "", "", portfolio, b, e, source)
            self.memberships.append(ms)
            self._posts_of[id(ms)] = post
            if parsed.role == "minister" and parsed.prep == "voor":
                break  # a minister "voor" keeps one post through a rename of the ministry around it

    def _openkamer_memberships(self) -> None:
        fx = self.src.fixture("parliament.json")
        seats = fx.get("parliament.parliamentmember", {})
        party_of: dict[int, list[tuple[int, int]]] = {}
        for pk, f in sorted(fx.get("parliament.partymember", {}).items()):
            party_of.setdefault(f["person"], []).append((pk, f["party"]))
        by_pk = {p.openkamer_pk: p for p in self.persons if p.openkamer_pk is not None}
        for pk, f in sorted(seats.items()):
            p = by_pk.get(f["person"])
            if p is None:
                continue
            where = f"openkamer/parliament.json#{pk}"
            begin, end = day(f["joined"], where), day(f["left"], where)
            if begin is None or (end is not None and end < date(1945, 1, 1)):
                continue
            covered = any(
                m.person is p and m.kind == "fractie" and m.chamber == "TK" and _overlap(m, begin, end)
                for m in self.memberships
            )
            if covered:
                continue
            parties = party_of.get(f["person"], [])
            source = f"openkamer:parliament.json#member/{pk}"
            if len(parties) == 1:
                slug = self.fracties.party(parties[0][1], "TK")
                self.memberships.append(
                    Membership(
                        p,
                        "fractie",
                        slug,
                        "TK",
                        "",
                        begin,
                        end,
                        f"{source}|openkamer:parliament.json#party-member/{parties[0][0]}",
                        "openkamer's party membership is undated: the fractie of the whole seat",
                    )
                )
            else:
                self.memberships.append(
                    Membership(
                        p,
                        "kamer",
                        "TK",
                        "TK",
                        "",
                        begin,
                        end,
                        source,
                        "fractie unknown: openkamer records no or several parties",
                    )
                )

    def _close_handovers(self) -> None:
        """polder ends a tenure on the day the successor starts (or the next cabinet is sworn in);
        kamerld's ends are inclusive."""
        starts: dict[str, set[date]] = {}
        for m in self.memberships:
            if m.kind == "post" and m.begin:
                starts.setdefault(self._post(m).label, set()).add(m.begin)
        for m in self.memberships:
            handover = (
                starts.get(self._post(m).label, set()) | self.swearing_in if m.kind == "post" else set()
            )
            if m.kind == "post" and m.end and m.end in handover and m.begin < m.end:
                m.end = before(m.end)

    def _post(self, m: Membership) -> PostRow:
        return self._posts_of[id(m)]

    def _skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    # -- tables

    def person_rows(self) -> list[dict[str, str]]:
        return [
            {
                "slug": p.slug,
                "name": p.name,
                "given_name": p.given,
                "initials": p.initials,
                "surname": p.surname,
                "aliases": "|".join(p.aliases),
                "born": p.born,
                "tk_persoon_id": p.tk_id,
                "wikidata": p.wikidata,
                "parlement_id": p.parlement_id,
                "source": "|".join(p.sources),
                "note": p.note,
            }
            for p in sorted(self.persons, key=lambda p: p.slug)
        ]

    def membership_rows(self) -> list[dict[str, str]]:
        rows = {}
        for m in self.memberships:
            ref = self._post(m).slug if m.kind == "post" else m.ref
            row = {
                "person": m.person.slug,
                "kind": m.kind,
                "ref": ref,
                "chamber": m.chamber,
                "portfolio": m.portfolio,
                "begin": iso(m.begin),
                "end": iso(m.end),
                "source": m.source,
                "note": m.note if m.note != "pm" else "",
            }
            key = (row["person"], row["kind"], row["ref"], row["begin"])
            if key in rows:  # polder lists some mandates twice (Wikidata and Staatscourant)
                old = rows[key]
                old["source"] = "|".join(dict.fromkeys(old["source"].split("|") + row["source"].split("|")))
                if not old["end"] or (row["end"] and row["end"] > old["end"]):
                    pass
                elif not row["end"]:
                    old["end"] = ""
                continue
            rows[key] = row
        return sorted(rows.values(), key=lambda r: (r["person"], r["begin"], r["kind"], r["ref"]))

    def fractie_spans(self) -> dict[str, tuple[str, str]]:
        spans: dict[str, tuple[str, str]] = {}
        for m in self.memberships:
            if m.kind != "fractie":
                continue
            b, e = iso(m.begin), iso(m.end)
            if m.ref in spans:
                ob, oe = spans[m.ref]
                b = min(ob, b) if ob and b else ""
                e = "" if not oe or not e else max(oe, e)
            spans[m.ref] = (b, e)
        return spans


def _merge(into: PersonRow, twin: PersonRow) -> None:
    """Join two records of one person; the one with the TK Persoon id has the official surname."""
    if twin.tk_id and not into.tk_id:
        into.surname, twin.surname = twin.surname, into.surname
        into.tk_id = twin.tk_id
    if compact(twin.surname) != compact(into.surname) and twin.surname not in into.aliases:
        into.aliases.append(twin.surname)
    into.given = into.given or twin.given
    into.initials = into.initials or twin.initials
    into.born = into.born or twin.born
    into.sources += twin.sources
    into.polder += twin.polder


def _forename(forename: str, surname: str) -> str:
    """openkamer's forename sometimes carries the start of a double surname ("Clémence Ross-van")."""
    parts = set(re.split(r"[\s-]+", surname.lower()))
    return " ".join(
        t for t in forename.split() if not t.endswith("-") and t.lower().split("-")[0] not in parts
    )


def _relevant(m: dict) -> bool:
    org, post = m.get("organization_id") or "", m.get("post_id") or ""
    return org in _CHAMBERS or post.startswith(("post:minister", "post:staatssecretaris"))


def _overlap(m: Membership, begin: date, end: date | None) -> bool:
    return (m.end is None or m.end >= begin) and (end is None or m.begin is None or m.begin <= end)


def _mandate_source(m: dict, rel: str) -> str:
    urls = [s.get("url") for s in m.get("sources") or [] if s.get("id") == "tk_odata" and s.get("url")]
    return f"polder:{rel}" + (f"|{urls[0]}" if urls else "")
