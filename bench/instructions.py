"""Instructions retired, not seconds: what a change costs, on a host whose speed drifts.

Runs the worker's stages (`bench/stages.py`, one process) or, with `--build`, a whole build in one
process (reading to dumps, the build state and the corpus step) under valgrind's cachegrind, which
counts the instructions the CPU retires whatever else the machine is doing, for this checkout and
for every source tree named with `--against` (a git worktree of an earlier commit, say), on the same
inputs, one after the other:

    git worktree add /tmp/base HEAD~3
    python bench/instructions.py /tmp/kamerld-bench/src-generated-2000-1 --every 10 --against /tmp/base/src

Prints each tree's instructions, the documents they were spent on, and its change against the
first tree. Needs valgrind (`apt install valgrind`); a run takes 30-60 times as long as without it.
PYTHONHASHSEED is fixed and each tree's byte code compiled first, so a run counts the same
instructions every time (a tree without byte code would count its own compilation).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
_DOCUMENTS = re.compile(r"^(\d+) documents;", re.M)
#: a build in this process (jobs=0): what `--build` counts
_BUILD = ("import sys; from pathlib import Path; from kamerld.batch.build import build; "
          "r = build([sys.argv[1]], Path(sys.argv[2]), jobs=0, progress=False); "
          "print(f\"{r.counts()['documents']} documents; built\")")


def instructions_of(valgrind_stderr: str) -> int:
    """The instructions cachegrind counted, from what it printed (the sum over the processes it
    followed); ValueError when it printed none (valgrind failed, or the program did)."""
    counts = [int(m.group(1).replace(",", "")) for m in _REFS.finditer(valgrind_stderr)]
    if not counts:
        raise ValueError("cachegrind printed no instruction count")
    return sum(counts)


def documents_of(stdout: str) -> int | None:
    m = _DOCUMENTS.search(stdout)
    return int(m.group(1)) if m else None


def change(base: int, other: int) -> str:
    """`other` against `base`, as a signed percentage."""
    return f"{(other - base) / base * 100:+.1f} %"


def _sample(folder: Path, every: int, into: Path) -> Path:
    """Every `every`-th input of `folder` (in the order of their paths) copied under `into`, at the
    same relative paths: a build reads a folder, not a list."""
    for i, path in enumerate(sorted(p for p in folder.rglob("*") if p.is_file())):
        if i % every == 0:
            target = into / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return into


def count(tree: Path, folder: Path, every: int, build: bool, scratch: Path) -> tuple[int, int | None]:
    """(instructions, documents) of one run with the kamerld of `tree` (a `src` folder)."""
    compileall.compile_dir(str(tree / "kamerld"), quiet=2)
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if build:
        out = scratch / "out"
        shutil.rmtree(out, ignore_errors=True)
        program = ["-c", _BUILD, str(folder), str(out)]
    else:
        program = [str(REPO / "bench" / "stages.py"), str(folder), "--every", str(every)]
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, *program]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: the run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return instructions_of(done.stderr), documents_of(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a folder of inputs (bench/generate.py, or copies)")
    ap.add_argument("--every", type=int, default=10, help="take every n-th input (sorted)")
    ap.add_argument("--against", type=Path, action="append", default=[],
                    help="another source tree (its src folder) to count on the same inputs")
    ap.add_argument("--build", action="store_true", help="a whole build in one process, not the stages")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt install valgrind)")
    trees = [REPO / "src", *args.against]
    with tempfile.TemporaryDirectory(prefix="kamerld-instructions-") as tmp:
        scratch = Path(tmp)
        folder = _sample(args.folder, args.every, scratch / "inputs") if args.build else args.folder
        results = [(tree, *count(tree, folder, args.every, args.build, scratch)) for tree in trees]
    what = "a whole build in one process" if args.build else "bench/stages.py"
    print(f"{what}, one input in {args.every} of {args.folder} (start-up included):")
    first = results[0][1]
    for i, (tree, n, docs) in enumerate(results):
        per_doc = f"{n / docs / 1e6:8.1f} M a document" if docs else ""
        against = f"  {change(first, n)} against the first" if i else ""
        print(f"  {str(tree):40s} {n / 1e9:7.3f} G instructions, {docs or '?'} documents {per_doc}{against}")


if __name__ == "__main__":
    main()
