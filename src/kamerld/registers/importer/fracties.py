"""Fracties: the hand-kept list (names, notations and aliases as documents print them), joined with
openkamer's parties (Wikidata ids) and grown by every fractie the sources name in a membership.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..names import compact, slugify
from .sources import Sources, read_tsv

COLUMNS = ("slug", "name", "notation", "aliases", "chambers", "begin", "end", "wikidata", "source", "note")


@dataclass
class FractieRow:
    slug: str
    name: str
    notation: str
    aliases: list[str]
    chambers: list[str]
    begin: str
    end: str
    wikidata: str = ""
    sources: list[str] = field(default_factory=list)
    note: str = ""

    def keys(self) -> set[str]:
        return {compact(k) for k in (self.name, self.notation, *self.aliases) if k}


class FractieTable:
    """Fracties by slug, found by any name a source writes."""

    def __init__(self, src: Sources, hand: Path):
        self.rows: dict[str, FractieRow] = {}
        self._by_key: dict[str, str] = {}
        for r in read_tsv(hand / "fracties.tsv"):
            self._add(
                FractieRow(
                    r["slug"],
                    r["name"],
                    r["notation"],
                    _split(r["aliases"]),
                    _split(r["chambers"]),
                    r["begin"],
                    r["end"],
                    sources=["hand"],
                    note=r["note"],
                )
            )
        self.parties = src.fixture("parliament.json").get("parliament.politicalparty", {})
        for pk, f in sorted(self.parties.items()):
            slug = self.find(f["name"]) or self.find(f["name_short"])
            if slug is None:
                continue  # added when a membership names it
            row = self.rows[slug]
            if f.get("wikidata_id") and not row.wikidata:
                row.wikidata = f["wikidata_id"]
            row.sources.append(f"openkamer:parliament.json#party/{pk}")

    def _add(self, row: FractieRow) -> None:
        self.rows[row.slug] = row
        for k in row.keys():
            self._by_key.setdefault(k, row.slug)

    def find(self, name: str) -> str | None:
        return self._by_key.get(compact(name)) if name else None

    def named(self, name: str, chamber: str, source: str) -> str:
        """The slug of the fractie a membership names, added (from that source) when new."""
        slug = self.find(name)
        if slug is None:
            slug = slugify(name)
            while slug in self.rows:
                slug += "-2"
            self._add(
                FractieRow(
                    slug,
                    name,
                    name,
                    [],
                    [],
                    "",
                    "",
                    sources=[source],
                    note="named by a membership; dates are those of its members",
                )
            )
        row = self.rows[slug]
        if chamber not in row.chambers:
            row.chambers.append(chamber)
        return slug

    def party(self, pk: int, chamber: str) -> str:
        f = self.parties[pk]
        slug = self.find(f["name"]) or self.find(f["name_short"])
        if slug is None:
            slug = self.named(f["name_short"] or f["name"], chamber, f"openkamer:parliament.json#party/{pk}")
            row = self.rows[slug]
            row.name = f["name"] or row.name
            if f["name"] and f["name"] not in row.aliases and f["name"] != row.notation:
                row.aliases.append(f["name"])
            row.wikidata = f.get("wikidata_id") or ""
            row.note = "named by openkamer's party memberships"
        elif chamber not in self.rows[slug].chambers:
            self.rows[slug].chambers.append(chamber)
        return slug

    def table(self, spans: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
        """Rows; a fractie without hand-kept dates gets the first and last day of its memberships."""
        out = []
        for row in self.rows.values():
            begin, end = row.begin, row.end
            if "hand" not in row.sources and row.slug in spans:
                begin, end = spans[row.slug]
            out.append(
                {
                    "slug": row.slug,
                    "name": row.name,
                    "notation": row.notation,
                    "aliases": "|".join(row.aliases),
                    "chambers": "|".join(sorted(row.chambers)),
                    "begin": begin,
                    "end": end,
                    "wikidata": row.wikidata,
                    "source": "|".join(dict.fromkeys(row.sources)),
                    "note": row.note,
                }
            )
        return out


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]
