"""Every document of the shared corpus and of examples/, read once per test session (helper for
test_writers and test_fastshacl)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import CORPUS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def need_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (tests read ../shared/corpus beside the repo)")
    return CORPUS


@cache
def all_documents() -> tuple:
    """(input path, Document) for every input the corpus and examples/ hold that kamerld reads."""
    from kamerld.batch.pipeline import iter_inputs, read_documents
    from kamerld.errors import KamerldError
    from kamerld.sources import Source

    out = []
    for path in iter_inputs([need_corpus(), EXAMPLES]):
        try:
            docs = read_documents(Source.from_path(path))
        except KamerldError:
            continue  # not a parliamentary document (schemas, HTML, ...): nothing to serialise
        out += [(path, d) for d in docs]
    return tuple(out)
