"""Posts: a minister and a staatssecretaris post for every ministry version, the ministers "voor"
(without a ministry of their own) that the sources name, and the minister-president.

A post's label is the one of its date: polder names the minister of Economische Zaken of 1977 after
the 2017 ministry ("Minister van Economische Zaken en Klimaat"); such a mandate is moved to the post
of the ministry version valid then, through the lineage of its polder organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..names import compact, slugify
from .ministries import MinistryVersion
from .sources import iso

COLUMNS = ("slug", "label", "role", "ministry", "begin", "end", "aliases", "source", "note")

_ROLE = re.compile(
    r"^(?:Nederlands\s+)?(?:Tweede\s+)?(minister|staatssecretaris)\s*(van|voor)?\s+(.+)$", re.I
)
_ZONDER = re.compile(r"^Minister zonder portefeuille\s*(?:\((.+?)\)|,\s*belast met\s+(.+?))(?:;.*)?$", re.I)


@dataclass
class PostRow:
    slug: str
    label: str
    role: str  # minister, staatssecretaris, minister-president
    ministry: MinistryVersion | None
    begin: date | None
    end: date | None
    aliases: list[str]
    source: str
    note: str = ""
    open_ended: bool = False


@dataclass(frozen=True)
class Parsed:
    role: str
    prep: str  # "van", "voor" or "" (staatssecretaris with a portfolio, minister-president)
    title: str


def parse_role(text: str) -> Parsed | None:
    """The role, preposition and title of a mandate's role text as polder writes it."""
    text = text.strip()
    if re.match(r"^minister-president", text, re.I):
        return Parsed("minister-president", "", "")
    m = _ZONDER.match(text)
    if m:
        title = (m.group(1) or m.group(2)).strip()
        title = re.sub(r"^de aangelegenheden betreffende\s+", "", title)
        return Parsed("minister", "voor", title)
    m = _ROLE.match(text)
    if not m:
        return None
    return Parsed(m.group(1).lower(), (m.group(2) or "").lower(), m.group(3).strip())


class PostTable:
    def __init__(self, versions: list[MinistryVersion]):
        self.versions = versions
        self._derived: dict[tuple[str, str], PostRow] = {}  # (role, ministry key) -> post
        self._voor: dict[str, PostRow] = {}  # compact label -> post
        self.pm: PostRow | None = None
        az = next((m for m in versions if m.key == "az"), None)
        self.pm = PostRow(
            "minister-president",
            "minister-president",
            "minister-president",
            az,
            None,
            None,
            ["minister van Algemene Zaken", "premier"],
            "derived",
            "the prime minister is also minister van Algemene Zaken",
        )
        for m in versions:
            for role in ("minister", "staatssecretaris"):
                if m.key == "az" and role == "minister":
                    continue  # the minister-president is the minister van Algemene Zaken
                label = f"{role} van {m.name}"
                self._derived[(role, m.key)] = PostRow(
                    "",
                    label,
                    role,
                    m,
                    m.begin,
                    m.end,
                    [],
                    "derived",
                    "one post per role and ministry version",
                )

    # -- looking up versions

    def named(self, title: str, on: date) -> MinistryVersion | None:
        """The ministry version a title names, if that name is valid on the date."""
        key = compact(title)
        hits = [m for m in self.versions if compact(m.name) == key and m.holds(on)]
        return hits[0] if hits else None

    def lineage(self, org: str, begin: date, end: date | None) -> list[MinistryVersion]:
        """The versions of a polder organisation that overlap [begin, end], in order."""
        hits = [
            m
            for m in self.versions
            if org in m.lineage
            and (m.end is None or m.end >= begin)
            and (end is None or m.begin is None or m.begin <= end)
        ]
        return sorted(hits, key=lambda m: m.begin or date.min)

    # -- posts

    def has_derived(self, role: str, version: MinistryVersion) -> bool:
        return (role, version.key) in self._derived

    def derived(self, role: str, version: MinistryVersion) -> PostRow:
        return self._derived[(role, version.key)]

    def has_voor(self, role: str, title: str) -> bool:
        return compact(f"{role} voor {title}") in self._voor

    def voor(self, role: str, title: str, version: MinistryVersion | None, source: str) -> PostRow:
        label = f"{role} voor {title}"
        key = compact(label)
        key = next((k for k, p in self._voor.items() if key in {compact(a) for a in p.aliases}), key)
        if key not in self._voor:
            self._voor[key] = PostRow(
                "",
                label,
                role,
                version,
                None,
                None,
                [],
                source,
                "dates: the first and last day its holders held it",
            )
        post = self._voor[key]
        if source not in post.source.split("|"):
            post.source += f"|{source}"
        return post

    def add_hand(
        self, row: dict[str, str], versions: dict[str, MinistryVersion], begin: date | None, end: date | None
    ) -> None:
        """A post "voor" as kept by hand: its ministry, and dates that holders may widen."""
        self._voor[compact(row["label"])] = PostRow(
            "",
            row["label"],
            row["label"].split(" ", 1)[0],
            versions.get(row["ministry"]),
            begin,
            end,
            [a for a in row["aliases"].split("|") if a],
            "hand",
            row["note"],
            open_ended=end is None,
        )

    def stretch(self, post: PostRow, begin: date, end: date | None) -> None:
        """A post "voor" is valid from its first holder's first day to its last holder's last day."""
        if post.source == "derived":
            return
        if post.begin is None or begin < post.begin:
            post.begin = begin
        if not post.open_ended:
            if end is None:
                post.open_ended, post.end = True, None
            elif post.end is None or end > post.end:
                post.end = end

    def rows(self) -> list[PostRow]:
        posts = [self.pm, *self._derived.values(), *self._voor.values()]
        _slugs(posts)
        return posts


def _slugs(posts: list[PostRow]) -> None:
    """The slug of a post is its label; a label used by several posts over time keeps the plain slug
    for the earliest and gets the year it began for the later ones, so no URI changes when a new
    cabinet reuses a name."""
    by_slug: dict[str, list[PostRow]] = {}
    for p in posts:
        by_slug.setdefault(slugify(p.label), []).append(p)
    for slug, group in by_slug.items():
        group.sort(key=lambda p: p.begin or date.min)
        for i, p in enumerate(group):
            p.slug = slug if i == 0 else f"{slug}-{p.begin.year if p.begin else i}"


def post_rows(posts: list[PostRow]) -> list[dict[str, str]]:
    return [
        {
            "slug": p.slug,
            "label": p.label,
            "role": p.role,
            "ministry": p.ministry.key if p.ministry else "",
            "begin": iso(p.begin),
            "end": iso(p.end),
            "aliases": "|".join(p.aliases),
            "source": p.source,
            "note": p.note,
        }
        for p in sorted(posts, key=lambda p: p.slug)
    ]
