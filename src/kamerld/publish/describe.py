"""What a page about one resource says, in every format: its description, following the links both ways.

A crawler that dereferences a question must find the answer that answers it, although only the answer
states `eli-dl:answers_to`; a cited paper must show who cites it. So a description holds:

* the resource's own triples, and those of blank nodes it points to (concise bounded description);
* every triple that points at it (the answer to a question, the parts of a document, the citations
  of a paper, the questions a person asked);
* the labels of the resources it links to outside this site's `id/` space (a TOOI ministry): those
  IRIs dereference elsewhere, and the data may be the only place that names them.

Everything is read from the store's graphs, each triple once.
"""

from __future__ import annotations

import pyoxigraph as ox

from kamerld.publish import rdfterms as T

#: properties whose values name a resource: copied for an outside IRI the description links to
_LABELS = tuple(ox.NamedNode(p) for p in (T.RDFS + "label", T.SKOS + "prefLabel"))


def description(store: ox.Store, iri: str, id_prefix: str) -> list[ox.Triple]:
    """The triples of the page about `iri`, sorted (see the module)."""
    found: dict[str, ox.Triple] = {}

    def add(t: ox.Triple) -> None:
        found.setdefault(str(t), t)

    node = ox.NamedNode(iri)
    todo: list[ox.NamedNode | ox.BlankNode] = [node]
    seen: set[str] = set()
    outside: set[str] = set()
    while todo:
        current = todo.pop()
        if str(current) in seen:
            continue
        seen.add(str(current))
        for q in store.quads_for_pattern(current, None, None, None):
            add(q.triple)
            if isinstance(q.object, ox.BlankNode):
                todo.append(q.object)
            elif isinstance(q.object, ox.NamedNode) and not q.object.value.startswith(id_prefix):
                outside.add(q.object.value)
    for q in store.quads_for_pattern(None, None, node, None):
        add(q.triple)
    for other in sorted(outside):
        for prop in _LABELS:
            for q in store.quads_for_pattern(ox.NamedNode(other), prop, None, None):
                add(q.triple)
    return sorted(found.values(), key=str)


def page_iris(store: ox.Store, id_prefix: str) -> list[str]:
    """Every IRI under `id_prefix` the data mentions, as subject or object: each gets a page, also a
    cited paper the data does not hold or the question of another document an answer answers."""
    found: set[str] = set()
    for q in store.quads_for_pattern(None, None, None, None):
        for term in (q.subject, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(id_prefix):
                found.add(term.value)
    return sorted(found)
