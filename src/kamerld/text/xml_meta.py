"""KOOP publication metadata in its three XML shapes, read into one flat form and applied to a Document.

* `metadata.xml`: `<metadata_gegevens><metadata name="DC.identifier" content="..."/>...` (names like
  DC.title, DCTERMS.available, OVERHEIDop.vraagnummer, OVERHEIDop.indiener "Ham van der B.")
* `metadata_owms.xml`: `<owms-metadata><owmskern><dcterms:identifier>...`
* SRU search records: `<record><recordData><gzd><originalData><meta><owmskern><identifier>...`
  (also inside `searchRetrieveResponse/records`)

All three become `KoopMeta`: lower-cased local names ("identifier", "title", "vraagnummer", ...) ->
values in document order. Values that hold lists ("36200-VII;36410") are split when applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from kamerld.sources.safexml import local

from ..model import Document, DocumentKind, OrgMention, PersonMention
from .xml_text import norm, parse_iso_date

#: KOOP ids of the publications we know, and what kind of document each is.
KOOP_ID = re.compile(r"^(kv|ah|h|kst|stb|stcrt|trb|gmb|prb|wsb|bgr|blg|nds)-[A-Za-z0-9][A-Za-z0-9._-]*$")
_KIND_BY_PREFIX = {
    "kv": DocumentKind.KAMERVRAGEN,
    "ah": DocumentKind.ANTWOORD,
    "h": DocumentKind.HANDELINGEN,
    "kst": DocumentKind.KAMERSTUK,
}
_CHAMBER_YEARS = re.compile(r"^(?:ah|h|kv)-(tk|ek)-(?:(\d{4})(\d{4})-)?")


@dataclass
class KoopMeta:
    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, value: str | None) -> None:
        value = norm(value)
        if value:
            key = name.rsplit(".", 1)[-1].lower()
            self.values.setdefault(key, []).append(value)

    def get(self, *names: str) -> str | None:
        for name in names:
            if self.values.get(name):
                return self.values[name][0]
        return None

    def all(self, name: str) -> list[str]:
        """Every value of `name`, `;`-separated lists split, duplicates dropped, order kept."""
        out: list[str] = []
        for value in self.values.get(name, []):
            for part in value.split(";"):
                part = part.strip()
                if part and part not in out:
                    out.append(part)
        return out

    @property
    def identifier(self) -> str | None:
        return self.get("identifier")


def meta_from_gegevens(root: etree._Element) -> KoopMeta:
    """`<metadata_gegevens>` (metadata.xml), or the `<metadata>`/`<meta>` block inside a publication."""
    meta = KoopMeta()
    for el in root.iter():
        if local(el.tag) in ("metadata", "meta") and el.get("name"):
            meta.add(el.get("name", ""), el.get("content"))
    return meta


def meta_from_elements(root: etree._Element) -> KoopMeta:
    """`<owms-metadata>` or one SRU `<record>`: each leaf element is a value under its local name.
    The enrichedData's URLs are kept under "url" / "preferredurl"."""
    meta = KoopMeta()
    for el in root.iter():
        if not isinstance(el.tag, str) or len(el):
            continue
        name = local(el.tag)
        if name in ("recordSchema", "recordPacking", "recordPosition"):
            continue
        meta.add(name, el.text)
    return meta


def sru_records(root: etree._Element) -> list[etree._Element]:
    """The `record` elements of a searchRetrieveResponse (or the root itself when it is one record)."""
    if local(root.tag) == "record":
        return [root]
    return [el for el in root.iter() if local(el.tag) == "record"]


def surname_first(name: str) -> str:
    """KOOP's indiener form "Ham van der B." / "Plas van der C.A." -> "B. van der Ham" /
    "C.A. van der Plas". A name without trailing initials is returned as it is."""
    tokens = name.split()
    initials: list[str] = []
    while tokens and re.fullmatch(r"(?:[A-Z][a-z]?\.)+", tokens[-1]):
        initials.insert(0, tokens.pop())
    if not initials or not tokens:
        return name
    prefix: list[str] = []
    while len(tokens) > 1 and tokens[-1].islower():
        prefix.insert(0, tokens.pop())
    return " ".join([*initials, *prefix, *tokens])


def kind_for_id(doc_id: str) -> DocumentKind:
    return _KIND_BY_PREFIX.get(doc_id.split("-", 1)[0], DocumentKind.OVERIG)


def fill_from_id(doc: Document) -> None:
    """Chamber and vergaderjaar that a KOOP id spells out: "ah-tk-20232024-1121" -> TK, "2023-2024"."""
    m = _CHAMBER_YEARS.match(doc.id)
    if m:
        doc.chamber = doc.chamber or m.group(1).upper()
        if m.group(2):
            doc.vergaderjaar = doc.vergaderjaar or f"{m.group(2)}-{m.group(3)}"


def apply_meta(doc: Document, meta: KoopMeta) -> None:
    """Fill what `doc` does not know yet from `meta`; what the document body says wins."""
    ident = meta.identifier
    if ident and ident != doc.id:
        doc.warn(f"metadata is about {ident!r}, the document is {doc.id!r}; metadata ignored")
        return
    doc.title = doc.title or meta.get("title")
    doc.date = doc.date or parse_iso_date(meta.get("date", "issued", "available", "modified"))
    doc.date_submitted = doc.date_submitted or parse_iso_date(meta.get("datumindiening"))
    doc.date_received = doc.date_received or parse_iso_date(meta.get("datumontvangst"))
    jaar = meta.get("vergaderjaar")
    if jaar and not doc.vergaderjaar:
        doc.vergaderjaar = re.sub(r"\s*[-/–]\s*", "-", jaar)
    doc.number = doc.number or meta.get("aanhangselnummer", "aanhangsel", "ondernummer")
    for zaak in meta.all("vraagnummer"):
        if zaak not in doc.zaken:
            doc.zaken.append(zaak)
    for dossier in meta.all("dossiernummer"):
        if dossier not in doc.dossiers:
            doc.dossiers.append(dossier)
    if not doc.askers:
        doc.askers = [PersonMention(name=surname_first(n), role="lid") for n in meta.all("indiener")]
    if not doc.addressees:
        doc.addressees = [OrgMention(text=t) for t in meta.all("ontvanger")]
    creator = meta.get("creator")
    if creator and creator.lower().startswith("ministerie") and doc.ministry is None:
        doc.ministry = OrgMention(text=creator)
    authority = " ".join(meta.all("creator") + meta.all("authority")).lower()
    if doc.chamber is None and "tweede kamer" in authority:
        doc.chamber = "TK"
    elif doc.chamber is None and "eerste kamer" in authority:
        doc.chamber = "EK"
    fill_from_id(doc)
