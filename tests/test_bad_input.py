"""Bad and hostile input: every input ends in the report, good ones convert, bad ones fail with a reason
that names the problem, nothing hangs, memory stays bounded, nothing is written outside the output folder.

The inputs are generated at test time by `bad_inputs.py` next to real corpus documents.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import bad_inputs as bi
import pytest
from click.testing import CliRunner

from kamerld.batch import pipeline
from kamerld.batch.pipeline import Options, convert, process_path
from kamerld.cli import cli
from kamerld.errors import InputError, OutputError, UsageError
from kamerld.sources import Source
from kamerld.sources.safexml import parse_xml
from kamerld.writers import atomic

#: a bound on any single input; each takes well under a second on the corpus machine
PER_INPUT_SECONDS = 20
#: the whole folder converts in about 3 s
BATCH_SECONDS = 120
#: how much the peak resident memory may grow while the bombs are read (the zip bomb alone would add
#: 40 MiB of spaces, the billion laughs 3 GB of "lol" if either were expanded)
BOMB_RSS_CEILING_MB = 30


@contextmanager
def time_limit(seconds: float):
    """Fail with TimeoutError if the block runs longer than `seconds` (a hang or an endless loop)."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).requests.append(self.path)
        body = b'<!ENTITY secret SYSTEM "file:///etc/passwd">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def dtd_server():
    """A DTD server on the loopback address that counts the requests it gets (it must get none)."""
    _CountingHandler.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/evil.dtd", _CountingHandler.requests
    server.shutdown()
    server.server_close()


def _is_links(name: str) -> bool:
    """The corpus graphs `convert` writes beside the documents (`_links.ttl`, `_registers.ttl`, ...)."""
    return Path(name).name.startswith(("_links.", "_registers."))


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.stat().st_size < 50_000_000}


@pytest.fixture(scope="module")
def batch(tmp_path_factory, dtd_server):
    """One folder of good, bad and hostile inputs, converted once in-process."""
    root = tmp_path_factory.mktemp("robust")
    inputs, out = root / "in", root / "out"
    bad = bi.make_bad_inputs(inputs)
    good = bi.copy_good_inputs(inputs)
    good.update(bi.make_text_bearing_inputs(inputs))
    good.update(bi.make_external_dtd_inputs(inputs, dtd_server[0]))
    before = _tree(root)
    with time_limit(BATCH_SECONDS):
        report = convert([inputs], out, Options())
    by_name = {Path(r.path).name: r for r in report.inputs}
    return {"root": root, "inputs": inputs, "out": out, "bad": bad, "good": good, "report": report,
            "by_name": by_name, "before": before}


def test_every_input_is_in_the_report_once(batch):
    names = [Path(r.path).name for r in batch["report"].inputs]
    assert sorted(names) == sorted(p.name for p in batch["inputs"].iterdir())
    assert len(names) == len(set(names)) == len(batch["bad"]) + len(batch["good"])


def test_every_good_input_converts(batch):
    for name, doc_id in batch["good"].items():
        r = batch["by_name"][name]
        assert r.status in ("converted", "warnings"), (name, r.reason)
        assert [d.id for d in r.documents] == [doc_id], name
        for d in r.documents:
            assert [Path(f).name for f in d.files] == [f"{doc_id}.ttl", f"{doc_id}.jsonld"]
            assert all(Path(f).parent == batch["out"].resolve() for f in d.files)


@pytest.mark.parametrize("name", sorted(bi.TEXT_BEARING))
def test_text_without_a_parliamentary_layout_is_read_with_notices(batch, name):
    [d] = batch["by_name"][name].documents
    assert (d.id, d.kind, d.questions, d.answers) == (bi.TEXT_BEARING[name], "OverigDocument", 0, 0)
    assert any("kind not recognised" in n for n in d.notices), d.notices
    if name.endswith(".docx"):
        assert any("named .docx but holds plain text" in n for n in d.notices), d.notices


@pytest.mark.parametrize("name", sorted(bi.REASONS))
def test_bad_input_fails_naming_the_problem(batch, name):
    r = batch["by_name"][name]
    assert r.status == "failed", (name, r.status, r.documents)
    assert r.documents == []
    for word in bi.REASONS[name]:
        assert word in r.reason, (name, r.reason)
    assert "internal error" not in r.reason  # a reader bug would be reported as such


def test_report_counts_and_summary(batch):
    report = batch["report"]
    c = report.counts()
    assert c["failed"] == len(bi.REASONS) == 21
    assert c["inputs"] == len(bi.REASONS) + len(batch["good"])
    assert c["documents"] == len(batch["good"])
    summary = report.summary()
    for name in bi.REASONS:
        assert f"FAILED {batch['inputs'] / name}: " in summary, name


def test_nothing_written_outside_the_output_folder(batch):
    after = _tree(batch["root"])
    outside_before = {k: v for k, v in batch["before"].items() if not k.startswith("out/")}
    outside_after = {k: v for k, v in after.items() if not k.startswith("out/")}
    assert outside_after == outside_before  # inputs untouched, nothing new beside them
    written = sorted(k for k in after if k.startswith("out/") and not _is_links(k))
    expected = sorted(f"out/{i}.{ext}" for i in set(batch["good"].values()) for ext in ("ttl", "jsonld"))
    assert written == expected  # no temp files left, no file for a failed input


def test_external_dtd_is_never_fetched(batch, dtd_server):
    url, requests = dtd_server
    assert batch["by_name"]["vlos-external-dtd.xml"].status in ("converted", "warnings")
    assert requests == []
    # the same through the parser directly, with an entity from that DTD used in the document
    xml = f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "{url}"><r>a&secret;b</r>'.encode()
    root = parse_xml(xml, "dtd.xml")
    assert "".join(root.itertext()) == "a&secret;b"  # left as a reference: nothing was loaded
    assert requests == []


def test_xxe_file_entity_is_never_read(tmp_path):
    with pytest.raises(InputError, match="declares entities"):
        parse_xml(bi.xxe(), "xxe.xml")
    # an external DTD on disk that declares the file entity is not loaded either
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret SYSTEM "file:///etc/passwd">', encoding="ascii")
    root = parse_xml(f'<!DOCTYPE r SYSTEM "{dtd.as_uri()}"><r>&secret;</r>'.encode(), "x.xml")
    assert "".join(root.itertext()) == "&secret;"  # left as a reference: /etc/passwd was not read


def test_late_entity_bomb_is_refused_when_the_format_is_forced(batch):
    """Declarations after 64 KiB of DOCTYPE comment, read with --format koop-xml."""
    with time_limit(PER_INPUT_SECONDS):
        r = process_path(batch["inputs"] / "late-bomb.xml", None, Options(reader="koop-xml"))
    assert r.status == "failed" and "declares entities" in r.reason


def test_each_bad_input_alone_ends_in_time(batch):
    for name in bi.REASONS:
        with time_limit(PER_INPUT_SECONDS):
            r = process_path(batch["inputs"] / name, None, Options(validate=False))
        assert r.status == "failed", name


def test_header_only_document_is_kept_with_a_warning(tmp_path):
    path = bi.header_only(tmp_path)
    r = process_path(path, None, Options())
    assert r.status == "warnings"
    [d] = r.documents
    assert (d.id, d.questions, d.answers) == ("ah-tk-20242025-585", 0, 0)
    assert "warning: no questions or answers found; only the header was read" in d.notices


def test_cli_exit_code_3_with_the_summary(batch, tmp_path):
    out = tmp_path / "cli-out"
    result = CliRunner().invoke(cli, ["convert", str(batch["inputs"]), "-o", str(out),
                                      "--report", str(tmp_path / "report.json")])
    assert result.exit_code == 3, result.output
    n_in = len(bi.REASONS) + len(batch["good"])
    assert f"{n_in} input(s): " in result.output
    assert f", {len(bi.REASONS)} failed" in result.output
    assert "PDF is encrypted" in result.output and "zip bomb" in result.output
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["counts"]["failed"] == len(bi.REASONS)
    assert sorted(p.name for p in out.iterdir() if not _is_links(p.name)) == sorted(
        f"{i}.{ext}" for i in set(batch["good"].values()) for ext in ("ttl", "jsonld"))


def test_cli_on_good_text_inputs_exits_0(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for rel in ("txt-koop-pdf/ah-tk-20242025-585.txt", "txt-ministry-docx/AH601-2024Z17331.txt"):
        src = bi.corpus(rel)
        (inputs / src.name).write_bytes(src.read_bytes())
    result = CliRunner().invoke(cli, ["convert", str(inputs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "2 input(s): " in result.output and "0 failed" in result.output


# ---- memory -------------------------------------------------------------------------------------------

_BOMB_SCRIPT = """
import resource, sys
from pathlib import Path
from kamerld.batch.pipeline import Options, process_path
folder = Path(sys.argv[1])
process_path(folder / "warmup.txt", None, Options())  # imports and caches, so they are not counted
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for name in ("bomb.xml", "late-bomb.xml", "xxe.xml", "bomb.docx", "huge.txt"):
    r = process_path(folder / name, None, Options())
    assert r.status == "failed", (name, r.reason)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_bombs_keep_memory_bounded_in_a_fresh_process(batch, tmp_path):
    """Peak RSS is a high-water mark, so it is measured in a process that has read nothing else."""
    folder = batch["inputs"]
    warm = tmp_path / "warm"
    warm.mkdir()
    (warm / "warmup.txt").write_bytes(bi.corpus("txt-koop-pdf/ah-tk-20242025-585.txt").read_bytes())
    for name in ("bomb.xml", "late-bomb.xml", "xxe.xml", "bomb.docx"):
        (warm / name).write_bytes((folder / name).read_bytes())
    os.link(folder / "huge.txt", warm / "huge.txt")
    proc = subprocess.run([sys.executable, "-c", _BOMB_SCRIPT, str(warm)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    grown_mb = int(proc.stdout.strip())
    assert grown_mb < BOMB_RSS_CEILING_MB, f"peak RSS grew by {grown_mb} MB reading the bombs"


@pytest.mark.parametrize("name", ["bomb.docx", "bomb.xml", "late-bomb.xml", "huge.txt"])
def test_bomb_python_allocations_stay_small(batch, name):
    tracemalloc.start()
    try:
        with time_limit(PER_INPUT_SECONDS):
            r = process_path(batch["inputs"] / name, None, Options(validate=False))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.status == "failed"
    assert peak < 8 * 1024 * 1024, f"{name}: {peak} bytes at peak"


# ---- ids and writes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("doc_id", "file_stem"), [
    ("../../../tmp/evil", "tmp-evil"),  # "/" -> "-", ".." -> "-", runs of "-" collapse, ends stripped
    ("/etc/passwd", "etc-passwd"),
    ("..", "-"),
    ("a/../../b", "a-b"),
    ("..\\..\\win", "win"),
])
def test_hostile_document_id_cannot_leave_the_output_folder(tmp_path, monkeypatch, doc_id, file_stem):
    real = pipeline.read_documents

    def read_with_hostile_id(source, reader=None):
        docs = real(source, reader)
        for doc in docs:
            doc.id = doc_id
        return docs

    monkeypatch.setattr(pipeline, "read_documents", read_with_hostile_id)
    out = tmp_path / "a" / "out"
    src = tmp_path / "ah.txt"
    src.write_bytes(bi.corpus("txt-koop-pdf/ah-tk-20242025-585.txt").read_bytes())
    r = process_path(src, out, Options(validate=False))
    assert r.status != "failed", r.reason
    assert sorted(p.name for p in out.iterdir()) == [f"{file_stem}.jsonld", f"{file_stem}.ttl"]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        ["ah.txt", f"{file_stem}.jsonld", f"{file_stem}.ttl"])


@pytest.mark.parametrize("name", ["../escape.ttl", "../../etc/passwd", "/etc/passwd", "sub/../../x"])
def test_inside_refuses_paths_outside_the_folder(tmp_path, name):
    with pytest.raises(UsageError, match="outside the output folder"):
        atomic.inside(tmp_path / "out", name)


def test_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "doc.ttl"
    target.write_bytes(b"old complete content\n")
    real_write = os.write

    def half_write(fd, data):
        """Writes half the bytes, then the process is 'interrupted'."""
        real_write(fd, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "write", half_write)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(target, b"new content " * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"old complete content\n"  # the old file, whole
    assert [p.name for p in tmp_path.iterdir()] == ["doc.ttl"]  # no temp file left behind


def test_failed_write_in_the_pipeline_stops_with_one_message_and_leaves_nothing(tmp_path, monkeypatch):
    """A full disk is not the input's fault: it stops the batch with OutputError (exit 4), naming the
    file and what to do, and no staged file is left."""
    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    src = bi.corpus("txt-koop-pdf/ah-tk-20242025-585.txt")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputError) as caught:
        process_path(src, out, Options(validate=False))
    monkeypatch.undo()
    assert str(caught.value) == (
        f"{out.resolve()}/ah-tk-20242025-585.ttl: cannot write the output: No space left on device "
        "(free some space and run the same command again: it resumes)")
    assert caught.value.exit_code == 4
    assert list(out.iterdir()) == []


def test_size_limit_applies_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(InputError, match="file is 1001 bytes, more than the limit of 1000"):
        Source.from_path(path, max_bytes=1000)
    assert Source.from_path(path, max_bytes=1001).data == b"x" * 1001


def test_question_range_cannot_explode(tmp_path):
    """"Antwoord op vragen 1 t/m 3000000" once made three million answer numbers (400 MB) from one line."""
    path = tmp_path / "range.txt"
    path.write_text("Tweede Kamer der Staten-Generaal\n\nVraag 1\nIs dat zo?\n\n"
                    "Antwoord op vragen 1 t/m 3000000\nJa.\n", encoding="utf-8")
    from kamerld.readers import get_reader

    with time_limit(PER_INPUT_SECONDS):
        [doc] = get_reader("ministry-text").read(Source.from_path(path))
    assert [a.answers for a in doc.answers] == [["1", "3000000"]]  # kept as printed, not expanded
