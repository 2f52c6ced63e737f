"""SHACL validation with pySHACL: one Report in two forms, data for machines and text for people.

The shapes are parsed once per process: by default both files, the Violations (shapes/kamerld.ttl)
and the advice (shapes/kamerld-advisory.ttl). Violations make a document unusable; warnings and infos
are kept in the report (and in the run report) but do not fail a run.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def _packaged_or_checkout(packaged_name: str, checkout_name: str) -> Path:
    packaged = resources.files("kamerld").joinpath(f"data/{packaged_name}")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "shapes" / checkout_name


def shapes_path() -> Path:
    """The Violation shapes (shapes/kamerld.ttl): what the published data conforms to in any SHACL
    engine. Shipped as package data; beside the package in a checkout."""
    return _packaged_or_checkout("shapes.ttl", "kamerld.ttl")


def advisory_shapes_path() -> Path:
    """The Warning and Info shapes (shapes/kamerld-advisory.ttl): recommendations and curator hints."""
    return _packaged_or_checkout("shapes-advisory.ttl", "kamerld-advisory.ttl")


@cache
def shapes_graph(path: str | None = None) -> Graph:
    """The shapes in `path`; by default both files, the Violations and the advice (all three layers)."""
    g = Graph()
    for f in [path] if path else [shapes_path(), advisory_shapes_path()]:
        g.parse(f, format="turtle")
    return g


@dataclass
class Result:
    severity: str
    focus: str
    path: str | None
    message: str
    value: str | None = None


@dataclass
class Report:
    conforms: bool  # no violations (warnings and infos allowed)
    results: list[Result] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def violations(self) -> int:
        return self.count("violation")

    def to_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "violations": self.violations,
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "results": [asdict(r) for r in self.results],
        }

    def text(self, lang: str = "en") -> str:
        head = "conforms" if self.conforms else "DOES NOT CONFORM"
        lines = [
            f"{head}: {self.violations} violation(s), {self.count('warning')} warning(s), "
            f"{self.count('info')} info(s)"
        ]
        for r in self.results:
            where = f" [{r.path}]" if r.path else ""
            lines.append(f"  {r.severity.upper():9} {r.focus}{where}: {r.message}")
        return "\n".join(lines)


def _message(g: Graph, node, lang: str) -> str:
    msgs = list(g.objects(node, SH.resultMessage))
    for m in msgs:
        if getattr(m, "language", None) == lang:
            return str(m)
    return str(msgs[0]) if msgs else ""


def validate_graph(data: Graph, *, shapes: str | None = None, lang: str = "en") -> Report:
    from pyshacl import validate as shacl_validate

    _conforms, results_graph, _text = shacl_validate(
        data,
        shacl_graph=shapes_graph(shapes),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=True,
    )
    results: list[Result] = []
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        sev = SEVERITIES.get(results_graph.value(node, SH.resultSeverity), "violation")
        path = results_graph.value(node, SH.resultPath)
        value = results_graph.value(node, SH.value)
        results.append(
            Result(
                severity=sev,
                focus=str(results_graph.value(node, SH.focusNode)),
                path=str(path) if path is not None else None,
                message=_message(results_graph, node, lang),
                value=str(value) if value is not None else None,
            )
        )
    order = {"violation": 0, "warning": 1, "info": 2}
    results.sort(key=lambda r: (order[r.severity], r.focus, r.path or "", r.message))
    return Report(conforms=not any(r.severity == "violation" for r in results), results=results)


def validate_many(graphs: list[Graph], *, shapes: str | None = None) -> list[Report]:
    """Validate several document graphs in one pySHACL call; one Report per graph.

    A result belongs to every graph that has its focus node as a subject (a fractie shared by two
    documents is checked once, and reported for both).
    """
    if not graphs:
        return []
    if len(graphs) == 1:
        return [validate_graph(graphs[0], shapes=shapes)]
    union = Graph()
    for g in graphs:
        for t in g:
            union.add(t)
    combined = validate_graph(union, shapes=shapes)
    owners: dict[str, list[int]] = {}
    for i, g in enumerate(graphs):
        for s in set(g.subjects()):
            owners.setdefault(str(s), []).append(i)
    per: list[list[Result]] = [[] for _ in graphs]
    for r in combined.results:
        for i in owners.get(r.focus, range(len(graphs))):
            per[i].append(r)
    return [Report(conforms=not any(r.severity == "violation" for r in rs), results=rs) for rs in per]
