"""The hostile-input suite, through the command line as a user runs it: for each attack, the exit code,
the message, and the output, which must parse (pyoxigraph for every format, rapper for Turtle and
N-Triples). The server's attacks are in test_serve_hostile.py, the batch's (crashes, budgets, kill -9,
full and read-only disks) in test_batch_hostile.py, arbitrary strings in every IRI in test_iris.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import CORPUS
from virtuoso_server import require_tool

from kamerld.cli import cli

REPO = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/kamerld/id/"
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}


def corpus(rel: str) -> Path:
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    return path


def convert(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["convert", *args])
    return result.exit_code, result.output


def parse_all(out: Path) -> dict[str, set]:
    """Every RDF file in `out` parsed by pyoxigraph, and the Turtle and N-Triples by rapper too."""
    rapper = require_tool("rapper", "raptor2-utils")
    found = {}
    for f in sorted(out.iterdir()):
        if f.suffix in FORMATS:
            found[f.name] = set(ox.parse(f.read_bytes(), format=FORMATS[f.suffix]))
            if f.suffix in (".ttl", ".nt"):
                syntax = "turtle" if f.suffix == ".ttl" else "ntriples"
                proc = subprocess.run([rapper, "-q", "-i", syntax, "-c", str(f)], capture_output=True,
                                      text=True)
                assert proc.returncode == 0, (f.name, proc.stderr)
    return found


def triples_of(found: dict[str, set], stem: str) -> set:
    sets = [found[stem + s] for s in (".ttl", ".nt", ".jsonld") if stem + s in found]
    assert sets and all(s == sets[0] for s in sets), stem  # the three formats carry the same triples
    return sets[0]


def literals(triples: set) -> list[str]:
    return [t.object.value for t in triples if isinstance(t.object, ox.Literal)]


def objects(triples: set, predicate: str) -> set[str]:
    return {t.object.value for t in triples if t.predicate.value == predicate}


BAD_ADDRESSES = ("https://ex.org/a?tags[]=x#a#b", "http://[host]:80a/%zz", "http://x.nl:80a/p")
DCT_REFERENCES = "http://purl.org/dc/terms/references"


def test_addresses_iris_forbid_give_valid_iris_and_keep_the_text(tmp_path):
    """A cited address with [ ] @ %zz, a second #, :80a or [host] made convert crash ('Invalid IRI code
    point') or, with --to ntriples,jsonld, write a file that did not load."""
    text = corpus("txt-koop-pdf/ah-tk-20242025-571.txt").read_text("utf-8")
    at = text.find("\n", 6000)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "urls.txt").write_text(text[:at] + " zie " + " en ".join(BAD_ADDRESSES) + text[at:], "utf-8")
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"), "--to", "ntriples,jsonld,turtle")
    assert code == 0, output
    doc = triples_of(parse_all(tmp_path / "out"), "ah-tk-20242025-571")
    assert {"https://ex.org/a?tags%5B%5D=x#a%23b", "http://%5Bhost%5D%3A80a/%25zz",
            "http://x.nl%3A80a/p"} <= objects(doc, DCT_REFERENCES)
    cited = objects(doc, "http://purl.org/dc/terms/bibliographicCitation")
    assert "https://ex.org/a?tags[]=x#a#b" in cited  # the text as written stays in the literal


def test_a_docx_footnote_with_brackets_in_its_query(tmp_path):
    src = corpus("docx-ministry/jenv-beantwoording-03.docx")
    inputs = tmp_path / "in"
    inputs.mkdir()
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(inputs / "footnote.docx", "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "word/footnotes.xml":
                data = data.replace(b" Kamerstukken, 2022-2023",
                                    b" https://ex.org/zoek?tags[]=x&amp;q=a Kamerstukken, 2022-2023")
            out.writestr(name, data)
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"), "--to", "ntriples,jsonld,turtle")
    assert code == 0, output
    found = parse_all(tmp_path / "out")
    [stem] = {Path(n).stem for n in found if not n.startswith("_")}  # not the corpus graphs
    assert "https://ex.org/zoek?tags%5B%5D=x&q=a" in objects(triples_of(found, stem), DCT_REFERENCES)


def test_control_characters_after_4_kib_are_removed_with_a_warning(tmp_path):
    """NUL, \\x01 and U+FFFE past the first 4 KiB reached the Turtle (rapper refused it), the SPARQL
    XML results (not well-formed) and the HTML pages (NUL bytes)."""
    text = corpus("txt-koop-pdf/ah-tk-20242025-571.txt").read_text("utf-8")
    at = text.find("\n", 6000)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "controls.txt").write_text(text[:at] + " a\x00b\x01c\ufffed" + text[at:], "utf-8")
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"), "--to", "turtle,ntriples,jsonld")
    assert code == 0, output
    assert "1 with warnings" in output
    doc = triples_of(parse_all(tmp_path / "out"), "ah-tk-20242025-571")
    assert not [v for v in literals(doc) if re.search("[\x00\x01\ufffe]", v)]
    assert any("abcd" in v for v in literals(doc))
    assert any(v.startswith("3 control character(s) removed from the text (the first at character ")
               for v in literals(doc))
    # published and served: the HTML has no control character, the SPARQL XML results are well-formed
    from kamerld.publish.server import run_query
    from kamerld.publish.site import publish_site

    site = tmp_path / "site"
    publish_site([tmp_path / "out" / "ah-tk-20242025-571.ttl"], site)
    pages = list((site / "doc").rglob("*.html"))
    assert pages and not [p for p in pages if re.search(rb"[\x00\x01]|\xef\xbf\xbe", p.read_bytes())]
    store = ox.Store.read_only(str(site / "_store"))
    status, _, body = run_query(store, "SELECT ?o { ?s ?p ?o }", "application/sparql-results+xml", 10000)
    assert status == 200
    assert len(list(ox.parse_query_results(body, format=ox.QueryResultsFormat.XML))) == len(doc)


def test_kenmerken_with_slashes_are_one_segment_shared_by_file_and_iri(tmp_path):
    """A kenmerk with / became extra path segments: one letter's IRI was another letter's question."""
    lines = corpus("seed/000_aa57e04ab390d964.txt").read_text("utf-8").split("\n")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, kenmerk in (("a.txt", "2023-1"), ("b.txt", "2023-1/vraag/1"), ("c.txt", "../../../tmp/evil")):
        (inputs / name).write_text("\n".join([lines[0], kenmerk, *lines[2:]]), "utf-8")
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"))
    assert code == 0, output
    found = parse_all(tmp_path / "out")
    stems = sorted({Path(n).stem for n in found if not n.startswith("_")})  # not the corpus graphs
    assert stems == ["mnre1034-2023-1", "mnre1034-2023-1-vraag-1", "mnre1034-tmp-evil"]
    kinds: dict[str, set[str]] = {}
    for stem in stems:
        triples = triples_of(found, stem)
        doc = ID + "document/" + stem  # the file name is the IRI's last segment
        assert ox.NamedNode(doc) in {t.subject for t in triples}
        for t in triples:
            if t.predicate.value.endswith("#type"):
                kinds.setdefault(t.subject.value, set()).add(t.object.value.rsplit("#", 1)[1])
    parts = {"Vraag", "Antwoord", "Verwijzing"}
    assert not [s for s, k in kinds.items() if len(k & parts) > 1 or (k & parts and "Document" in k)]
    assert not list(tmp_path.glob("tmp*")) and not (tmp_path / "out").parent.joinpath("tmp").exists()


def test_the_same_document_from_two_inputs_fails_the_second_naming_the_first(tmp_path):
    """The corpus pair: opmeta1.xml and opmeta2.xml are both gmb-2024-216934; the second overwrote."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("opmeta1.xml", "opmeta2.xml"):
        shutil.copy(corpus(f"xml-koop-format-examples/{name}"), inputs / name)
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"))
    assert code == 3, output
    assert (f"FAILED {inputs / 'opmeta2.xml'}: document gmb-2024-216934 was already converted from "
            f"{inputs / 'opmeta1.xml'}: two inputs hold the same document") in output
    first = (tmp_path / "out" / "gmb-2024-216934.ttl").read_bytes()
    single = tmp_path / "single"
    assert convert(str(inputs / "opmeta1.xml"), "-o", str(single))[0] == 0
    assert first == (single / "gmb-2024-216934.ttl").read_bytes()  # the first input's document, kept


def test_every_file_not_read_is_in_the_report_with_its_reason(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    shutil.copy(corpus("txt-koop-pdf/ah-tk-20242025-585.txt"), inputs / "ah.txt")
    (inputs / "notes.csv").write_text("a,b\n")
    (inputs / ".hidden.txt").write_text("x")
    (inputs / "sub" / "loop").symlink_to(inputs)
    (inputs / "dangling.txt").symlink_to(inputs / "gone.txt")
    report = tmp_path / "report.json"
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"), "--report", str(report))
    assert code == 0, output
    skipped = {Path(s["path"]).name: s["reason"] for s in json.loads(report.read_text("utf-8"))["skipped"]}
    assert skipped == {
        ".hidden.txt": "hidden file",
        "dangling.txt": f"dangling symbolic link (its target {str(inputs / 'gone.txt')!r} does not exist)",
        "loop": "symbolic link loop (a folder that contains itself)",
        "notes.csv": ".csv is not a kind of file kamerld reads",
    }
    assert "1 input(s): 1 converted, 0 with warnings, 0 failed; 4 other file(s) skipped" in output
    assert f"  SKIPPED {inputs / 'notes.csv'}: .csv is not a kind of file kamerld reads" in output


@pytest.mark.parametrize(("args", "message"), [
    (["EMPTY"], "nothing to convert: no input files in "),
    (["INPUT", "--to", ""], "--to names no output format; known formats: turtle, jsonld, ntriples"),
    (["INPUT", "--to", ",,"], "--to names no output format"),
])
def test_doing_nothing_is_a_usage_error(tmp_path, args, message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "input").mkdir()
    shutil.copy(corpus("txt-koop-pdf/ah-tk-20242025-585.txt"), tmp_path / "input" / "ah.txt")
    args = [str(tmp_path / "empty") if a == "EMPTY" else str(tmp_path / "input") if a == "INPUT" else a
            for a in args]
    code, output = convert(*args, "-o", str(tmp_path / "out"))
    assert code == 2, output
    assert message in output


@pytest.mark.parametrize("blocked", ["_links.ttl", "ah-tk-20242025-9001.jsonld"])
def test_a_file_in_the_output_that_cannot_be_written_is_exit_4(tmp_path, blocked):
    out = tmp_path / "out"
    (out / blocked).mkdir(parents=True)  # a folder where the file must go
    code, output = convert(str(REPO / "examples"), "-o", str(out))
    assert code == 4, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and f"{blocked}: cannot write the output: Is a directory" in errors[0], output
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


def test_an_unreadable_input_says_so(tmp_path, monkeypatch):
    import pathlib

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(corpus("txt-koop-pdf/ah-tk-20242025-585.txt"), inputs / "locked.txt")
    real_open = pathlib.Path.open

    def locked(self, *args, **kwargs):  # chmod 000 means nothing to root, so the OS answer is played
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", locked)
    result = CliRunner().invoke(cli, ["convert", str(inputs), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 3, result.output
    assert f"FAILED {inputs / 'locked.txt'}: cannot read file: Permission denied" in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_output_files_honour_the_umask(tmp_path, umask):
    """mkstemp made every file 0600: a web server running as another user could not read output/."""
    out, build, site = tmp_path / "out", tmp_path / "build", tmp_path / "site"
    for args in (["convert", str(REPO / "examples"), "-o", str(out)],
                 ["build", str(REPO / "examples"), "-o", str(build), "--no-progress"],
                 ["publish", str(REPO / "output"), "-o", str(site)]):
        proc = subprocess.run([sys.executable, "-m", "kamerld", *args], capture_output=True, text=True,
                              preexec_fn=lambda: os.umask(umask), timeout=300)
        assert proc.returncode == 0, proc.stderr
    files = [*out.iterdir(), *(f for f in (build / "documents").rglob("*") if f.is_file()),
             *(build / "dumps").iterdir(), build / "report.json",
             # the site's files come from the same atomic writer (its SPARQL store is RocksDB's own)
             *(f for f in site.rglob("*") if f.is_file() and "_store" not in f.parts)]
    modes = {oct(f.stat().st_mode & 0o777) for f in files}
    assert modes == {oct(0o666 & ~umask)}, modes


def test_a_file_name_with_a_newline_cannot_forge_a_line(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "evil.txt\n  FAILED passwd: stolen.txt").write_bytes(b"")
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"))
    assert code == 3, output
    assert [line for line in output.splitlines() if "FAILED" in line] == [
        f"  FAILED '{inputs}/evil.txt\\n  FAILED passwd: stolen.txt': file is empty"]


def test_a_file_name_that_is_not_utf8_is_converted_and_reported(tmp_path):
    """A name with bytes the file system's encoding lacks: `convert` reads the file, and the report
    names it (the odd byte as JSON's escape of the lone surrogate Python reads it as)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    name = os.fsencode(inputs) + b"/ah-\xff.txt"
    try:
        with open(name, "wb") as fh:
            fh.write(corpus("txt-koop-pdf/ah-tk-20242025-585.txt").read_bytes())
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    report = tmp_path / "report.json"
    code, output = convert(str(inputs), "-o", str(tmp_path / "out"), "--report", str(report))
    assert code == 0, output
    text = report.read_text("utf-8")
    assert "ah-\\udcff.txt" in text
    [entry] = json.loads(text)["inputs"]
    assert entry["status"] == "converted" and os.fsencode(entry["path"]) == name
