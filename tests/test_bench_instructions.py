"""bench/instructions.py reads cachegrind's counts and the documents they were spent on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from instructions import _sample, change, documents_of, instructions_of  # noqa: E402

# what valgrind prints for a program that forked once (a line per process), around the program's own
STDERR = """==101== Cachegrind, a high-precision tracing profiler
==101== Command: python bench/stages.py x --every 10
==102== I   refs:      1,234,567
==101==
==101== I   refs:      12,077,734,912
"""


def test_the_counts_of_every_process_are_summed():
    assert instructions_of(STDERR) == 12_077_734_912 + 1_234_567


def test_no_count_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="no instruction count"):
        instructions_of("==101== error: could not start\n")


def test_documents_and_change():
    assert documents_of("500 documents; ms of CPU per document: read 2.1 | total 3.6\n") == 500
    assert documents_of("20 documents; built\n") == 20
    assert documents_of("nothing\n") is None
    assert change(12_070, 11_313) == "-6.3 %" and change(100, 103) == "+3.0 %"


def test_a_sample_keeps_every_nth_input_at_its_relative_path(tmp_path):
    for i in range(25):
        (tmp_path / "in" / f"d{i % 3}").mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / f"d{i % 3}" / f"f{i:02d}.txt").write_text(str(i))
    out = _sample(tmp_path / "in", 10, tmp_path / "out")
    kept = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    src = tmp_path / "in"
    everything = sorted(str(p.relative_to(src)) for p in src.rglob("*") if p.is_file())
    assert kept == everything[::10] and len(kept) == 3
