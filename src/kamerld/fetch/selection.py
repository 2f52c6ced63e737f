"""What a user asks `kamerld fetch` for, and the KOOP SRU queries (CQL) that find it.

Kinds and the KOOP publication series that hold them:

    kamervragen    w.publicatienaam=="Kamervragen zonder antwoord"   kv-tk-{zaak}
    antwoorden     w.publicatienaam=="Kamervragen (Aanhangsel)"      ah-tk-… with answers (also "nader")
    mededelingen   w.publicatienaam=="Kamervragen (Aanhangsel)"      ah-tk-… announcing a delay
    kamerstukken   w.publicatienaam=="Kamerstuk"                     kst-… (every kind)
    lijsten        w.publicatienaam=="Kamerstuk"                     kst-… lijsten van vragen en antwoorden
    verslagen      w.publicatienaam=="Kamerstuk"                     kst-… verslagen van schriftelijk overleg

Answers and mededelingen share one series, and lijsten and verslagen are kamerstukken: one query per
series, and each record is sorted into its kind afterwards (`record_kind`), by the Tweede Kamer's
Document.Soort when it is known, else by the title.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from ..errors import UsageError
from .sru import KOOP_ID, KoopRecord
from .tk import DOSSIER, ZAAK_NUMBER

SERIES = {
    "kamervragen": "Kamervragen zonder antwoord",
    "antwoorden": "Kamervragen (Aanhangsel)",
    "mededelingen": "Kamervragen (Aanhangsel)",
    "kamerstukken": "Kamerstuk",
    "lijsten": "Kamerstuk",
    "verslagen": "Kamerstuk",
}
KINDS = tuple(SERIES)
DEFAULT_KINDS = ("kamervragen", "antwoorden", "mededelingen")
BASE_CQL = "c.product-area==officielepublicaties"
ID_BATCH = 20


def cql_value(value: str) -> str:
    """A CQL search term: bare when it is a plain word, else quoted (KOOP misparses unquoted
    parentheses and spaces)."""
    if re.fullmatch(r"[A-Za-z0-9._:-]+", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Selection:
    since: date | None = None
    until: date | None = None
    kinds: tuple[str, ...] = ()
    zaken: tuple[str, ...] = ()
    dossiers: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = [k for k in self.kinds if k not in SERIES]
        if unknown:
            raise UsageError(f"unknown kind {unknown[0]!r}; kinds: {', '.join(KINDS)}")
        for z in self.zaken:
            if not ZAAK_NUMBER.match(z):
                raise UsageError(f"not a zaak number: {z!r} (like 2024Z16988)")
        for d in self.dossiers:
            if not DOSSIER.match(d):
                raise UsageError(f"not a dossier number: {d!r} (like 36200 or 36200-VII)")
        for i in self.ids:
            if not KOOP_ID.match(i):
                raise UsageError(f"not a KOOP id kamerld fetches: {i!r} (like ah-tk-20242025-562)")
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"--since {self.since} is after --until {self.until}")
        if not (self.since or self.until or self.zaken or self.dossiers or self.ids):
            raise UsageError("say what to fetch: a date range (--since/--until), --zaak, --dossier or --id")

    @property
    def wanted_kinds(self) -> tuple[str, ...]:
        """The kinds asked for; by default the written questions, answers and mededelingen, or, for a
        dossier, all its kamerstukken."""
        if self.kinds:
            return self.kinds
        return ("kamerstukken",) if self.dossiers and not (self.since or self.until) else DEFAULT_KINDS

    def to_json(self) -> dict:
        out = asdict(self)
        out["since"] = self.since.isoformat() if self.since else None
        out["until"] = self.until.isoformat() if self.until else None
        return out

    @classmethod
    def from_json(cls, data: dict) -> Selection:
        def day(v: object) -> date | None:
            return date.fromisoformat(v) if isinstance(v, str) else None

        return cls(since=day(data.get("since")), until=day(data.get("until")),
                   **{k: tuple(data.get(k) or ()) for k in ("kinds", "zaken", "dossiers", "ids")})


def _dates(sel: Selection, modified_since: date | None) -> list[str]:
    parts = []
    if sel.since:
        parts.append(f"dt.date>={sel.since.isoformat()}")
    if sel.until:
        parts.append(f"dt.date<={sel.until.isoformat()}")
    if modified_since:
        parts.append(f"dt.modified>={modified_since.isoformat()}")
    return parts


def queries(sel: Selection, modified_since: date | None = None, extra_ids: tuple[str, ...] = ()) -> list[str]:
    """CQL for every series the selection needs (a date range), or for its dossiers (narrowed by the
    date range), and for the ids asked for (also the ids a zaak named, `extra_ids`). `modified_since`
    narrows every query to what KOOP changed since that day."""
    out: list[str] = []
    dates = _dates(sel, modified_since)
    if (sel.since or sel.until) and not sel.dossiers:
        for series in dict.fromkeys(SERIES[k] for k in sel.wanted_kinds):
            out.append(" AND ".join([BASE_CQL, f"w.publicatienaam=={cql_value(series)}", *dates]))
    for dossier in sel.dossiers:
        out.append(" AND ".join([BASE_CQL, f"w.dossiernummer=={cql_value(dossier)}", *dates]))
    # ids asked for by name follow `modified_since`; ids named by a zaak or an update are wanted as
    # they are (their Tweede Kamer metadata may have changed while KOOP's record did not)
    mod = [f"dt.modified>={modified_since.isoformat()}"] if modified_since else []
    named = [i for i in dict.fromkeys(extra_ids) if i not in sel.ids]
    for ids, narrow in ((list(sel.ids), mod), (named, [])):
        for i in range(0, len(ids), ID_BATCH):
            batch = " OR ".join(f"dt.identifier=={cql_value(x)}" for x in ids[i:i + ID_BATCH])
            out.append(" AND ".join([BASE_CQL, f"({batch})", *narrow]))
    return out


_MEDEDELING = re.compile(r"\bmededeling\b|\buitstel\b", re.I)


def record_kind(rec: KoopRecord, tk_soort: str | None = None) -> str:
    """The kind of a publication: by Tweede Kamer Document.Soort when known, else by id and title."""
    prefix = rec.identifier.split("-", 1)[0]
    title = " ".join(filter(None, (rec.title, rec.get("abstract")))).lower()
    if prefix == "kv":
        return "kamervragen"
    if prefix == "ah":
        if tk_soort:
            return "mededelingen" if tk_soort.startswith("Mededeling") else "antwoorden"
        return "mededelingen" if _MEDEDELING.search(title) else "antwoorden"
    if prefix == "kst":
        soort = (tk_soort or "").lower()
        if "lijst van vragen en antwoorden" in soort or "lijst van vragen en antwoorden" in title:
            return "lijsten"
        if "verslag van een schriftelijk overleg" in soort or "verslag van een schriftelijk overleg" in title:
            return "verslagen"
        return "kamerstukken"
    return "overig"


def wanted(sel: Selection, rec: KoopRecord, kind: str, zaak_ids: frozenset[str] = frozenset()) -> bool:
    """Whether a record found by the queries is one the user asked for: an id asked for by name, a
    document of a zaak asked for (of the kinds asked for, if any), or one of the kinds asked for."""
    if rec.identifier in sel.ids:
        return True
    if rec.identifier in zaak_ids and not sel.kinds:
        return True
    kinds = sel.wanted_kinds
    return kind in kinds or (kind in ("lijsten", "verslagen") and "kamerstukken" in kinds)
