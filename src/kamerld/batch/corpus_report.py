"""The corpus report: per layout (reader), how many documents, questions, answers, unanswered
questions, citations, warnings and failures; and what the registers did not know.

Used by `kamerld report`; it converts without writing files.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .pipeline import Options, convert
from .report import RunReport

COLUMNS = ("documents", "questions", "answers", "unanswered", "citations", "warnings", "violations", "failed")
#: after this date every ministry, fractie and person must be in the registers
REGISTER_COMPLETE_FROM = "2010-01-01"


def corpus_report(paths: list[str | Path], *, validate: bool = True) -> RunReport:
    return convert(paths, None, Options(validate=validate))


def layout_table(report: RunReport) -> dict[str, dict[str, int]]:
    rows: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for r in report.inputs:
        if r.status == "failed":
            rows["(failed)"]["failed"] += 1
            continue
        for d in r.documents:
            row = rows[d.reader]
            row["documents"] += 1
            row["questions"] += d.questions
            row["answers"] += d.answers
            row["unanswered"] += d.unanswered
            row["citations"] += d.citations
            row["warnings"] += d.warnings + sum(1 for n in d.notices if n.startswith("warning:"))
            row["violations"] += d.violations
    return dict(sorted(rows.items()))


def unresolved_names(report: RunReport) -> dict[str, list[tuple[str, str | None]]]:
    """name -> [(document id, date)] for every name the registers did not know."""
    out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for r in report.inputs:
        for d in r.documents:
            for name in d.unresolved:
                out[name].append((d.id, d.date))
    return dict(sorted(out.items()))


def render(report: RunReport, per_document: bool = False) -> str:
    table = layout_table(report)
    width = max([len("layout"), *map(len, table)]) + 2
    head = "layout".ljust(width) + "".join(c.rjust(12) for c in COLUMNS)
    lines = [head, "-" * len(head)]
    totals = dict.fromkeys(COLUMNS, 0)
    for layout, row in table.items():
        lines.append(layout.ljust(width) + "".join(str(row[c]).rjust(12) for c in COLUMNS))
        for c in COLUMNS:
            totals[c] += row[c]
    lines.append("-" * len(head))
    lines.append("total".ljust(width) + "".join(str(totals[c]).rjust(12) for c in COLUMNS))
    if per_document:
        lines += ["", "per document: id (layout): questions/answers, citations"]
        for r in report.inputs:
            if r.status == "failed":
                lines.append(f"  FAILED {r.path}: {r.reason}")
            for d in r.documents:
                lines.append(f"  {d.id} ({d.reader}): {d.questions}/{d.answers}, {d.citations} citations")
    names = unresolved_names(report)
    recent = {n: ds for n, ds in names.items()
              if any(date and date >= REGISTER_COMPLETE_FROM for _, date in ds)}
    lines.append("")
    if not names:
        lines.append("Registers: every ministry, post, fractie and person was resolved.")
    else:
        lines.append(f"Registers: {len(names)} name(s) not in the registers:")
        for name, docs in names.items():
            where = ", ".join(f"{i} ({d or 'no date'})" for i, d in docs[:3])
            lines.append(f"  {name}: {where}{' …' if len(docs) > 3 else ''}")
    lines.append(
        f"Documents dated from {REGISTER_COMPLETE_FROM}: "
        + ("none unresolved." if not recent else f"{len(recent)} unresolved name(s) — extend the registers.")
    )
    return "\n".join(lines)
