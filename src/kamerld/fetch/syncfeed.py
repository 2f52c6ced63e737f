"""The Tweede Kamer's SyncFeed (gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed): every change.

An Atom feed per category (`Feed?category=Document&skiptoken=N`) lists entities in the order they
changed. Each `entry` has the entity id as `title`, `updated`, a `link rel="next"` whose `skiptoken`
is the position after that entry, perhaps a `link rel="enclosure"` (the entity's file), and the entity
itself in `content`, in the tkData schema (`../shared/corpus/reference-tk-schema/`):

    <document xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:tk="…same…" id="…"
              tk:bijgewerkt="2024-11-15T09:12:00Z" tk:verwijderd="false">
      <soort>Mededeling (uitstel antwoord)</soort><documentNummer>2024D44123</documentNummer>
      <zaak ref="…"/><vergaderjaar>2024-2025</vergaderjaar><aanhangselnummer>202420250562</aanhangselnummer>
    </document>

A deleted entity comes with `tk:verwijderd="true"` (and little else). The feed links the next page
with a feed-level `link rel="next"`; no next link means caught up. The position kamerld keeps is
the skiptoken of the last entry it processed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from lxml import etree

from kamerld.sources.safexml import local, parse_xml

from ..errors import FetchError, InputError
from .http import HttpClient
from .services import TK_SYNCFEED, is_guid

CATEGORIES = ("Document", "Zaak", "ZaakActor")
MAX_PAGES = 1000  # per category and run: a nightly job stays bounded; the next run goes on from there


@dataclass
class Entry:
    id: str  # the entity's GUID
    category: str
    entity: str  # local name of the content element: document, zaak, zaakActor
    updated: str | None
    deleted: bool
    skiptoken: int | None  # position after this entry
    fields: dict[str, str] = field(default_factory=dict)  # simple child elements, by local name
    refs: dict[str, list[str]] = field(default_factory=dict)  # child elements with ref="GUID"


@dataclass
class FeedPage:
    entries: list[Entry]
    next_url: str | None
    problems: list[str]
    last_token: int | None = None  # position after the last entry, a skipped one too


def skiptoken_of(url: str | None) -> int | None:
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("skiptoken")
    return int(values[0]) if values and re.fullmatch(r"-?\d+", values[0]) else None


def _entry(el: etree._Element, category: str) -> Entry:
    title = next((("".join(c.itertext())).strip() for c in el if local(c.tag) == "title"), "")
    updated = next((("".join(c.itertext())).strip() for c in el if local(c.tag) == "updated"), None)
    token = None
    for link in (c for c in el if local(c.tag) == "link"):
        if link.get("rel") == "next":
            token = skiptoken_of(link.get("href"))
    content = next((c for c in el if local(c.tag) == "content"), None)
    entity = next((c for c in content if isinstance(c.tag, str)), None) if content is not None else None
    ident = (entity.get("id") if entity is not None else None) or title
    if not is_guid(ident):
        raise InputError(f"entry without an entity id (title {title!r})", None)
    deleted = False
    fields: dict[str, str] = {}
    refs: dict[str, list[str]] = {}
    if entity is not None:
        deleted = any(local(k) == "verwijderd" and v == "true" for k, v in entity.attrib.items())
        for child in entity:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            if child.get("ref"):
                refs.setdefault(name, []).append(child.get("ref", ""))
            elif not len(child):
                text = "".join(child.itertext()).strip()
                if text:
                    fields[name] = text
    return Entry(id=ident, category=category, entity=local(entity.tag) if entity is not None else "",
                 updated=updated, deleted=deleted, skiptoken=token, fields=fields, refs=refs)


def parse_feed(data: bytes, url: str, category: str) -> FeedPage:
    try:
        root = parse_xml(data, url)
    except InputError as exc:
        raise FetchError(f"not a usable SyncFeed page: {exc.message}", url) from None
    if local(root.tag) != "feed":
        raise FetchError(f"not an Atom feed (root <{local(root.tag)}>)", url)
    entries: list[Entry] = []
    problems: list[str] = []
    last_token = None
    for i, el in enumerate((c for c in root if local(c.tag) == "entry"), start=1):
        for link in (c for c in el if local(c.tag) == "link" and c.get("rel") == "next"):
            last_token = skiptoken_of(link.get("href")) or last_token
        try:
            entries.append(_entry(el, category))
        except InputError as exc:
            problems.append(f"{url}: entry {i}: {exc.message}; skipped")
    nxt = next((c.get("href") for c in root if local(c.tag) == "link" and c.get("rel") == "next"), None)
    return FeedPage(entries, nxt, problems, last_token)


class SyncFeedClient:
    def __init__(self, http: HttpClient, root: str = TK_SYNCFEED, max_pages: int = MAX_PAGES):
        self.http = http
        self.root = root
        self.max_pages = max_pages
        self.problems: list[str] = []

    def first_url(self, category: str, skiptoken: int | None) -> str:
        params = {"category": category}
        if skiptoken is not None:
            params["skiptoken"] = str(skiptoken)
        return f"{self.root}Feed?{urlencode(params)}"

    def pages(self, category: str, skiptoken: int | None) -> Iterator[tuple[list[Entry], int | None]]:
        """(entries, position after them) per page, from `skiptoken` until caught up or `max_pages`."""
        url: str | None = self.first_url(category, skiptoken)
        position = skiptoken
        for _ in range(self.max_pages):
            if not url:
                return
            page = parse_feed(self.http.get(url, accept="application/atom+xml"), url, category)
            self.problems += page.problems
            if page.last_token is not None:
                position = page.last_token
            nxt = page.next_url
            if nxt is not None and not self.http.services.allowed(nxt):
                raise FetchError(f"SyncFeed next link leaves the service: {nxt!r}", url)
            token = skiptoken_of(nxt)
            if token is not None and position is None:
                position = token
            yield page.entries, position
            if page.last_token is None or nxt is None or token == skiptoken_of(url):
                return  # caught up (or a next link that does not move on)
            url = self.http.services.official(nxt)
