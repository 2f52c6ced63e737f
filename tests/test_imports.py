"""The packages import in one direction: no module imports one that imports it back (at module level,
where a circle makes the order of imports matter), and the stage packages stand where the flow puts them."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

SRC = REPO / "src"
EXAMPLES = REPO / "examples"


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for p in (SRC / "kamerld").rglob("*.py"):
        parts = list(p.relative_to(SRC).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (p, is_pkg)
    return out


def _imports(mod: str, path: Path, is_pkg: bool, known: set[str]) -> set[str]:
    """The kamerld modules `mod` imports when it is imported (function-level imports are lazy)."""
    deps = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = mod.split(".") if is_pkg else mod.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for a in node.names:
                deps.add(f"{target}.{a.name}" if f"{target}.{a.name}" in known else target)
        elif isinstance(node, ast.Import):
            deps.update(a.name for a in node.names)
    return {d for d in deps if d in known and d != mod}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_module_imports_one_that_imports_it_back():
    mods = _modules()
    graph = {m: _imports(m, p, pkg, set(mods)) for m, (p, pkg) in mods.items()}
    assert _cycles(graph) == []


def test_a_circle_is_found_when_there_is_one():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_top_level_holds_only_the_public_api_the_model_and_the_errors():
    loose = sorted(p.stem for p in (SRC / "kamerld").glob("*.py"))
    assert loose == ["__init__", "__main__", "api", "errors", "model"]
    stages = {p.name for p in (SRC / "kamerld").iterdir() if (p / "__init__.py").is_file()}
    assert {"sources", "readers", "extraction", "registers", "rdf", "validation", "writers", "batch",
            "publish", "cli", "fetch"} <= stages


def test_a_build_with_nothing_to_convert_loads_no_conversion_machinery(tmp_path):
    """A rebuild that changed nothing must be fast (under 1 s at 20,000 inputs): starting the command
    line and finding nothing to convert loads neither the model and readers, nor rdflib, nor
    multiprocessing (a fresh interpreter, so what other tests imported does not count)."""
    import subprocess
    import sys

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("niets", encoding="utf-8")
    out = tmp_path / "out"
    code = ("import sys\n"
            "from kamerld.cli import main\n"
            "sys.argv = ['kamerld', 'build', sys.argv[1], '-o', sys.argv[2], '-j', '2', '--no-progress']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('kamerld.model', 'kamerld.readers.base', 'rdflib', 'multiprocessing')"
            " if m in sys.modules))\n")
    first = subprocess.run([sys.executable, "-c", code, str(src), str(out)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", code, str(src), str(out)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "1 unchanged" in again.stderr, again.stderr
    assert again.stdout.strip() == "[]", again.stdout


def test_converting_text_loads_neither_the_pdf_libraries_nor_wordfreqs_tokenizer(tmp_path):
    """Importing pypdf (0.18 s) and wordfreq (0.3 s, its tokenizer's language data) is paid only by
    what needs them: a convert of a text file loads neither (the word list is read from wordfreq's
    data file), and still splits a glued word with it."""
    import subprocess
    import sys

    src = tmp_path / "brief.txt"
    text = (EXAMPLES / "koop-pdf-text" / "ah-tk-20242025-9001.txt").read_text("utf-8")
    src.write_text(text.replace(" van de ", " vande ", 1), encoding="utf-8")
    code = ("import sys\n"
            "from kamerld.cli import main\n"
            "sys.argv = ['kamerld', 'convert', sys.argv[1], '-o', sys.argv[2], '--to', 'ntriples']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import kamerld.text.words as w\n"
            "print(sorted(m for m in ('pypdf', 'pypdfium2', 'wordfreq', 'ftfy') if m in sys.modules),"
            " w.split_glued('de behandeling vande wet'))\n")
    run = subprocess.run([sys.executable, "-c", code, str(src), str(tmp_path / "out")], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[] de behandeling van de wet", run.stdout
    assert list((tmp_path / "out").rglob("*.nt")), run.stderr
