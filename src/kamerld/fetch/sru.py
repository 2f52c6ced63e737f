"""KOOP's SRU search service (repository.overheid.nl/sru): CQL in, publication records out.

A searchRetrieve response (SRU 2.0, `recordSchema=gzd`) holds `numberOfRecords`, the `records`
and `nextRecordPosition`. Each record's `recordData/gzd` has the publication's metadata under
`originalData/meta` (owmskern: identifier, title, modified; owmsmantel: date, available;
tpmeta: publicatienaam, vergaderjaar, dossiernummer, vraagnummer …) and, under `enrichedData`, the
URL of every manifestation (`itemUrl manifestation="xml|html|pdf|metadata"`) and `preferredUrl`.
`../shared/corpus/xml-koop-format-examples/searchrec.xml` is a real record.

Elements are matched by local name: KOOP's prefixes (sru:, gzd:, overheidwetgeving:, dcterms:)
have moved between versions, the structure has not. A record that cannot be used (no identifier,
an identifier that is not a KOOP id) is reported with the page URL and its position, and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from lxml import etree

from kamerld.sources.safexml import local, parse_xml

from ..errors import FetchError, InputError
from .http import HttpClient
from .services import KOOP_SRU

#: KOOP ids kamerld fetches: the parliamentary publications, safe as file and URI names
KOOP_ID = re.compile(r"^(kv|ah|h|kst|blg|nds|stb|stcrt)-[A-Za-z0-9][A-Za-z0-9-]{0,80}$")
PAGE_SIZE = 100  # KOOP allows up to 1000; 100 keeps one page small and a failed page cheap to redo
MANIFESTATIONS = ("xml", "html", "pdf", "metadata")


@dataclass
class KoopRecord:
    """One publication as the SRU service describes it."""

    identifier: str
    title: str | None = None
    publicatienaam: str | None = None
    date: str | None = None  # owmsmantel date (else available)
    modified: str | None = None  # when KOOP last changed the expression; a change means fetch again
    items: dict[str, str] = field(default_factory=dict)  # manifestation -> URL
    preferred_url: str | None = None
    values: dict[str, list[str]] = field(default_factory=dict)  # every metadata leaf, by local name

    def get(self, name: str) -> str | None:
        found = self.values.get(name.lower())
        return found[0] if found else None

    def all(self, name: str) -> list[str]:
        out: list[str] = []
        for value in self.values.get(name.lower(), []):
            out += [v.strip() for v in value.split(";") if v.strip() and v.strip() not in out]
        return out


@dataclass
class Problem:
    """Something a service gave that kamerld could not use; the run goes on without it."""

    url: str
    message: str

    def __str__(self) -> str:
        return f"{self.url}: {self.message}"


@dataclass
class Page:
    records: list[KoopRecord]
    problems: list[Problem]
    total: int
    next_position: int | None


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def parse_record(record: etree._Element) -> KoopRecord:
    """A `record` element -> KoopRecord; InputError when it names no usable KOOP id."""
    values: dict[str, list[str]] = {}
    items: dict[str, str] = {}
    preferred = None
    for el in record.iter():
        if not isinstance(el.tag, str) or len(el):
            continue
        name = local(el.tag)
        value = _text(el)
        if not value:
            continue
        if name == "itemUrl" and el.get("manifestation"):
            items.setdefault(el.get("manifestation", "").lower(), value)
        elif name == "preferredUrl":
            preferred = value
        else:
            values.setdefault(name.lower(), []).append(value)
    ident = (values.get("identifier") or [None])[0]
    if not ident:
        raise InputError("record has no identifier", None)
    if not KOOP_ID.match(ident):
        raise InputError(f"record identifier {ident!r} is not a KOOP id kamerld fetches", None)

    def first(*names: str) -> str | None:
        for n in names:
            if values.get(n):
                return values[n][0]
        return None

    return KoopRecord(
        identifier=ident,
        title=first("title"),
        publicatienaam=first("publicatienaam", "publicationname"),
        date=first("date", "available", "issued"),
        modified=first("datumtijdstipwijzigingexpression", "modified"),
        items=items,
        preferred_url=preferred,
        values=values,
    )


def parse_page(data: bytes, url: str) -> Page:
    """One searchRetrieve response. A diagnostic (bad CQL, unsupported index) is a FetchError."""
    try:
        root = parse_xml(data, url)
    except InputError as exc:
        raise FetchError(f"not a usable SRU response: {exc.message}", url) from None
    if local(root.tag) != "searchRetrieveResponse":
        raise FetchError(f"not an SRU searchRetrieveResponse (root <{local(root.tag)}>)", url)
    diagnostics = [el for el in root.iter() if local(el.tag) == "diagnostic"]
    if diagnostics:
        found = {local(c.tag): _text(c) for c in diagnostics[0]}
        parts = [found[k] for k in ("message", "details") if found.get(k)]
        raise FetchError(f"the SRU service refused the query: {'; '.join(parts) or 'diagnostic'}", url)
    total = next((_text(c) for c in root if local(c.tag) == "numberOfRecords"), "")
    if not total.isdigit():
        raise FetchError("SRU response has no numberOfRecords", url)
    nxt = next((_text(c) for c in root if local(c.tag) == "nextRecordPosition"), "")
    records: list[KoopRecord] = []
    problems: list[Problem] = []
    holder = next((c for c in root if local(c.tag) == "records"), None)
    for i, rec in enumerate(c for c in (holder if holder is not None else []) if local(c.tag) == "record"):
        position = next((_text(c) for c in rec if local(c.tag) == "recordPosition"), str(i + 1))
        try:
            records.append(parse_record(rec))
        except InputError as exc:
            problems.append(Problem(url, f"record {position}: {exc.message}; skipped"))
    return Page(records, problems, int(total), int(nxt) if nxt.isdigit() else None)


class SruClient:
    def __init__(self, http: HttpClient, endpoint: str = KOOP_SRU, page_size: int = PAGE_SIZE):
        self.http = http
        self.endpoint = endpoint
        self.page_size = page_size
        self.problems: list[Problem] = []
        self.total = 0  # numberOfRecords of every query begun, for a progress bar

    def page_url(self, cql: str, start: int) -> str:
        params = {"operation": "searchRetrieve", "version": "2.0", "recordSchema": "gzd",
                  "startRecord": str(start), "maximumRecords": str(self.page_size), "query": cql}
        return f"{self.endpoint}?{urlencode(params)}"

    def search(self, cql: str) -> Iterator[KoopRecord]:
        """Every record for `cql`, page by page; unusable records land in `self.problems`."""
        start = 1
        while True:
            url = self.page_url(cql, start)
            page = parse_page(self.http.get(url, accept="application/xml"), url)
            if start == 1:
                self.total += page.total
            self.problems += page.problems
            yield from page.records
            seen = len(page.records) + len(page.problems)
            if page.next_position is not None and page.next_position > start:
                start = page.next_position
            elif seen:
                start += seen
            else:
                return
            if start > page.total:
                return
