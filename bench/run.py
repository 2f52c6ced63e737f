"""Benchmark `kamerld build` honestly on a shared machine: CPU per document, wall time for -j 1 and -j 2,
rebuilds, each interleaved with a naive baseline over several repetitions.

    python bench/run.py                          # 2,000 generated documents, 3 repetitions
    python bench/run.py -n 20000 --reps 2        # and the rebuilds at 20,000
    python bench/run.py --corpus koop-copies     # 2,000 renumbered copies of the real KOOP answers

Every run is a subprocess, the way a user runs it. Its CPU time is the user + system time of the
process and every worker it waited for (`getrusage(RUSAGE_CHILDREN)`), so other sessions' load on the
machine does not count against it; wall time does, which is why the load average is printed before
every run. The runs of one repetition follow each other (baseline, -j 1 and -j 2 in turn, rebuilds),
so a change in the machine's load hits every kind of run alike; min, median and max over the
repetitions. A virtual machine's speed can drift by half within minutes (the same build's CPU time
moved 7.3 -> 10.6 ms a document on one host), so the ratios are also given per repetition, from the
runs made back to back (-j 1 and -j 2 swap places every repetition), which a drift over the whole
benchmark does not skew. The system-time share of the CPU is printed: on some disks creating a file
costs more than writing it, and that is where it shows.

  baseline    the naive pipeline in one process on a sample: read + enrich, an rdflib Graph
              (`document_graph`), pySHACL (`validate_graph`), rdflib's Turtle, JSON-LD and N-Triples
              writers, three files a document;
  -j 1, -j 2  `kamerld build SRC -o OUT -j N` into an empty OUT; peak memory of the tree and of the
              main process (polled from /proc);
  rebuild     the same command again, nothing changed (must report every input unchanged);
  one change  again after one input changed (one converted, the dumps rewritten).

Generated corpus: `generate.py` (answers of real length, a long tail of question counts, PDF, DOCX
and XML inputs, mededelingen linked to their answers). `--corpus koop-copies`: every Aanhangsel with
answers of ../shared/corpus/txt-koop-pdf, renumbered (number and id) into N distinct documents.
Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from procmem import tree_memory  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def _cpu() -> tuple[float, float]:
    """(user + system, system) CPU seconds of the children waited for so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime, ru.ru_stime


def _run(cmd: list[str], poll: bool = True) -> dict:
    """Run `cmd`; wall and CPU seconds, peak memory (main process, tree), stderr."""
    os.sync()  # what earlier runs left to write back must not land on this one's clock
    load = os.getloadavg()[0]
    (cpu0, sys0), start = _cpu(), time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    main_peak = tree_peak = 0
    while poll and proc.poll() is None:
        # walking /proc costs CPU the build would use: 5 times a second is enough
        m, t = tree_memory(proc.pid)
        main_peak, tree_peak = max(main_peak, m), max(tree_peak, t)
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    cpu, system = (now - before for now, before in zip(_cpu(), (cpu0, sys0), strict=True))
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return {"wall": wall, "cpu": cpu, "sys": system, "main_peak": main_peak, "tree_peak": tree_peak,
            "load": load, "stdout": out, "stderr": err}


def run_build(src: Path, out: Path, jobs: int, fresh: bool) -> dict:
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    r = _run([sys.executable, "-m", "kamerld", "build", str(src), "-o", str(out), "-j", str(jobs),
              "--no-progress"])
    r["counts"] = json.loads((out / "report.json").read_text("utf-8"))["counts"]
    if fresh:
        _check_dumps(out / "dumps")
    return r


def _check_dumps(dumps: Path) -> None:
    """Each dump reads as one gzip stream to its end (after the run: not on its clock)."""
    import gzip

    for f in sorted(dumps.glob("*.gz")):
        try:
            with gzip.open(f) as fh:
                while fh.read(1 << 24):
                    pass
        except (OSError, EOFError) as exc:
            raise SystemExit(f"{f}: not a whole gzip stream ({exc})") from exc


_BASELINE = """
import sys
from pathlib import Path
from kamerld.batch.pipeline import read_documents
from kamerld.rdf.mapping import document_graph
from kamerld.sources import Source
from kamerld.validation import shapes_graph, validate_graph
from kamerld.writers.context import jsonld_context

out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
shapes_graph(); ctx = jsonld_context()  # loading the shapes and context once is fair to the baseline
docs = triples = 0
for i, p in enumerate(Path(sys.argv[2]).read_text().splitlines()):
    for doc in read_documents(Source.from_path(p)):
        g = document_graph(doc)
        validate_graph(g)
        (out / f"{i}.ttl").write_bytes(g.serialize(format="turtle", encoding="utf-8"))
        (out / f"{i}.jsonld").write_bytes(g.serialize(format="json-ld", context=ctx, encoding="utf-8"))
        (out / f"{i}.nt").write_bytes(g.serialize(format="nt", encoding="utf-8"))
        docs += 1
        triples += len(g)
print(docs, triples)
"""


def run_baseline(sample: list[Path], work: Path) -> dict:
    listing = work / "baseline-inputs.txt"
    listing.write_text("\n".join(map(str, sample)), encoding="utf-8")
    shutil.rmtree(work / "baseline-out", ignore_errors=True)
    r = _run([sys.executable, "-c", _BASELINE, str(work / "baseline-out"), str(listing)], poll=False)
    docs, triples = map(int, r["stdout"].split())
    r["counts"] = {"documents": docs, "triples": triples}
    shutil.rmtree(work / "baseline-out", ignore_errors=True)
    return r


def koop_copies(out: Path, n: int) -> None:
    """n renumbered copies of the Aanhangsels with answers in the corpus: real text, distinct ids."""
    originals = sorted((CORPUS / "txt-koop-pdf").glob("ah-tk-*.txt"))
    if not originals:
        raise SystemExit(f"no corpus at {CORPUS}")
    texts = [(p.stem.rsplit("-", 1)[1], p.read_text("utf-8")) for p in originals]
    for i in range(n):
        number, text = texts[i % len(texts)]
        new = str(100_000 + i)
        text = text.replace(f"\n{number}\n", f"\n{new}\n", 1).replace(f"ah-tk-20242025-{number}",
                                                                      f"ah-tk-20242025-{new}")
        folder = out / f"{i // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"ah-tk-20242025-{new}.txt").write_text(text, encoding="utf-8")


def _stats(values: list[float], fmt: str) -> str:
    if not values:
        return ""
    return " / ".join(format(v, fmt) for v in (min(values), statistics.median(values), max(values)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=2_000, help="documents to generate (or copies to make)")
    ap.add_argument("--corpus", choices=["generated", "koop-copies"], default="generated")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3, help="repetitions (min / median / max)")
    ap.add_argument("--baseline-sample", type=int, default=200)
    ap.add_argument("--no-j1", action="store_true", help="skip -j 1 (long at 20,000)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kamerld-bench"))
    args = ap.parse_args()

    src = args.work / f"src-{args.corpus}-{args.n}-{args.seed}"
    if not src.exists():
        t = time.perf_counter()
        if args.corpus == "generated":
            generate(src, args.n, args.seed)
        else:
            koop_copies(src, args.n)
        print(f"made {args.n} inputs in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    paths = sorted(p for p in src.rglob("*") if p.is_file())
    step = max(1, len(paths) // args.baseline_sample)
    sample = paths[::step][: args.baseline_sample]
    out = args.work / f"out-{args.corpus}-{args.n}"

    # kamerld's byte code written once, as pip does when it installs: where PYTHONDONTWRITEBYTECODE
    # is set (this machine sets it), every run would compile every module again (0.2 s a start)
    import compileall

    compileall.compile_dir(str(REPO / "src" / "kamerld"), quiet=2)

    runs: dict[str, list[dict]] = {}
    for rep in range(args.reps):
        print(f"repetition {rep + 1} of {args.reps} (load average {os.getloadavg()[0]:.2f})", file=sys.stderr)
        runs.setdefault("baseline", []).append(run_baseline(sample, args.work))
        jobs = [1, 2] if not args.no_j1 else [2]
        for j in (jobs if rep % 2 == 0 else jobs[::-1]):  # in turn: neither always runs first
            runs.setdefault(f"build -j {j}", []).append(run_build(src, out, j, fresh=True))
        runs.setdefault("rebuild, nothing changed", []).append(run_build(src, out, 2, fresh=False))
        changed = paths[len(paths) // 2]
        data = changed.read_bytes()
        try:
            if changed.suffix == ".txt":
                changed.write_bytes(data + b"\n")
            else:
                os.utime(changed)  # a touched Word or PDF file: hashed, found the same
            runs.setdefault("rebuild, one input changed", []).append(run_build(src, out, 2, fresh=False))
        finally:
            changed.write_bytes(data)

    loads = _stats([r["load"] for rs in runs.values() for r in rs], ".2f")
    print(f"\n{args.corpus} corpus: {len(paths)} inputs; {args.reps} repetitions, min / median / max; "
          f"load average (1 min) before the runs: {loads}")
    print(f"{'run':28} {'docs':>6} {'CPU ms/doc':>20} {'docs per CPU-s':>20} {'wall s':>22} "
          f"{'peak MB main/tree':>18} {'sys %':>6}")
    for name, rs in runs.items():
        docs = rs[0]["counts"]["documents"]
        per_doc = [r["cpu"] * 1000 / max(r["counts"]["documents"], 1) for r in rs]
        rate = [r["counts"]["documents"] / r["cpu"] for r in rs if r["cpu"] > 0]
        walls = [r["wall"] for r in rs]
        main_mb, tree_mb = (max(r[k] for r in rs) / 2**20 for k in ("main_peak", "tree_peak"))
        peaks = f"{main_mb:.0f}/{tree_mb:.0f}" if main_mb else ""
        system = f"{100 * sum(r['sys'] for r in rs) / max(sum(r['cpu'] for r in rs), 1e-9):.0f}"
        if name.startswith("rebuild"):
            print(f"{name:28} {docs:>6} {'':>20} {'':>20} {_stats(walls, '.2f'):>22} {peaks:>18} {system:>6}")
        else:
            print(f"{name:28} {docs:>6} {_stats(per_doc, '.2f'):>20} {_stats(rate, '.0f'):>20} "
                  f"{_stats(walls, '.1f'):>22} {peaks:>18} {system:>6}")
    med = {k: statistics.median(r["cpu"] / max(r["counts"]["documents"], 1) for r in v)
           for k, v in runs.items()}
    if "build -j 1" in runs:
        wall1 = statistics.median(r["wall"] for r in runs["build -j 1"])
        wall2 = statistics.median(r["wall"] for r in runs["build -j 2"])
        print(f"\n-j 2 against -j 1, wall time (medians): {wall1 / wall2:.2f}x")
        pairs = [a["wall"] / b["wall"] for a, b in zip(runs["build -j 1"], runs["build -j 2"], strict=True)]
        print(f"-j 2 against -j 1, wall time, each repetition's pair: {_stats(pairs, '.2f')}")
        ratio = med["baseline"] / med["build -j 1"]
        print(f"CPU per document, baseline against build -j 1 (medians): {ratio:.1f}x")
        pairs = [(a["cpu"] / max(a["counts"]["documents"], 1)) / (b["cpu"] / max(b["counts"]["documents"], 1))
                 for a, b in zip(runs["baseline"], runs["build -j 1"], strict=True)]
        print(f"CPU per document, baseline against build -j 1, each repetition: {_stats(pairs, '.1f')}")
    b = runs["build -j 2"][-1]["counts"]
    again = runs["rebuild, nothing changed"][-1]["counts"]
    one = runs["rebuild, one input changed"][-1]["counts"]
    print(f"build: {b['inputs']} inputs, {b['documents']} documents, {b['failed']} failed, "
          f"{b['violations']} violations, {b['triples']} triples; rebuild: {again['unchanged']} unchanged; "
          f"one change: {one['converted'] + one['warnings']} converted")


if __name__ == "__main__":
    main()
