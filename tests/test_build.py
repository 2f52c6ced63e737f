"""kamerld build: incremental, removal, resume, dumps, report, failures, parallel workers.

The inputs are copies of corpus files in a temporary folder (so they can be changed and removed);
the corpus itself is never copied into the repo.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS

from kamerld.batch.build import STATE_FILE, build
from kamerld.batch.shards import shard_of

KOOP = ["ah-tk-20242025-585.txt", "ah-tk-20242025-575.txt", "kv-tk-2024Z18775.txt", "kv-tk-2024Z18659.txt"]
MINISTRY = ["AH601-2024Z17331.txt", "2024Z18891.txt"]


@pytest.fixture
def src(tmp_path: Path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (tests read ../shared/corpus beside the repo)")
    d = tmp_path / "src"
    (d / "koop").mkdir(parents=True)
    (d / "ministry").mkdir()
    for name in KOOP:
        shutil.copy(CORPUS / "txt-koop-pdf" / name, d / "koop" / name)
    for name in MINISTRY:
        shutil.copy(CORPUS / "txt-ministry-docx" / name, d / "ministry" / name)
    return d


def _files(out: Path) -> list[Path]:
    """The document files of a build (in their shard folders) and the links beside them."""
    return sorted(f for f in (out / "documents").rglob("*") if f.is_file())


def _mtimes(out: Path) -> dict[str, int]:
    return {str(f): f.stat().st_mtime_ns for f in [*_files(out), *(out / "dumps").iterdir()]}


def _statuses(report) -> dict[str, str]:
    return {Path(r.path).name: r.status for r in report.inputs}


def test_first_build_converts_every_input_and_writes_two_files_each_in_its_shard(src, tmp_path):
    out = tmp_path / "out"
    report = build([src], out, jobs=1)
    assert sorted(_statuses(report)) == sorted(KOOP + MINISTRY)
    assert all(s in ("converted", "warnings") for s in _statuses(report).values())
    ids = sorted(d.id for r in report.inputs for d in r.documents)
    # the KOOP file names are the ids; AH601 is Aanhangsel 601 of 2024-2025, 2024Z18891 a zaak number
    assert ids == ["ah-tk-20242025-575", "ah-tk-20242025-585", "ah-tk-20242025-601",
                   "kv-tk-2024Z18659", "kv-tk-2024Z18775", "kv-tk-2024Z18891"]
    files = _files(out)
    # Turtle and JSON-LD per document (N-Triples is in the dump), and the two corpus graphs beside the
    # shards (registers; links and what is shared)
    assert len(files) == 12 + 4
    corpus = {"_registers.ttl", "_registers.jsonld", "_links.ttl", "_links.jsonld"}
    for f in files:  # each in the shard its name says
        if f.name in corpus:
            assert f.parent == out / "documents", f
        else:
            assert f.parent.name == shard_of(f.name.rsplit(".", 1)[0]), f
    names = {f.name for f in files}
    assert corpus <= names
    assert "ah-tk-20242025-585.ttl" in names and "kv-tk-2024Z18775.jsonld" in names
    assert (out / "documents" / shard_of("ah-tk-20242025-585") / "ah-tk-20242025-585.ttl").is_file()
    data = json.loads((out / "report.json").read_text("utf-8"))
    assert data["counts"]["inputs"] == 6
    assert sorted(Path(i["path"]).name for i in data["inputs"]) == sorted(KOOP + MINISTRY)
    assert (out / STATE_FILE).exists()


def test_second_build_redoes_nothing_and_rewrites_no_file(src, tmp_path):
    out = tmp_path / "out"
    build([src], out, jobs=1)
    before = _mtimes(out)
    report = build([src], out, jobs=1)
    assert set(_statuses(report).values()) == {"unchanged"}
    assert _mtimes(out) == before  # neither a document file nor a dump
    assert report.counts()["documents"] == 6  # the unchanged inputs still report their documents
    assert report.counts()["triples"] == build([src], out, jobs=1).counts()["triples"] > 0


def test_a_touched_input_is_hashed_and_found_unchanged(src, tmp_path):
    import os

    out = tmp_path / "out"
    build([src], out, jobs=1)
    before = _mtimes(out)
    touched = src / "koop" / KOOP[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    report = build([src], out, jobs=1)
    assert set(_statuses(report).values()) == {"unchanged"}
    assert _mtimes(out) == before


def test_a_change_that_keeps_size_and_time_is_seen_when_the_file_was_new(src, tmp_path):
    """An input modified right before the build that recorded it is hashed next time, whatever its
    modification time says: a change within one tick of the clock keeps size and time."""
    import os

    out = tmp_path / "out"
    build([src], out, jobs=1)
    f = src / "koop" / "kv-tk-2024Z18775.txt"
    st = f.stat()
    text = f.read_text("utf-8")
    f.write_text(text.replace("Vragen", "VRAGEN", 1), encoding="utf-8")  # same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # same time
    statuses = _statuses(build([src], out, jobs=1))
    assert statuses["kv-tk-2024Z18775.txt"] == "converted"


def test_one_changed_file_redoes_only_that_document(src, tmp_path):
    out = tmp_path / "out"
    build([src], out, jobs=1)
    before = _mtimes(out)
    changed = src / "koop" / "kv-tk-2024Z18659.txt"
    changed.write_text(changed.read_text("utf-8") + "\n", encoding="utf-8")
    report = build([src], out, jobs=1)
    statuses = _statuses(report)
    assert [n for n, s in statuses.items() if s != "unchanged"] == ["kv-tk-2024Z18659.txt"]
    after = _mtimes(out)
    rewritten = sorted(Path(f).name for f in after if after[f] != before.get(f))
    # and the dumps and the links graph, which names the source file by its new content hash; the
    # registers stay
    assert rewritten == ["_links.jsonld", "_links.ttl", "kamerld.jsonld.gz", "kamerld.nt.gz",
                         "kamerld.ttl.gz", "kv-tk-2024Z18659.jsonld", "kv-tk-2024Z18659.ttl"]


def test_dumps_after_changes_are_the_dumps_a_fresh_build_writes(src, tmp_path, monkeypatch):
    """A rebuild copies from the dumps on disk what they already hold and writes only the changed
    parts: its dumps must be, byte for byte, those of a build from nothing; and a dump changed
    behind the build's back is written whole, not patched."""
    import kamerld.batch.dumps as d

    out = tmp_path / "out"
    build([src], out, jobs=1, progress=False)
    changed = src / "koop" / "kv-tk-2024Z18659.txt"
    changed.write_text(changed.read_text("utf-8") + "\n", encoding="utf-8")
    written: list[str] = []
    real = d._write_all

    def counting(fd, data):
        written.append(data)
        return real(fd, data)

    import kamerld.batch.corpus_files as cf

    graphs: list[str] = []
    real_graph = cf.write_graph

    def graph(docs_dir, state, stem, *rest):
        graphs.append(stem)
        return real_graph(docs_dir, state, stem, *rest)

    copies: list[int] = []
    real_copy = d._copy

    def copy(src, dst, offset, length):
        copies.append(length)
        return real_copy(src, dst, offset, length)

    monkeypatch.setattr(d, "_write_all", counting)
    monkeypatch.setattr(d, "_copy", copy)
    monkeypatch.setattr(cf, "write_graph", graph)
    build([src], out, jobs=1, progress=False)
    monkeypatch.undo()
    assert graphs == ["_links"]  # the source files changed; no person, fractie or ministry did
    fresh = tmp_path / "fresh"
    build([src], fresh, jobs=1, progress=False)
    names = sorted(p.name for p in (fresh / "dumps").iterdir())
    assert names == ["kamerld.jsonld.gz", "kamerld.nt.gz", "kamerld.ttl.gz"]
    for name in names:
        assert (out / "dumps" / name).read_bytes() == (fresh / "dumps" / name).read_bytes(), name
    # what went through Python: the changed document's parts, the corpus graphs' and the JSON-LD
    # dump's head and tail, not the whole dumps
    total = sum((fresh / "dumps" / n).stat().st_size for n in names)
    assert 0 < sum(map(len, written)) < total / 2
    # in runs: before the changed document, after it, `_registers` (unchanged); three a dump at most
    assert 3 <= len(copies) <= 9 and sum(copies) > total / 2

    # an input gone (its parts go from the middle of the dumps), and a dump touched by someone
    # else: its layout no longer fits, it is written whole
    (src / "koop" / "ah-tk-20242025-585.txt").unlink()
    with open(out / "dumps" / "kamerld.nt.gz", "ab") as fh:
        fh.write(b"\0")
    build([src], out, jobs=1, progress=False)
    build([src], fresh, jobs=1, progress=False)
    for name in names:
        assert (out / "dumps" / name).read_bytes() == (fresh / "dumps" / name).read_bytes(), name


def test_a_dump_is_copied_with_read_and_write_where_the_kernel_cannot(tmp_path, monkeypatch):
    """`os.copy_file_range` is Linux's, and some file systems refuse it: the copy falls back to
    reading and writing, with the same bytes."""
    import errno as e

    from kamerld.batch import dumps as d

    def parts(*names):
        return [d.Piece(n, (lambda n=n: d.gz(f"<urn:x:{n}> <urn:x:p> <urn:x:o> .\n".encode())))
                for n in names]

    def write(folder, names, before=None):
        return d.write_dumps(folder, {"nt": parts(*names), "ttl": parts(*names), "jsonld": []}, before)[1]

    layouts = write(tmp_path / "a", ["a", "b", "c"])

    def refuse(*args):
        raise OSError(e.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(d.os, "copy_file_range", refuse, raising=False)
    write(tmp_path / "a", ["a", "c", "d"], layouts)
    write(tmp_path / "b", ["a", "c", "d"])
    for name in ("kamerld.nt.gz", "kamerld.ttl.gz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert gzip.decompress((tmp_path / "a" / "kamerld.nt.gz").read_bytes()).count(b"\n") == 3


def test_a_removed_input_loses_its_outputs(src, tmp_path):
    out = tmp_path / "out"
    build([src], out, jobs=1)
    (src / "koop" / "ah-tk-20242025-585.txt").unlink()
    report = build([src], out, jobs=1)
    assert "ah-tk-20242025-585.txt" not in _statuses(report)
    names = {f.name for f in _files(out)}
    assert not any(n.startswith("ah-tk-20242025-585.") for n in names)
    assert len(names) == 10 + 4
    nt = gzip.decompress((out / "dumps" / "kamerld.nt.gz").read_bytes())
    assert b"/document/ah-tk-20242025-585>" not in nt


def test_dumps_hold_exactly_the_union_of_the_document_triples(src, tmp_path):
    out = tmp_path / "out"
    build([src], out, jobs=1)
    union: set = set()
    for f in (out / "documents").rglob("*.ttl"):
        union |= set(ox.parse(f.read_bytes(), format=ox.RdfFormat.TURTLE))
    jsonld_union: set = set()
    for f in (out / "documents").rglob("*.jsonld"):
        jsonld_union |= set(ox.parse(f.read_bytes(), format=ox.RdfFormat.JSON_LD))
    assert jsonld_union == union and len(union) > 500
    for name, fmt in (("kamerld.nt.gz", ox.RdfFormat.N_TRIPLES), ("kamerld.ttl.gz", ox.RdfFormat.TURTLE)):
        dump = set(ox.parse(gzip.decompress((out / "dumps" / name).read_bytes()), format=fmt))
        assert dump == union, name
    # each triple once: the parts are concatenated, and no triple is in two of them
    lines = gzip.decompress((out / "dumps" / "kamerld.nt.gz").read_bytes()).decode().splitlines()
    assert len(lines) == len(set(lines)) == len(union)
    jsonld = json.loads(gzip.decompress((out / "dumps" / "kamerld.jsonld.gz").read_bytes()))
    ids = {n["@id"] for n in jsonld["@graph"]}
    assert "https://w3id.org/kamerld/id/document/kv-tk-2024Z18775" in ids
    assert ids == {str(t.subject.value) for t in union}


def test_a_failed_input_does_not_stop_the_build(src, tmp_path):
    (src / "koop" / "empty.txt").write_bytes(b"")
    (src / "koop" / "junk.txt").write_bytes(b"\x00\xff\x00 not a document")
    out = tmp_path / "out"
    report = build([src], out, jobs=1)
    statuses = _statuses(report)
    assert statuses["empty.txt"] == "failed" and statuses["junk.txt"] == "failed"
    assert sum(1 for s in statuses.values() if s in ("converted", "warnings")) == 6
    failed = {Path(r.path).name: r.reason for r in report.failed}
    assert failed["empty.txt"]  # the reason is in the report
    # failed inputs are tried again next time; the others are unchanged
    again = _statuses(build([src], out, jobs=1))
    assert again["empty.txt"] == "failed" and again["kv-tk-2024Z18775.txt"] == "unchanged"


def _state_value(out: Path, key: str) -> str | None:
    import sqlite3

    with sqlite3.connect(out / STATE_FILE) as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def test_an_unchanged_refused_input_is_failed_again_without_being_read_and_changes_no_file(src, tmp_path):
    from kamerld.batch.build import NOT_READ_AGAIN

    (src / "koop" / "empty.txt").write_bytes(b"")
    (src / "koop" / "junk.txt").write_bytes(b"\x00\xff\x00 not a document")
    out = tmp_path / "out"
    first = {Path(r.path).name: r.reason for r in build([src], out, jobs=1).failed}
    assert sorted(first) == ["empty.txt", "junk.txt"] and not any(NOT_READ_AGAIN in r for r in first.values())
    before, generation = _mtimes(out), _state_value(out, "generation")
    report = build([src], out, jobs=1)
    # still failed, with the first build's reason and why it was not read; every other input unchanged
    assert {Path(r.path).name: r.reason for r in report.failed} == {
        name: reason + NOT_READ_AGAIN for name, reason in first.items()}
    assert report.counts()["failed"] == 2 and report.counts()["unchanged"] == 6
    assert report.counts()["converted"] == report.counts()["warnings"] == 0
    saved = {Path(i["path"]).name: i for i in json.loads((out / "report.json").read_text("utf-8"))["inputs"]}
    assert saved["junk.txt"]["status"] == "failed" and saved["junk.txt"]["seconds"] == 0.0
    # nothing changed: no document file, no corpus graph and no dump written again
    assert _mtimes(out) == before and _state_value(out, "generation") == generation


def test_a_refused_input_is_read_again_when_it_changes_or_when_asked(src, tmp_path):
    from click.testing import CliRunner

    from kamerld.batch.build import NOT_READ_AGAIN
    from kamerld.cli import cli

    junk = src / "koop" / "junk.txt"
    junk.write_bytes(b"\x00\xff\x00 not a document")
    out = tmp_path / "out"
    build([src], out, jobs=1)
    # asked to: read again, and refused afresh (its reason without the note), still changing no dump
    before = _mtimes(out)
    again = build([src], out, jobs=1, retry_failed=True)
    [failed] = again.failed
    assert failed.path == str(junk) and not failed.reason.endswith(NOT_READ_AGAIN)
    assert _mtimes(out) == before
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "-j", "1", "--no-progress",
                                      "--retry-failed"])
    assert result.exit_code == 3, result.output  # an input failed
    assert f"FAILED {junk}: " in result.output and NOT_READ_AGAIN not in result.output
    # changed into a document: converted, and the dumps hold it
    shutil.copy(CORPUS / "txt-koop-pdf" / "ah-tk-20242025-586.txt", junk)
    report = build([src], out, jobs=1)
    assert report.failed == [] and _statuses(report)["junk.txt"] in ("converted", "warnings")
    [doc] = next(r for r in report.inputs if r.path == str(junk)).documents
    with gzip.open(out / "dumps" / "kamerld.nt.gz", "rt", encoding="utf-8") as fh:
        assert f"/document/{doc.id}> " in fh.read()


def test_an_input_that_failed_for_the_moment_is_tried_again(src, tmp_path):
    """An input left out because another input holds its document is converted once that one goes."""
    (src / "copy").mkdir()
    shutil.copy(src / "koop" / KOOP[0], src / "copy" / KOOP[0])
    out = tmp_path / "out"
    [failed] = build([src], out, jobs=1).failed
    assert "already converted from" in failed.reason
    holder = next(p for p in (src / "koop" / KOOP[0], src / "copy" / KOOP[0]) if str(p) != failed.path)
    holder.unlink()
    report = build([src], out, jobs=1)
    assert report.failed == []
    assert {r.path: r.status for r in report.inputs}[failed.path] in ("converted", "warnings")


def test_a_build_keeps_the_first_failures_for_its_summary_and_every_one_in_its_report(src, tmp_path,
                                                                                      monkeypatch):
    import kamerld.batch.report as r

    monkeypatch.setattr(r, "FAILED_KEPT", 2)
    for i in range(5):
        (src / "koop" / f"empty-{i}.txt").write_bytes(b"")
    out = tmp_path / "out"
    report = build([src], out, jobs=0)
    assert report.counts()["failed"] == 5 and len(report.failed) == 2
    summary = report.summary()
    assert summary.count("  FAILED ") == 2
    assert "... and 3 more failed input(s): every input is in the run report" in summary
    saved = json.loads((out / "report.json").read_text("utf-8"))
    assert sum(1 for i in saved["inputs"] if i["status"] == "failed") == 5


def test_parallel_build_gives_the_same_files_as_one_process(src, tmp_path, monkeypatch):
    import kamerld.batch.runner as r

    monkeypatch.setattr(r, "CHUNK", 2)  # three chunks, so both workers get work
    one, two = tmp_path / "one", tmp_path / "two"
    build([src], one, jobs=0)  # in this process
    report = build([src], two, jobs=2)
    assert [Path(i.path).name for i in report.inputs] == sorted(
        [Path(i.path).name for i in report.inputs], key=lambda n: str(next(src.rglob(n))))
    assert len(report.inputs) == 6
    files = [f.relative_to(one) for f in _files(one)]
    assert files == [f.relative_to(two) for f in _files(two)] and len(files) == 12 + 4  # + corpus graphs
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    for name in ("kamerld.nt.gz", "kamerld.ttl.gz", "kamerld.jsonld.gz"):
        assert (one / "dumps" / name).read_bytes() == (two / "dumps" / name).read_bytes(), name


def test_an_interrupted_build_resumes_from_the_journal(src, tmp_path, monkeypatch):
    import kamerld.batch.pipeline as p

    out = tmp_path / "out"
    calls = {"n": 0}
    real = p.convert_input

    def stop_after_four(path, docs_dir, options):
        calls["n"] += 1
        if calls["n"] > 4:
            raise KeyboardInterrupt
        return real(path, docs_dir, options)

    monkeypatch.setattr(p, "convert_input", stop_after_four)
    with pytest.raises(KeyboardInterrupt):
        build([src], out, jobs=0)
    assert (out / STATE_FILE).exists() and not (out / "report.json").exists()
    monkeypatch.setattr(p, "convert_input", real)
    report = build([src], out, jobs=1)
    statuses = list(_statuses(report).values())
    assert statuses.count("unchanged") == 4  # the four inputs done before the interruption
    assert len(statuses) - statuses.count("unchanged") == 2


def test_cli_build(src, tmp_path):
    from click.testing import CliRunner

    from kamerld.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "-j", "2", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "6 input(s)" in result.output
    assert (out / "dumps" / "kamerld.nt.gz").exists()


def test_build_to_one_format_writes_one_file_a_document_and_the_same_dumps(src, tmp_path):
    """`build --to turtle`: one file a document (and a corpus graph), the same bytes as a default
    build's Turtle and the same three dumps; another --to builds the folder anew, leaving no file of
    the formats it dropped."""
    from click.testing import CliRunner

    from kamerld.cli import cli

    default, one = tmp_path / "default", tmp_path / "one"
    for out, extra in ((default, []), (one, ["--to", "turtle"])):
        result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "-j", "1", "--no-progress",
                                          *extra])
        assert result.exit_code == 0, result.output
    ttl = [f.relative_to(default) for f in _files(default) if f.suffix == ".ttl"]
    assert [f.relative_to(one) for f in _files(one)] == ttl  # six documents and the two corpus graphs
    assert len(ttl) == 8
    assert all((one / f).read_bytes() == (default / f).read_bytes() for f in ttl)
    for dump in ("kamerld.nt.gz", "kamerld.ttl.gz", "kamerld.jsonld.gz"):
        assert (one / "dumps" / dump).read_bytes() == (default / "dumps" / dump).read_bytes()

    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(one), "-j", "1", "--no-progress",
                                      "--to", "jsonld,ntriples"])
    assert result.exit_code == 0, result.output
    assert "6 converted" in result.output  # not "unchanged": the files asked for are others
    assert sorted({f.suffix for f in _files(one)}) == [".jsonld", ".nt"]

    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(one), "--to", "rdfxml"])
    assert result.exit_code == 2
    assert "a build writes each document as turtle, jsonld, ntriples" in result.output


def test_the_three_dumps_hold_the_same_triples(tmp_path):
    """The JSON-LD dump is stitched from the per-document files without parsing them: it must still
    carry exactly the triples of the N-Triples and Turtle dumps."""
    import gzip

    import pyoxigraph as ox

    from kamerld.batch.build import build

    repo = Path(__file__).resolve().parents[1]
    build([repo / "examples"], tmp_path, jobs=1, progress=False)
    sets = {}
    for name, fmt in (("kamerld.nt.gz", ox.RdfFormat.N_TRIPLES), ("kamerld.ttl.gz", ox.RdfFormat.TURTLE),
                      ("kamerld.jsonld.gz", ox.RdfFormat.JSON_LD)):
        data = gzip.decompress((tmp_path / "dumps" / name).read_bytes())
        sets[name] = {str(q) for q in ox.parse(data, format=fmt)}
    assert len(sets["kamerld.nt.gz"]) > 300  # distinct triples of the four bundled examples
    assert sets["kamerld.nt.gz"] == sets["kamerld.ttl.gz"] == sets["kamerld.jsonld.gz"]


def test_the_dumps_are_gzip_files_every_gzip_reads(src, tmp_path):
    """A dump is the workers' gzip members one after the other: gzip itself must read it whole."""
    import shutil as sh
    import subprocess

    if sh.which("gzip") is None:
        pytest.skip("no gzip command")
    out = tmp_path / "out"
    build([src], out, jobs=1)
    for name in ("kamerld.nt.gz", "kamerld.ttl.gz", "kamerld.jsonld.gz"):
        dump = out / "dumps" / name
        assert subprocess.run(["gzip", "-t", str(dump)]).returncode == 0, name
        text = subprocess.run(["gzip", "-dc", str(dump)], capture_output=True, check=True).stdout
        assert text == gzip.decompress(dump.read_bytes()), name
    jsonld = json.loads(gzip.decompress((out / "dumps" / "kamerld.jsonld.gz").read_bytes()))
    assert len({n["@id"] for n in jsonld["@graph"]}) > 100


def test_the_dump_members_are_isa_ls_where_it_is_installed_and_read_back_as_written():
    """pyproject.toml installs python-isal on the machines it has wheels for: the parts must then be
    compressed by it (a fourth of zlib's CPU), and any gzip reader must read them back."""
    import importlib.util
    import random
    import zlib

    from kamerld.batch import dumps, shares
    from kamerld.batch.deflate import deflate

    if importlib.util.find_spec("isal") is not None:
        assert deflate.__name__ == "isal.isal_zlib" and dumps.DUMP_LEVEL == 2
    else:
        assert deflate is zlib
    rng = random.Random(5)
    for size in (0, 1, 100, 70_000, 300_000):
        data = bytes(rng.choice(b"<> .\"abcdefghij\n") for _ in range(size))
        member = dumps.gz(data)
        assert member[:2] == b"\x1f\x8b" and gzip.decompress(member) == data
        assert zlib.decompress(member, 31) == data  # one complete member, as zlib reads it
    assert gzip.decompress(dumps.gz(b"a\n") + dumps.gz(b"b\n")) == b"a\nb\n"
    from rdflib import URIRef

    triple = (URIRef("https://x.org/s"), URIRef("https://x.org/p"), URIRef("https://x.org/o"))
    line = "<https://x.org/s> <https://x.org/p> <https://x.org/o> ."
    assert shares.lines(shares.pack([triple])[1]) == [line]


def test_a_build_folder_of_the_json_state_is_taken_over(src, tmp_path):
    """A build folder made before the state moved to SQLite: its flat document files go (made again in
    their shards), and so do its state and journal."""
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    flat = out / "documents" / "ah-tk-20242025-585.ttl"
    flat.write_text("old", encoding="utf-8")
    (out / ".kamerld-state.json").write_text(json.dumps(
        {"fingerprint": "x", "inputs": {"a.txt": {"files": [str(flat)]}}}), encoding="utf-8")
    (out / ".kamerld-journal.jsonl").write_text("", encoding="utf-8")
    report = build([src], out, jobs=1)
    assert report.counts()["documents"] == 6
    assert not flat.exists()
    assert not (out / ".kamerld-state.json").exists() and not (out / ".kamerld-journal.jsonl").exists()
    assert (out / "documents" / shard_of("ah-tk-20242025-585") / "ah-tk-20242025-585.ttl").is_file()


def test_the_share_files_of_an_older_build_go(src, tmp_path):
    """A build folder of a kamerld that kept each document's share of the corpus graphs as a file in
    OUT/.kamerld-corpus: the folder goes (the shares are in the state now), the corpus graphs are made."""
    out = tmp_path / "out"
    old = out / ".kamerld-corpus" / "ab"
    old.mkdir(parents=True)
    (old / "ah-tk-20242025-585.nt").write_text("<a> <b> <c> .\n", encoding="utf-8")
    build([src], out, jobs=0)
    assert not (out / ".kamerld-corpus").exists()
    assert (out / "documents" / "_registers.ttl").is_file()


def test_the_state_is_read_and_nothing_converted_when_nothing_changed(src, tmp_path, monkeypatch):
    """An unchanged input is not read at all: neither hashed nor converted."""
    import os
    import time

    import kamerld.batch.build as b

    out = tmp_path / "out"
    build([src], out, jobs=1)
    past = time.time() - 60  # files modified just before a build are hashed again: make them older
    for f in src.rglob("*.txt"):
        os.utime(f, (past, past))
    build([src], out, jobs=1)  # records the old modification times
    hashed: list[str] = []
    real = b._hash
    monkeypatch.setattr(b, "_hash", lambda p: hashed.append(str(p)) or real(p))
    report = build([src], out, jobs=1)
    assert set(_statuses(report).values()) == {"unchanged"}
    assert hashed == []


def test_the_inputs_are_taken_in_the_order_of_their_full_paths(tmp_path):
    """The walk gives the inputs out as it finds them (a build keeps them in its state, not in a
    list) and still in the order of a sort of their full paths: "a-b.txt" and "a.txt" before the
    files of folder "a" ('-' and '.' sort before '/'), upper case before lower, "ä" after "z"."""
    from kamerld.sources.inputs import InputScan, iter_inputs, scan_inputs

    names = ["a", "a-b", "a.b", "a b", "a0", "A", "ä", "z", "2024", "2024-extra", "2024.old"]
    for n in names:
        (tmp_path / n / n).mkdir(parents=True)
        for m in names:
            (tmp_path / n / f"{m}.txt").write_text("x")
            (tmp_path / n / n / f"{m}.txt").write_text("x")
        (tmp_path / f"{n}.txt").write_text("x")
    (tmp_path / "a" / "notes.csv").write_text("x")
    found = scan_inputs([tmp_path])
    assert len(found.names) == len(names) * (2 * len(names) + 1)
    assert found.names == sorted(found.names)
    at = {name: i for i, name in enumerate(found.names)}
    # a walk that took a folder's entries by their bare names would give folder "a" first
    assert (at[str(tmp_path / "a b.txt")] < at[str(tmp_path / "a-b.txt")] < at[str(tmp_path / "a.txt")]
            < at[str(tmp_path / "a" / "2024.txt")] < at[str(tmp_path / "a" / "a" / "z.txt")]
            < at[str(tmp_path / "a0.txt")] < at[str(tmp_path / "z.txt")] < at[str(tmp_path / "ä.txt")])
    assert [s.path for s in found.skipped] == [str(tmp_path / "a" / "notes.csv")]
    scan = InputScan()
    assert list(iter_inputs([tmp_path], scan)) == found.names and scan.skipped == found.skipped


def test_a_file_name_that_is_not_utf8_is_skipped_with_its_reason(src, tmp_path):
    """A file name with bytes the file system's encoding lacks cannot be kept in the build state: the
    file is listed as skipped, saying why; the other inputs are converted."""
    import os

    bad = os.fsencode(src / "koop") + b"/ah-tk-\xff.txt"
    try:
        with open(bad, "wb") as fh:
            fh.write((src / "koop" / KOOP[0]).read_bytes())
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    out = tmp_path / "out"
    report = build([src], out, jobs=0, progress=False)
    assert report.counts()["inputs"] == len(KOOP) + len(MINISTRY)
    assert report.counts()["failed"] == 0
    [skipped] = [s for s in report.skipped if s.path.endswith("ah-tk-\\xff.txt")]
    assert "not valid UTF-8" in skipped.reason
    saved = json.loads((out / "report.json").read_text("utf-8"))
    assert {"path": skipped.path, "reason": skipped.reason} in saved["skipped"]


def test_an_input_named_twice_is_converted_once(src, tmp_path):
    out = tmp_path / "out"
    koop = src / "koop"
    report = build([koop, koop / KOOP[0], koop], out, jobs=0, progress=False)
    assert report.counts()["inputs"] == len(KOOP)
    assert report.counts()["converted"] == len(KOOP)
