"""Batch builds of whole folders: parallel, incremental, resumable, with dumps made as the workers go.

Layout of OUT:
    OUT/documents/{shard}/{id}.ttl, {id}.jsonld    one pair per document, in 256 shard folders
                                                   (`shards`: no folder holds tens of thousands):
                                                   what the document says
    OUT/documents/_registers.*, _links.*            the corpus graphs: the register resources the
                                                   documents name, what they share and link (`links`)
    OUT/dumps/kamerld.nt.gz, .ttl.gz, .jsonld.gz   the whole dataset (N-Triples only here)
    OUT/report.json                                the run report: every input with its status
    OUT/.kamerld-state.sqlite                      the incremental state (`state`), with every
                                                   document's dump parts and its share of the corpus
                                                   graphs (`shares`)
    OUT/.kamerld-staging                           there while inputs are converted (a build that
                                                   finds it removes what a stopped one staged)

Steps:
1. list the inputs (every other file is in the report as skipped, with its reason); an input whose
   size and modification time are those of the last build (and its companions' too) is unchanged
   without being read; one that was touched is hashed (content hash: a touched file is not a changed
   file); an unchanged input that an earlier build refused for its content, or stopped by a budget
   no smaller than this build's, fails again from the state, not converted (`_stays_failed`); the
   other failed inputs are converted again;
2. drop the outputs of inputs that are gone;
3. convert what changed in `jobs` worker processes (`runner`: each input on its own time and memory
   budget, a worker's crash fails only its input). Each worker also compresses the document's dump
   parts. Each result is committed in input order (`claims`: a document another input already wrote
   fails the later input, by name) and recorded in the state as it comes in (committed a few at a
   time, `COMMIT_SECONDS`; its line of report.jsonl is written then), so an interrupted build
   resumes where it stopped;
4. the corpus graphs (`_registers`, `_links`: the documents' shares, each triple once, and the links
   between documents), brought up to date from the shares that changed (`corpus`: only the subjects
   touched are made and validated again), and the dumps from the parts in the state (`dumps`) --
   both only when something changed: a build that changed nothing rewrites neither (its report
   keeps the corpus graphs' validation of the build that wrote them).

A full or read-only disk stops the build with one OutputError: report.json and the dumps of the last
complete build are kept (they are replaced only at the very end), no temp file is left, and the same
command, run again when there is space, resumes from the state.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kamerld import __version__
from kamerld.batch.state import STATE_DB, BuildState, StateOwners, split_files
from kamerld.sources.inputs import InputScan, Skipped, iter_inputs
from kamerld.writers.atomic import output_error, remove_staged, writing

from .options import Options
from .report import REFUSED, DocumentResult, InputResult, RunReport, StreamingRunReport, plain

if TYPE_CHECKING:  # the conversion's modules load only when there is something to convert
    from .budget import Budget

STATE_FILE = STATE_DB
#: where the builds of kamerld before the shares moved into the state kept them, one file a document
OLD_CORPUS_DIR = ".kamerld-corpus"
#: there while a build converts: a build that finds it (one was stopped) removes the staged files
STAGING_MARK = ".kamerld-staging"
#: what the files of a build hold and where; a build made by an older layout is redone from scratch
LAYOUT = 4  # 2: documents hold only what they say, the corpus graphs the rest; 3: sharded, SQLite state;
#            4: the shares in the state, no OUT/.kamerld-corpus
#: the state files of kamerld before the state moved to SQLite: their outputs are removed once
OLD_STATE_FILES = (".kamerld-state.json", ".kamerld-journal.jsonl")
#: the per-document files of a build; N-Triples is in the dump (`kamerld convert --to` writes any)
BUILD_OUTPUTS = ("turtle", "jsonld")
#: the longest a finished input waits to be committed to the state while results keep coming, and
#: the shortest gap between two commits when the workers have nothing more for the moment
COMMIT_SECONDS = 1.0
IDLE_COMMIT_SECONDS = 0.1
#: an input modified this close to the moment it was recorded is hashed next time whatever its
#: modification time says (a change within one tick of the clock keeps size and time)
RACY_NS = 2 * 10**9
#: what the report adds to the reason of an input whose failure was settled (`InputResult.settled`)
#: when a build does not convert it again: refused, and stopped by a budget
NOT_READ_AGAIN = (" [unchanged since the build that refused it, so not read again; "
                  "`kamerld build --retry-failed` reads it again]")
NOT_TRIED_AGAIN = (" [unchanged since the build that stopped it, so not tried again within the same budget; "
                   "a larger --max-seconds or --max-memory, or --retry-failed, tries it again]")
#: the states' statuses of the inputs that converted (every other status left in a state is a failure)
CONVERTED = ("converted", "warnings")


def _stays_failed(status: str, budget: Budget | None, retry_failed: bool) -> bool:
    """Whether an unchanged input whose state says `status` fails again without being converted:
    refused (`REFUSED`), or stopped by a budget this build's `budget` is no larger than (None: no
    budgets, in-process)."""
    if retry_failed:
        return False
    if status == REFUSED:
        return True
    kind, _, limit = status.partition(" ")
    try:
        if kind == "over-time":
            return budget is not None and budget.seconds <= float(limit)
        if kind == "over-memory":
            return budget is not None and budget.memory <= int(limit)
    except ValueError:  # a status this version does not know: tried again
        pass
    return False


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
    from kamerld.fetch.layout import companions

    found = companions(path)
    if not found:
        return None
    h = hashlib.sha256()
    for f in found:
        h.update(f.name.encode() + b"\0" + _hash(f).encode())
    return h.hexdigest()


def _companions_stat(path: str, known: set[str] | None = None) -> str:
    """Size and modification time of the files read with an input: unchanged, they need no hash.
    `known`: the companion files the scan saw (only those can be there), or None (look)."""
    if known is not None and not known:  # the scan saw no companion anywhere: nothing to look at
        return ""
    from kamerld.fetch.layout import companion_paths

    out = []
    for f in companion_paths(path):
        if known is not None and f not in known:
            continue
        try:
            st = os.stat(f)
        except FileNotFoundError:
            continue
        if stat.S_ISREG(st.st_mode):
            out.append(f"{os.path.basename(f)}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(out)


class _Listing:
    """Whether files exist, from one listing of each folder they are in: a build that changed
    nothing checks two or three files of every input, 60,000 at 20,000 inputs, in 512 folders."""

    def __init__(self) -> None:
        self._found: set[str] = set()
        self._listed: set[str] = set()

    def covers(self, paths: list[str]) -> bool:
        """Whether every one of `paths` exists."""
        return self._found.issuperset(paths) or all(self.exists(p) for p in paths)

    def exists(self, path: str) -> bool:
        if path in self._found:
            return True
        folder = os.path.dirname(path)
        if folder in self._listed:
            return False
        self._listed.add(folder)
        try:
            self._found.update(f"{folder}/{e.name}" for e in os.scandir(folder or ".") if e.is_file())
        except OSError:
            return False
        return path in self._found


def _fingerprint(options: Options) -> str:
    """What makes old outputs stale besides the input: kamerld's version and the options."""
    return hashlib.sha256(json.dumps([__version__, LAYOUT, options.base, options.outputs, options.reader,
                                      options.validate, options.sharded, options.dump_parts]).encode()
                          ).hexdigest()[:16]


def _unlink(files: Iterable[str]) -> None:
    for f in files:
        Path(f).unlink(missing_ok=True)


def _drop_old_state(out: Path) -> None:
    """A build folder of a kamerld before the SQLite state: its flat document files go (they are
    made again, sharded), and so do its state files."""
    old = out / OLD_STATE_FILES[0]
    if not old.exists() and not (out / OLD_STATE_FILES[1]).exists():
        return
    try:
        state = json.loads(old.read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        state = {}
    _unlink(f for e in state.get("inputs", {}).values() for f in [*e.get("files", []), *e.get("corpus", [])])
    _unlink(state.get("links", {}).get("files", []))
    for name in OLD_STATE_FILES:
        (out / name).unlink(missing_ok=True)


def _drop_old_shares(out: Path) -> None:
    """A build folder of a kamerld that kept the shares as files: they are in the state now."""
    import shutil

    old = out / OLD_CORPUS_DIR
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old)


#: read once before the workers fork, so every reader, the word list and the patterns the readers
#: compile on first use are loaded once (a worker's first document cost 0.8 s of CPU without it)
_WARM_UP_TEXT = """Tweede Kamer der Staten-Generaal2
Vergaderjaar 2024–2025 Aanhangsel van de Handelingen
Vragen gesteld door de leden der Kamer, met de daarop door de
regering gegeven antwoorden
1
Vragen van het lid Krul (CDA) aan de Minister van Justitie en Veiligheid over de wachttijden bij
de politie (ingezonden 1 oktober 2024).
Antwoord van Minister Van Weel (Justitie en Veiligheid) (ontvangen 1 november 2024).
Vraag 1
Bent u bekend met het bericht over de wachttijden bij de politie? 1
Antwoord 1
Ja. Zie ook Kamerstuk 36 200, nr. 77 en https://nos.nl/artikel/2541672.
1NOS, 22 oktober 2024
ah-tk-20242025-1
"""


def _warm_up(options: Options, todo: Sequence[str] = ()) -> None:
    """Load what every worker needs before the workers fork, so each does not load it again; the
    PDF libraries only when an input is named like a PDF (a PDF named otherwise loads them in its
    worker)."""
    from kamerld.readers import all_readers
    from kamerld.registers import get_registers
    from kamerld.sources import Source
    from kamerld.writers.fast import _context_tables

    from .pipeline import read_documents

    if any(p[-4:].lower() == ".pdf" for p in todo):
        from kamerld.text.pdf_pages import load_libraries

        load_libraries()
    get_registers()
    _context_tables()
    all_readers()
    try:
        read_documents(Source.from_text(_WARM_UP_TEXT, "<warm-up>"))
    except Exception:  # noqa: BLE001 - only a warm-up: a reader that changed may refuse it
        pass
    if options.validate and options.shacl == "fast":
        from kamerld.validation.fast import UnsupportedShape, default_validator

        try:
            default_validator()
        except UnsupportedShape:
            pass
    # what was loaded lives as long as the process: out of the cyclic collector's reach, a worker's
    # collections do not walk it again and again, nor write to (and so copy) the pages it shares
    # with this process after the fork
    gc.collect()
    gc.freeze()


def build(
    paths: Iterable[str | Path],
    out: Path,
    options: Options | None = None,
    *,
    jobs: int = 2,
    progress: bool | None = None,
    dumps: bool = True,
    budget: Budget | None = None,
    retry_failed: bool = False,
) -> RunReport:
    """Convert every input under `paths` into `out` (layout above); returns the run report.

    Never raises for a bad input: it is reported as failed and the build goes on. `jobs` worker
    processes (0: in this process, without budgets), each input on `budget`. An input an earlier build
    refused for what its bytes are, or stopped by a budget no smaller than `budget`, fails again
    without being converted while it stays the same, unless `retry_failed`; every other failed
    input is tried again. Raises OutputError when
    `out` cannot be written (disk full, read-only): the report and dumps of the last complete build
    stay as they were, and the same command resumes where this one stopped.
    """
    out = Path(out)
    # each document's dump parts and share of the corpus graphs come back with its result and are
    # kept in the state, so that dumps and corpus graphs are made again from every document
    options = dataclasses.replace(options or Options(outputs=BUILD_OUTPUTS), sharded=True, dump_parts=True,
                                  shares=True)
    try:
        return _build(paths, out, options, jobs, progress, dumps, budget, retry_failed)
    except OSError as exc:  # any write to OUT that was not turned into an OutputError where it failed
        raise output_error(exc, getattr(exc, "filename2", None) or getattr(exc, "filename", None) or out) \
            from exc
    finally:
        mark = out / STAGING_MARK
        if mark.exists():  # staged files of inputs stopped mid-way, in this build or an earlier one
            _remove_staged(out / "documents")
            mark.unlink(missing_ok=True)


def _remove_staged(docs_dir: Path) -> None:
    from .shards import SHARD_NAME

    remove_staged(docs_dir)
    try:
        shards = [d for d in os.scandir(docs_dir) if d.is_dir() and SHARD_NAME.match(d.name)]
    except OSError:
        return
    for d in shards:
        remove_staged(Path(d.path))


def _build(paths: Iterable[str | Path], out: Path, options: Options, jobs: int, progress: bool | None,
           dumps: bool, budget: Budget | None, retry_failed: bool = False) -> RunReport:
    start = time.perf_counter()
    started_ns = time.time_ns()
    docs_dir = out / "documents"
    with writing(docs_dir):
        docs_dir.mkdir(parents=True, exist_ok=True)
    # every input's line goes to disk as it ends: memory does not grow with the corpus
    with writing(out / "report.jsonl"):
        report = StreamingRunReport(out / "report.jsonl")
        _drop_old_state(out)
        _drop_old_shares(out)
    state = BuildState(out)
    try:
        _run(paths, out, options, jobs, progress, dumps, budget, state, report, started_ns, retry_failed)
    finally:
        state.close()
    report.seconds = time.perf_counter() - start
    with writing(out / "report.json"):
        report.write_json(out / "report.json")
    return report


def _run(paths: Iterable[str | Path], out: Path, options: Options, jobs: int, progress: bool | None,
         dumps: bool, budget: Budget | None, state: BuildState, report: StreamingRunReport,
         started_ns: int, retry_failed: bool = False) -> None:
    docs_dir = out / "documents"
    fingerprint = _fingerprint(options)
    if state.get("fingerprint") != fingerprint:
        _unlink(state.all_files())
        # the corpus graphs' files too: in formats this build may not write (`build --to`)
        _unlink(json.loads(state.get("corpus_files") or "[]"))
        state.reset(fingerprint)

    # the inputs found go into the state as the folders are walked: a list of every input (and the
    # set and the queue made of it) was what grew most in the main process with the corpus
    scan = InputScan()
    for name in state.load_scan(iter_inputs(paths, scan)):  # the bytes UTF-8 lacks shown as \xNN
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        scan.skipped.append(Skipped(shown, "the file name is not valid UTF-8 (rename it to convert it)"))
    report.skipped = scan.skipped
    # 1. what changed: the same size and modification time (and companions) is the same input; a
    # touched one is hashed. 2. inputs that are gone: their outputs go too.
    from .budget import Budget

    current = (budget or Budget()) if jobs else None  # the budget the inputs of this build get
    forget: list[str] = []
    forgot_documents = False  # whether what goes had documents (the dumps and links change then)
    touched: list[tuple] = []  # written after the read: no write while the state is being read
    there = _Listing().covers
    # the unchanged inputs stay in the state as they are; their report lines are added after the loop
    for row in state.scanned_entries():
        p = row.path
        if not row.present or (row.status not in CONVERTED
                               and not _stays_failed(row.status, current, retry_failed)):
            forget.append(p)
            forgot_documents = forgot_documents or bool(row.documents)
            continue
        try:
            st = os.stat(p)
            companions = _companions_stat(p, scan.companions)
            here = there(split_files(row.files))
        except OSError:
            here = False
        if here:
            if (st.st_size, st.st_mtime_ns, companions) == (row.size, row.mtime_ns, row.companions_stat):
                continue
            try:
                same = row.sha256 == _hash(Path(p)) and row.companions == _companions_hash(Path(p))
            except OSError:
                same = False
            if same:
                touched.append((p, st.st_size, _stable_mtime(st, started_ns), companions))
                continue
        forget.append(p)
        forgot_documents = forgot_documents or bool(row.documents)
    for args in touched:
        state.touch(*args)
    for p in forget:
        _unlink(state.forget(p))
    if forgot_documents:  # an input that failed again, or a failed one gone, changes no dump
        state.changed()
    state.commit()
    # what the state holds now is what this build found unchanged: its lines, counted in SQL
    report.add_unchanged(state.kept_lines(CONVERTED), state.kept_totals(CONVERTED))
    todo = state.todo()  # what the state does not hold now: new, changed and retried failed inputs
    del forget, touched

    # 3. convert, in input order whatever the number of workers; each result is committed (its files
    # moved into place, unless an earlier input holds the same document) and recorded as it comes
    if todo:
        _convert(todo, docs_dir, options, jobs, progress, budget, state, report, started_ns,
                 scan.companions)

    # 4. the corpus graphs (registers, links between documents, what they share): over the whole
    # state, not only what changed, since a new answer links to a notice converted in an earlier run
    # and a person named by a changed document may be named by unchanged ones; then the dumps
    # (from what changed since they were last made: `corpus.update`)
    generation = str(state.generation)
    corpus_files = json.loads(state.get("corpus_files") or "null")
    if state.get("corpus_generation") != generation or corpus_files is None or not all(
            os.path.exists(f) for f in corpus_files):
        corpus_files, report.corpus = _write_corpus(out, state, options, corpus_files, jobs)
        state.set("corpus_files", json.dumps(corpus_files, ensure_ascii=False))
        state.set("corpus_report", json.dumps([asdict(d) for d in report.corpus], ensure_ascii=False))
        state.set("corpus_generation", generation)
        state.commit()
    else:  # nothing changed: the validation of the corpus graphs as written
        report.corpus = [DocumentResult(**d) for d in json.loads(state.get("corpus_report") or "[]")]
    if dumps:
        from .dumps import DUMP_NAMES

        if state.get("dumps_generation") != generation or not all(
                (out / "dumps" / n).exists() for n in DUMP_NAMES.values()):
            _write_dumps(out, state)
            state.set("dumps_generation", generation)
            state.commit()


def _convert(todo: Sequence[str], docs_dir: Path, options: Options, jobs: int, progress: bool | None,
             budget: Budget | None, state: BuildState, report: StreamingRunReport, started_ns: int,
             companions: set[str] | None = None) -> None:
    """3. Convert `todo`, in input order whatever the number of workers; each result is committed
    (its files moved into place, unless an earlier input holds the same document) and recorded as it
    comes."""
    from .claims import Claims
    from .runner import run_inputs

    bar = Progress(len(todo), sys.stderr.isatty() if progress is None else progress)
    claims = Claims(StateOwners(state))
    changed = False  # the first document recorded changes the dumps and links (in its transaction)
    # results are committed together, at most COMMIT_SECONDS apart and whenever the workers have
    # nothing more for the moment: a commit per input cost the main process 0.5 ms while the workers
    # waited, and a stopped build still resumes after nearly every input it finished
    last_commit = time.monotonic()

    def commit(wait: float = 0.0) -> None:
        nonlocal last_commit
        now = time.monotonic()
        if now - last_commit >= wait:
            state.commit()
            with writing(report.path):  # the report lines of what the state holds
                report.flush()
            last_commit = now

    def record(r: InputResult, parts: list[tuple]) -> None:
        nonlocal changed
        if r.documents and not changed:
            state.changed()
            changed = True
        with writing(report.path):
            reported = report.add(r, hold=True)
        _record(state, r, parts, started_ns, companions, reported)
        commit(COMMIT_SECONDS)
        bar.update(1, 1 if r.status == "failed" else 0, len(r.documents))

    with writing(docs_dir.parent / STAGING_MARK):
        (docs_dir.parent / STAGING_MARK).touch()  # there may be staged files from here on
    try:
        if jobs and len(todo) > 1:
            _warm_up(options, todo)
        with closing(run_inputs(todo, docs_dir, options, jobs=jobs, budget=budget,
                                on_idle=lambda: commit(IDLE_COMMIT_SECONDS))) as outcomes:
            for result, moves, parts in outcomes:
                claims.commit(result, moves)
                record(result, parts if result.documents else [])
    finally:
        commit()
        bar.close()


def _stable_mtime(st: os.stat_result, started_ns: int) -> int | None:
    """The modification time to remember, or None (hash next time) when the file was modified so
    close to this build that a change within the same clock tick could hide behind it."""
    return st.st_mtime_ns if st.st_mtime_ns < started_ns - RACY_NS else None


def _record(state: BuildState, r: InputResult, parts: list[tuple], started_ns: int,
            known: set[str] | None = None, reported: dict | None = None) -> None:
    """Write one finished input into the state (the caller commits). `known`: the companion files
    the scan saw (`_companions_stat`); `reported`: `plain(r)`, when the caller has it already."""
    sha256 = r.sha256
    try:
        st = os.stat(r.path)
        size_time: tuple[int, int | None] | None = (st.st_size, _stable_mtime(st, started_ns))
        if sha256 is None and r.settled:  # stopped by a budget before its worker said: to tell it unchanged
            sha256 = _hash(Path(r.path))
        companions_stat = _companions_stat(r.path, known)
        companions = _companions_hash(Path(r.path)) if known is None or known else None
    except OSError:
        size_time, companions_stat, companions = None, "", None
    # what an unchanged input reports next time; the notices stay in the report only (they are most
    # of a document's summary); an input whose failure is settled fails again, saying why it was not
    # converted
    stored = dict(reported) if reported is not None else plain(r)
    status = r.status
    if r.status == "failed" and r.settled:
        status = r.settled
        note = NOT_READ_AGAIN if r.settled == REFUSED else NOT_TRIED_AGAIN
        stored.update(seconds=0.0, reason=f"{r.reason}{note}")
    else:
        stored.update(status="unchanged", reason=None, seconds=0.0,
                      documents=[{**d, "notices": []} for d in stored["documents"]])
    line = json.dumps(stored, ensure_ascii=False)
    counts = [len(r.documents)] + [sum(getattr(d, k) for d in r.documents)
                                   for k in ("questions", "answers", "citations", "triples", "violations")]
    from kamerld.rdf.uris import safe_id

    rows = []
    for d, part in zip(r.documents, parts, strict=True):
        links = json.dumps([d.zaken, d.see_also, d.uitstel_van], ensure_ascii=False)
        rows.append((safe_id(d.id), d.id, d.kind, links, *part[1:]))
    state.record(r.path, size_time, sha256, companions, companions_stat, status,
                 [f for d in r.documents for f in d.files], line, counts, rows)


def _write_corpus(out: Path, state: BuildState, options: Options, files: list[str] | None,
                  jobs: int = 0) -> tuple[list[str], list[DocumentResult]]:
    """The corpus graphs `_registers` and `_links` brought up to date (`corpus.update`) and, when a
    subject in them changed or a file is missing, written beside the shards with their dump parts
    kept in the state. Returns the files and the validation (the report's `corpus`)."""
    from . import corpus
    from .links import CORPUS_STEMS

    changed = corpus.update(state, options, jobs)
    if files is None or not all(os.path.exists(f) for f in files):
        stems = set(CORPUS_STEMS)
    else:  # only the graphs whose lines changed: a changed answer text leaves `_registers` alone
        stems = corpus.touched_stems(state, options) if changed else set()
    if stems:
        with writing(out / "documents" / "_links"):
            files = _write_corpus_files(out / "documents", state, options, stems, files or [])
    results = []
    for stem in CORPUS_STEMS:
        triples, found = corpus.results(state, stem)
        if not triples:
            continue
        count = Counter(severity for severity, _ in found)
        results.append(DocumentResult(
            id=stem, kind="corpus", reader="", questions=0, answers=0, unanswered=0, citations=0,
            triples=triples, violations=count["violation"], warnings=count["warning"], infos=count["info"],
            notices=[f"{severity}: {text}" for severity, text in found if severity == "violation"]))
    return files, results


def _write_corpus_files(docs_dir: Path, state: BuildState, options: Options, stems: set[str],
                        files: list[str]) -> list[str]:
    """Write the files of the corpus graphs `stems` (of `_registers` and `_links`) from the state as
    a stream (`corpus_files.write_graph`), with their dump parts; returns the files of both graphs
    (`files`: those written before, kept for a graph not written again)."""
    from . import corpus
    from .corpus_files import write_graph
    from .links import CORPUS_STEMS

    out: list[str] = []
    for stem in CORPUS_STEMS:
        if stem not in stems:
            out += [f for f in files if Path(f).name.startswith(stem + ".")]
            continue
        state.write("DELETE FROM extras WHERE name IN (?, ?, ?)",
                    tuple(f"{stem}.{column}" for column in ("nt", "ttl", "jsonld")))
        out += write_graph(docs_dir, state, stem, corpus.graph_lines(state, stem),
                           corpus.graph_nodes(state, stem), options.outputs)
    return out


def _write_dumps(out: Path, state: BuildState) -> dict[str, int]:
    """The three dumps from the dump parts in the state, copying from the dumps on disk what they
    already hold (`dumps.write_dumps`); each dump's layout kept for the next build."""
    from kamerld.writers.context import jsonld_context

    from .dumps import Piece, jsonld_pieces, pack_layout, unpack_layout, write_dumps
    from .links import CORPUS_STEMS

    def pieces(column: str) -> Iterator[Piece]:
        for name, digest in state.parts(column):
            yield Piece(f"d {name} {digest}", functools.partial(state.part, name, column))
        for stem in CORPUS_STEMS:  # a corpus graph's part is one gzip member kept in pieces
            part = f"{stem}.{column}"
            if state.has_extras(part):
                digest = hashlib.blake2b(digest_size=12)
                for data in state.extras(part):
                    digest.update(data)
                yield Piece(f"x {part} {digest.hexdigest()}", functools.partial(state.extras, part))

    before = {}
    for column in ("nt", "ttl", "jsonld"):
        if (kept := state.dump_layout(column)) is not None:
            before[column] = (kept[0], unpack_layout(kept[1]))
    sizes, layouts = write_dumps(out / "dumps", {"nt": pieces("nt"), "ttl": pieces("ttl"),
                                                 "jsonld": jsonld_pieces(pieces("jsonld"), jsonld_context())},
                                 before)
    for column, (file, layout) in layouts.items():
        state.set_dump_layout(column, file, pack_layout(layout))
    return sizes


__all__ = ["build", "BUILD_OUTPUTS", "STATE_FILE"]
