"""The run report: every input ends converted, converted with warnings, or failed with its reason."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class DocumentResult:
    id: str
    kind: str
    reader: str
    questions: int
    answers: int
    unanswered: int
    citations: int
    triples: int
    violations: int
    warnings: int
    infos: int
    notices: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date of the document, when known
    unresolved: list[str] = field(default_factory=list)  # names the registers did not know
    zaken: list[str] = field(default_factory=list)  # for the corpus-level links (kamerld.links)
    see_also: list[str] = field(default_factory=list)
    uitstel_van: list[str] = field(default_factory=list)


@dataclass
class InputResult:
    path: str
    status: str  # "converted", "warnings", "failed", "unchanged"
    reason: str | None = None
    sha256: str | None = None
    seconds: float = 0.0
    documents: list[DocumentResult] = field(default_factory=list)


@dataclass
class RunReport:
    inputs: list[InputResult] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, result: InputResult) -> None:
        self.inputs.append(result)

    def counts(self) -> dict[str, int]:
        c = {"inputs": len(self.inputs), "converted": 0, "warnings": 0, "failed": 0, "unchanged": 0}
        for r in self.inputs:
            c[r.status] = c.get(r.status, 0) + 1
        docs = [d for r in self.inputs for d in r.documents]
        c["documents"] = len(docs)
        c["questions"] = sum(d.questions for d in docs)
        c["answers"] = sum(d.answers for d in docs)
        c["citations"] = sum(d.citations for d in docs)
        c["triples"] = sum(d.triples for d in docs)
        c["violations"] = sum(d.violations for d in docs)
        return c

    @property
    def failed(self) -> list[InputResult]:
        return [r for r in self.inputs if r.status == "failed"]

    @property
    def violations(self) -> int:
        return sum(d.violations for r in self.inputs for d in r.documents)

    def to_json(self) -> str:
        return json.dumps({"counts": self.counts(), "seconds": round(self.seconds, 3),
                           "inputs": [asdict(r) for r in self.inputs]}, indent=2, ensure_ascii=False)

    def summary(self) -> str:
        c = self.counts()
        lines = [
            f"{c['inputs']} input(s): {c['converted']} converted, {c['warnings']} with warnings, "
            f"{c['failed']} failed" + (f", {c['unchanged']} unchanged" if c["unchanged"] else ""),
            f"{c['documents']} document(s), {c['questions']} question(s), {c['answers']} answer(s), "
            f"{c['citations']} citation(s), {c['triples']} triple(s), {c['violations']} violation(s)"
            f" in {self.seconds:.1f} s",
        ]
        for r in self.failed:
            lines.append(f"  FAILED {r.path}: {r.reason}")
        return "\n".join(lines)
