"""Mints every URI of the data contract (../shared/design/data-contract.md). The only place IRIs are built.

Things live under `{base}id/`, pages about them under `{base}doc/`, the ontology under `{base}def/`.
Local ids keep only `[A-Za-z0-9._-]` (case kept); anything else becomes "-". An id is always ONE path
segment, whatever it holds: a kenmerk "2023/12" is `…/document/mnre1034-2023-12`, never two segments,
so one document's IRI can never be another document's question (`…/document/{id}/vraag/{n}`), and
the file name of a document (`safe_id(doc.id)`) is the last segment of its IRI. Addresses cited from
outside the dataset go through `iri.web_iri`, which makes any text a valid IRI.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from .base_uri import DEFAULT_BASE  # noqa: F401  (defined apart: the CLI shows it without rdflib)
from .iri import web_iri

#: where KOOP publishes a document under its own id (the official publication, HTML)
KOOP_PUBLICATION = "https://zoek.officielebekendmakingen.nl/"
TOOI_MINISTERIE = "https://identifier.overheid.nl/tooi/id/ministerie/"
#: local register resources (`{base}id/{kind}/...`): written once, in the registers graph
REGISTER_KINDS = ("persoon", "fractie", "post", "lidmaatschap", "ministerie")
#: KOOP ids and the first year KOOP publishes each series in (earlier papers are at Staten-Generaal
#: Digitaal); a Kamerstuk carries no year, but dossiers from 24000 on all start after 1995
_KOOP_SERIES = re.compile(
    r"^(?:(?P<vj>(?:ah|h)-(?:tk|ek))-(?P<vjyear>\d{4})\d{4}-\d"
    r"|kv-(?:tk|ek)-\d"
    r"|(?:stb|stcrt|trb|gmb|prb|wsb|bgr)-(?P<year>\d{4})-\d"
    r"|(?:kst|blg|nds)-(?P<dossier>\d{4,6})-)"
)
KOOP_FIRST_YEAR = 1995
KOOP_FIRST_DOSSIER = 24000
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: longer ids are cut and given a hash of the whole, so the file name fits every file system
MAX_ID_LENGTH = 200
#: the Tweede Kamer's OData service: its entity URIs name the same things as kamerld's (skos:exactMatch)
TK_ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_guid(value: str) -> bool:
    return bool(_GUID.match(value))


def tk_entity_uri(entity: str, guid: str) -> str:
    """`{TK_ODATA}Persoon(guid)`: valid by construction (the name and the GUID are checked). The
    official URI, also when the data were fetched from a mirror."""
    if not re.fullmatch(r"[A-Z][A-Za-z]+", entity) or not is_guid(guid):
        raise ValueError(f"not a Tweede Kamer entity reference: {entity}({guid})")
    return f"{TK_ODATA}{entity}({guid})"


@lru_cache(maxsize=16384)
def safe_id(value: str) -> str:
    """THE escaping rule for an id segment, shared by IRIs and file names: unsafe runs (also "/")
    become "-", no leading or trailing dots or dashes (never "." or ".."), never empty."""
    cleaned = _UNSAFE.sub("-", value.strip())
    cleaned = re.sub(r"\.{2,}", "-", cleaned)  # never a ".." path segment
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip("-.")
    if len(cleaned) > MAX_ID_LENGTH:
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        cleaned = cleaned[: MAX_ID_LENGTH - 17].rstrip("-.") + "-" + digest
    return cleaned or "-"


def koop_publication(doc_id: str, year: int | None = None) -> str | None:
    """The official publication of a document at zoek.officielebekendmakingen.nl, when its id is a
    KOOP id of a series and period KOOP publishes (`year`: the document's year, when known). None
    when we cannot know it is there: never a link that 404s by construction."""
    m = _KOOP_SERIES.match(doc_id)
    if not m or not re.fullmatch(r"[A-Za-z0-9._-]+", doc_id):
        return None
    first = m["vjyear"] or m["year"]
    if first is not None:
        if int(first) < KOOP_FIRST_YEAR:
            return None
    elif m["dossier"] is not None and int(m["dossier"]) < KOOP_FIRST_DOSSIER:
        if year is None or year < KOOP_FIRST_YEAR:
            return None
    elif year is not None and year < KOOP_FIRST_YEAR:
        return None
    return KOOP_PUBLICATION + doc_id


def is_absolute(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target))


@lru_cache(maxsize=8192)
def _mint(base: str, segments: tuple[str, ...]) -> URIRef:
    # the same fracties, people, posts and documents are minted again and again: remember the
    # recent ones (a bounded cache: a worker's memory must not grow with the corpus)
    return URIRef(base + "id/" + "/".join(safe_id(s) for s in segments))


@lru_cache(maxsize=8)
def _register_prefixes(base: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """What a register resource's IRI starts with (TOOI's ministries, `{base}id/{kind}/`), and the
    kinds' own IRIs (`{base}id/{kind}`)."""
    kinds = [f"{base}id/{kind}" for kind in REGISTER_KINDS]
    return (TOOI_MINISTERIE, *(k + "/" for k in kinds)), frozenset(kinds)


@dataclass(frozen=True)
class Minter:
    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://", self.base):
            raise ValueError(f"base must be an http(s) URI, got {self.base!r}")
        if web_iri(self.base) != self.base:
            raise ValueError(f"base is not a valid IRI: {self.base!r} (as an IRI: {web_iri(self.base)!r})")
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def id(self, kind: str, *segments: str) -> URIRef:
        """`{base}id/{kind}/{segment}/...`: each argument is one path segment, made safe."""
        return _mint(self.base, (kind, *segments))

    def document(self, doc_id: str) -> URIRef:
        return self.id("document", doc_id)

    def question(self, doc_id: str, number: str) -> URIRef:
        return self.id("document", doc_id, "vraag", number)

    def answer(self, doc_id: str, number: str) -> URIRef:
        return self.id("document", doc_id, "antwoord", number)

    def citation(self, doc_id: str, k: int) -> URIRef:
        return self.id("document", doc_id, "verwijzing", str(k))

    def zaak(self, nr: str) -> URIRef:
        return self.id("zaak", nr)

    def dossier(self, nr: str) -> URIRef:
        return self.id("dossier", nr)

    def fractie(self, slug: str) -> URIRef:
        return self.id("fractie", slug)

    def person(self, slug: str) -> URIRef:
        return self.id("persoon", slug)

    def post(self, slug: str) -> URIRef:
        return self.id("post", slug)

    def membership(self, person_slug: str, fractie_slug: str) -> URIRef:
        return self.id("lidmaatschap", f"{person_slug}-{fractie_slug}")

    def local(self, path: str) -> URIRef:
        """A local id path "kind/id" (`document/kst-35165-51`, `ministerie/x`): the kind, then the
        rest as ONE segment, exactly as the kind's own method mints it."""
        kind, _, rest = path.partition("/")
        return self.id(kind, rest) if rest else self.id(kind)

    def ministry(self, uri_or_path: str) -> URIRef:
        """TOOI URIs are used as they are; a ministry TOOI lacks gets a local `{base}id/ministerie/...`."""
        if is_absolute(uri_or_path):
            return URIRef(web_iri(uri_or_path))
        return self.local(uri_or_path)

    def target(self, target: str) -> URIRef:
        """A citation target: a local id path ("document/kst-35165-51") or an absolute address, made
        a valid IRI whatever the text held (`iri.web_iri`)."""
        if is_absolute(target):
            return URIRef(web_iri(target))
        return self.local(target)

    def changes(self) -> URIRef:
        """The feed of what `kamerld update` changed."""
        return self.id("wijzigingen")

    def change(self, stamp: str, k: int) -> URIRef:
        """One change in that feed: the update's UTC time stamp (20241205T101500Z) and a counter."""
        return self.id("wijziging", f"{stamp}-{k}")

    def source_file(self, sha256: str) -> URIRef:
        """The file a document was read from, by its content hash (`{base}id/bron/{sha256}`): a path
        on the converting machine means nothing to a consumer, the hash names the same bytes anywhere."""
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"not a SHA-256 in hex: {sha256!r}")
        return self.id("bron", sha256)

    def is_register(self, iri: str) -> bool:
        """A register resource: a person, fractie, post, membership or ministry (TOOI or local)."""
        starts, exact = _register_prefixes(self.base)
        return iri.startswith(starts) or iri in exact  # one C call: a corpus step asks 200,000 times

    def in_document(self, iri: str, doc_id: str) -> bool:
        """The document itself or one of its parts (questions, answers, citations)."""
        doc = str(self.document(doc_id))
        return iri == doc or iri.startswith(doc + "/")

    def page(self, thing: URIRef) -> str:
        """The `doc/` page of an `id/` thing."""
        s = str(thing)
        prefix = self.base + "id/"
        return self.base + "doc/" + s[len(prefix):] if s.startswith(prefix) else s

    @property
    def graph_base(self) -> str:
        return self.base + "graph/"
