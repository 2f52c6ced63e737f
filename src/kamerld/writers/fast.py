"""Fast serialisation of a document's triples, without building an rdflib Graph.

N-Triples lines are formatted here, sorted once, and Turtle is written from them (`turtle_lines`:
pyoxigraph's bytes, pyoxigraph itself for what that writer leaves to it); JSON-LD is compacted here
with the packaged context, which is simple because our graphs are flat: no blank nodes, no lists.
Every writer sorts, so the same triples always give the same bytes (incremental builds and diffs rely
on it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kamerld.rdf.literals import SLOTS as _SLOTS
from kamerld.rdf.namespaces import PREFIXES, bind_all
from kamerld.writers.turtle_lines import turtle_of_lines

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_RDF_TYPE = RDF.type
_TYPE_IRI = str(RDF.type)


def _is_literal(o: object) -> bool:
    """isinstance(o, Literal), quickly: rdflib's terms have an ABC metaclass, whose isinstance is
    Python code when the answer is no (an IRI asked whether it is a literal)."""
    t = type(o)
    return t is Literal or (t is not URIRef and isinstance(o, Literal))
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


def _plain(lex: str) -> bool:
    """Whether N-Triples writes `lex` as it is. str.isprintable is false for every character
    `_NT_ESCAPED` finds but the quote and the backslash, and scans in a third of the time; a text
    it is false for (a line break, a no-break space) is left to the pattern."""
    if lex.isprintable():
        return '"' not in lex and "\\" not in lex
    return _NT_ESCAPED.search(lex) is None


def _nt_literal(term: Literal) -> str:
    lex = str(term)
    if not _plain(lex):
        lex = lex.translate(_NT_ESCAPES)
    lang = term._language if _SLOTS else term.language
    if lang:
        return "".join(('"', lex, '"@', lang))
    dt = term._datatype if _SLOTS else term.datatype
    if dt is None or str(dt) == _XSD_STRING:
        return "".join(('"', lex, '"'))
    return "".join(('"', lex, '"^^<', dt, ">"))  # joined: an f-string formats a term via __format__


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
    # rdflib terms hash and compare in Python: format them straight into plain strings instead. The
    # IRIs are checked once each, after the loop: kept as the terms themselves, whose hash a str
    # caches (the mapping hands out one term per IRI, so a lookup is an identity hit), where a
    # plain copy of each was hashed anew on every line
    lines = set()
    iris: set = set()
    add_iri = iris.add
    join = "".join  # plain strings from rdflib terms: an f-string formats each through __format__
    for s, p, o in triples:
        if type(s) is not URIRef and not isinstance(s, URIRef):
            raise ValueError(f"blank nodes are not supported by the fast writers: {s!r}")
        if type(o) is URIRef or (isinstance(o, URIRef)):
            lines.add(join(("<", s, "> <", p, "> <", o, "> .")))
            add_iri(o)
        elif _is_literal(o):
            lines.add(join(("<", s, "> <", p, "> ", _nt_literal(o), " .")))
        else:
            raise ValueError(f"blank nodes and other terms are not supported by the fast writers: {o!r}")
        add_iri(s)
        add_iri(p)
    bad = _IRI_FORBIDDEN.search
    if any(bad(iri) for iri in iris):
        wrong = min(str(iri) for iri in iris if bad(iri))
        raise ValueError(f"not IRIs that N-Triples can carry: {wrong!r}")
    return sorted(lines)


def _nt_bytes(lines: list[str]) -> bytes:
    """The N-Triples file of `nt_lines`' lines."""
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _turtle_of_lines(lines: list[str], nt: bytes) -> bytes:
    """Turtle of `nt_lines`' lines: written from them, or by pyoxigraph from `nt` (their file) where
    the line writer leaves them to it (`turtle_lines`); the same bytes either way."""
    ttl = turtle_of_lines(lines)
    return ttl if ttl is not None else turtle_of_ntriples(nt)


def to_ntriples(triples: Iterable[Triple]) -> bytes:
    return _nt_bytes(nt_lines(triples))


_OX_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


def to_oxigraph(triples: Iterable[Triple]) -> list[ox.Triple]:
    """rdflib term tuples -> pyoxigraph Triples, sorted (through N-Triples: Rust parses it fast)."""
    return list(ox.parse(to_ntriples(triples), format=ox.RdfFormat.N_TRIPLES))


def _from_ox(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        # the lexical form as written: rdflib would otherwise rewrite "Z" as "+00:00", "1" as "true"
        return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt), normalize=False)
    raise ValueError(f"blank nodes are not supported by the fast writers: {term!r}")


def from_oxigraph(triples: Iterable[ox.Triple]) -> list[Triple]:
    """pyoxigraph triples as rdflib term tuples; ValueError on a blank node (the fast writers' limit)."""
    return [(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))  # type: ignore[misc]
            for t in triples]


def from_ntriples(data: bytes) -> set[Triple]:
    """N-Triples (as the fast writers write them) back to rdflib term tuples."""
    out: set[Triple] = set()
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        out.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))  # type: ignore[arg-type]
    return out


def to_turtle(triples: Iterable[Triple]) -> bytes:
    """Turtle with our prefixes (`_turtle_of_lines`)."""
    lines = nt_lines(triples)
    return _turtle_of_lines(lines, _nt_bytes(lines))


# -- JSON-LD --------------------------------------------------------------------------------------
#
# What a web developer gets: a key is always a string or always an array (a term that can repeat has
# "@container": "@set"), labels are language maps ({"nl": ...}, "@none" for a name without language),
# booleans and integers are JSON's own. A value that does not fit its term (a second value of a
# single-valued term, a string where a boolean belongs) goes under the compact IRI instead, always as
# an array of expanded values: the triples never change, and neither does the shape of a key.

_XSD_BOOLEAN = str(XSD.boolean)
_XSD_INTEGER = str(XSD.integer)
_CANONICAL_INTEGER = re.compile(r"^(?:0|-?[1-9][0-9]{0,17})$")  # within JSON's exact integers


@dataclass(frozen=True)
class _Term:
    name: str
    coercion: str | None  # "@id", a datatype IRI, "@nl"-style language, or None
    container: str | None  # "@set", "@language" or None


@cache
def _context_tables(ctx_json: str | None = None) -> tuple[dict, dict, dict]:
    """From a context (the packaged one by default; JSON text, so it can be cached): prefix -> IRI,
    each property IRI's terms, class IRI -> term."""
    from ..writers.context import jsonld_context

    ctx = json.loads(ctx_json) if ctx_json else jsonld_context()
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

    terms: dict[str, list[_Term]] = {}
    classes: dict[str, str] = {}
    for k, v in ctx.items():
        if k.startswith("@") or k in prefixes:
            continue
        if isinstance(v, str):
            full = expand(v)
            terms.setdefault(full, []).append(_Term(k, None, None))
            classes.setdefault(full, k)
        elif isinstance(v, dict) and "@id" in v:
            full = expand(v["@id"])
            if "@language" in v:
                coercion = "@" + v["@language"]
            elif "@type" in v:
                coercion = v["@type"] if v["@type"] == "@id" else expand(v["@type"])
            else:
                coercion = None
            terms.setdefault(full, []).append(_Term(k, coercion, v.get("@container")))
    return prefixes, terms, classes


@cache
def _compact_iri(iri: str, ctx_json: str | None = None) -> str:
    """prefix:local when a context prefix fits, else the IRI (cached: only predicates, classes and
    datatypes are compacted, a small set)."""
    prefixes = _context_tables(ctx_json)[0]
    best = ""
    for pfx, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(prefixes.get(best, "")):
            best = pfx
    if best:
        local = iri[len(prefixes[best]):]
        if local and not local.startswith("//"):
            return f"{best}:{local}"
    return iri


def _native(lex: str, dt: str) -> object:
    """A typed literal as JSON's own value when JSON-LD reads it back as the same literal, else None."""
    if dt == _XSD_BOOLEAN and lex in ("true", "false"):
        return lex == "true"
    if dt == _XSD_INTEGER and _CANONICAL_INTEGER.match(lex):
        return int(lex)
    return None


def _fit(term: _Term, o: URIRef | Literal) -> tuple[bool, object]:
    """(fits, JSON value) of one object under one term."""
    if not _is_literal(o):
        return (term.coercion == "@id", str(o))
    lex = str(o)
    if term.coercion == "@id":
        return (False, None)
    if term.container == "@language":
        plain = o.datatype is None or str(o.datatype) in (_XSD_STRING, _LANG_STRING)
        return (term.coercion is None and plain, lex)
    if o.language:
        return (term.coercion == "@" + o.language, lex)
    dt = str(o.datatype) if o.datatype else _XSD_STRING
    if term.coercion is None:
        return (dt == _XSD_STRING, lex)
    if term.coercion != dt:
        return (False, None)
    if dt in (_XSD_BOOLEAN, _XSD_INTEGER):
        native = _native(lex, dt)  # a non-canonical "1" is not JSON's true: it keeps its own form
        return (native is not None, native)
    return (True, lex)


def _expanded(o: URIRef | Literal, ctx_json: str | None) -> dict:
    if not _is_literal(o):
        return {"@id": str(o)}
    if o.language:
        return {"@value": str(o), "@language": o.language}
    dt = str(o.datatype) if o.datatype else _XSD_STRING
    if dt == _XSD_STRING:
        return {"@value": str(o)}
    return {"@value": str(o), "@type": _compact_iri(dt, ctx_json)}


def _value_key(v: object) -> tuple[str, str]:
    if isinstance(v, dict):
        return (str(v.get("@id") or v.get("@value") or ""), str(v.get("@language") or v.get("@type") or ""))
    return (str(v), "")


def _kind_fits(term: _Term, kind: tuple) -> bool:
    """Whether an object of this kind can go under the term (as `_fit`, before the value is seen)."""
    if kind[0] == "iri":
        return term.coercion == "@id"
    _, lang, dt = kind
    if term.coercion == "@id":
        return False
    if term.container == "@language":
        return term.coercion is None and (lang is not None or dt in (_XSD_STRING, _LANG_STRING))
    if lang:
        return term.coercion == "@" + lang
    if term.coercion is None:
        return dt == _XSD_STRING
    return term.coercion == dt


@cache
def _candidate(p: str, kind: tuple, ctx_json: str | None) -> _Term | None:
    """The one term that can carry an object of this kind (("iri",) or ("literal", language,
    datatype)) for property p: a value of a kind fits one term or none, whatever its text."""
    return next((t for t in _context_tables(ctx_json)[1].get(p, []) if _kind_fits(t, kind)), None)


_IRI_KIND = ("iri",)


def _kind(o: URIRef | Literal) -> tuple:
    """An object's kind, as `_candidate` takes it."""
    if type(o) is URIRef:
        return _IRI_KIND
    if _is_literal(o):
        if _SLOTS:  # the slots the properties return, read without a call (`rdf.literals.SLOTS`)
            lang, dt = o._language, o._datatype
        else:
            lang, dt = o.language, o.datatype
        return ("literal", lang, None if lang else str(dt or _XSD_STRING))
    return _IRI_KIND


@cache
def _plan(p: str, kind: tuple, ctx_json: str | None) -> tuple[str, str] | None:
    """How one value of this kind goes under property p, the same for every such value: (key, how)
    where how is "value", "set" or "language" (the value is the IRI or the text as it is), or None
    when `_fit` has to see the value (a boolean or an integer: its text decides). Cached as
    `_candidate` is: one entry per property and kind of the vocabulary."""
    term = _candidate(p, kind, ctx_json)
    if term is None or not (term.coercion not in (_XSD_BOOLEAN, _XSD_INTEGER) if kind[0] != "iri"
                            else term.container != "@language"):
        return None
    return (term.name, {"@set": "set", "@language": "language"}.get(term.container or "", "value"))


def _property_entries(p: str, objects: list, terms: dict, ctx_json: str | None) -> dict[str, object]:
    """The keys and JSON values of all objects of one property of one node."""
    if len(objects) == 1:  # most properties of a node: what the loop below gives for one object
        o = objects[0]
        kind = _kind(o)
        plan = _plan(p, kind, ctx_json)
        if plan is not None:
            name, how = plan
            if how == "value":
                return {name: str(o)}
            if how == "set":
                return {name: [str(o)]}
            return {name: {kind[1] or "@none": str(o)}}
        term = _candidate(p, kind, ctx_json)
        if term is not None:
            fits, value = _fit(term, o)
            if fits:
                if term.container == "@set":
                    return {term.name: [value]}
                if term.container == "@language":
                    return {term.name: {o.language or "@none": value}}
                return {term.name: value}
        return {_compact_iri(p, ctx_json): [_expanded(o, ctx_json)]}
    by_term: dict[str, tuple[_Term, list]] = {}
    rest: list = []
    for o in objects:
        term = _candidate(p, _kind(o), ctx_json)
        fits, value = _fit(term, o) if term is not None else (False, None)
        if fits:
            by_term.setdefault(term.name, (term, []))[1].append((o, value))  # type: ignore[union-attr]
        else:
            rest.append(o)
    out: dict[str, object] = {}
    for name, (term, fitted) in by_term.items():
        if term.container == "@set":
            out[name] = sorted((v for _, v in fitted), key=_value_key)
        elif term.container == "@language":
            langs = [o.language or "@none" for o, _ in fitted]
            if len(set(langs)) == len(langs):
                out[name] = {lang: v for lang, (_, v) in sorted(zip(langs, fitted, strict=True))}
            else:
                rest += [o for o, _ in fitted]
        elif len(fitted) == 1:
            out[name] = fitted[0][1]
        else:
            rest += [o for o, _ in fitted]
    if rest:
        out[_compact_iri(p, ctx_json)] = sorted((_expanded(o, ctx_json) for o in rest), key=_value_key)
    return out


def context_key(context: dict | None) -> str | None:
    """A context as the cache key the JSON-LD writer takes (None: the packaged context)."""
    return json.dumps(context, sort_keys=True) if context is not None else None


def jsonld_nodes(triples: Iterable[Triple], ctx_json: str | None = None) -> list[dict]:
    """The node objects (no @context) of the compacted form, sorted by @id, keys and values sorted;
    compacted with the packaged context, or the one `ctx_json` (`context_key`) names."""
    _prefixes, terms, classes = _context_tables(ctx_json)
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in triples:
        if type(s) is not URIRef and not isinstance(s, URIRef) or (
                type(o) is not URIRef and not _is_literal(o) and not isinstance(o, URIRef)):
            raise ValueError(f"blank nodes are not supported by the fast writers: {(s, p, o)!r}")
        nodes.setdefault(str(s), {}).setdefault(str(p), []).append(o)
    out = []
    for sid in sorted(nodes):
        node: dict[str, object] = {"@id": sid}
        entries: dict[str, object] = {}
        for p, objects in nodes[sid].items():
            if p == _TYPE_IRI and not any(_is_literal(o) for o in objects):
                entries["@type"] = sorted(
                    classes.get(str(o)) or _compact_iri(str(o), ctx_json) for o in objects)
                continue
            entries.update(_property_entries(p, objects, terms, ctx_json))
        for key in sorted(entries):
            node[key] = entries[key]
        out.append(node)
    return out


@cache
def _context_json() -> str:
    from ..writers.context import jsonld_context

    return json.dumps(jsonld_context(), ensure_ascii=False, indent=2)


#: `json.dumps(node, ensure_ascii=False)`, with one encoder for all (json.dumps makes one a call)
_encode_node = json.JSONEncoder(ensure_ascii=False).encode


def to_jsonld(triples: Iterable[Triple]) -> bytes:
    """{"@context": ..., "@graph": [...]} with one node a line: readable, and json's C encoder
    (indent= would switch to the pure Python one, 4x slower)."""
    return jsonld_document(map(_encode_node, jsonld_nodes(triples)))


def jsonld_head() -> bytes:
    """What a JSON-LD file of ours holds before its first node (`jsonld_document`)."""
    return f'{{"@context": {_context_json()},\n"@graph": [\n'.encode()


def jsonld_tail() -> bytes:
    """What a JSON-LD file of ours holds after its last node."""
    return b"\n]}\n"


def jsonld_document(nodes: Iterable[str]) -> bytes:
    """The JSON-LD file of node objects already written as JSON (`json.dumps(node, ensure_ascii=False)`
    of `jsonld_nodes`), in their order."""
    return jsonld_head() + ",\n".join(nodes).encode() + jsonld_tail()


def turtle_of_ntriples(nt: bytes) -> bytes:
    """Turtle with our prefixes of N-Triples as the fast writers write them (pyoxigraph does both)."""
    return ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=_OX_PREFIXES)


def write_turtle_of_ntriples(path: str, out) -> None:
    """`turtle_of_ntriples` of an N-Triples file, written into `out` (anything with `write`) as the
    file is read: nothing is held whole."""
    ox.serialize(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES), out, format=ox.RdfFormat.TURTLE,
                 prefixes=_OX_PREFIXES)


def render(triples: Iterable[Triple], formats: Iterable[str]) -> dict[str, bytes]:
    """Several formats of the same triples, formatting the N-Triples lines once for all."""
    triples = triples if isinstance(triples, set | frozenset | list | tuple) else list(triples)
    out: dict[str, bytes] = {}
    lines_nt: tuple[list[str], bytes] | None = None
    for name in formats:
        if name in ("ntriples", "turtle"):
            if lines_nt is None:
                lines = nt_lines(triples)
                lines_nt = (lines, _nt_bytes(lines))
            out[name] = lines_nt[1] if name == "ntriples" else _turtle_of_lines(*lines_nt)
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
    "Triple", "context_key", "from_ntriples", "from_oxigraph", "graph_of", "jsonld_document", "jsonld_nodes",
    "nt_lines",
    "nt_term", "render", "to_jsonld", "to_ntriples", "to_oxigraph", "to_turtle", "turtle_of_ntriples",
]
