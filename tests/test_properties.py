"""Property tests: random text and mutated real corpus documents never make a text reader or the
reference recogniser raise anything but a KamerldError, and never make them loop.

Mutations are the damage real files suffer: lines lost, doubled or swapped (bad copy-paste, page
reordering), bytes flipped (bit rot, wrong encoding), a file cut short (an interrupted download).
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from kamerld.errors import KamerldError
from kamerld.extraction.references import find_references
from kamerld.readers import get_reader
from kamerld.sources import Source

TEXT_READERS = ("koop-pdf-text", "text", "letter-text", "ministry-text")
#: one real document per text layout (the longest of each kind, where the parsers do most)
SAMPLES = (
    "txt-koop-pdf/ah-tk-20242025-571.txt",
    "txt-koop-pdf/ah-tk-20242025-562.txt",
    "txt-koop-pdf/kv-tk-2024Z18559.txt",
    "txt-ministry-docx/AH601-2024Z17331.txt",
    "txt-ministry-docx/2024Z18891.txt",
    "txt-sgd-ocr/tk-aanhangsel-1992-1993-181.txt",
    "txt-sgd-ocr/tk-aanhangsel-1990-1991-sgd0000028054.txt",
    "seed/000_aa57e04ab390d964.txt",
)
#: a per-example budget, far above the slowest real document (about 0.2 s), far below "loops"
BUDGET_SECONDS = 5

#: pieces of the layouts the readers look for, so random text reaches deep into the parsers
PIECES = [
    "Tweede Kamer der Staten-Generaal", "Eerste Kamer der Staten-Generaal", "Vergaderjaar 2024–2025",
    "Vergaderjaar 1992-1993", "Aanhangsel van de Handelingen", "Vragen gesteld door de leden der Kamer",
    "Vraag 1", "Vraag 2", "Vraag", "Antwoord 1", "Antwoord op vraag 2", "Antwoord", "Vragen 3 en 4",
    "Antwoord van minister", "Mededeling", "(ingezonden 1 oktober 2024)", "(ontvangen 18 november 2024)",
    "Vragen van het lid", "Van Houwelingen (FVD)", "aan de Minister van Justitie en Veiligheid",
    "Kamerstuk 36 200 VII, nr. 12", "Handelingen II 2023/24, nr. 5, item 3", "2024Z18775", "1)", "2)",
    "Datum", "Onderwerp", "Betreft", "Ons kenmerk", "Pagina 1 van 2", "Zie ook", "ah-tk-20242025-585",
    "Zitting 1982-1983", "ECLI:NL:HR:2020:1", "https://zoek.officielebekendmakingen.nl/kst-1",
    "\n", "\n", "\n\n", " ", ".", "?", ":", "–", "1", "12", "ë", "\x0c", "\t", "\u00ad", "\r\n",
]


@contextmanager
def budget(seconds: float = BUDGET_SECONDS):
    def expire(signum, frame):
        raise TimeoutError(f"no answer after {seconds} s: a loop?")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _corpus_lines() -> dict[str, list[str]]:
    if not CORPUS.exists():
        return {}
    return {rel: (CORPUS / rel).read_text(encoding="utf-8").split("\n") for rel in SAMPLES
            if (CORPUS / rel).exists()}


LINES = _corpus_lines()


def needs_corpus() -> None:
    if len(LINES) != len(SAMPLES):
        pytest.skip(f"shared corpus not found at {CORPUS} (tests read ../shared/corpus beside the repo)")


def read_all(source: Source) -> None:
    """Every text reader reads `source`; only KamerldErrors may come out, within the budget."""
    for name in TEXT_READERS:
        reader = get_reader(name)
        try:
            with budget():
                docs = reader.read(source)
        except KamerldError as exc:
            if currently_in_test_context():  # what the readers made of it, for --hypothesis-show-statistics
                event(f"{name}: {type(exc).__name__}")
            continue
        if currently_in_test_context():
            event(f"{name}: read")
        assert isinstance(docs, list) and all(d.id for d in docs), name


def check_references(text: str) -> None:
    with budget():
        got = find_references(text)
    for c in got:
        assert c.span is not None and text[c.span.start : c.span.end] == c.text


# ---- strategies ---------------------------------------------------------------------------------------

layout_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map("".join)


@st.composite
def mutated_lines(draw) -> tuple[str, str]:
    """A real document with lines deleted, duplicated or swapped, or cut short."""
    rel = draw(st.sampled_from(SAMPLES))
    lines = list(LINES[rel])
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if not lines:
            break
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert"]))
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        if op == "delete":
            del lines[i : i + draw(st.integers(min_value=1, max_value=20))]
        elif op == "duplicate":
            lines[i:i] = lines[i : i + draw(st.integers(min_value=1, max_value=10))]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate":
            lines = lines[:i]
        else:
            lines.insert(i, draw(st.sampled_from(PIECES)))
    return rel, "\n".join(lines)


@st.composite
def mutated_bytes(draw) -> tuple[str, bytes]:
    """A real document with bytes flipped and possibly cut at any byte (even inside a UTF-8 sequence)."""
    rel = draw(st.sampled_from(SAMPLES))
    data = bytearray("\n".join(LINES[rel]).encode("utf-8"))
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        i = draw(st.integers(min_value=0, max_value=len(data) - 1))
        data[i] ^= draw(st.integers(min_value=1, max_value=255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    return rel, bytes(data)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---- properties ---------------------------------------------------------------------------------------


@FAST
@given(st.text(max_size=2000))
def test_text_readers_on_random_text(text):
    read_all(Source.from_text(text, path="random.txt"))


@FAST
@given(layout_text)
def test_text_readers_on_layout_like_text(text):
    read_all(Source.from_text(text, path="layout.txt"))


@FAST
@given(st.data())
def test_text_readers_on_mutated_corpus_lines(data):
    needs_corpus()
    rel, text = data.draw(mutated_lines())
    read_all(Source.from_text(text, path=f"mutated-{Path(rel).name}"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_text_readers_on_mutated_corpus_bytes(data):
    needs_corpus()
    rel, raw = data.draw(mutated_bytes())
    read_all(Source(f"flipped-{Path(rel).name}", raw))


@FAST
@given(st.one_of(st.text(max_size=2000), layout_text))
def test_references_on_random_text(text):
    check_references(text)


@FAST
@given(st.data())
def test_references_on_mutated_corpus(data):
    needs_corpus()
    _, text = data.draw(mutated_lines())
    check_references(text)


def test_unmutated_samples_read_by_their_own_reader():
    """The starting points are real: each sample is read by its own reader without error."""
    needs_corpus()
    own = {"txt-koop-pdf": "koop-pdf-text", "txt-ministry-docx": "ministry-text", "txt-sgd-ocr": "text",
           "seed": "letter-text"}
    for rel in SAMPLES:
        reader = get_reader(own[rel.split("/")[0]])
        with budget():
            docs = reader.read(Source.from_path(CORPUS / rel))
        assert len(docs) == 1 and docs[0].questions, rel


# ---- hostile repetition ---------------------------------------------------------------------------------

#: pieces that once made a reader super-linear when repeated: the OCR answer header backtracked for
#: minutes, the line joiner re-scanned its whole paragraph per line, "Antwoord" alone looked back
#: through every block, a long digit run overflowed int()
REPEATED = ["Antwoord van minister", "Tweede Kamer der Staten-Generaal", "Antwoord", "Vragen van het lid",
            "aan de Minister van Justitie en Veiligheid", "https://zoek.officielebekendmakingen.nl/kst-1",
            "1", "Vraag 1", "Van Houwelingen (FVD)"]


@pytest.mark.parametrize("piece", REPEATED)
@pytest.mark.parametrize("sep", ["", " ", "\n"])
def test_repeated_pieces_are_read_in_time(piece, sep):
    text = ("Tweede Kamer der Staten-Generaal\nVergaderjaar 2024–2025 Aanhangsel van de Handelingen\n"
            + sep.join([piece] * 6000))
    read_all(Source.from_text(text, path="repeated.txt"))
    check_references(text)
