"""The committed output/ is exactly what `kamerld convert examples/ -o output/` makes today.

Compared as RDF graphs (isomorphism), file by file, so a change in the readers or the mapping that is
not followed by a re-run of the README's main command fails here.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic, to_isomorphic

from kamerld.batch.pipeline import Options, convert

REPO = Path(__file__).resolve().parents[1]
FORMATS = {".ttl": "turtle", ".jsonld": "json-ld"}


def _graph(path: Path) -> Graph:
    return Graph().parse(path, format=FORMATS[path.suffix])


def test_output_is_fresh(tmp_path):
    report = convert([REPO / "examples"], tmp_path, Options())
    assert not report.failed, report.summary()
    made = sorted(p.name for p in tmp_path.iterdir() if p.suffix in FORMATS)
    committed = sorted(p.name for p in (REPO / "output").iterdir() if p.suffix in FORMATS)
    assert made == committed, "output/ is stale: run `kamerld convert examples/ -o output/`"
    for name in made:
        fresh, old = _graph(tmp_path / name), _graph(REPO / "output" / name)
        if not isomorphic(fresh, old):
            only_new = to_isomorphic(fresh) - to_isomorphic(old)
            only_old = to_isomorphic(old) - to_isomorphic(fresh)
            raise AssertionError(
                f"output/{name} is stale (run `kamerld convert examples/ -o output/`): "
                f"{len(only_new)} new triple(s), {len(only_old)} gone, e.g. {next(iter(only_new), None)}"
            )


def test_examples_conform():
    report = convert([REPO / "examples"], None, Options())
    assert report.violations == 0, report.to_json()
    assert report.counts()["documents"] >= 2
