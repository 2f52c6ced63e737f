"""Links between documents that no single document can state: the corpus-level pass.

A delay notice (mededeling) is printed before the answer exists, and an answer printed in the
Aanhangsel does not repeat the zaak number; only together do they say that they belong to one zaak.
After a batch, this pass joins what the documents said:

* an answer that says "Zie ook Aanhangsel …, nr. 244" and the mededeling nr. 244: they point to each
  other (`rdfs:seeAlso`) and the answer gets the mededeling's zaak (`kld:zaak`);
* documents of one zaak: a mededeling and the answer(s), or a first and a "nader" (later) answer,
  point to each other;
* the questions document a mededeling delays (`kld:uitstelVan kv-tk-…`) is the zaak's too.

Only documents in the batch are linked; nothing is inferred about documents we did not read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDFS

from .model import Document, DocumentKind
from .rdf.namespaces import KLD, bind_all
from .rdf.uris import DEFAULT_BASE, Minter
from .report import DocumentResult

ANSWERS = {DocumentKind.ANTWOORD.value}
NOTICES = {DocumentKind.MEDEDELING.value}


@dataclass(frozen=True)
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

    def __len__(self) -> int:
        return len(self.see_also) + len(self.zaak)


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
    return links


def links_graph(links: Links, base: str = DEFAULT_BASE) -> Graph:
    m = Minter(base)
    g = bind_all(Graph())
    for a, b in sorted(links.see_also):
        g.add((m.document(a), RDFS.seeAlso, m.document(b)))
    for doc_id, z in sorted(links.zaak):
        g.add((m.document(doc_id), KLD.zaak, m.zaak(z)))
    return g


#: the file (per output format) that holds the links of a batch, beside the documents' files
LINKS_STEM = "_links"


def write_links(out: Path, docs: Iterable[Document | DocumentResult], base: str = DEFAULT_BASE,
                formats: Iterable[str] = ("turtle",)) -> list[str]:
    """Compute the links of a batch and write them as `_links.<suffix>` in `out`; files of an
    earlier run that found links are removed when this one finds none. Returns the files written."""
    from .fsutil import inside, write_atomic
    from .writers import get_format, serialize

    links = cross_links(LinkInfo.of(d) for d in docs)
    written: list[str] = []
    for name in formats:
        fmt = get_format(name)
        target = inside(out, LINKS_STEM + fmt.suffix)
        if len(links):
            write_atomic(target, serialize(links_graph(links, base), fmt.name))
            written.append(str(target))
        elif target.exists():
            target.unlink()
    return written
