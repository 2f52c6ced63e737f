"""Turtle straight from sorted N-Triples lines, the bytes pyoxigraph's Turtle writer gives for them.

A document's Turtle was made by parsing its N-Triples back into pyoxigraph terms and serialising those
(about 0.7 ms of a generated document's 16). Our lines are already sorted and grouped by subject and
predicate, which is all the Turtle writer does with them: this writes the same text from the lines,
with the same prefixes, `a` for rdf:type, and integers and booleans as bare tokens.

Only what is simple is written here: a line holding a `\\uXXXX` escape, a language tag with a capital,
or an IRI in one of the prefixes' namespaces whose local part Turtle would escape, makes
`turtle_of_lines` return None, and the caller asks pyoxigraph. At import, the writer is compared with
pyoxigraph on a sample with every kind of term; if they differ (another pyoxigraph), pyoxigraph is
used for everything (`ENABLED`).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kamerld.rdf.namespaces import PREFIXES

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}
# the namespaces, longest first (of two that match, the longer is the prefix Turtle writers use)
_NAMESPACES = sorted(((ns, name) for name, ns in _PREFIXES.items()), key=lambda x: -len(x[0]))
# a local part written as it is: letters, digits, "_" and "-" (not first), "." inside
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
# a literal of these types is written as Turtle's own token when its text is one (Turtle's grammar)
_BARE = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}
_IRI_CACHE_LIMIT = 50_000


def _header() -> bytes:
    """The @prefix lines pyoxigraph writes first (in its order)."""
    one = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
    text = ox.serialize(ox.parse(one, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=_PREFIXES)
    return b"".join(line + b"\n" for line in text.split(b"\n") if line.startswith(b"@prefix "))


_HEADER = _header()
_iris: dict[str, str | None] = {}


def _iri(iri: str) -> str | None:
    """An IRI as Turtle writes it: prefix:local, or <iri>; None when its local part needs escapes."""
    found = _iris.get(iri, "")
    if found != "":
        return found
    out: str | None = f"<{iri}>"
    for ns, name in _NAMESPACES:
        if iri.startswith(ns):
            local = iri[len(ns):]
            out = f"{name}:{local}" if _PLAIN_LOCAL.fullmatch(local) else None
            break
    if len(_iris) < _IRI_CACHE_LIMIT:  # the same predicates, classes and register IRIs come back
        _iris[iri] = out
    return out


def _object(o: str) -> str | None:
    """A literal with a language or a datatype as Turtle writes it (None: pyoxigraph's to write)."""
    if "\\u" in o:
        return None
    end = o.rindex('"')
    tail = o[end + 1:]
    if not tail:
        return o
    if tail[0] == "@":
        return o if tail == tail.lower() else None
    datatype = tail[3:-1]  # ^^<...>
    lexical = o[1:end]
    bare = _BARE.get(datatype)
    if bare is not None and bare.fullmatch(lexical):
        return lexical
    dt = _iri(datatype)
    return None if dt is None else f"{o[:end + 1]}^^{dt}"


def turtle_of_lines(lines: list[str]) -> bytes | None:
    """Turtle of sorted, distinct N-Triples lines as the fast writers write them (`nt_lines`), or None
    when a line holds what only pyoxigraph's writer is trusted with."""
    if not lines:
        return b""
    if not ENABLED:
        return None
    out: list[str] = []
    append = out.append
    iris, preds = _iris, _predicates
    last_s = last_p = None
    for line in lines:
        i = line.index("> ", 1)
        j = line.index("> ", i + 3)
        s = line[1:i]
        p = line[i + 3:j]
        if line[j + 2] == "<":
            o = line[j + 3:-3]
            obj = iris.get(o) or _iri(o)  # the cache inline: a call per line is most of the time
        elif line[-3] == '"':  # a plain string: as N-Triples writes it, if it has no \\u escape
            obj = line[j + 2:-2]
            if "\\u" in obj:
                return None
        else:
            obj = _object(line[j + 2:-2])
        if obj is None:
            return None
        if s == last_s:
            if p == last_p:
                append(" , ")
            else:
                pred = preds.get(p) or _predicate(p)
                if pred is None:
                    return None
                append(" ;\n\t")
                append(pred)
                append(" ")
        else:
            subject = iris.get(s) or _iri(s)
            pred = preds.get(p) or _predicate(p)
            if subject is None or pred is None:
                return None
            if last_s is not None:
                append(" .\n")
            append(subject)
            append(" ")
            append(pred)
            append(" ")
        append(obj)
        last_s, last_p = s, p
    append(" .\n")
    return _HEADER + "".join(out).encode("utf-8")


_predicates: dict[str, str | None] = {}


def _predicate(p: str) -> str | None:
    out = "a" if p == _RDF_TYPE else _iri(p)
    if len(_predicates) < _IRI_CACHE_LIMIT:
        _predicates[p] = out
    return out


_K, _D, _X = "https://w3id.org/kamerld/def#", "https://w3id.org/kamerld/id/document/", _XSD
_M = "https://identifier.overheid.nl/tooi/id/ministerie/"
#: every kind of term the writer handles, sorted as `nt_lines` sorts
_SAMPLE = sorted(f"<{s}> <{p}> {o} ." for s, p, o in (
    (_K + "x", _RDF_TYPE, "<http://www.w3.org/2002/07/owl#Class>"),
    (_K + "x", "http://www.w3.org/2000/01/rdf-schema#label", '"een \\"x\\"\\\\ \\n\\r é"@nl'),
    (_K + "x", "http://www.w3.org/2000/01/rdf-schema#label", '"x"@en'),
    (_D + "a", "http://data.europa.eu/eli/ontology#number", '"07"'),
    (_D + "a", "http://purl.org/dc/terms/date", f'"2024-01-02"^^<{_X}date>'),
    (_D + "a", _RDF_TYPE, f"<{_K}A>"), (_D + "a", _RDF_TYPE, f"<{_K}B>"),
    (_D + "a", _K + "n", f'"-12"^^<{_X}integer>'), (_D + "a", _K + "n", f'" 5"^^<{_X}integer>'),
    (_D + "a", _K + "n", f'"1.5"^^<{_X}decimal>'), (_D + "a", _K + "n", f'"+.5"^^<{_X}decimal>'),
    (_D + "a", _K + "n", f'"1."^^<{_X}decimal>'), (_D + "a", _K + "n", f'"1.5E-3"^^<{_X}double>'),
    (_D + "a", _K + "n", f'"INF"^^<{_X}double>'), (_D + "a", _K + "n", '"x"^^<https://example.org/dt>'),
    (_D + "a", _K + "ok", f'"1"^^<{_X}boolean>'), (_D + "a", _K + "ok", f'"true"^^<{_X}boolean>'),
    (_D + "b", _K + "see", f"<{_M}mnre1034>"), (_D + "b", _K + "see", f"<{_M}a.b-c_d>"),
))


def _works() -> bool:
    """Whether this writer gives pyoxigraph's bytes for the sample."""
    theirs = ox.serialize(ox.parse("".join(line + "\n" for line in _SAMPLE).encode(),
                                   format=ox.RdfFormat.N_TRIPLES),
                          format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
    return turtle_of_lines(_SAMPLE) == theirs


ENABLED = True  # while the writer compares itself with pyoxigraph
ENABLED = _works()

__all__ = ["ENABLED", "turtle_of_lines"]
