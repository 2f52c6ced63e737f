"""The pipeline for one input and for a batch: read -> enrich -> map -> validate -> write.

`process_path` is the unit of work: it never raises for a bad input, it returns an InputResult that
says what happened, so one bad file never takes a batch down. `convert` runs it over many inputs.

The batch path never builds an rdflib Graph: the mapping gives a set of triples, the compiled
validator (`validation.fast`, checked against pySHACL on the whole corpus) validates it and the fast writers
serialise it. `Options(shacl="pyshacl")` validates with pySHACL instead; shapes the compiled validator
does not support fall back to pySHACL by themselves.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from kamerld.errors import InputError, KamerldError, OutputError, UnknownFormatError
from kamerld.extraction.enrich import enrich
from kamerld.fetch import apply as fetched
from kamerld.model import Document, Notice, Severity
from kamerld.rdf.mapping import Triple, document_triples, split_triples
from kamerld.rdf.uris import safe_id
from kamerld.readers import detect, get_reader
from kamerld.sources import Source
from kamerld.sources.inputs import INPUT_SUFFIXES, scan_inputs
from kamerld.validation import Report, validate_graph, validate_many
from kamerld.writers import get_format, serialize

from . import shares
from .options import DEFAULT_OUTPUTS, Options  # noqa: F401  (DEFAULT_OUTPUTS: the library API)
from .report import REFUSED, DocumentResult, InputResult, RunReport

if TYPE_CHECKING:
    from .budget import Budget

#: more questions and answers than this in one document is no parliamentary paper (the corpus
#: maximum is 73; a long lijst van vragen has a few hundred): refused, so memory stays bounded
MAX_PARTS = 5000
#: citations found in one document (the corpus maximum is 294)
MAX_CITATIONS = 20000
__all__ = ["INPUT_SUFFIXES", "MAX_CITATIONS", "MAX_PARTS", "Options", "convert", "convert_input",
           "iter_inputs", "process_batch", "process_path", "read_documents", "validate_one"]


def read_documents(source: Source, reader: str | None = None) -> list[Document]:
    """Read and enrich the documents in one source."""
    try:
        r = get_reader(reader) if reader else detect(source)
    except UnknownFormatError:
        source.text()  # an empty, binary or non-UTF-8 file: say so rather than "no reader recognises"
        raise
    docs = r.read(source)
    removed, first = source.removed
    for doc in docs:
        parts = len(doc.questions) + len(doc.answers)
        if parts > MAX_PARTS:
            raise InputError(f"{parts} questions and answers in one document, more than the limit of "
                             f"{MAX_PARTS}", source.path, "not a parliamentary paper kamerld can read")
        doc.source_sha256 = source.sha256
        doc.reader = doc.reader or r.name
        if removed:
            doc.notices.append(Notice(f"{removed} control character(s) removed from the text "
                                      f"(the first at character {first})", Severity.WARNING))
        fetched.before_enrichment(doc, source.path)  # a fetched file: its URL, KOOP metadata
        enrich(doc)
        fetched.after_enrichment(doc, source.path)  # and the Tweede Kamer's metadata
        cites = len(doc.citations) + sum(len(p.citations) for p in (*doc.questions, *doc.answers))
        if cites > MAX_CITATIONS:
            raise InputError(f"{cites} citations in one document, more than the limit of {MAX_CITATIONS}",
                             source.path)
    return docs


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
        if result.sha256 is not None:  # read whole, then refused; not a file that cannot be read now
            result.settled = REFUSED
    except MemoryError:
        result.status = "failed"
        result.reason = "ran out of memory reading this input"
    except Exception as exc:  # a reader bug must not take the batch down; report it as such
        result.status = "failed"
        result.reason = f"internal error in kamerld ({type(exc).__name__}: {exc}); please report it"
        if result.sha256 is not None:  # this version of kamerld fails it every time
            result.settled = REFUSED
    return result, docs


#: a staged file and where it goes: (temp file, final path)
Move = tuple[str, str]
#: what a batch keeps of one document: (file name, N-Triples, Turtle, JSON-LD nodes, share digest,
#: share). The three dump parts are gzip members (None unless `options.dump_parts`, or empty). The
#: share is the document's share of the corpus graphs (`shares.pack`: N-Triples, deflated; None
#: unless `options.shares`) and its digest the SHA-1 of its sorted lines, so a build can tell that
#: the corpus graphs would come out the same without unpacking a share
Parts = tuple[str, bytes | None, bytes | None, bytes | None, str | None, bytes | None]


def convert_input(path: str | Path, out: Path | None,
                  options: Options) -> tuple[InputResult, list[Move], list[Parts]]:
    """Read, map, validate and write one input; the unit of work, and of failure.

    Never raises for a bad input: whatever goes wrong with it (a reader bug too) fails this input
    alone, with its reason. Its files are written under temporary names (`writers.atomic.stage`) and
    returned as moves for `claims.Claims.commit`, which puts them in place unless another input
    already wrote a document of the same id; with `options.dump_parts`, each document's dump parts
    (of what the document says) come back too. Raises OutputError when `out` cannot be written: that
    is the batch's problem, not this input's.

    Every triple the document implies is validated; only what the document says goes into its
    files. The rest (the register resources, zaken and files it names, `rdf.mapping.MappedDocument`)
    is its share of the corpus graphs, returned in its Parts with `options.shares`: the caller counts
    it in only when `claims` commits the document, so a document left out leaves its share out too.
    """
    start = time.perf_counter()
    result, docs = _read_one(path, options)
    moves: list[Move] = []
    parts: list[Parts] = []
    root = out.resolve() if out is not None else None
    try:
        for doc in docs:
            triples = document_triples(doc, options.base)
            [report] = _validate([triples], options)
            mapped = split_triples(triples, doc.id, options.base)
            summary = _summarise(doc, mapped.document, report)
            name = safe_id(doc.id)
            dump: tuple[bytes | None, bytes | None, bytes | None] = (None, None, None)
            if root is not None:
                staged, dump = _stage_outputs(root, name, mapped.document, options, summary.files)
                moves += staged
            digest, share = shares.pack(mapped.registers | mapped.shared) if options.shares else (None, None)
            parts.append((name, *dump, digest, share))
            result.documents.append(summary)
            if summary.violations or any(n.severity == Severity.WARNING for n in doc.notices):
                result.status = "warnings"
    except OutputError:
        discard(moves)
        raise
    except Exception as exc:  # one input's failure is that input's alone, whatever it is
        discard(moves)
        moves, parts = [], []
        result.documents = []
        result.status = "failed"
        result.settled = None if isinstance(exc, MemoryError) else REFUSED  # memory is the moment's
        if isinstance(exc, KamerldError):
            result.reason = str(exc)
        elif isinstance(exc, MemoryError):
            result.reason = "ran out of memory converting this input"
        else:
            result.reason = f"internal error in kamerld ({type(exc).__name__}: {exc}); please report it"
    result.seconds = time.perf_counter() - start
    return result, moves, parts


def discard(moves: list[Move]) -> None:
    for tmp, _ in moves:
        Path(tmp).unlink(missing_ok=True)


def process_batch(paths: list[str | Path], out: Path | None, options: Options) -> list[InputResult]:
    """Convert inputs one by one into `out` (if given); never raises for bad input. A document id
    that an earlier input of the batch already wrote fails the later input (`claims`)."""
    from .claims import Claims

    claims = Claims()
    results = []
    for path in paths:
        result, moves, _parts = convert_input(path, out, options)
        claims.commit(result, moves)
        results.append(result)
    return results


_DUMP_FORMATS = ("ntriples", "turtle", "jsonld")


def _stage_outputs(root: Path, name: str, triples: set[Triple], options: Options, files: list[str]
                   ) -> tuple[list[Move], tuple[bytes | None, bytes | None, bytes | None]]:
    """Write one document in every output format under temporary names; on failure none is left.

    `name` is a safe_id (only [A-Za-z0-9._-], no leading dot), so `root/name.suffix` stays in root
    (in `root/{shard}/` when `options.sharded`). Returns the moves and, with `options.dump_parts`,
    the document's dump parts from the same serialisation pass (else three None).
    """
    from kamerld.writers.atomic import output_error, stage
    from kamerld.writers.fast import render

    formats = [get_format(f) for f in options.outputs]
    wanted = [f.name for f in formats]
    if options.dump_parts:
        wanted += [f for f in _DUMP_FORMATS if f not in wanted]
    try:
        data = render(triples, wanted)
    except ValueError:  # not flat after all: the general writers
        data = {f: serialize(triples, f) for f in wanted}
    dump: tuple[bytes | None, bytes | None, bytes | None] = (None, None, None)
    if options.dump_parts:
        from .dumps import document_parts

        dump = document_parts(data["ntriples"], data["turtle"], data["jsonld"])
    if options.sharded:
        from .shards import shard_of

        root = root / shard_of(name)
    moves: list[Move] = []
    target = root
    try:
        for fmt in formats:
            target = root / (name + fmt.suffix)
            moves.append((stage(target, data.pop(fmt.name)), str(target)))
    except OSError as exc:
        discard(moves)
        raise output_error(exc, target) from exc
    except BaseException:
        discard(moves)
        raise
    files += [final for _, final in moves]
    return moves, dump


def _fast_validator():
    """The compiled validator, or None when the shapes go beyond what it checks (pySHACL does)."""
    from kamerld.validation.fast import UnsupportedShape, default_validator

    try:
        return default_validator()
    except UnsupportedShape:
        return None


def _validate(graphs: list[set[Triple]], options: Options) -> list[Report | None]:
    """One report per document graph: the compiled validator, or pySHACL (asked for, or needed)."""
    if not options.validate:
        return [None] * len(graphs)
    validator = _fast_validator() if options.shacl == "fast" else None
    if validator is not None:
        return [validator.validate(g) for g in graphs]
    from kamerld.writers.fast import graph_of

    return list(validate_many([graph_of(g) for g in graphs]))


def validate_one(graph: Graph, shacl: str = "fast", lang: str = "en") -> Report:
    """One graph against the shapes, by the engine the batch uses (`kamerld.validate`)."""
    validator = _fast_validator() if shacl == "fast" else None
    if validator is not None:
        return validator.validate(graph, lang)
    return validate_graph(graph, lang=lang)


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


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the input files inside folders named (recursively, sorted); `inputs.scan_inputs`
    also says why every other file was skipped."""
    yield from scan_inputs(paths).files


def convert(paths: Iterable[str | Path], out: Path | None, options: Options | None = None, *,
            jobs: int | None = None, budget: Budget | None = None) -> RunReport:
    """Convert every input into `out`: a run report with every input, and every skipped path.

    `jobs=None` converts in this process; `jobs=N` in N worker processes, where each input has the
    time and memory `budget` (`runner.Budget`) and a worker's crash fails only its input.
    Raises OutputError when `out` cannot be written.
    """
    options = options or Options()
    from .claims import Claims
    from .runner import run_inputs

    report = RunReport()
    start = time.perf_counter()
    scan = scan_inputs(paths)
    report.skipped = scan.skipped
    claims = Claims()
    if out is not None:
        _prepare_output(out)
    # each document's share of the corpus graphs comes with its result, and counts only when its
    # files are committed (`claims`)
    options = replace(options, shares=True)
    kept: list[bytes] = []
    try:
        with closing(run_inputs(scan.names, out, options, jobs=jobs, budget=budget)) as outcomes:
            for result, moves, parts in outcomes:
                claims.commit(result, moves)
                report.add(result)  # one by one: a report line per input as it ends
                if result.documents:
                    kept += [share for *_, share in parts if share is not None]
    finally:
        if out is not None:
            from kamerld.writers.atomic import remove_staged

            remove_staged(out)  # staged files of inputs stopped mid-way (a budget, a full disk)
    docs = [d for r in report.inputs for d in r.documents]
    from .links import corpus_graphs, write_corpus

    registers, shared = corpus_graphs([shares.triples(kept)], docs, options.base)
    report.corpus = validate_corpus(registers, shared, options)
    if out is not None:
        from kamerld.writers.atomic import writing

        with writing(out / "_links"):
            write_corpus(out, registers, shared, options.outputs)
    report.seconds = time.perf_counter() - start
    return report


def _prepare_output(out: Path) -> None:
    from kamerld.writers.atomic import output_error, remove_staged

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, out) from exc
    remove_staged(out)  # what a run that was killed left
