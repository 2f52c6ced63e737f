"""A compiled validator for the subset of SHACL Core that the kamerld shapes use.

pySHACL stays the reference (`validate.validate_graph`); this engine exists for bulk builds, where
pySHACL's fixed cost per call dominates. The shapes are compiled once per process into plain Python
checks, which run over an index of one document's triples (subject, predicate) -> objects.

Supported: node and property shapes; sh:targetClass (following rdfs:subClassOf in the data, as pySHACL
does), sh:targetSubjectsOf, sh:targetObjectsOf, sh:targetNode; sh:path as a single IRI; sh:minCount,
sh:maxCount, sh:datatype, sh:nodeKind, sh:class, sh:in, sh:hasValue, sh:languageIn, sh:uniqueLang, sh:pattern
(+ sh:flags), sh:qualifiedValueShape with sh:qualifiedMinCount / sh:qualifiedMaxCount, sh:severity,
sh:message, sh:deactivated. Anything else in a shape (sh:or, sh:sparql, path expressions, ...) makes
`compile_shapes` raise UnsupportedShape: the engine never passes a constraint it does not check.
tests/test_fastshacl.py shows it gives pySHACL's results on every corpus document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from ..errors import UnsupportedShapeError
from ..rdf.namespaces import Terms, intern
from .shacl import SEVERITIES, Report, Result, shapes_graph, shapes_path

_SH_IRI = str(SH)
# the terms as plain attributes (`Terms`): the checks ask for them tens of times a focus node
RDF, RDFS, SH, XSD = map(Terms, (RDF, RDFS, SH, XSD))

Term = URIRef | Literal | BNode


class UnsupportedShape(UnsupportedShapeError):
    """The shapes use a SHACL feature this engine does not implement; use pySHACL for them."""


# sh: predicates that say nothing to check (or are read together with their constraint)
_DESCRIPTIVE = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message, SH.severity,
                SH.deactivated, SH.path, SH.property, SH.targetClass, SH.targetSubjectsOf,
                SH.targetObjectsOf, SH.targetNode, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
                SH.qualifiedValueShapesDisjoint}
_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["class"], SH["in"], SH.hasValue,
                SH.languageIn, SH.uniqueLang, SH.pattern, SH.qualifiedValueShape}
_NODE_KINDS = {
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}
# pySHACL's check that a literal's value has the Python type its datatype promises
_VALUE_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: (int,),
                XSD.float: (float,), XSD.decimal: (Decimal,), XSD.boolean: (bool,), XSD.date: (date,),
                XSD.time: (time,), XSD.dateTime: (datetime,)}


class Data:
    """An index of one graph's triples: objects by (subject, predicate), subjects by predicate,
    and the classes of each node (with their rdfs:subClassOf superclasses in the data)."""

    def __init__(self, triples: Iterable[tuple], predicates: frozenset | None = None):
        """`predicates`: those `by_pred` is asked for (None: all); the validator asks for a few."""
        objects: dict[tuple, list] = {}
        by_pred: dict[Term, list] = {}
        for s, p, o in triples:
            values = objects.get((s, p))
            if values is None:
                objects[s, p] = [o]
            else:
                values.append(o)
            if predicates is None or p in predicates:
                pairs = by_pred.get(p)
                if pairs is None:
                    by_pred[p] = [(s, o)]
                else:
                    pairs.append((s, o))
        self.objects, self.by_pred = objects, by_pred
        self._supers: dict[Term, set] | None = None
        # every shape asks again for the same classes: remember them for this graph
        self._above: dict[Term, set] = {}
        self._instances: dict[Term, set] | None = None

    def values(self, s: Term, p: Term) -> list | tuple:
        return self.objects.get((s, p), _NONE)

    def superclasses(self, c: Term) -> set:
        """c and every class above it through rdfs:subClassOf in the data."""
        found = self._above.get(c)
        if found is not None:
            return found
        if self._supers is None:
            self._supers = {}
            for s, o in self.by_pred.get(RDFS.subClassOf, []):
                self._supers.setdefault(s, set()).add(o)
        seen, todo = {c}, [c]
        while todo:
            for up in self._supers.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        self._above[c] = seen
        return seen

    def instances(self, c: Term) -> set:
        """The nodes of class c (or a subclass), from an index built once: many shapes target the same
        classes (the Violation and advisory document shapes, 16 classes each). Do not change the set."""
        if self._instances is None:
            self._instances = {}
            for s, o in self.by_pred.get(RDF.type, []):
                for up in self.superclasses(o):
                    self._instances.setdefault(up, set()).add(s)
        return self._instances.get(c, _EMPTY)

    def has_class(self, node: Term, c: Term) -> bool:
        return any(c in self.superclasses(t) for t in self.values(node, RDF.type))


_EMPTY: frozenset = frozenset()
_NONE: tuple = ()  # the values of a path a node does not have

# A value check: (data, value) -> True when the value is fine
ValueCheck = Callable[[Data, Term], bool]


@dataclass
class Shape:
    node: Term
    path: URIRef | None  # None: a node shape, the focus node is the value
    severity: str = "violation"
    messages: dict[str, str] = field(default_factory=dict)
    targets: list[tuple[URIRef, Term]] = field(default_factory=list)
    value_checks: list[tuple[str, ValueCheck]] = field(default_factory=list)  # one result per bad value
    count_checks: list[tuple[str, Callable[[Data, list], bool]]] = field(default_factory=list)  # one result
    properties: list[Shape] = field(default_factory=list)

    def message(self, lang: str, constraint: str) -> str:
        if lang in self.messages:
            return self.messages[lang]
        if self.messages:
            return next(iter(self.messages.values()))
        where = f" on {self.path}" if self.path is not None else ""
        return f"{constraint} not satisfied{where}"

    def results(self, data: Data, focus: Term, lang: str, out: list[Result]) -> None:
        # called for every focus node and shape: `Data.values` inline, the path's text made only for
        # a result
        values = [focus] if self.path is None else data.objects.get((focus, self.path), _NONE)
        for name, ok in self.count_checks:
            if not ok(data, values):
                out.append(Result(self.severity, str(focus), self._path_text(), self.message(lang, name)))
        if not values:
            return
        for name, check in self.value_checks:
            for v in values:
                if not check(data, v):
                    out.append(Result(self.severity, str(focus), self._path_text(), self.message(lang, name),
                                      str(v)))
        for prop in self.properties:
            for v in values:
                prop.results(data, v, lang, out)

    def _path_text(self) -> str | None:
        return str(self.path) if self.path is not None else None

    def conforms(self, data: Data, focus: Term) -> bool:
        out: list[Result] = []
        self.results(data, focus, "en", out)
        return not out

    def focus_nodes(self, data: Data) -> set:
        nodes: set = set()
        for kind, arg in self.targets:  # the kinds are the very terms of SH (`_Compiler.shape`)
            if kind is SH.targetClass:
                nodes |= data.instances(arg)
            elif kind is SH.targetSubjectsOf:
                nodes |= {s for s, _ in data.by_pred.get(arg, [])}
            elif kind is SH.targetObjectsOf:
                nodes |= {o for _, o in data.by_pred.get(arg, [])}
            elif kind is SH.targetNode:
                nodes.add(arg)
        return nodes


class _Compiler:
    def __init__(self, g: Graph, where: str):
        self.g = g
        self.where = where
        self.done: dict[Term, Shape] = {}

    def refuse(self, node: Term, what: str) -> UnsupportedShape:
        return UnsupportedShape(f"shape {node}: {what} is not supported by the fast validator", self.where,
                                hint="validate with pySHACL (kamerld.validate) instead")

    def one(self, node: Term, p: URIRef) -> Term | None:
        values = list(self.g.objects(node, p))
        if len(values) > 1:
            raise self.refuse(node, f"more than one {p.n3(self.g.namespace_manager)}")
        return values[0] if values else None

    def shape(self, node: Term) -> Shape:
        if node in self.done:
            return self.done[node]
        g = self.g
        for p in set(g.predicates(node)):
            if str(p).startswith(_SH_IRI) and p not in _DESCRIPTIVE and p not in _CONSTRAINTS:
                raise self.refuse(node, p.n3(g.namespace_manager))
        for t in g.objects(node, RDF.type):
            if t in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
                raise self.refuse(node, "an implicit class target (shape that is also a class)")
        path = self.one(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise self.refuse(node, "a path expression (only a single IRI is supported)")
        path = intern(path) if path is not None else None
        severity = self.one(node, SH.severity) or SH.Violation
        if severity not in SEVERITIES:
            raise self.refuse(node, f"severity {severity}")
        shape = Shape(node=node, path=path, severity=SEVERITIES[severity])  # type: ignore[arg-type]
        self.done[node] = shape
        for m in g.objects(node, SH.message):
            shape.messages.setdefault(getattr(m, "language", None) or "", str(m))
        for kind in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
            shape.targets += [(kind, intern(t)) for t in g.objects(node, kind)]
        self.constraints(node, shape)
        for prop in g.objects(node, SH.property):
            if self.one(prop, SH.path) is None:
                raise self.refuse(prop, "a property shape without sh:path")
            shape.properties.append(self.shape(prop))
        return shape

    def constraints(self, node: Term, shape: Shape) -> None:
        g = self.g
        n = self.one(node, SH.minCount)
        if n is not None:
            # distinct values, counted only when the list's length cannot answer (a literal's hash is
            # Python code in rdflib): one value or none is as many distinct values
            shape.count_checks.append(("sh:minCount", lambda _d, vs, n=int(n): len(vs) >= n and (
                n <= 1 or len(set(vs)) >= n)))
        n = self.one(node, SH.maxCount)
        if n is not None:
            shape.count_checks.append(("sh:maxCount", lambda _d, vs, n=int(n): len(vs) <= n or (
                len(set(vs)) <= n)))
        has = self.one(node, SH.hasValue)
        if has is not None:
            shape.count_checks.append(("sh:hasValue", lambda _d, vs, h=has: h in vs))
        qvs = self.one(node, SH.qualifiedValueShape)
        if qvs is not None:
            if (self.one(node, SH.qualifiedValueShapesDisjoint) or Literal(False)).toPython() is True:
                raise self.refuse(node, "sh:qualifiedValueShapesDisjoint true")
            inner = self.shape(qvs)
            if inner.targets:
                raise self.refuse(qvs, "targets on a qualified value shape")
            lo, hi = self.one(node, SH.qualifiedMinCount), self.one(node, SH.qualifiedMaxCount)
            if lo is None and hi is None:
                raise self.refuse(node, "sh:qualifiedValueShape without a qualified count")

            def qualified(d: Data, vs: list, s: Shape = inner, lo=lo, hi=hi) -> bool:
                k = sum(1 for v in set(vs) if s.conforms(d, v))
                return (lo is None or k >= int(lo)) and (hi is None or k <= int(hi))

            shape.count_checks.append(("sh:qualifiedValueShape", qualified))
        elif any(self.one(node, q) is not None for q in (SH.qualifiedMinCount, SH.qualifiedMaxCount)):
            raise self.refuse(node, "a qualified count without sh:qualifiedValueShape")
        dt = self.one(node, SH.datatype)
        if dt is not None:
            dt = intern(dt)
            shape.value_checks.append(("sh:datatype", lambda _d, v, dt=dt: _datatype_ok(v, dt)))
        kind = self.one(node, SH.nodeKind)
        if kind is not None:
            if kind not in _NODE_KINDS:
                raise self.refuse(node, f"sh:nodeKind {kind}")
            shape.value_checks.append(("sh:nodeKind", lambda _d, v, k=_NODE_KINDS[kind]: isinstance(v, k)))
        for cls in map(intern, g.objects(node, SH["class"])):
            shape.value_checks.append(
                ("sh:class", lambda d, v, c=cls: not _is_literal(v) and d.has_class(v, c)))
        members = self.one(node, SH["in"])
        if members is not None:
            # a set: `v in list` calls rdflib's == (Python code) on every member that is not v itself;
            # equal terms hash alike, so the set gives the list's answer
            allowed = frozenset(map(intern, Collection(g, members)))
            shape.value_checks.append(("sh:in", lambda _d, v, a=allowed: v in a))
        langs = self.one(node, SH.languageIn)
        if langs is not None:
            ranges = {str(x).lower() for x in Collection(g, langs)}
            shape.value_checks.append(("sh:languageIn", lambda _d, v, r=ranges: _lang_ok(v, r)))
        unique = self.one(node, SH.uniqueLang)
        if unique is not None and unique.toPython() is True:
            # one result however many languages repeat (pySHACL gives one per language; kamerld uses one)
            shape.count_checks.append(("sh:uniqueLang", lambda _d, vs: _langs_unique(vs)))
        pattern = self.one(node, SH.pattern)
        if pattern is not None:
            flags = str(self.one(node, SH.flags) or "").lower()
            unknown = set(flags) - set("imsx")
            if unknown:
                raise self.refuse(node, f"sh:flags {''.join(sorted(unknown))}")
            rx = re.compile(str(pattern), sum(getattr(re, f.upper()) for f in flags) or 0)
            shape.value_checks.append(("sh:pattern", lambda _d, v, rx=rx: _pattern_ok(v, rx)))
        elif self.one(node, SH.flags) is not None:
            raise self.refuse(node, "sh:flags without sh:pattern")


def _is_literal(v: object) -> bool:
    """isinstance(v, Literal), quickly (rdflib's ABC metaclass makes a "no" Python code)."""
    t = type(v)
    return t is Literal or (t is not URIRef and isinstance(v, Literal))


_same_str = str.__eq__  # two IRIs (URIRef): rdflib's == is Python code


def _same(a: object, iri: URIRef) -> bool:
    """`a == iri`, in C when `a` is an IRI too."""
    if type(a) is URIRef:
        return a is iri or _same_str(a, iri)
    return a == iri


def _datatype_ok(v: Term, rule: Term) -> bool:
    """pySHACL's reading of sh:datatype: same IRI and not ill-typed (plain literals are xsd:string)."""
    if not _is_literal(v):
        return False
    dt, lang = v.datatype, v.language
    if dt is not None and type(rule) is URIRef and type(dt) is URIRef and _same_str(dt, rule) or (
            dt is None and rule is None):
        if getattr(v, "ill_typed", None) is True:
            return False
    elif _same(rule, RDFS.Literal):
        return True
    elif dt and _same(rule, RDFS.Datatype):
        return True
    elif not (dt is None and lang is None and _same(rule, XSD.string)) and not (
            lang and _same(rule, RDF.langString)):
        return False
    types = _VALUE_TYPES.get(rule)  # type: ignore[call-overload]
    return types is None or isinstance(v.value, types)


def _pattern_ok(v: Term, rx: re.Pattern) -> bool:
    return not isinstance(v, BNode) and rx.search(str(v)) is not None


def _langs_unique(values: list) -> bool:
    langs = [v.language.lower() for v in set(values) if _is_literal(v) and v.language]
    return len(langs) == len(set(langs))


def _lang_ok(v: Term, ranges: set[str]) -> bool:
    """SPARQL langMatches with basic ranges, as pySHACL applies it."""
    if not _is_literal(v) or not v.language:
        return False
    lang = v.language.lower()
    return "*" in ranges or lang in ranges or lang.split("-")[0] in ranges


@dataclass
class Validator:
    shapes: list[Shape]

    def __post_init__(self) -> None:
        # what `Data.by_pred` is asked for: classes (and their superclasses), and the targets by predicate
        self.predicates = frozenset({RDF.type, RDFS.subClassOf} | {
            arg for shape in self.shapes for kind, arg in shape.targets
            if kind is SH.targetSubjectsOf or kind is SH.targetObjectsOf})

    def validate(self, triples: Iterable[tuple], lang: str = "en") -> Report:
        """Validate one graph (an rdflib Graph or any iterable of triples); a Report like pySHACL's."""
        data = Data(triples, self.predicates)
        results: list[Result] = []
        for shape in self.shapes:
            for focus in shape.focus_nodes(data):
                shape.results(data, focus, lang, results)
        order = {"violation": 0, "warning": 1, "info": 2}
        results.sort(key=lambda r: (order[r.severity], r.focus, r.path or "", r.message))
        return Report(conforms=not any(r.severity == "violation" for r in results), results=results)


def compile_shapes(g: Graph, where: str = "shapes") -> Validator:
    """Compile every shape that has a target; raise UnsupportedShape for anything not implemented."""
    c = _Compiler(g, where)
    roots = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
             for s in g.subjects(p, None)}
    for s in set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape)):
        c.shape(s)  # compile every declared shape: an unsupported feature fails now, not never
    for node in g.subjects(SH.property, None):
        c.shape(node)
    return Validator([c.shape(r) for r in sorted(roots, key=str)])


@cache
def default_validator(path: str | None = None) -> Validator:
    """The compiled kamerld shapes, once per process."""
    return compile_shapes(shapes_graph(path), str(path or shapes_path()))


def validate_triples(triples: Iterable[tuple], *, shapes: str | None = None, lang: str = "en") -> Report:
    return default_validator(shapes).validate(triples, lang)


__all__ = ["UnsupportedShape", "Validator", "compile_shapes", "default_validator", "validate_triples"]
