"""Batch builds of whole folders: parallel, incremental, resumable, with streamed dumps.

Layout of OUT:
    OUT/documents/{id}.ttl, {id}.nt, {id}.jsonld   one set per document: what the document says
    OUT/documents/_registers.*, _links.*            the corpus graphs: the register resources the
                                                   documents name, what they share and link (links.py)
    OUT/dumps/kamerld.nt.gz, .ttl.gz, .jsonld.gz   the whole dataset, streamed from the per-document files
    OUT/report.json                                the run report: every input with its status
    OUT/.kamerld-state.json                        content hash and outputs per input (incremental runs)
    OUT/.kamerld-journal.jsonl                     results since the state was last written (resuming)
    OUT/.kamerld-corpus/{id}.nt                    per document, its part of the corpus graphs (kept so
                                                   that an incremental build rewrites them from all)

Steps:
1. list the inputs (every other file is in the report as skipped, with its reason) and hash each
   (content hash, not mtime: a touched file is not a changed file);
2. drop the outputs of inputs that are gone;
3. convert what changed in `jobs` worker processes (`runner`: each input on its own time and memory
   budget, a worker's crash fails only its input), committing each result in input order (`claims`:
   a document another input already wrote fails the later input, by name) and appending it to the
   journal as it comes in (rewriting the whole state every few hundred inputs would cost O(n^2) at
   50,000 inputs), so an interrupted build resumes where it stopped;
4. stream the dumps from the per-document files: memory does not grow with the corpus.

A full or read-only disk stops the build with one OutputError: report.json and the dumps of the last
complete build are kept (they are replaced only at the very end), no temp file is left, and the same
command, run again when there is space, resumes from the journal.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import __version__
from .claims import Claims
from .fsutil import output_error, remove_staged, write_atomic, writing
from .inputs import scan_inputs
from .pipeline import Options
from .rdf.uris import safe_id
from .report import DocumentResult, InputResult, RunReport, StreamingRunReport
from .runner import Budget, run_inputs

STATE_FILE = ".kamerld-state.json"
JOURNAL_FILE = ".kamerld-journal.jsonl"
CORPUS_DIR = ".kamerld-corpus"
BUILD_OUTPUTS = ("turtle", "ntriples", "jsonld")
#: what the files of a build hold and where; a build made by an older layout is redone from scratch
LAYOUT = 2  # 2: documents hold only what they say; the corpus graphs hold registers and what is shared


@dataclass
class Progress:
    """A one-line progress display on stderr, only when stderr is a terminal: inputs and documents
    done, documents per second, failed inputs and the time left."""

    total: int
    enabled: bool
    done: int = 0
    documents: int = 0
    failed: int = 0
    start: float = 0.0
    last: float = 0.0

    def __post_init__(self) -> None:
        self.start = self.last = time.perf_counter()

    def update(self, n: int, failed: int, documents: int = 0) -> None:
        self.done += n
        self.failed += failed
        self.documents += documents
        now = time.perf_counter()
        if not self.enabled or (now - self.last < 0.2 and self.done < self.total):
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(
            f"\r[{bar}] {self.done}/{self.total} inputs, {self.documents} documents  "
            f"{self.documents / elapsed:6.1f} docs/s  {self.failed} failed  {left:5.0f} s left "
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _companions_hash(path: Path) -> str | None:
    """One hash over the files read with an input (its KOOP metadata.xml, its fetch record): a
    build redoes an input when they change, even when the input itself did not."""
    from .fetch.layout import companions

    found = companions(path)
    if not found:
        return None
    h = hashlib.sha256()
    for f in found:
        h.update(f.name.encode() + b"\0" + _hash(f).encode())
    return h.hexdigest()


def _fingerprint(options: Options) -> str:
    """What makes old outputs stale besides the input: kamerld's version and the options."""
    return hashlib.sha256(json.dumps([__version__, LAYOUT, options.base, options.outputs,
                                      options.reader, options.validate]).encode()).hexdigest()[:16]


def _load_state(out: Path) -> dict:
    """The state file, with the journal of an interrupted run replayed over it."""
    try:
        state = json.loads((out / STATE_FILE).read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        state = {"fingerprint": None, "inputs": {}}
    try:
        with (out / JOURNAL_FILE).open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    break  # the line being written when the run was stopped
                if rec.get("fingerprint") == state.get("fingerprint") or state.get("fingerprint") is None:
                    state["fingerprint"] = rec["fingerprint"]
                    state["inputs"][rec["path"]] = rec["entry"]
    except FileNotFoundError:
        pass
    return state


def _save_state(out: Path, state: dict) -> None:
    write_atomic(out / STATE_FILE, json.dumps(state, ensure_ascii=False).encode("utf-8"))
    (out / JOURNAL_FILE).unlink(missing_ok=True)


def _remove_outputs(entry: dict, keep: set[str] | frozenset = frozenset()) -> None:
    for f in [*entry.get("files", []), *entry.get("corpus", [])]:
        if f not in keep:
            Path(f).unlink(missing_ok=True)


def _result_from_state(path: str, entry: dict) -> InputResult:
    docs = [DocumentResult(**d) for d in entry.get("documents", [])]
    return InputResult(path=path, status="unchanged", sha256=entry["sha256"], documents=docs)


def _warm_up(options: Options) -> None:
    """Load what every worker needs before the workers fork, so each does not load it again."""
    from .rdf.triples import _context_tables
    from .registers import get_registers

    get_registers()
    _context_tables()
    if options.validate and options.shacl == "fast":
        from .validation.fast import UnsupportedShape, default_validator

        try:
            default_validator()
        except UnsupportedShape:
            pass


def build(
    paths: Iterable[str | Path],
    out: Path,
    options: Options | None = None,
    *,
    jobs: int = 2,
    progress: bool | None = None,
    dumps: bool = True,
    budget: Budget | None = None,
) -> RunReport:
    """Convert every input under `paths` into `out` (layout above); returns the run report.

    Never raises for a bad input: it is reported as failed and the build goes on. `jobs` worker
    processes (0: in this process, without budgets), each input on `budget`. Raises OutputError when
    `out` cannot be written (disk full, read-only): the report and dumps of the last complete build
    stay as they were, and the same command resumes where this one stopped.
    """
    out = Path(out)
    try:
        return _build(paths, out, options or Options(outputs=BUILD_OUTPUTS), jobs, progress, dumps, budget)
    except OSError as exc:  # any write to OUT that was not turned into an OutputError where it failed
        raise output_error(exc, getattr(exc, "filename2", None) or getattr(exc, "filename", None) or out) \
            from exc
    finally:
        remove_staged(out / "documents")  # staged files of inputs stopped mid-way
        remove_staged(out / CORPUS_DIR)


def _build(paths: Iterable[str | Path], out: Path, options: Options, jobs: int, progress: bool | None,
           dumps: bool, budget: Budget | None) -> RunReport:
    # every file is written atomically (temp file + rename), also in builds: a reader of OUT never
    # sees half a document, even while a build runs or after it crashed (costs ~0.5 ms a document)
    start = time.perf_counter()
    docs_dir = out / "documents"
    with writing(docs_dir):
        docs_dir.mkdir(parents=True, exist_ok=True)
    state = _load_state(out)
    fingerprint = _fingerprint(options)
    if state.get("fingerprint") != fingerprint:
        for entry in state["inputs"].values():
            _remove_outputs(entry)
        state = {"fingerprint": fingerprint, "inputs": {}}

    scan = scan_inputs(paths)
    inputs = [str(p) for p in scan.files]
    # every input's line goes to disk as it ends: memory does not grow with the corpus
    with writing(out / "report.jsonl"):
        report = StreamingRunReport(out / "report.jsonl")
    report.skipped = scan.skipped
    # 2. inputs that are gone: their outputs go too (unless another input wrote the same document)
    present = set(inputs)
    gone = [p for p in state["inputs"] if p not in present]
    if gone:
        entries = [state["inputs"].pop(p) for p in gone]
        kept = {f for e in state["inputs"].values() for f in [*e.get("files", []), *e.get("corpus", [])]}
        for entry in entries:
            _remove_outputs(entry, kept)

    # 1. what changed; what the unchanged inputs hold (a new input may not overwrite it)
    todo: list[str] = []
    claims = Claims()
    for p in inputs:
        entry = state["inputs"].get(p)
        if entry and entry.get("status") != "failed":
            try:
                same = (entry["sha256"] == _hash(Path(p))
                        and entry.get("companions") == _companions_hash(Path(p)))
            except OSError:
                same = False
            if same and all(os.path.exists(f) for f in [*entry.get("files", []), *entry.get("corpus", [])]):
                report.add(_result_from_state(p, entry))
                for d in entry.get("documents", []):
                    claims.owner[safe_id(d["id"])] = p
                continue
        if entry:
            _remove_outputs(entry)
        todo.append(p)

    # 3. convert, in input order whatever the number of workers; each result is committed (its files
    # moved into place, unless an earlier input holds the same document) and journalled as it comes
    bar = Progress(len(todo), sys.stderr.isatty() if progress is None else progress)
    journal_path = out / JOURNAL_FILE
    with writing(journal_path):
        journal = journal_path.open("a", encoding="utf-8")

    def record(r: InputResult) -> None:
        with writing(report.path):
            report.add(r)
        entry = {
            "sha256": r.sha256,
            "companions": _companions_hash(Path(r.path)),
            "status": r.status,
            "files": [f for d in r.documents for f in d.files],
            "corpus": [f for d in r.documents for f in d.corpus_files],
            # what an unchanged input reports next time, and what the links need; the notices
            # stay in the report only (they are most of a document's summary)
            "documents": [{**asdict(d), "notices": [], "corpus_files": []} for d in r.documents],
        }
        state["inputs"][r.path] = entry
        with writing(journal_path):
            journal.write(json.dumps({"fingerprint": fingerprint, "path": r.path, "entry": entry},
                                     ensure_ascii=False) + "\n")
            journal.flush()
        bar.update(1, 1 if r.status == "failed" else 0, len(r.documents))

    try:
        if jobs and len(todo) > 1:
            _warm_up(options)
        # each document's share of the corpus graphs is kept in OUT/.kamerld-corpus (committed with
        # its files), so that the corpus graphs are written again from every document, changed or not
        work = replace(options, corpus_dir=str(out / CORPUS_DIR))
        with closing(run_inputs(todo, docs_dir, work, jobs=jobs, budget=budget)) as outcomes:
            for result, moves in outcomes:
                claims.commit(result, moves)
                record(result)
    finally:
        try:
            journal.close()
        except OSError:
            pass
        bar.close()
    # 4. the corpus graphs (registers, links between documents, what they share): over the whole
    # state, not only what changed, since a new answer links to a notice converted in an earlier run
    from .links import corpus_graphs, read_shares, write_corpus
    from .pipeline import validate_corpus

    docs = [DocumentResult(**d) for e in state["inputs"].values() for d in e.get("documents", [])]
    with writing(out / CORPUS_DIR):
        parts = read_shares(f for e in state["inputs"].values() for f in e.get("corpus", []))
    registers, shared = corpus_graphs([parts], docs, options.base)
    report.corpus = validate_corpus(registers, shared, options)
    with writing(docs_dir / "_links"):
        state["links"] = {"files": write_corpus(docs_dir, registers, shared, options.outputs)}
    with writing(out / STATE_FILE):
        _save_state(out, state)

    # 5. dumps
    if dumps:
        write_dumps(out, state)
    report.seconds = time.perf_counter() - start
    with writing(out / "report.json"):
        report.write_json(out / "report.json")
    return report


def _document_files(state: dict, suffix: str) -> list[str]:
    files = {f for e in state["inputs"].values() for f in e.get("files", []) if f.endswith(suffix)}
    files |= {f for f in state.get("links", {}).get("files", []) if f.endswith(suffix)}
    return sorted(files)


_GRAPH_OPEN, _GRAPH_CLOSE = '\n"@graph": [\n', "\n]}"
#: gzip level of the dumps: 3 packs nearly as well as 5 (+15 %) in half the time
DUMP_LEVEL = 3


def write_dumps(out: Path, state: dict) -> dict[str, int]:
    """Stream the per-document files into gzipped dumps; nothing is held in memory but one file.

    All three are written to temp files first and moved into place together: a failure (a full disk)
    leaves the dumps of the last complete build, all three, and no temp file.
    """
    dumps = out / "dumps"
    dumps.mkdir(exist_ok=True)
    done: list[tuple[Path, Path]] = []
    try:
        # N-Triples and Turtle concatenate: each per-document Turtle file stands on its own (prefixes
        # may be declared again; we use no blank nodes), so the concatenation is one valid document.
        for suffix in (".nt", ".ttl"):
            target = dumps / f"kamerld{suffix}.gz"
            tmp = target.with_suffix(".gz.tmp")
            done.append((tmp, target))
            with gzip.open(tmp, "wb", compresslevel=DUMP_LEVEL) as gz:
                for f in _document_files(state, suffix):
                    with open(f, "rb") as fh:
                        data = fh.read()
                    gz.write(data if data.endswith(b"\n") else data + b"\n")
        files = _document_files(state, ".jsonld")
        if files:
            target = dumps / "kamerld.jsonld.gz"
            tmp = target.with_suffix(".gz.tmp")
            done.append((tmp, target))
            _write_jsonld_dump(tmp, files)
        for tmp, target in done:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        raise output_error(exc, getattr(exc, "filename", None) or dumps) from exc
    except BaseException:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        raise
    return {target.name: target.stat().st_size for _, target in done}


def _write_jsonld_dump(tmp: Path, files: list[str]) -> None:
    from .writers.formats import jsonld_context

    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=DUMP_LEVEL) as gz:
        gz.write('{"@context": ' + json.dumps(jsonld_context(), ensure_ascii=False) + ', "@graph": [')
        first = True
        for f in files:
            text = Path(f).read_text("utf-8")
            # our writer puts one node a line between these markers: copy the text, no parsing
            start, end = text.find(_GRAPH_OPEN), text.rfind(_GRAPH_CLOSE)
            if start >= 0 and end > start:
                body = text[start + len(_GRAPH_OPEN):end].strip()
                if body:
                    gz.write(("" if first else ",\n") + body)
                    first = False
                continue
            doc = json.loads(text)
            nodes = doc.get("@graph", [doc] if "@id" in doc else [])
            for node in nodes:
                node.pop("@context", None)
                gz.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
                first = False
        gz.write("]}\n")


__all__ = ["build", "write_dumps", "BUILD_OUTPUTS"]
