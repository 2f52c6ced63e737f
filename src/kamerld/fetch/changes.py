"""The feed of what changed: what every `kamerld update` found, for people and portals to follow.

    OUT/feed/changes.jsonl   every change ever recorded, one JSON object a line (the history)
    OUT/feed/changes.atom    the latest changes as an Atom 1.0 feed (RFC 4287)
    OUT/feed/changes.ttl     the same changes as RDF (W3C Activity Streams 2.0), Turtle

Kinds of change: new questions ("vragen"), a new answer ("antwoord", also a "nader" answer), a new
mededeling ("mededeling"), questions past the three-week term without an answer ("termijn": the
Reglement van Orde gives the government three weeks), and a document withdrawn at the source
("ingetrokken"). In RDF a new document is an `as:Create`, a withdrawn one an `as:Delete`, a term
that passed an `as:Announce`; each has `as:object` the document, `as:context` its zaak,
`as:published`, and `as:summary` in Dutch. Entry ids are kamerld URIs (`{base}id/wijziging/…`), so
the Atom entry and the RDF resource are the same thing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kamerld.writers.atomic import write_atomic
from kamerld.writers.fast import render

from ..rdf.namespaces import KLD
from ..rdf.uris import DEFAULT_BASE, Minter

AS = Namespace("https://www.w3.org/ns/activitystreams#")
ATOM = "http://www.w3.org/2005/Atom"
LATEST = 200  # entries in the Atom and RDF files; the history keeps them all

KINDS = {  # kind -> (activity, Dutch heading, class of the document)
    "vragen": (AS.Create, "Nieuwe vragen", KLD.Kamervragen),
    "antwoord": (AS.Create, "Nieuw antwoord", KLD.Antwoorddocument),
    "mededeling": (AS.Create, "Nieuwe mededeling (uitstel)", KLD.Mededeling),
    "termijn": (AS.Announce, "Termijn van drie weken verstreken", KLD.Kamervragen),
    "ingetrokken": (AS.Delete, "Ingetrokken", None),
}


@dataclass
class Change:
    kind: str  # a key of KINDS
    document: str  # local document id
    title: str | None
    when: str  # UTC time of the update, 2024-12-05T10:15:00Z
    zaak: str | None = None
    date: str | None = None  # the document's own date, when known
    uri: str = ""  # the change's IRI, given when recorded

    def heading(self) -> str:
        return f"{KINDS[self.kind][1]}: {self.title or self.document}"


def _stamp(when: str) -> str:
    return when.replace("-", "").replace(":", "")


def record(folder: Path, changes: list[Change], base: str = DEFAULT_BASE) -> list[Change]:
    """Append `changes` to the history, rewrite the Atom and RDF files; the full list, newest first."""
    folder.mkdir(parents=True, exist_ok=True)
    minter = Minter(base)
    history = folder / "changes.jsonl"
    old: list[Change] = []
    if history.is_file():
        for line in history.read_text("utf-8").splitlines():
            try:
                old.append(Change(**json.loads(line)))
            except (json.JSONDecodeError, TypeError):
                continue  # a line cut short by a crash
    for k, c in enumerate(changes, start=1):
        c.uri = str(minter.change(_stamp(c.when), k))
    if changes:
        with history.open("a", encoding="utf-8") as fh:
            for c in changes:
                fh.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
    everything = sorted(old + changes, key=lambda c: (c.when, c.uri), reverse=True)
    latest = everything[:LATEST]
    write_atomic(folder / "changes.atom", atom(latest, minter))
    write_atomic(folder / "changes.ttl", render(triples(latest, minter), ["turtle"])["turtle"])
    return everything


def atom(changes: list[Change], minter: Minter) -> bytes:
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    etree.SubElement(feed, f"{{{ATOM}}}id").text = str(minter.changes())
    title = "kamerld: nieuwe Kamervragen, antwoorden en mededelingen"
    etree.SubElement(feed, f"{{{ATOM}}}title").text = title
    etree.SubElement(feed, f"{{{ATOM}}}updated").text = changes[0].when if changes else "1970-01-01T00:00:00Z"
    author = etree.SubElement(feed, f"{{{ATOM}}}author")
    etree.SubElement(author, f"{{{ATOM}}}name").text = "kamerld"
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=minter.page(minter.changes()))
    for c in changes:
        entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
        etree.SubElement(entry, f"{{{ATOM}}}id").text = c.uri
        etree.SubElement(entry, f"{{{ATOM}}}title").text = c.heading()
        etree.SubElement(entry, f"{{{ATOM}}}updated").text = c.when
        etree.SubElement(entry, f"{{{ATOM}}}category", term=c.kind, label=KINDS[c.kind][1])
        doc = minter.document(c.document)
        etree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=minter.page(doc))
        etree.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=str(doc))
        summary = [c.document] + ([f"zaak {c.zaak}"] if c.zaak else []) + ([c.date] if c.date else [])
        etree.SubElement(entry, f"{{{ATOM}}}summary").text = ", ".join(summary)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def triples(changes: list[Change], minter: Minter) -> set:
    g: set = set()
    feed = minter.changes()
    g.add((feed, RDF.type, AS.Collection))
    g.add((feed, AS.totalItems, Literal(len(changes))))
    for c in changes:
        activity, heading, cls = KINDS[c.kind]
        u, doc = URIRef(c.uri), minter.document(c.document)
        g.add((feed, AS.items, u))
        g.add((u, RDF.type, activity))
        g.add((u, AS.object, doc))
        g.add((u, AS.summary, Literal(c.heading(), lang="nl")))
        g.add((u, AS.published, Literal(c.when, datatype=XSD.dateTime)))
        g.add((u, DCTERMS.type, Literal(c.kind)))
        if c.zaak:
            g.add((u, AS.context, minter.zaak(c.zaak)))
        if cls is not None:
            g.add((doc, RDF.type, cls))
        if c.title:
            g.add((doc, DCTERMS.title, Literal(c.title, lang="nl")))
    return g
