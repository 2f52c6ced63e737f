"""The corpus-level pass: what no single document can state, and what several documents share.

A delay notice (mededeling) is printed before the answer exists, and an answer printed in the
Aanhangsel does not repeat the zaak number; only together do they say that they belong to one zaak.
After a batch, this pass joins what the documents said:

* an answer that says "Zie ook Aanhangsel …, nr. 244" and the mededeling nr. 244: they point to each
  other (`rdfs:seeAlso`) and the answer gets the mededeling's zaak (`kld:zaak`);
* documents of one zaak: a mededeling and the answer(s), or a first and a "nader" (later) answer,
  point to each other;
* the questions document a mededeling delays (`kld:uitstelVan kv-tk-…`) is the zaak's too.

* an answer document and the mededeling that announced its delay (`kld:uitstelmededeling`).

Only documents in the batch are linked; nothing is inferred about documents we did not read.

Beside the links, two graphs are written once per batch from what each document's mapping set apart
(`rdf.mapping.MappedDocument`), so that no triple is in two graphs and counts over the union are right:

* `_registers.*`: every person, fractie, post, ministry and membership the documents name;
* `_links.*`: these links and what documents share: zaken, dossiers, source files, and what is known
  of a cited paper the batch does not hold (its id, its official publication).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDFS

from kamerld.model import Document, DocumentKind
from kamerld.rdf.mapping import Triple
from kamerld.rdf.namespaces import KLD, bind_all
from kamerld.rdf.uris import DEFAULT_BASE, Minter

from .report import DocumentResult

ANSWERS = {DocumentKind.ANTWOORD.value}
NOTICES = {DocumentKind.MEDEDELING.value}


@dataclass(frozen=True, slots=True)
class LinkInfo:
    """What the linker needs of a document; small, so a batch of 100,000 fits in memory."""

    id: str
    kind: str
    zaken: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    uitstel_van: tuple[str, ...] = ()

    @classmethod
    def of(cls, doc: Document | DocumentResult) -> LinkInfo:
        kind = doc.kind.value if isinstance(doc, Document) else doc.kind
        return cls(doc.id, kind, tuple(doc.zaken), tuple(doc.see_also), tuple(doc.uitstel_van))


@dataclass
class Links:
    see_also: set[tuple[str, str]] = field(default_factory=set)  # (document id, document id)
    zaak: set[tuple[str, str]] = field(default_factory=set)  # (document id, zaak number)
    notices: set[tuple[str, str]] = field(default_factory=set)  # (answer document id, mededeling id)

    def __len__(self) -> int:
        return len(self.see_also) + len(self.zaak) + len(self.notices)


def _pair(links: Links, a: LinkInfo, b: LinkInfo) -> None:
    if a.id == b.id:
        return
    if b.id not in a.see_also:
        links.see_also.add((a.id, b.id))
    if a.id not in b.see_also:
        links.see_also.add((b.id, a.id))


def cross_links(docs: Iterable[LinkInfo]) -> Links:
    docs = list(docs)
    by_id = {d.id: d for d in docs}
    links = Links()
    zaken_of: dict[str, set[str]] = {d.id: set(d.zaken) for d in docs}
    # a mededeling's zaak is also the zaak of the answer that refers to it
    for d in docs:
        for target in d.see_also:
            other = by_id.get(target)
            if other is None:
                continue
            _pair(links, d, other)
            if {d.kind, other.kind} <= ANSWERS | NOTICES:
                for z in zaken_of[other.id] - zaken_of[d.id]:
                    links.zaak.add((d.id, z))
                for z in zaken_of[d.id] - zaken_of[other.id]:
                    links.zaak.add((other.id, z))
    for doc_id, z in links.zaak:
        zaken_of[doc_id].add(z)
    # documents of one zaak: notices and answers point to each other
    by_zaak: dict[str, list[LinkInfo]] = defaultdict(list)
    for d in docs:
        if d.kind in ANSWERS | NOTICES:
            for z in zaken_of[d.id]:
                by_zaak[z].append(d)
    for group in by_zaak.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                _pair(links, a, b)
                if a.kind in ANSWERS and b.kind in NOTICES:
                    links.notices.add((a.id, b.id))
                elif b.kind in ANSWERS and a.kind in NOTICES:
                    links.notices.add((b.id, a.id))
    return links


def links_triples(links: Links, base: str = DEFAULT_BASE) -> set[Triple]:
    m = Minter(base)
    out: set[Triple] = set()
    for a, b in links.see_also:
        out.add((m.document(a), RDFS.seeAlso, m.document(b)))
    for doc_id, z in links.zaak:
        out.add((m.document(doc_id), KLD.zaak, m.zaak(z)))
    for answer, notice in links.notices:
        out.add((m.document(answer), KLD.uitstelmededeling, m.document(notice)))
    return out


def links_graph(links: Links, base: str = DEFAULT_BASE) -> Graph:
    g = bind_all(Graph())
    g.addN((s, p, o, g) for s, p, o in links_triples(links, base))
    return g


#: the files (per output format) that hold the corpus graphs of a batch, beside the documents' files
LINKS_STEM = "_links"
REGISTERS_STEM = "_registers"
CORPUS_STEMS = (REGISTERS_STEM, LINKS_STEM)


def corpus_graphs(parts: Iterable[Iterable[Triple]], docs: Iterable[Document | DocumentResult],
                  base: str = DEFAULT_BASE) -> tuple[set[Triple], set[Triple]]:
    """(registers, links) of a batch: the register and shared triples of every document (each once),
    the links between the documents, and nothing about a held document that is not in its own graph."""
    m = Minter(base)
    infos = [LinkInfo.of(d) for d in docs]
    held = {d.id for d in infos}
    doc_prefix = str(m.id("document")) + "/"
    registers: set[Triple] = set()
    shared: set[Triple] = set()
    for triples in parts:
        for t in triples:
            s = str(t[0])
            if m.is_register(s):
                registers.add(t)
            elif s.startswith(doc_prefix) and s[len(doc_prefix):].split("/", 1)[0] in held:
                continue  # a cited paper we hold: its own graph says what is known of it
            else:
                shared.add(t)
    shared |= links_triples(cross_links(infos), base)
    return registers, shared


def write_corpus(out: Path, registers: set[Triple], shared: set[Triple],
                 formats: Iterable[str] = ("turtle",)) -> list[str]:
    """Write `_registers.<suffix>` and `_links.<suffix>` in `out` (`write_corpus_files`)."""
    from kamerld.writers import get_format
    from kamerld.writers.fast import render

    names = [get_format(f).name for f in formats]
    return write_corpus_files(out, {stem: render(triples, names) if triples else None
                                    for stem, triples in ((REGISTERS_STEM, registers), (LINKS_STEM, shared))},
                              formats)


def write_corpus_files(out: Path, data: dict[str, dict[str, bytes] | None],
                       formats: Iterable[str] = ("turtle",)) -> list[str]:
    """Write each corpus graph's serialisations (`{stem: {format: bytes}}`, None for an empty graph,
    which removes its files of an earlier run) in `out`. Returns the files written."""
    from kamerld.writers import get_format
    from kamerld.writers.atomic import inside, write_atomic

    fmts = [get_format(f) for f in formats]
    written: list[str] = []
    for stem in CORPUS_STEMS:
        rendered = data.get(stem)
        for fmt in fmts:
            target = inside(out, stem + fmt.suffix)
            if rendered:
                # unchanged content is not rewritten: an incremental build leaves these files alone
                if not target.is_file() or target.read_bytes() != rendered[fmt.name]:
                    write_atomic(target, rendered[fmt.name])
                written.append(str(target))
            elif target.exists():
                target.unlink()
    return written


def write_links(out: Path, docs: Iterable[Document | DocumentResult], base: str = DEFAULT_BASE,
                formats: Iterable[str] = ("turtle",), parts: Iterable[Iterable[Triple]] = ()) -> list[str]:
    """The corpus graphs of a batch (`corpus_graphs`) written into `out` (`write_corpus`)."""
    registers, shared = corpus_graphs(parts, docs, base)
    return write_corpus(out, registers, shared, formats)
