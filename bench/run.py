"""Benchmark `kamerld build` on a generated corpus, against a naive baseline and an I/O floor.

    python bench/run.py                 # 10,000 documents
    python bench/run.py -n 50000 --baseline-sample 500

Measures, in one run:
  build     `kamerld build SRC -o OUT -j 2` as a subprocess, the way a user runs it: documents/s,
            triples/s, and peak memory summed over the process tree (polled from /proc);
  rebuild   the same command again (nothing changed: everything must be "unchanged");
  baseline  the naive path per document, one process, on a sample: read + enrich, rdflib Graph via
            document_graph, pySHACL validate_graph, rdflib Turtle writer; extrapolated as a rate;
  floor     reading every input and writing its bytes three times (one per output format), nothing else.
Prints a table and the build's ratios to the baseline and to the floor. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            with open(f"/proc/{entry}/statm") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * page
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_build(src: Path, out: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "kamerld", "build", str(src), "-o", str(out), "-j", str(jobs),
           "--no-progress"]
    os.sync()  # what earlier runs left to write back must not land on this one's clock
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        # walking /proc costs CPU the build would use: 4 times a second is enough for a peak that
        # builds up over seconds (workers grow slowly; the main process holds the report)
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.25)
    seconds = time.perf_counter() - start
    _out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kamerld build failed ({proc.returncode}):\n{err}")
    counts = json.loads((out / "report.json").read_text("utf-8"))["counts"]
    return {"seconds": seconds, "peak": peak, "counts": counts, "summary": err.strip()}


def run_baseline(paths: list[Path]) -> dict:
    """The naive path, one document at a time, one process."""
    from kamerld.pipeline import read_documents
    from kamerld.rdf.mapping import document_graph
    from kamerld.sources import Source
    from kamerld.validation import shapes_graph, validate_graph

    shapes_graph()  # parsing the shapes once is fair to the baseline
    docs = triples = 0
    start = time.perf_counter()
    for p in paths:
        for doc in read_documents(Source.from_path(p)):
            g = document_graph(doc)
            validate_graph(g)
            g.serialize(format="turtle", encoding="utf-8")
            docs += 1
            triples += len(g)
    return {"seconds": time.perf_counter() - start, "documents": docs, "triples": triples}


def run_floor(paths: list[Path], out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i, p in enumerate(paths):
        data = p.read_bytes()
        for suffix in (".ttl", ".nt", ".jsonld"):
            (out / f"{i}{suffix}").write_bytes(data)
    return {"seconds": time.perf_counter() - start, "documents": len(paths)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="documents to generate")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--baseline-sample", type=int, default=500)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kamerld-bench"))
    args = ap.parse_args()

    src = args.work / f"src-{args.n}-{args.seed}"
    if not src.exists():
        t = time.perf_counter()
        generate(src, args.n, args.seed)
        print(f"generated {args.n} documents in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    paths = sorted(p for p in src.rglob("*") if p.is_file())
    out = args.work / f"out-{args.n}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(args.work / "floor", ignore_errors=True)

    floor = run_floor(paths, args.work / "floor")
    shutil.rmtree(args.work / "floor", ignore_errors=True)
    step = max(1, len(paths) // args.baseline_sample)
    base = run_baseline(paths[::step][: args.baseline_sample])
    build = run_build(src, out, args.jobs)
    again = run_build(src, out, args.jobs)

    docs = build["counts"]["documents"]
    rows = [
        ("floor (read + write bytes)", floor["documents"], floor["seconds"], None, None),
        (f"baseline (naive, {base['documents']} sampled)", base["documents"], base["seconds"],
         base["triples"], None),
        (f"kamerld build -j {args.jobs}", docs, build["seconds"], build["counts"]["triples"], build["peak"]),
        (f"kamerld build -j {args.jobs} again", again["counts"]["documents"], again["seconds"], None,
         again["peak"]),
    ]
    print(f"{'run':40} {'documents':>10} {'seconds':>9} {'docs/s':>9} {'triples/s':>11} {'peak MB':>8}")
    for name, n, s, t, peak in rows:
        tps = f"{t / s:11.0f}" if t else f"{'':11}"
        mb = f"{peak / 2**20:8.0f}" if peak else f"{'':8}"
        print(f"{name:40} {n:>10} {s:9.1f} {n / s:9.1f} {tps} {mb}")
    rate = docs / build["seconds"]
    print(f"\nbuild vs baseline: {rate / (base['documents'] / base['seconds']):.1f}x   "
          f"build vs floor: {rate / (floor['documents'] / floor['seconds']):.2f}x of the floor's rate")
    c = build["counts"]
    print(f"build: {c['inputs']} inputs, {c['documents']} documents, {c['failed']} failed, "
          f"{c['violations']} violations, {c['triples']} triples; "
          f"rebuild: {again['counts']['unchanged']} unchanged")


if __name__ == "__main__":
    main()
