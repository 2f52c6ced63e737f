"""Batch builds of whole folders: parallel, incremental, resumable, with streamed dumps.

Layout of OUT:
    OUT/documents/{id}.ttl, {id}.nt, {id}.jsonld   one set per document
    OUT/dumps/kamerld.nt.gz, .ttl.gz, .jsonld.gz   the whole dataset, streamed from the per-document files
    OUT/report.json                                the run report: every input with its status
    OUT/.kamerld-state.json                        content hash and outputs per input (incremental runs)

Steps:
1. list the inputs and hash each (content hash, not mtime: a touched file is not a changed file);
2. drop the outputs of inputs that are gone;
3. convert what changed, `jobs` processes, each taking chunks of inputs (one process per document
   would cost ~0.45 s of imports each time); the state is saved as results come in, so an
   interrupted build resumes where it stopped;
4. stream the dumps from the per-document files: memory does not grow with the corpus.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__
from .fsutil import write_atomic
from .pipeline import Options, iter_inputs, process_batch
from .report import DocumentResult, InputResult, RunReport

STATE_FILE = ".kamerld-state.json"
BUILD_OUTPUTS = ("turtle", "ntriples", "jsonld")
CHUNK = 32


@dataclass
class Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    total: int
    enabled: bool
    done: int = 0
    failed: int = 0
    start: float = 0.0
    last: float = 0.0

    def __post_init__(self) -> None:
        self.start = self.last = time.perf_counter()

    def update(self, n: int, failed: int) -> None:
        self.done += n
        self.failed += failed
        now = time.perf_counter()
        if not self.enabled or (now - self.last < 0.2 and self.done < self.total):
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-9)
        left = (self.total - self.done) / rate if rate else 0
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(
            f"\r[{bar}] {self.done}/{self.total} inputs  {rate:6.1f}/s  "
            f"{self.failed} failed  {left:5.0f} s left "
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


def _fingerprint(options: Options) -> str:
    """What makes old outputs stale besides the input: kamerld's version and the options."""
    return hashlib.sha256(json.dumps([__version__, options.base, options.outputs,
                                      options.reader, options.validate]).encode()).hexdigest()[:16]


def _load_state(out: Path) -> dict:
    try:
        return json.loads((out / STATE_FILE).read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"fingerprint": None, "inputs": {}}


def _save_state(out: Path, state: dict) -> None:
    write_atomic(out / STATE_FILE, json.dumps(state, ensure_ascii=False).encode("utf-8"))


def _remove_outputs(entry: dict) -> None:
    for f in entry.get("files", []):
        try:
            os.unlink(f)
        except FileNotFoundError:
            pass


def _result_from_state(path: str, entry: dict) -> InputResult:
    docs = [DocumentResult(**d) for d in entry.get("documents", [])]
    return InputResult(path=path, status="unchanged", sha256=entry["sha256"], documents=docs)


def _work(paths: list[str], docs_dir: str, options: Options) -> list[InputResult]:
    return process_batch(paths, Path(docs_dir), options)


def build(
    paths: Iterable[str | Path],
    out: Path,
    options: Options | None = None,
    *,
    jobs: int = 2,
    progress: bool | None = None,
    dumps: bool = True,
) -> RunReport:
    options = options or Options(outputs=BUILD_OUTPUTS)
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    docs_dir = out / "documents"
    docs_dir.mkdir(exist_ok=True)
    state = _load_state(out)
    fingerprint = _fingerprint(options)
    if state.get("fingerprint") != fingerprint:
        for entry in state["inputs"].values():
            _remove_outputs(entry)
        state = {"fingerprint": fingerprint, "inputs": {}}

    inputs = [str(p) for p in iter_inputs(paths)]
    report = RunReport()
    # 2. inputs that are gone: their outputs go too
    present = set(inputs)
    for gone in [p for p in state["inputs"] if p not in present]:
        _remove_outputs(state["inputs"].pop(gone))

    # 1. what changed
    todo: list[str] = []
    for p in inputs:
        entry = state["inputs"].get(p)
        if entry and entry.get("status") != "failed":
            try:
                same = entry["sha256"] == _hash(Path(p))
            except OSError:
                same = False
            if same and all(os.path.exists(f) for f in entry.get("files", [])):
                report.add(_result_from_state(p, entry))
                continue
        if entry:
            _remove_outputs(entry)
        todo.append(p)

    # 3. convert
    bar = Progress(len(todo), sys.stderr.isatty() if progress is None else progress)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    since_save = 0

    def record(results: list[InputResult]) -> None:
        nonlocal since_save
        for r in results:
            report.add(r)
            state["inputs"][r.path] = {
                "sha256": r.sha256,
                "status": r.status,
                "files": [f for d in r.documents for f in d.files],
                "documents": [asdict(d) for d in r.documents],
            }
        bar.update(len(results), sum(1 for r in results if r.status == "failed"))
        since_save += len(results)
        if since_save >= 256:
            _save_state(out, state)
            since_save = 0

    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            record(_work(chunk, str(docs_dir), options))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_work, chunk, str(docs_dir), options) for chunk in chunks]
            for fut in as_completed(futures):
                record(fut.result())
    bar.close()
    _save_state(out, state)

    # 4. dumps
    if dumps:
        write_dumps(out, state)
    report.inputs.sort(key=lambda r: r.path)
    report.seconds = time.perf_counter() - start
    write_atomic(out / "report.json", report.to_json().encode("utf-8"))
    return report


def _document_files(state: dict, suffix: str) -> list[str]:
    files = {f for e in state["inputs"].values() for f in e.get("files", []) if f.endswith(suffix)}
    return sorted(files)


def write_dumps(out: Path, state: dict) -> dict[str, int]:
    """Stream the per-document files into gzipped dumps; nothing is held in memory but one file."""
    dumps = out / "dumps"
    dumps.mkdir(exist_ok=True)
    sizes: dict[str, int] = {}
    # N-Triples and Turtle concatenate: each per-document Turtle file stands on its own (prefixes
    # may be declared again; we use no blank nodes), so the concatenation is one valid document.
    for suffix in (".nt", ".ttl"):
        files = _document_files(state, suffix)
        target = dumps / f"kamerld{suffix}.gz"
        tmp = target.with_suffix(".gz.tmp")
        with gzip.open(tmp, "wb", compresslevel=5) as gz:
            for f in files:
                with open(f, "rb") as fh:
                    data = fh.read()
                gz.write(data if data.endswith(b"\n") else data + b"\n")
        os.replace(tmp, target)
        sizes[target.name] = target.stat().st_size
    files = _document_files(state, ".jsonld")
    if files:
        target = dumps / "kamerld.jsonld.gz"
        tmp = target.with_suffix(".gz.tmp")
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=5) as gz:
            from .writers.formats import jsonld_context

            gz.write('{"@context": ' + json.dumps(jsonld_context(), ensure_ascii=False) + ', "@graph": [')
            first = True
            for f in files:
                doc = json.loads(Path(f).read_text("utf-8"))
                nodes = doc.get("@graph", [doc] if "@id" in doc else [])
                for node in nodes:
                    node.pop("@context", None)
                    gz.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
                    first = False
            gz.write("]}\n")
        os.replace(tmp, target)
        sizes[target.name] = target.stat().st_size
    return sizes


__all__ = ["build", "write_dumps", "BUILD_OUTPUTS"]
