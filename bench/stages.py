"""CPU per document in each stage of a worker: read + enrich, map, validate, split, the three
serialisations, the dump parts, the share of the corpus graphs. One process, no files written; for
finding where a document's time goes (`run.py` measures whole builds).

    python bench/stages.py /tmp/kamerld-bench/src-generated-2000-1 --every 4

Prints milliseconds of CPU per document for each stage and their total. Run it against two
checkouts in turn (PYTHONPATH=checkout/src) to compare them on a shared machine: each pair run one
after the other is what compares, not runs far apart.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kamerld.batch import shares
from kamerld.batch.dumps import document_parts
from kamerld.batch.options import Options
from kamerld.batch.pipeline import _validate, read_documents
from kamerld.rdf.mapping import document_triples, split_triples
from kamerld.sources import Source
from kamerld.writers.fast import render

STAGES = ("read", "map", "validate", "split", "render", "parts", "share")


def run(paths: list[Path], options: Options, spent: dict[str, float]) -> int:
    """Every stage of every document of `paths`; CPU seconds added to `spent`. Returns the documents."""
    n = 0
    clock = time.process_time
    for path in paths:
        t = clock()
        docs = read_documents(Source.from_path(path))
        spent["read"] += clock() - t
        for doc in docs:
            n += 1
            t = clock()
            triples = document_triples(doc, options.base)
            spent["map"] += clock() - t
            t = clock()
            _validate([triples], options)
            spent["validate"] += clock() - t
            t = clock()
            mapped = split_triples(triples, doc.id, options.base)
            spent["split"] += clock() - t
            t = clock()
            data = render(mapped.document, ["ntriples", "turtle", "jsonld"])
            spent["render"] += clock() - t
            t = clock()
            document_parts(data["ntriples"], data["turtle"], data["jsonld"])
            spent["parts"] += clock() - t
            t = clock()
            shares.pack(mapped.registers | mapped.shared)
            spent["share"] += clock() - t
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a folder of inputs (bench/generate.py, or copies)")
    ap.add_argument("--every", type=int, default=1, help="take every n-th input (sorted)")
    args = ap.parse_args()
    paths = sorted(p for p in args.folder.rglob("*") if p.is_file())[:: args.every]
    options = Options()
    run(paths[:20], options, dict.fromkeys(STAGES, 0.0))  # caches and lazy imports warmed first
    spent = dict.fromkeys(STAGES, 0.0)
    n = run(paths, options, spent)
    per_doc = {k: round(v * 1000 / n, 2) for k, v in spent.items()}
    print(f"{n} documents; ms of CPU per document:",
          ", ".join(f"{k} {v}" for k, v in per_doc.items()), f"| total {round(sum(per_doc.values()), 2)}")


if __name__ == "__main__":
    main()
