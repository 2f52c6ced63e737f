"""The pipeline for one input and for a batch: read -> enrich -> map -> validate -> write.

`process_path` is the unit of work: it never raises for a bad input, it returns an InputResult that
says what happened, so one bad file never takes a batch down. `convert` runs it over many inputs.

The batch path never builds an rdflib Graph: the mapping gives a set of triples, the compiled
validator (`fastshacl`, checked against pySHACL on the whole corpus) validates it and the fast writers
serialise it. `Options(shacl="pyshacl")` validates with pySHACL instead; shapes the compiled validator
does not support fall back to pySHACL by themselves.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import KamerldError, UnknownFormatError
from .extract.enrich import enrich
from .fetch import apply as fetched
from .model import Document, Severity
from .rdf.mapping import Triple, document_graph, document_triples, split_triples
from .rdf.uris import DEFAULT_BASE, safe_id
from .readers import detect, get_reader
from .report import DocumentResult, InputResult, RunReport
from .sources import Source
from .validate import Report, validate_graph, validate_many
from .writers import get_format, serialize

DEFAULT_OUTPUTS = ("turtle", "jsonld")
INPUT_SUFFIXES = {".txt", ".xml", ".docx", ".pdf", ".text", ".html", ".htm"}


@dataclass(frozen=True)
class Options:
    base: str = DEFAULT_BASE
    reader: str | None = None  # force an input format
    outputs: tuple[str, ...] = DEFAULT_OUTPUTS
    validate: bool = True
    shacl: str = "fast"  # "fast": the compiled validator; "pyshacl": the reference engine
    atomic: bool = True  # temp file + rename per output file


def read_documents(source: Source, reader: str | None = None) -> list[Document]:
    """Read and enrich the documents in one source."""
    try:
        r = get_reader(reader) if reader else detect(source)
    except UnknownFormatError:
        source.text()  # an empty, binary or non-UTF-8 file: say so rather than "no reader recognises"
        raise
    docs = r.read(source)
    for doc in docs:
        doc.source_sha256 = source.sha256
        doc.reader = doc.reader or r.name
        fetched.before_enrichment(doc, source.path)  # a fetched file: its URL, KOOP metadata
        enrich(doc)
        fetched.after_enrichment(doc, source.path)  # and the Tweede Kamer's metadata
    return docs


def convert_documents(docs: list[Document], options: Options) -> list[tuple[Document, Graph, Report | None]]:
    out = []
    for doc in docs:
        graph = document_graph(doc, options.base)
        report = validate_graph(graph) if options.validate else None
        out.append((doc, graph, report))
    return out


def _summarise(doc: Document, graph: Graph | set[Triple], report: Report | None) -> DocumentResult:
    answered = {n for a in doc.answers for n in a.answers}
    n_cit = len(doc.citations) + sum(len(p.citations) for p in (*doc.questions, *doc.answers))
    return DocumentResult(
        id=doc.id,
        kind=doc.kind.value,
        reader=doc.reader,
        questions=len(doc.questions),
        answers=len(doc.answers),
        unanswered=sum(1 for q in doc.questions if q.number not in answered) if doc.answers else 0,
        citations=n_cit,
        triples=len(graph),
        violations=report.violations if report else 0,
        warnings=report.count("warning") if report else 0,
        infos=report.count("info") if report else 0,
        notices=[f"{n.severity.value}: {n.message}" for n in doc.notices],
        date=(doc.date or doc.date_received or doc.date_submitted).isoformat()
        if (doc.date or doc.date_received or doc.date_submitted) else None,
        unresolved=[n.message.split(": ", 1)[1] for n in doc.notices
                    if n.message.startswith("not in the registers: ")],
        zaken=list(doc.zaken),
        see_also=list(doc.see_also),
        uitstel_van=list(doc.uitstel_van),
    )


def _read_one(path: str | Path, options: Options) -> tuple[InputResult, list[Document]]:
    result = InputResult(path=str(path), status="converted")
    docs: list[Document] = []
    try:
        source = Source.from_path(path)
        result.sha256 = source.sha256
        docs = read_documents(source, options.reader)
    except KamerldError as exc:
        result.status = "failed"
        result.reason = exc.message + (f" ({exc.hint})" if exc.hint else "")
    except Exception as exc:  # a reader bug must not take the batch down; report it as such
        result.status = "failed"
        result.reason = f"internal error in kamerld ({type(exc).__name__}: {exc}); please report it"
    return result, docs


def process_batch(paths: list[str | Path], out: Path | None, options: Options, *,
                  corpus: list[set[Triple]] | None = None,
                  corpus_dir: Path | None = None) -> list[InputResult]:
    """Convert a batch of inputs; write each document into `out` (if given). Never raises for bad input.

    The documents of the batch are validated together in one pySHACL call (its fixed cost per call
    is larger than the cost of a document) and each result is given back to the documents whose
    graph holds its focus node. Every triple the document implies is validated; only what the
    document says goes into its files. The rest (the register resources, zaken and files it names,
    `rdf.mapping.MappedDocument`) is for the corpus graphs: appended to `corpus`, or written as
    `corpus_dir/{id}.nt` (named in the result's `corpus_files`) for a build that runs in processes.
    """
    results: list[InputResult] = []
    converted: list[tuple[InputResult, Document, set[Triple]]] = []
    for path in paths:
        start = time.perf_counter()
        result, docs = _read_one(path, options)
        for doc in docs:
            try:
                converted.append((result, doc, document_triples(doc, options.base)))
            except Exception as exc:
                result.status = "failed"
                result.reason = f"internal error mapping {doc.id} ({type(exc).__name__}: {exc})"
        result.seconds = time.perf_counter() - start
        results.append(result)
    reports = _validate([t for _, _, t in converted], options)
    root = out.resolve() if out is not None else None
    for (result, doc, graph), report in zip(converted, reports, strict=True):
        if result.status == "failed":
            continue
        mapped = split_triples(graph, doc.id, options.base)
        summary = _summarise(doc, mapped.document, report)
        rest = mapped.registers | mapped.shared
        try:
            if root is not None:
                _write_outputs(root, safe_id(doc.id), mapped.document, options, summary.files)
            if corpus is not None:
                corpus.append(rest)
            if corpus_dir is not None:
                from .fsutil import write_atomic
                from .rdf.triples import to_ntriples

                corpus_dir.mkdir(parents=True, exist_ok=True)
                side = corpus_dir / (safe_id(doc.id) + ".nt")
                write_atomic(side, to_ntriples(rest))
                summary.corpus_files.append(str(side))
        except KamerldError as exc:
            result.status = "failed"
            result.reason = str(exc)
            continue
        except OSError as exc:  # disk full, no permission: this input failed, the batch goes on
            result.status = "failed"
            result.reason = f"cannot write the output: {exc}"
            continue
        result.documents.append(summary)
        if summary.violations or any(n.severity == Severity.WARNING for n in doc.notices):
            result.status = "warnings"
    return results


def _write_outputs(root: Path, name: str, triples: set[Triple], options: Options, files: list[str]) -> None:
    """Write one document in every output format; on failure, none of its files is left.

    `name` is a safe_id (only [A-Za-z0-9._-], no leading dot), so `root/name.suffix` stays in root.
    With `options.atomic` (the default, and what `convert` and `build` use) each file goes through a
    temp file and a rename, so no reader ever sees half a document. Off, the files are written in
    place, about 0.5 ms a document faster, for callers that own the folder alone.
    """
    from .fsutil import write_atomic
    from .rdf.triples import render

    formats = [get_format(f) for f in options.outputs]
    try:
        data = render(triples, [f.name for f in formats])
    except ValueError:  # not flat after all: the general writers
        data = {f.name: serialize(triples, f.name) for f in formats}
    root.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for fmt in formats:
            target = root / (name + fmt.suffix)
            if options.atomic:
                write_atomic(target, data[fmt.name])
                written.append(target)
            else:
                written.append(target)  # before writing: a half-written file is removed too
                with open(target, "wb") as fh:
                    fh.write(data[fmt.name])
    except BaseException:
        for f in written:
            f.unlink(missing_ok=True)
        raise
    files += [str(root / (name + f.suffix)) for f in formats]


def _validate(graphs: list[set[Triple]], options: Options) -> list[Report | None]:
    """One report per document graph: the compiled validator, or pySHACL (asked for, or needed)."""
    if not options.validate:
        return [None] * len(graphs)
    if options.shacl == "fast":
        from .fastshacl import UnsupportedShape, default_validator

        try:
            validator = default_validator()
        except UnsupportedShape:
            validator = None  # shapes beyond the compiled subset: pySHACL checks them
        if validator is not None:
            return [validator.validate(g) for g in graphs]
    from .rdf.triples import graph_of

    return list(validate_many([graph_of(g) for g in graphs]))


def validate_corpus(registers: set[Triple], shared: set[Triple], options: Options) -> list[DocumentResult]:
    """The corpus graphs validated on their own: two documents may name one fractie in two ways,
    which only the registers graph of the whole batch shows."""
    from .links import LINKS_STEM, REGISTERS_STEM

    out = []
    for name, triples in ((REGISTERS_STEM, registers), (LINKS_STEM, shared)):
        if not triples:
            continue
        report = _validate([triples], options)[0]
        out.append(DocumentResult(
            id=name, kind="corpus", reader="", questions=0, answers=0, unanswered=0, citations=0,
            triples=len(triples), violations=report.violations if report else 0,
            warnings=report.count("warning") if report else 0, infos=report.count("info") if report else 0,
            notices=[f"{r.severity}: {r.focus} {r.message}" for r in (report.results if report else [])
                     if r.severity == "violation"]))
    return out


def process_path(path: str | Path, out: Path | None, options: Options) -> InputResult:
    """Convert one input file; write its documents into `out` (if given). Never raises for bad input."""
    return process_batch([path], out, options)[0]


def _is_companion_metadata(f: Path) -> bool:
    """KOOP `NAME.metadata.xml` (or `metadata.xml`) beside its document is read with that document."""
    if f.name.endswith(".metadata.xml"):
        stem = f.name[: -len(".metadata.xml")]
        return any((f.parent / (stem + suffix)).exists() for suffix in (".xml", ".pdf", ".html"))
    if f.name == "metadata.xml":
        return any(x.suffix == ".xml" and x.name != "metadata.xml" for x in f.parent.iterdir())
    return False


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the input files inside folders named (recursively, sorted)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES and not f.name.startswith("."):
                    if not _is_companion_metadata(f):
                        yield f
        else:
            yield p


def convert(paths: Iterable[str | Path], out: Path | None, options: Options = Options()) -> RunReport:
    report = RunReport()
    start = time.perf_counter()
    parts: list[set[Triple]] = []
    for path in iter_inputs(paths):
        # one by one: a report line per input as it ends
        report.add(process_batch([path], out, options, corpus=parts)[0])
    docs = [d for r in report.inputs for d in r.documents]
    from .links import corpus_graphs, write_corpus

    registers, shared = corpus_graphs(parts, docs, options.base)
    report.corpus = validate_corpus(registers, shared, options)
    if out is not None:
        write_corpus(out, registers, shared, options.outputs)
    report.seconds = time.perf_counter() - start
    return report
