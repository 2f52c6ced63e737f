"""Fast serialisation of a document's triples, without building an rdflib Graph.

Turtle and N-Triples go through pyoxigraph (Rust, ~1M triples/s); JSON-LD is compacted here with the
packaged context, which is simple because our graphs are flat: no blank nodes, no lists. Every
writer sorts, so the same triples always give the same bytes (incremental builds and diffs rely on it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .namespaces import PREFIXES, bind_all

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_RDF_TYPE = RDF.type
_RDF_TYPE_S = str(RDF.type)
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


_NT_ESCAPES = {0x22: '\\"', 0x5C: "\\\\", 0x0A: "\\n", 0x0D: "\\r"}
_NT_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in (0x0A, 0x0D)})
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
#: what N-Triples escapes in a literal: most texts hold none of it, and are copied as they are
_NT_ESCAPED = re.compile('[\x00-\x1f"\\\\\x7f]')


def _iri(u: str) -> str:
    if _IRI_FORBIDDEN.search(u):
        raise ValueError(f"not an IRI that N-Triples can carry: {u!r}")
    return f"<{u}>"


def _nt_literal(term: Literal) -> str:
    lex = str(term)
    if _NT_ESCAPED.search(lex) is not None:
        lex = lex.translate(_NT_ESCAPES)
    lang = term.language
    if lang:
        return f'"{lex}"@{lang}'
    dt = term.datatype
    return f'"{lex}"' if dt is None or str(dt) == _XSD_STRING else f'"{lex}"^^<{dt}>'


def nt_term(term: URIRef | Literal) -> str:
    """One term in N-Triples syntax."""
    if isinstance(term, Literal):
        lex = str(term).translate(_NT_ESCAPES)
        if term.language:
            return f'"{lex}"@{term.language}'
        dt = term.datatype
        return f'"{lex}"' if dt is None or dt == _XSD_STRING else f'"{lex}"^^<{dt}>'
    if isinstance(term, URIRef):
        return _iri(term)
    raise ValueError(f"blank nodes and other terms are not supported by the fast writers: {term!r}")


def nt_lines(triples: Iterable[Triple]) -> list[str]:
    """The sorted, distinct N-Triples lines (without newline) of the triples."""
    # rdflib terms hash and compare in Python: format them straight into plain strings instead; the
    # same subjects, predicates and objects come back on many lines, so each IRI is checked once
    lines = set()
    bad = _IRI_FORBIDDEN.search
    checked: set[str] = set()
    for s, p, o in triples:
        if type(s) is not URIRef and not isinstance(s, URIRef):
            raise ValueError(f"blank nodes are not supported by the fast writers: {s!r}")
        if type(o) is URIRef or (isinstance(o, URIRef)):
            line = f"<{s}> <{p}> <{o}> ."
            for iri in (str(s), str(p), str(o)):  # plain str: rdflib's == is Python code
                if iri not in checked:
                    if bad(iri):
                        raise ValueError(f"not IRIs that N-Triples can carry: {line!r}")
                    checked.add(iri)
        elif isinstance(o, Literal):
            line = f"<{s}> <{p}> {_nt_literal(o)} ."
            for iri in (str(s), str(p)):
                if iri not in checked:
                    if bad(iri):
                        raise ValueError(f"not IRIs that N-Triples can carry: {line!r}")
                    checked.add(iri)
        else:
            raise ValueError(f"blank nodes and other terms are not supported by the fast writers: {o!r}")
        lines.add(line)
    return sorted(lines)


def to_ntriples(triples: Iterable[Triple]) -> bytes:
    lines = nt_lines(triples)
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


_OX_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


def to_oxigraph(triples: Iterable[Triple]) -> list[ox.Triple]:
    """rdflib term tuples -> pyoxigraph Triples, sorted (through N-Triples: Rust parses it fast)."""
    return list(ox.parse(to_ntriples(triples), format=ox.RdfFormat.N_TRIPLES))


def to_turtle(triples: Iterable[Triple]) -> bytes:
    return ox.serialize(to_oxigraph(triples), format=ox.RdfFormat.TURTLE, prefixes=_OX_PREFIXES)


# -- JSON-LD --------------------------------------------------------------------------------------


@cache
def _context_tables() -> tuple[dict, dict, dict]:
    """From the packaged context: prefix -> IRI, and for each property IRI the terms that compact it.

    terms[iri] = {coercion: term}; coercion is "@id", a datatype IRI, "@nl"-style language, or None.
    """
    from ..writers.formats import jsonld_context

    ctx = jsonld_context()
    prefixes: dict[str, str] = {}
    for k, v in ctx.items():
        if isinstance(v, str) and v.endswith(("#", "/")) and not k.startswith("@"):
            prefixes[k] = v

    def expand(value: str) -> str:
        if ":" in value:
            pfx, local = value.split(":", 1)
            if pfx in prefixes and not local.startswith("//"):
                return prefixes[pfx] + local
        return value

    terms: dict[str, dict] = {}
    classes: dict[str, str] = {}
    for k, v in ctx.items():
        if k.startswith("@") or k in prefixes:
            continue
        if isinstance(v, str):
            full = expand(v)
            terms.setdefault(full, {}).setdefault(None, k)
            classes.setdefault(full, k)
        elif isinstance(v, dict) and "@id" in v:
            full = expand(v["@id"])
            if "@language" in v:
                coercion = "@" + v["@language"]
            elif "@type" in v:
                coercion = v["@type"] if v["@type"] == "@id" else expand(v["@type"])
            else:
                coercion = None
            terms.setdefault(full, {}).setdefault(coercion, k)
    return prefixes, terms, classes


@cache
def _compact_iri(iri: str) -> str:
    """prefix:local when a context prefix fits, else the IRI (cached: only predicates, classes and
    datatypes are compacted, a small set)."""
    prefixes = _context_tables()[0]
    best = ""
    for pfx, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(prefixes.get(best, "")):
            best = pfx
    if best:
        local = iri[len(prefixes[best]):]
        if local and not local.startswith("//"):
            return f"{best}:{local}"
    return iri


def _node_entries(p: str, o: URIRef | Literal, terms: dict) -> tuple[str, object]:
    """The key and JSON value of one (predicate, object) in compacted form."""
    options = terms.get(p, {})
    plain_key = options.get(None) or _compact_iri(p)
    if not isinstance(o, Literal):
        if "@id" in options:
            return options["@id"], str(o)
        return plain_key, {"@id": str(o)}
    lex = str(o)
    if o.language:
        key = options.get("@" + o.language)
        if key:
            return key, lex
        return plain_key, {"@value": lex, "@language": o.language}
    dt = str(o.datatype) if o.datatype else _XSD_STRING
    if dt in options:
        return options[dt], lex
    if dt == _XSD_STRING:
        return plain_key, lex
    return plain_key, {"@value": lex, "@type": _compact_iri(dt)}


def _value_key(v: object) -> tuple[str, str]:
    if isinstance(v, dict):
        return (v.get("@id") or v.get("@value") or "", v.get("@language") or v.get("@type") or "")
    return (str(v), "")


def jsonld_nodes(triples: Iterable[Triple]) -> list[dict]:
    """The node objects (no @context) of the compacted form, sorted by @id, keys and values sorted."""
    _prefixes, terms, classes = _context_tables()
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in triples:
        if not isinstance(s, URIRef) or not isinstance(o, URIRef | Literal):
            raise ValueError(f"blank nodes are not supported by the fast writers: {(s, p, o)!r}")
        node = nodes.setdefault(str(s), {})
        ps = str(p)  # plain str: rdflib's == is Python code
        if ps == _RDF_TYPE_S and not isinstance(o, Literal):
            node.setdefault("@type", []).append(classes.get(str(o)) or _compact_iri(str(o)))
            continue
        key, value = _node_entries(ps, o, terms)
        node.setdefault(key, []).append(value)
    out = []
    for sid in sorted(nodes):
        node: dict[str, object] = {"@id": sid}
        for key in sorted(nodes[sid]):
            values = sorted(nodes[sid][key], key=_value_key)
            node[key] = values[0] if len(values) == 1 else values
        out.append(node)
    return out


@cache
def _context_json() -> str:
    from ..writers.formats import jsonld_context

    return json.dumps(jsonld_context(), ensure_ascii=False, indent=2)


def to_jsonld(triples: Iterable[Triple]) -> bytes:
    """{"@context": ..., "@graph": [...]} with one node a line: readable, and json's C encoder
    (indent= would switch to the pure Python one, 4x slower)."""
    nodes = ",\n".join(json.dumps(n, ensure_ascii=False) for n in jsonld_nodes(triples))
    return f'{{"@context": {_context_json()},\n"@graph": [\n{nodes}\n]}}\n'.encode()


def render(triples: Iterable[Triple], formats: Iterable[str]) -> dict[str, bytes]:
    """Several formats of the same triples, formatting the N-Triples lines once for all."""
    triples = triples if isinstance(triples, set | frozenset | list | tuple) else list(triples)
    out: dict[str, bytes] = {}
    nt: bytes | None = None
    for name in formats:
        if name in ("ntriples", "turtle"):
            if nt is None:
                nt = to_ntriples(triples)
            if name == "ntriples":
                out[name] = nt
            else:
                graph = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
                out[name] = ox.serialize(graph, format=ox.RdfFormat.TURTLE, prefixes=_OX_PREFIXES)
        elif name == "jsonld":
            out[name] = to_jsonld(triples)
        else:
            raise ValueError(f"no fast writer for {name!r}")
    return out


def graph_of(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph holding the triples (for the library API and for pySHACL)."""
    g = bind_all(Graph())
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


__all__ = [
    "Triple", "graph_of", "jsonld_nodes", "nt_lines", "nt_term", "render", "to_jsonld", "to_ntriples",
    "to_oxigraph", "to_turtle",
]
