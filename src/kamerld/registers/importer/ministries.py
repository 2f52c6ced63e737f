"""Ministries: one row per name version, with its TOOI organisation, TOOI version and dates.

Where the names come from: TOOI's "Register ministeries compleet" (organisations, historic versions
`hv_*`, their end dates), polder's ministry records for the versions TOOI made after 2021, the TOOI
extract of 2024 for the ministries of the Schoof cabinet, and `hand/ministries.tsv` for the order of
the versions, abbreviations and the versions before TOOI records any (marked `hand`).

Dates: TOOI records renames on administrative dates (VenJ became JenV on 2018-01-01), documents use
the new name from the swearing-in of the cabinet that made the change (2017-10-26). A version is
valid, in this register, from that swearing-in: a TOOI date within 120 days after a swearing-in moves
back to it. TOOI's own dates stay in `tooi_begin` / `tooi_end`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...errors import InputError
from ..names import slugify
from .sources import (
    POLDER_MINISTRIES,
    TOOI_EXTRACT_2024,
    TOOI_MINISTRIES,
    TOOI_MINISTRY,
    Sources,
    after,
    before,
    day,
    iso,
    read_tsv,
)

SNAP_DAYS = 120
COLUMNS = (
    "key",
    "code",
    "uri",
    "version",
    "tooi",
    "name",
    "label",
    "abbreviations",
    "begin",
    "end",
    "tooi_begin",
    "tooi_end",
    "predecessors",
    "successors",
    "lineage",
    "source",
    "note",
)


@dataclass
class Cabinet:
    name: str
    begin: date
    end: date | None
    source: str


@dataclass
class MinistryVersion:
    key: str
    code: str
    uri: str  # the organisation: a TOOI mnre URI, or a local path for versions TOOI lacks
    version: str  # TOOI historic version URI, or ""
    name: str  # the name of this version, without "ministerie van"
    abbreviations: list[str]
    begin: date | None
    end: date | None
    tooi_begin: date | None
    tooi_end: date | None
    predecessors: list[str]
    successors: list[str]
    lineage: list[str]  # polder organisation ids whose posts run through this version
    source: str
    note: str
    label: str = ""
    extra: dict = field(default_factory=dict)

    def holds(self, on: date) -> bool:
        return (self.begin is None or self.begin <= on) and (self.end is None or on <= self.end)


def cabinets(src: Sources, hand: Path) -> list[Cabinet]:
    """Swearing-in dates: openkamer's cabinets (2006-2019) and the hand-kept rest."""
    out = []
    for pk, f in sorted(src.fixture("government.json").get("government.government", {}).items()):
        where = f"openkamer/government.json#{pk}"
        out.append(
            Cabinet(
                f["name"].removeprefix("Kabinet-"),
                day(f["date_formed"], where),
                None,
                f"openkamer:government.json#{pk}",
            )
        )
    for r in read_tsv(hand / "cabinets.tsv"):
        out.append(Cabinet(r["name"], day(r["begin"], "hand/cabinets.tsv"), None, "hand"))
    out.sort(key=lambda c: c.begin)
    for a, b in zip(out, out[1:], strict=False):
        a.end = before(b.begin)
    return out


def snap(d: date | None, cabs: list[Cabinet]) -> date | None:
    """The swearing-in a rename dates from: the last one on or before d, if within SNAP_DAYS."""
    if d is None:
        return None
    starts = [c.begin for c in cabs if c.begin <= d]
    if starts and (d - starts[-1]).days <= SNAP_DAYS:
        return starts[-1]
    return d


def _strip(name: str) -> str:
    for prefix in ("ministerie van ", "Ministerie van "):
        name = name.removeprefix(prefix)
    return name.strip()


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def ministries(src: Sources, hand: Path, cabs: list[Cabinet]) -> list[MinistryVersion]:
    tooi = src.tooi_nodes(TOOI_MINISTRIES)
    extract = {r["uri"]: r for r in src.csv(TOOI_EXTRACT_2024)}
    polder = {}
    for rel, rec in src.yaml_folder(POLDER_MINISTRIES):
        uri = (rec.get("identifiers") or {}).get("tooi")
        if uri:
            polder[uri] = (rel, rec)
    rows: list[MinistryVersion] = []
    where = str(hand / "ministries.tsv")
    for r in read_tsv(hand / "ministries.tsv"):
        abbrs = _split(r["abbreviations"])
        tooi_begin = tooi_end = None
        note = r["note"]
        if not r["tooi"]:
            name = r["name"]
            if not name:
                raise InputError(f"{r['key']}: a version without TOOI id needs a name", path=where)
            code = uri = ""  # local: filled below, once every name is known
            version, source = "", "hand"
        else:
            org_id, _, hv_id = r["tooi"].partition("/")
            tooi_id = hv_id or org_id
            full = TOOI_MINISTRY + tooi_id
            if full in tooi:
                node = tooi[full]
                name = _strip(node["officieleNaamInclSoort"][0])
                code = node["organisatiecode"][0]
                is_version = "HistorischeVersie" in node["@type"]
                uri = node["specializationOf"][0] if is_version else full
                version = full if is_version else ""
                abbrs += node.get("afkorting", [])
                tooi_begin = day((node.get("begindatum") or [None])[0], TOOI_MINISTRIES)
                tooi_end = day((node.get("einddatum") or [None])[0], TOOI_MINISTRIES)
                source = f"tooi:{TOOI_MINISTRIES.rsplit('/', 1)[-1]}#{tooi_id}"
                if not is_version and not tooi_end and full in extract:
                    name = _strip(extract[full]["label_nl"])  # a current name: the 2024 extract is newer
                    source += f"|tooi:{TOOI_EXTRACT_2024.rsplit('/', 1)[-1]}"
            elif full in polder:
                rel, rec = polder[full]
                names = rec.get("names") or []
                name = _strip(names[0]["value"]) if names else ""
                code = org_id if hv_id else tooi_id
                uri = TOOI_MINISTRY + code
                version = full if tooi_id.startswith("hv_") else ""
                abbrs += [n["abbr"] for n in names[:1] if n.get("abbr")]
                tooi_begin = day(rec.get("valid_from"), rel)
                tooi_end = day(rec.get("valid_until"), rel)
                if tooi_begin and tooi_begin.year <= 1900:
                    tooi_begin = None  # polder's placeholder for "long ago"
                source = f"polder:{rel}"
                if full in extract:
                    name = _strip(extract[full]["label_nl"])
                    source += f"|tooi:{TOOI_EXTRACT_2024.rsplit('/', 1)[-1]}"
            else:
                raise InputError(f"{r['key']}: TOOI id {tooi_id} is in none of the sources", path=where)
            if version and not version.startswith(TOOI_MINISTRY + "hv_"):
                raise InputError(f"{r['key']}: {version} is not a historic version", path=where)
            if r["name"] and r["name"] != name:
                note = f"{note}; the sources name it {name!r}" if note else f"the sources name it {name!r}"
                name = r["name"]
                source += "|hand"
        rows.append(
            MinistryVersion(
                key=r["key"],
                code=code,
                uri=uri,
                version=version,
                name=name,
                abbreviations=list(dict.fromkeys(abbrs)),
                begin=day(r["begin"], where),
                end=day(r["end"], where),
                tooi_begin=tooi_begin,
                tooi_end=tooi_end,
                predecessors=_split(r["predecessors"]),
                successors=_split(r["successors"]),
                lineage=_split(r["lineage"]),
                source=source,
                note=note,
            )
        )
    by_key = {m.key: m for m in rows}
    for m in rows:
        for k in (*m.predecessors, *m.successors):
            if k not in by_key:
                raise InputError(f"{m.key}: unknown ministry key {k!r}", path=where)
    _local_codes(rows)
    _dates(rows, by_key, cabs)
    _labels(rows)
    return rows


def _local_codes(rows: list[MinistryVersion]) -> None:
    """Versions TOOI lacks get `ministerie/{slug of the name}`; a name used twice keeps its end year."""
    names = [m.name for m in rows]
    for m in rows:
        if m.uri:
            continue
        slug = slugify(m.name)
        if names.count(m.name) > 1:
            slug += f"-tot-{m.end.year}" if m.end else f"-{m.key}"
        m.code, m.uri = slug, f"ministerie/{slug}"


def _dates(rows: list[MinistryVersion], by_key: dict[str, MinistryVersion], cabs: list[Cabinet]) -> None:
    for m in rows:  # ends first: a begin may come from a predecessor's end
        if m.end is None and m.tooi_end is not None:
            m.end = before(snap(after(m.tooi_end), cabs))
    for m in rows:
        if m.begin is not None:
            continue
        ends = [by_key[k].end for k in m.predecessors if by_key[k].end is not None]
        if ends:
            m.begin = after(max(ends))
        elif m.tooi_begin is not None:
            m.begin = snap(m.tooi_begin, cabs)
    for m in rows:
        if m.begin and m.end and m.begin > m.end:
            raise InputError(f"{m.key}: begins {m.begin} after it ends {m.end}", path="hand/ministries.tsv")


def _labels(rows: list[MinistryVersion]) -> None:
    """One preferred name per organisation: the name of the version that is the organisation itself
    (its current name), else of its latest version."""
    by_uri: dict[str, list[MinistryVersion]] = {}
    for m in rows:
        by_uri.setdefault(m.uri, []).append(m)
    for versions in by_uri.values():
        own = [m for m in versions if not m.version]
        pick = own[-1] if own else max(versions, key=lambda m: m.begin or date.min)
        for m in versions:
            m.label = pick.name


def ministry_rows(rows: list[MinistryVersion]) -> list[dict[str, str]]:
    return [
        {
            "key": m.key,
            "code": m.code,
            "uri": m.uri,
            "version": m.version,
            "tooi": "yes" if m.uri.startswith(TOOI_MINISTRY) else "no",
            "name": m.name,
            "label": m.label,
            "abbreviations": "|".join(m.abbreviations),
            "begin": iso(m.begin),
            "end": iso(m.end),
            "tooi_begin": iso(m.tooi_begin),
            "tooi_end": iso(m.tooi_end),
            "predecessors": "|".join(m.predecessors),
            "successors": "|".join(m.successors),
            "lineage": "|".join(m.lineage),
            "source": m.source,
            "note": m.note,
        }
        for m in rows
    ]
