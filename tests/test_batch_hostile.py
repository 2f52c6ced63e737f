"""A batch survives its worst input: crashes, hangs and memory hogs fail alone, a killed build leaves no
worker behind, a full or read-only disk stops the build with one message and resumes, duplicates are
caught by name, and no file in an input folder goes unaccounted for.

Inputs are real corpus documents copied to a temporary folder; the misbehaving inputs are the same
documents under a name the test's wrapper of `pipeline.convert_input` recognises (workers are forked,
so they run the wrapper), or real hostile files (a PDF whose pages share one huge stream).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from bad_inputs import pdf_of
from conftest import CORPUS, corpus_file

from kamerld.batch import pipeline
from kamerld.batch.build import build
from kamerld.batch.runner import Budget

KOOP = sorted(p.name for p in (CORPUS / "txt-koop-pdf").glob("*.txt")) if CORPUS.is_dir() else []
KLD_DOCUMENT = "https://w3id.org/kamerld/def#Document"


@pytest.fixture
def src(tmp_path: Path) -> Path:
    if not KOOP:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    d = tmp_path / "src"
    d.mkdir()
    for name in KOOP:
        shutil.copy(CORPUS / "txt-koop-pdf" / name, d / name)
    return d


def _misbehave(monkeypatch, name: str, action) -> None:
    """`action()` runs instead of converting the input called `name` (in the worker)."""
    real = pipeline.convert_input

    def wrapper(path, out, options):
        if Path(path).name == name:
            action()
        return real(path, out, options)

    monkeypatch.setattr(pipeline, "convert_input", wrapper)


def _by_name(report) -> dict:
    return {Path(r.path).name: r for r in report.inputs}


def _dump_documents(out: Path) -> set[str]:
    data = gzip.decompress((out / "dumps" / "kamerld.nt.gz").read_bytes())
    return {str(q.subject.value) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
            if q.predicate.value.endswith("#type") and q.object.value == KLD_DOCUMENT}


# ---- a poison pill, a hang, a memory hog -------------------------------------------------------------


def test_a_worker_crash_fails_only_its_input_in_a_parallel_build(src, tmp_path, monkeypatch):
    import kamerld.batch.runner as runner

    monkeypatch.setattr(runner, "CHUNK", 4)  # the poison shares its chunk with three good inputs
    shutil.copy(src / KOOP[0], src / "poison.txt")
    _misbehave(monkeypatch, "poison.txt", lambda: os.kill(os.getpid(), signal.SIGKILL))
    out = tmp_path / "out"
    report = build([src], out, jobs=2, progress=False)
    by_name = _by_name(report)
    poison = by_name.pop("poison.txt")
    assert poison.status == "failed"
    assert poison.reason == ("the worker process died (signal 9) converting this input, also when tried "
                             "alone")
    assert all(r.status in ("converted", "warnings") for r in by_name.values()), \
        {n: r.reason for n, r in by_name.items() if r.status == "failed"}
    assert len(by_name) == len(KOOP)
    ids = {d.id for r in by_name.values() for d in r.documents}
    assert len(_dump_documents(out)) == len(ids) == len(KOOP)  # every good document is in the dumps
    data = json.loads((out / "report.json").read_text("utf-8"))
    assert data["counts"]["failed"] == 1 and data["counts"]["inputs"] == len(KOOP) + 1
    # and the next build works: the poison is tried (and fails) again, the rest is unchanged
    again = _by_name(build([src], out, jobs=2, progress=False))
    assert again.pop("poison.txt").status == "failed"
    assert {r.status for r in again.values()} == {"unchanged"}


def test_workers_that_die_starting_up_blame_no_input(src, tmp_path, monkeypatch):
    """A worker that dies before it says it is ready has converted nothing: its inputs are not failed
    for it (as a crash converting one would be); workers that keep dying stop the run with that reason."""
    import kamerld.batch.runner as runner

    monkeypatch.setattr(runner, "die_with_parent", lambda pid: os._exit(3))
    with pytest.raises(RuntimeError, match=r"keep dying before they convert anything \(exit code 3\)"):
        list(runner.run_inputs([str(src / KOOP[0]), str(src / KOOP[1])], tmp_path / "out", None, jobs=2))


def test_an_input_over_its_time_budget_fails_alone(src, tmp_path, monkeypatch):
    shutil.copy(src / KOOP[0], src / "slow.txt")
    _misbehave(monkeypatch, "slow.txt", lambda: time.sleep(120))
    start = time.monotonic()
    report = build([src], tmp_path / "out", jobs=2, progress=False, budget=Budget(seconds=5))
    assert time.monotonic() - start < 60
    by_name = _by_name(report)
    slow = by_name.pop("slow.txt")
    assert (slow.status, slow.reason) == ("failed", "took longer than the time budget of 5 s; stopped")
    assert all(r.status in ("converted", "warnings") for r in by_name.values()), \
        {n: r.reason for n, r in by_name.items() if r.status == "failed"}


def test_an_input_stopped_by_its_budget_is_tried_again_only_under_a_larger_one(src, tmp_path, monkeypatch):
    from kamerld.batch.build import NOT_TRIED_AGAIN

    tries = tmp_path / "tries.log"

    def hang():
        with tries.open("a") as fh:
            fh.write("try\n")
        time.sleep(120)

    shutil.copy(src / KOOP[0], src / "slow.txt")
    _misbehave(monkeypatch, "slow.txt", hang)
    out = tmp_path / "out"
    build([src], out, jobs=2, progress=False, budget=Budget(seconds=2))
    dumps = {f.name: f.stat().st_mtime_ns for f in (out / "dumps").iterdir()}
    # the same budget: failed again at once, saying why, and nothing is written again
    again = _by_name(build([src], out, jobs=2, progress=False, budget=Budget(seconds=2)))
    assert (again["slow.txt"].status, again["slow.txt"].reason) == (
        "failed", "took longer than the time budget of 2 s; stopped" + NOT_TRIED_AGAIN)
    assert {n for n, r in again.items() if r.status != "unchanged"} == {"slow.txt"}
    assert tries.read_text() == "try\n"
    assert {f.name: f.stat().st_mtime_ns for f in (out / "dumps").iterdir()} == dumps
    # a larger budget: tried again
    larger = _by_name(build([src], out, jobs=2, progress=False, budget=Budget(seconds=3)))
    assert larger["slow.txt"].reason == "took longer than the time budget of 3 s; stopped"
    assert tries.read_text() == "try\ntry\n"


def test_which_failures_a_build_keeps():
    from kamerld.batch.build import _stays_failed
    from kamerld.batch.report import REFUSED, over_budget

    budget = Budget(seconds=10, memory=2**30)
    assert _stays_failed(REFUSED, budget, False) and _stays_failed(REFUSED, None, False)
    assert not _stays_failed(REFUSED, budget, True)  # --retry-failed
    for status, kept in [(over_budget("time", 10.0), True), (over_budget("time", 9.5), False),
                         (over_budget("memory", 2**30), True), (over_budget("memory", 2**29), False),
                         ("failed", False), ("over-time ten", False), ("something new", False)]:
        assert _stays_failed(status, budget, False) is kept, status
    # in-process builds have no budget: what a budget stopped is tried again
    assert not _stays_failed(over_budget("time", 10.0), None, False)


def test_an_input_over_its_memory_budget_fails_alone(src, tmp_path, monkeypatch):
    def hog():
        block = bytearray(600 * 2**20)  # touched, so it is resident
        for i in range(0, len(block), 4096):
            block[i] = 1
        time.sleep(30)

    shutil.copy(src / KOOP[0], src / "greedy.txt")
    _misbehave(monkeypatch, "greedy.txt", hog)
    report = build([src], tmp_path / "out", jobs=2, progress=False, budget=Budget(memory=400 * 2**20))
    by_name = _by_name(report)
    greedy = by_name.pop("greedy.txt")
    assert greedy.status == "failed"
    assert greedy.reason.startswith("used more than the memory budget of 400 MiB"), greedy.reason
    assert all(r.status in ("converted", "warnings") for r in by_name.values()), \
        {n: r.reason for n, r in by_name.items() if r.status == "failed"}


def shared_stream_pdf(pages: int, stream_bytes: int = 2**20) -> bytes:
    """A PDF whose `pages` pages all show one content stream of `stream_bytes` of text operators
    (compressed to a few KB): small on disk, and pypdf parses the stream again for every page."""
    op = b"BT /F1 12 Tf 72 712 Td (Vraag 1 is dit waar) Tj ET\n"
    stream = zlib.compress(op * (stream_bytes // len(op)), 9)
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
             b" /Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    return pdf_of(objs)


#: `kamerld` whose workers take half a minute over each input named zz-slow* (a PDF once did that by
#: itself: pypdf parsed a 10 MiB page stream for 30 s; PDFium reads it in a second)
_SLOW = """
import sys, time
from pathlib import Path
import kamerld.batch.pipeline as pipeline
real = pipeline.convert_input
def slow(path, out, options):
    if Path(path).name.startswith("zz-slow"):
        time.sleep(30)
    return real(path, out, options)
pipeline.convert_input = slow
from kamerld.cli import main
sys.argv = ["kamerld", *sys.argv[1:]]
main()
"""
SLOW_KAMERLD = [sys.executable, "-c", _SLOW]


def _finished(out: Path) -> int:
    """How many inputs the build running into `out` has finished (its report lines so far)."""
    try:
        return (out / "report.jsonl").read_text("utf-8").count("\n")
    except OSError:
        return 0


def _kamerld(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kamerld", *args], capture_output=True, text=True,
                          timeout=timeout, **kw)


def test_real_hostile_inputs_fail_within_their_budget(tmp_path):
    """A 19 KB-class PDF of 1000 pages sharing a 1 MiB stream (187 s before) is refused at once; one of
    12 pages (12 MiB: under the content limit; 36 s of parsing with pypdf, which stopped it at the time
    budget) is read by PDFium well within the budget (the time budget itself: the tests above); a text
    of 3,000 questions and answers each is refused by the parts limit (one of 40,000, 3.7 MB, took
    1.1 GB and 46 s before). The budget is wall time and the text needs about 2.5 s of CPU, so it is
    generous enough that a loaded machine does not stop the text before its limit does."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "shared-1000.pdf").write_bytes(shared_stream_pdf(1000))
    (folder / "shared-12.pdf").write_bytes(shared_stream_pdf(12))
    head = corpus_file("txt-koop-pdf/ah-tk-20242025-571.txt").read_text("utf-8")[:1200]
    (folder / "many-questions.txt").write_text(head + "".join(
        f"\nVraag {i}\nIs het waar dat de minister {i} keer iets zei?\n\nAntwoord {i}\nJa.\n"
        for i in range(1, 3000)), encoding="utf-8")
    assert (folder / "shared-1000.pdf").stat().st_size < 200_000
    start = time.monotonic()
    proc = _kamerld("convert", str(folder), "-o", str(tmp_path / "out"), "--max-seconds", "30",
                    "--report", str(tmp_path / "report.json"))
    assert time.monotonic() - start < 60
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    inputs = json.loads((tmp_path / "report.json").read_text("utf-8"))["inputs"]
    reasons = {Path(r["path"]).name: r["reason"] for r in inputs}
    seconds = {Path(r["path"]).name: r["seconds"] for r in inputs}
    assert reasons["shared-1000.pdf"].startswith("PDF pages hold more than 16777216 bytes of content to read "
                                                 "(reached on page 17 of 1000)")
    assert reasons["shared-12.pdf"] is None and seconds["shared-12.pdf"] < 10  # pypdf: 36 s
    assert re.match(r"\d{4} questions and answers in one document, more than the limit of 5000",
                    reasons["many-questions.txt"]), reasons["many-questions.txt"]


# ---- kill -9 -----------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
def test_workers_exit_with_a_killed_build_and_the_build_resumes(src, tmp_path):
    for i in range(2):  # two inputs that keep both workers busy for half a minute each
        (src / f"zz-slow-{i}.pdf").write_bytes(shared_stream_pdf(10))
    out = tmp_path / "out"
    proc = subprocess.Popen([*SLOW_KAMERLD, "build", str(src), "-o", str(out), "-j", "2",
                             "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline:
            workers = _children(proc.pid)
            if len(workers) == 2 and _finished(out) >= len(KOOP):
                break
            time.sleep(0.2)
        assert len(workers) == 2, "the build never had its two workers busy"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.1)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
        assert alive == [], f"workers {alive} outlived the build"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)
    # resume: what was recorded is not converted again; the slow ones now fail on a short budget
    again = subprocess.run([*SLOW_KAMERLD, "build", str(src), "-o", str(out), "--no-progress",
                            "--max-seconds", "2"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 3, again.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    statuses = {Path(r["path"]).name: r["status"] for r in report["inputs"]}
    assert [n for n, s in statuses.items() if s == "failed"] == ["zz-slow-0.pdf", "zz-slow-1.pdf"]
    assert sum(1 for s in statuses.values() if s == "unchanged") == len(KOOP)


# ---- a full or read-only disk ------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.name.endswith((".tmp", ".part"))]


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


def _one_clear_message(proc: subprocess.CompletedProcess, words: str) -> None:
    assert proc.returncode == 4, (proc.returncode, proc.stderr[-3000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and words in errors[0], proc.stderr[-3000:]


@pytest.mark.parametrize("size", ["48k", "120k", "400k"])  # fills up in documents/, the journal, the dumps
def test_a_full_disk_stops_the_build_keeps_the_last_report_and_resumes(src, tmp_path, size):
    mnt = tmp_path / "disk"
    if not _mount_tmpfs(mnt, "64m"):
        pytest.skip("cannot mount a tmpfs here (needs CAP_SYS_ADMIN); the RLIMIT_FSIZE test covers writes")
    try:
        out = mnt / "out"
        first = sorted(src.iterdir())[:3]
        part = tmp_path / "part"
        part.mkdir()
        for f in first:
            shutil.copy(f, part / f.name)
        assert _kamerld("build", str(part), "-o", str(out), "--no-progress").returncode == 0
        before = {k: v for k, v in _tree(out).items() if k in ("report.json",) or k.startswith("dumps/")}
        used = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        room = used // 1024 + int(size[:-1])
        subprocess.run(["mount", "-o", f"remount,size={room}k", str(mnt)], check=True)
        full = _kamerld("build", str(src), "-o", str(out), "--no-progress")
        _one_clear_message(full, "No space left on device")
        assert "run the same command again" in full.stderr
        after = _tree(out)
        assert {k: after[k] for k in before} == before  # the last good report and dumps, untouched
        assert _leftovers(out) == []
        # space returns: the same command resumes and ends as a clean build does
        subprocess.run(["mount", "-o", "remount,size=64m", str(mnt)], check=True)
        resumed = _kamerld("build", str(src), "-o", str(out), "--no-progress")
        assert resumed.returncode == 0, resumed.stderr
        clean = tmp_path / "clean"
        assert _kamerld("build", str(src), "-o", str(clean), "--no-progress").returncode == 0
        assert _dump_documents(out) == _dump_documents(clean)
        assert sorted(p.relative_to(out) for p in (out / "documents").rglob("*")) == sorted(
            p.relative_to(clean) for p in (clean / "documents").rglob("*"))
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_a_read_only_disk_stops_the_build_with_one_message(src, tmp_path):
    mnt = tmp_path / "disk"
    if not _mount_tmpfs(mnt, "64m"):
        pytest.skip("cannot mount a tmpfs here (needs CAP_SYS_ADMIN)")
    try:
        out = mnt / "out"
        assert _kamerld("build", str(src), "-o", str(out), "--no-progress").returncode == 0
        before = _tree(out)
        shutil.copy(src / KOOP[0], src / "new.txt")
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        proc = _kamerld("build", str(src), "-o", str(out), "--no-progress")
        _one_clear_message(proc, "Read-only file system")
        subprocess.run(["mount", "-o", "remount,rw", str(mnt)], check=True)
        assert _tree(out) == before
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


_FSIZE_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from kamerld.cli import main
sys.argv = ["kamerld", *sys.argv[2:]]
main()
"""


def _numbered_copies(folder: Path, n: int, original: str = "ah-tk-20242025-585") -> None:
    """`n` answers of one real document, each under an Aanhangsel number of its own."""
    folder.mkdir()
    text = corpus_file(f"txt-koop-pdf/{original}.txt").read_text("utf-8")
    number = original.rsplit("-", 1)[1]
    for i in range(n):
        (folder / f"ah-{9000 + i}.txt").write_text(text.replace(f"\n{number}\n", f"\n{9000 + i}\n", 1),
                                                   encoding="utf-8")


@pytest.mark.parametrize(("limit", "original", "where"), [
    # the state (SQLite), the first file that grows
    (2_000, "ah-tk-20242025-585", "/.kamerld-state.sqlite"),
    # the state is 53 KB when the workers start; a document of 22 KB of text makes 60 KB of Turtle: the
    # first document file a worker writes
    (57_000, "ah-tk-20242025-571", "/documents/"),
    # the state grows by ~10 KB an input (its dump parts): it fills up after a few inputs were recorded
    (200_000, "ah-tk-20242025-585", "/.kamerld-state.sqlite"),
])
def test_a_write_that_fails_anywhere_stops_the_build_cleanly(tmp_path, limit, original, where):
    """Files may grow to `limit` bytes (RLIMIT_FSIZE): the write that passes it fails in the kernel,
    in whichever stage it is. Runs without privileges, unlike the tmpfs tests."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    src, out = tmp_path / "src", tmp_path / "out"
    _numbered_copies(src, 60, original)
    proc = subprocess.run([sys.executable, "-c", _FSIZE_LIMITED, str(limit), "build", str(src), "-o",
                           str(out), "--no-progress"], capture_output=True, text=True, timeout=300)
    _one_clear_message(proc, "File too large")
    assert where in proc.stderr, proc.stderr[-2000:]
    assert _leftovers(out) == []
    assert not (out / "report.json").exists()  # no report of a build that did not end
    resumed = _kamerld("build", str(src), "-o", str(out), "--no-progress")
    assert resumed.returncode == 0, resumed.stderr
    assert len(_dump_documents(out)) == 60


def test_a_dump_that_cannot_be_written_leaves_the_last_dumps_and_report(src, tmp_path, monkeypatch):
    """The dumps are written to temp files and moved into place together, after everything else."""
    import errno

    import kamerld.batch.dumps as d
    from kamerld.errors import OutputError

    out = tmp_path / "out"
    build([src], out, jobs=0, progress=False)
    before = {k: v for k, v in _tree(out).items() if k == "report.json" or k.startswith("dumps/")}
    assert len(before) == 4
    shutil.copy(CORPUS / "txt-ministry-docx" / "AH601-2024Z17331.txt", src / "AH601-2024Z17331.txt")
    calls = {"n": 0}
    real_open = d._open_tmp

    def open_then_fill(path):
        calls["n"] += 1
        if calls["n"] == 2:  # the N-Triples dump was written; the Turtle one finds the disk full
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path)

    monkeypatch.setattr(d, "_open_tmp", open_then_fill)
    with pytest.raises(OutputError, match=r"kamerld.ttl.gz.tmp: cannot write the output: No space left"):
        build([src], out, jobs=0, progress=False)
    monkeypatch.undo()
    after = _tree(out)
    assert {k: after[k] for k in before} == before  # all three dumps and the report of the last build
    assert _leftovers(out) == []
    report = build([src], out, jobs=0, progress=False)
    statuses = {Path(r.path).name: r.status for r in report.inputs}
    assert statuses.pop("AH601-2024Z17331.txt") == "unchanged"  # converted before the disk filled
    assert len(_dump_documents(out)) == len(KOOP) + 1


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
def test_ctrl_c_stops_the_build_with_exit_130_and_no_worker_left(src, tmp_path):
    """Exit 1 means SHACL violations, so an interrupted build is 130 (click's default 'Aborted!' is 1)."""
    (src / "zz-slow.pdf").write_bytes(shared_stream_pdf(10))
    out = tmp_path / "out"
    proc = subprocess.Popen([*SLOW_KAMERLD, "build", str(src), "-o", str(out), "-j", "2",
                             "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if _finished(out) >= len(KOOP):
            break
        time.sleep(0.2)
    workers = _children(proc.pid)
    assert workers, "no worker was running"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Interrupted: what was finished is kept" in err and "Traceback" not in err
    time.sleep(0.5)
    assert [w for w in workers if Path(f"/proc/{w}").exists()] == []
    assert _leftovers(out) == []
