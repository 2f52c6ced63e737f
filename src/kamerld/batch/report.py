"""The run report: every input ends converted, converted with warnings, or failed with its reason."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from kamerld.sources.chars import printable
from kamerld.sources.inputs import Skipped


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
    zaken: list[str] = field(default_factory=list)  # for the corpus-level links (kamerld.batch.links)
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
    # a failure the same input would meet again, as a build's state keeps it (`REFUSED`, `over_budget`):
    # the build does not convert the input again while it stays the same. None for a failure of the
    # moment (a crashed worker, a file that could not be read, memory that ran out, another input
    # holding its document), tried again each build. Not in the report: a build says it in the
    # reason of an input it did not convert again.
    settled: str | None = field(default=None, repr=False)


#: `InputResult.settled` of an input read whole and then refused for what its bytes are (not a
#: document, a damaged PDF, an internal error of this version of kamerld)
REFUSED = "refused"


def over_budget(kind: str, limit: float | int) -> str:
    """`InputResult.settled` of an input stopped for running over the time ("time", seconds) or
    memory ("memory", bytes) budget `limit`: tried again under a larger one."""
    return f"over-{kind} {limit!r}"


#: what the report says of an input (`settled` is the build's own business)
_INPUT_FIELDS = tuple(f.name for f in fields(InputResult) if f.name != "settled")
_DOCUMENT_FIELDS = tuple(f.name for f in fields(DocumentResult))


def plain(result: InputResult) -> dict:
    """`asdict(result)` without its deep copies (it is written out, not changed) and without
    `settled`: the main process of a build does this for every input while the workers wait."""
    out = {name: getattr(result, name) for name in _INPUT_FIELDS}
    out["documents"] = [{name: getattr(d, name) for name in _DOCUMENT_FIELDS} for d in result.documents]
    return out


def quoted(path: str) -> str:
    """A path for one line of the summary: as it is, or quoted with its control characters escaped
    (a file name with a newline must not forge a line)."""
    shown = printable(path)
    return path if shown == path else "'" + shown + "'"


@dataclass
class RunReport:
    inputs: list[InputResult] = field(default_factory=list)
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)  # paths under the input folders not read
    # the corpus graphs (`_registers`, `_links`), validated once the whole batch is known
    corpus: list[DocumentResult] = field(default_factory=list)

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
        c["violations"] = sum(d.violations for d in docs) + sum(d.violations for d in self.corpus)
        c["skipped"] = len(self.skipped)
        return c

    @property
    def failed(self) -> list[InputResult]:
        return [r for r in self.inputs if r.status == "failed"]

    @property
    def violations(self) -> int:
        return sum(d.violations for r in self.inputs for d in r.documents) + self.corpus_violations

    @property
    def corpus_violations(self) -> int:
        return sum(d.violations for d in self.corpus)

    def to_json(self) -> str:
        return json.dumps({"counts": self.counts(), "seconds": round(self.seconds, 3),
                           "inputs": [plain(r) for r in self.inputs],
                           "skipped": [asdict(s) for s in self.skipped],
                           "corpus": [asdict(d) for d in self.corpus]}, indent=2, ensure_ascii=False)

    def summary(self) -> str:
        c = self.counts()
        lines = [
            f"{c['inputs']} input(s): {c['converted']} converted, {c['warnings']} with warnings, "
            f"{c['failed']} failed" + (f", {c['unchanged']} unchanged" if c["unchanged"] else "")
            + (f"; {c['skipped']} other file(s) skipped" if c["skipped"] else ""),
            f"{c['documents']} document(s), {c['questions']} question(s), {c['answers']} answer(s), "
            f"{c['citations']} citation(s), {c['triples']} triple(s), {c['violations']} violation(s)"
            f" in {self.seconds:.1f} s",
        ]
        for d in self.corpus:
            if d.violations:
                lines.append(f"  {d.id}: {d.violations} violation(s) in the corpus graph")
                lines += [f"    {n}" for n in d.notices[:10]]
        for r in self.failed:
            lines.append(f"  FAILED {quoted(r.path)}: {printable(r.reason or '')}")
        more = c["failed"] - len(self.failed)
        if more > 0:
            lines.append(f"  ... and {more} more failed input(s): every input is in the run report")
        for s in self.skipped:
            lines.append(f"  SKIPPED {quoted(s.path)}: {printable(s.reason)}")
        return "\n".join(lines)


def input_from_dict(data: dict) -> InputResult:
    docs = [DocumentResult(**d) for d in data.get("documents", [])]
    return InputResult(**{**data, "documents": docs})


#: failed inputs a streaming report keeps for its summary (a build of 200,000 inputs where every one
#: fails must not hold them all: they are all in the report's lines)
FAILED_KEPT = 1000


class StreamingRunReport(RunReport):
    """A run report that keeps counts and failures in memory and every input's line on disk.

    For builds over the whole parliament: memory does not grow with the number of inputs (of the
    failed inputs, the first `FAILED_KEPT` are kept for the summary; all are on disk). Each
    result goes to `path` (JSON Lines) as it comes; `inputs` reads them back when asked for;
    `write_json` streams them into the final report file.
    """

    def __init__(self, path: Path):  # not the dataclass __init__: `inputs` lives on disk
        self.seconds = 0.0
        self.skipped = []
        self.corpus = []
        self.path = path
        self._fh = path.open("w", encoding="utf-8")
        self._counts = {"inputs": 0, "converted": 0, "warnings": 0, "failed": 0, "unchanged": 0,
                        "documents": 0, "questions": 0, "answers": 0, "citations": 0, "triples": 0,
                        "violations": 0}
        self._failed: list[InputResult] = []
        self._held: list[str] = []

    def add(self, result: InputResult, hold: bool = False) -> dict:
        """Count `result` in and write its line; `hold`: keep the line until `flush` (a build writes
        the lines of the inputs it has committed to its state, so a line on disk is an input done).
        Returns the line's `plain` dict (a build keeps a changed copy of it in its state)."""
        c = self._counts
        c["inputs"] += 1
        c[result.status] = c.get(result.status, 0) + 1
        for d in result.documents:
            c["documents"] += 1
            for key in ("questions", "answers", "citations", "triples", "violations"):
                c[key] += getattr(d, key)
        if result.status == "failed" and len(self._failed) < FAILED_KEPT:
            self._failed.append(result)
        out = plain(result)
        line = json.dumps(out, ensure_ascii=False)
        if hold:
            self._held.append(line)
            return out
        self._fh.write(line + "\n")
        self._fh.flush()  # each finished input is on disk as it ends (a watcher can follow the build)
        return out

    def flush(self) -> None:
        """Write the lines held back by `add`."""
        if self._held:
            self._fh.write("".join(line + "\n" for line in self._held))
            self._held.clear()
            self._fh.flush()

    def add_unchanged(self, lines: Iterable[tuple[bool, str]], totals: Sequence[int]) -> None:
        """The inputs a build found unchanged, from their stored report lines: (failed, line) in
        order (`add_failed_again` for an input whose failure was settled), and `totals`: the number
        of the others and the sums of their counts (`state.COUNTS`). No parsing and no arithmetic
        per input, so a build of 200,000 unchanged inputs reports them in well under a second."""
        c = self._counts
        n, *sums = totals
        c["inputs"] += n
        c["unchanged"] += n
        for key, total in zip(("documents", "questions", "answers", "citations", "triples", "violations"),
                              sums, strict=True):
            c[key] += total
        write = self._fh.write
        for failed, line in lines:
            if failed:
                self.add_failed_again(line)
            else:
                write(line)
                write("\n")

    def add_failed_again(self, line: str) -> None:
        """An unchanged input whose failure an earlier build settled, from its stored report line
        (status "failed"): counted and summarised as failed, not converted again."""
        self._counts["inputs"] += 1
        self._counts["failed"] += 1
        if len(self._failed) < FAILED_KEPT:
            self._failed.append(input_from_dict(json.loads(line)))
        self._fh.write(line + "\n")

    def close(self) -> None:
        if not self._fh.closed:
            self.flush()
            self._fh.close()

    @property
    def inputs(self) -> list[InputResult]:  # type: ignore[override]
        if not self._fh.closed:
            self.flush()
        with self.path.open(encoding="utf-8") as fh:
            return sorted((input_from_dict(json.loads(line)) for line in fh if line.strip()),
                          key=lambda r: r.path)

    def counts(self) -> dict[str, int]:
        c = {**self._counts, "skipped": len(self.skipped)}
        c["violations"] += self.corpus_violations
        return c

    @property
    def failed(self) -> list[InputResult]:
        return list(self._failed)

    @property
    def violations(self) -> int:
        return self._counts["violations"] + self.corpus_violations

    def write_json(self, target: Path) -> None:
        """The report as one JSON document, streamed from the lines on disk (atomically)."""
        self.close()
        tmp = target.with_name(target.name + ".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as out, self.path.open(encoding="utf-8") as lines:
                out.write('{"counts": ' + json.dumps(self.counts()) + ', "seconds": '
                          + json.dumps(round(self.seconds, 3)) + ', "inputs": [\n')
                first = True
                for line in lines:
                    if line.strip():
                        out.write(("" if first else ",\n") + line.rstrip("\n"))
                        first = False
                out.write("\n], \"skipped\": " + json.dumps([asdict(s) for s in self.skipped],
                                                             ensure_ascii=False)
                          + ", \"corpus\": " + json.dumps([asdict(d) for d in self.corpus],
                                                          ensure_ascii=False) + "}\n")
            tmp.replace(target)
        except BaseException:  # the report of the last complete build stays; no temp file
            tmp.unlink(missing_ok=True)
            raise
