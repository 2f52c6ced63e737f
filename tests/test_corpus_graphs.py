"""The corpus graphs of a build (`batch.corpus`), kept up to date from what changed: after every kind of
change they are exactly what a build from nothing makes of the same inputs, and a conflict between two
documents' shares is found (and forgotten) as the documents change."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, REPO

from kamerld.batch import corpus
from kamerld.batch.build import build
from kamerld.batch.options import Options
from kamerld.batch.state import BuildState

CORPUS_GRAPHS = ("_links.ttl", "_links.jsonld", "_registers.ttl", "_registers.jsonld")
KOOP = ["ah-tk-20242025-585.txt", "ah-tk-20242025-575.txt", "kv-tk-2024Z18775.txt"]


@pytest.fixture
def src(tmp_path: Path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (tests read ../shared/corpus beside the repo)")
    d = tmp_path / "src"
    shutil.copytree(REPO / "examples", d / "examples")
    (d / "koop").mkdir()
    for name in KOOP:
        shutil.copy(CORPUS / "txt-koop-pdf" / name, d / "koop" / name)
    return d


def _corpus_of(out: Path) -> dict[str, object]:
    """What a build says of the corpus graphs: their files, the dumps' contents, the validation."""
    seen: dict[str, object] = {f: (out / "documents" / f).read_bytes() for f in CORPUS_GRAPHS}
    for name in ("kamerld.nt.gz", "kamerld.ttl.gz", "kamerld.jsonld.gz"):
        seen[name] = gzip.decompress((out / "dumps" / name).read_bytes())
    seen["report"] = json.loads((out / "report.json").read_text("utf-8"))["corpus"]
    return seen


def _same_as_from_nothing(src: Path, out: Path, tmp_path: Path, step: str) -> dict[str, object]:
    build([src], out, jobs=0, progress=False)
    fresh = tmp_path / f"fresh-{step}"
    build([src], fresh, jobs=0, progress=False)
    kept, made = _corpus_of(out), _corpus_of(fresh)
    for key in made:
        assert kept[key] == made[key], f"after {step}: {key} differs from a build from nothing"
    return kept


def test_after_every_kind_of_change_the_corpus_graphs_are_those_of_a_build_from_nothing(src, tmp_path):
    out = tmp_path / "out"
    build([src], out, jobs=0, progress=False)
    notice = src / "examples" / "ministry-text" / "AH8999-2024Z99001.txt"
    answer = src / "examples" / "koop-pdf-text" / "ah-tk-20242025-9001.txt"
    kept_notice = notice.read_bytes()
    links = (out / "documents" / "_links.ttl").read_text("utf-8")
    assert "uitstelmededeling" in links  # the answer and its notice are linked

    # a changed answer (its source file has a new hash)
    answer.write_bytes(answer.read_bytes() + b"\n")
    _same_as_from_nothing(src, out, tmp_path, "a changed answer")
    # the notice removed: the links between the two go
    notice.unlink()
    after = _same_as_from_nothing(src, out, tmp_path, "a removed notice")
    assert b"uitstelmededeling" not in after["_links.ttl"]
    # and back again
    notice.write_bytes(kept_notice)
    after = _same_as_from_nothing(src, out, tmp_path, "the notice back")
    assert b"uitstelmededeling" in after["_links.ttl"]
    # one input becomes another document (other people, other fracties, another id)
    shutil.copy(CORPUS / "txt-koop-pdf" / "kv-tk-2024Z18659.txt", src / "koop" / "ah-tk-20242025-585.txt")
    _same_as_from_nothing(src, out, tmp_path, "another document in a file")
    # a new input that cites a document the build holds, and one removed
    shutil.copy(CORPUS / "txt-koop-pdf" / "kv-tk-2024Z18659.txt", src / "koop" / "copy.txt")
    (src / "koop" / "kv-tk-2024Z18775.txt").unlink()
    _same_as_from_nothing(src, out, tmp_path, "an input added and one removed")


def test_one_changed_answer_remakes_only_what_it_touched(src, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([src], out, jobs=0, progress=False)
    remade: list[set[str]] = []
    real = corpus._remake

    def spy(state, focus, *args):
        focus = list(focus)
        remade.append(set(focus))
        return real(state, focus, *args)

    monkeypatch.setattr(corpus, "_remake", spy)
    changed = src / "koop" / "ah-tk-20242025-575.txt"
    changed.write_bytes(changed.read_bytes() + b"\n")
    build([src], out, jobs=0, progress=False)
    [focus] = remade
    # the source file's old and new descriptions (and the class they point to, prov:Entity, which has
    # no lines of its own); every register resource stays as it was
    ours = sorted(s for s in focus if s.startswith("https://w3id.org/kamerld/id/"))
    assert len(ours) == 2 and all("/id/bron/" in s for s in ours), sorted(focus)
    assert focus - set(ours) == {"http://www.w3.org/ns/prov#Entity"}


LINE = "<{s}> <http://www.w3.org/2004/02/skos/core#prefLabel> \"{label}\"@nl ."
TYPE = "<{s}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kamerld/def#Fractie> ."
FRACTIE = "https://w3id.org/kamerld/id/fractie/voorbeeld"


def _share(state: BuildState, name: str, lines: list[str]) -> None:
    """A document `name` whose share of the corpus graphs is `lines` (as a worker returns it)."""
    import hashlib
    import zlib

    data = ("\n".join(sorted(lines)) + "\n").encode()
    state.write("INSERT OR REPLACE INTO documents (name, input, id, kind, links, share, share_data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, name + ".txt", name, "Kamervragen", "[[], [], []]", hashlib.sha1(data).hexdigest(),
                 zlib.compress(data)))


def test_two_names_of_one_fractie_in_two_documents_are_found_and_forgotten(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    state = BuildState(out)
    options = Options()
    _share(state, "kv-a", [TYPE.format(s=FRACTIE), LINE.format(s=FRACTIE, label="Voorbeeld")])
    _share(state, "kv-b", [TYPE.format(s=FRACTIE), LINE.format(s=FRACTIE, label="Voorbeeld")])
    corpus.update(state, options)
    assert corpus.results(state, "_registers") == (2, [])
    # the second document names it another way: one resource with two Dutch preferred labels
    _share(state, "kv-b", [TYPE.format(s=FRACTIE), LINE.format(s=FRACTIE, label="De Voorbeeldpartij")])
    assert corpus.update(state, options) == 1  # the fractie alone is remade
    triples, found = corpus.results(state, "_registers")
    assert triples == 3
    assert [severity for severity, _ in found] == ["violation"]
    assert found[0][1].startswith(FRACTIE + " ")
    # the first document goes: one name is left, and the violation with it
    state.write("DELETE FROM documents WHERE name = 'kv-a'")
    corpus.update(state, options)
    assert corpus.results(state, "_registers") == (2, [])
    assert list(corpus.graph_lines(state, "_registers")) == sorted(
        [TYPE.format(s=FRACTIE), LINE.format(s=FRACTIE, label="De Voorbeeldpartij")])
    # nothing changed: nothing remade
    assert corpus.update(state, options) == 0
    state.commit()
    state.close()


def test_the_corpus_graphs_do_not_depend_on_how_much_is_done_at_a_time(src, tmp_path, monkeypatch):
    """Shares counted in two documents at a time and subjects made seven at a time give the same
    graphs as all at once, after a first build and after a change."""
    whole = tmp_path / "whole"
    build([src], whole, jobs=0, progress=False)
    monkeypatch.setattr(corpus, "REMAKE_CHUNK", 7)
    monkeypatch.setattr(corpus, "SHARE_BATCH", 2)
    chunked = tmp_path / "chunked"
    build([src], chunked, jobs=0, progress=False)
    assert _corpus_of(chunked) == _corpus_of(whole)
    (src / "examples" / "ministry-text" / "AH8999-2024Z99001.txt").unlink()
    shutil.copy(CORPUS / "txt-koop-pdf" / "kv-tk-2024Z18659.txt", src / "koop" / "ah-tk-20242025-585.txt")
    build([src], chunked, jobs=0, progress=False)
    monkeypatch.undo()
    _same_as_from_nothing(src, chunked, tmp_path, "changes counted in two at a time")


_MADE_IN: list[Path] = []  # where `_make_nodes_counted` notes the process it ran in


def _make_nodes_counted(groups, options):
    """`corpus._make_nodes`, noting the process it runs in (module level: the pool pickles it)."""
    import os

    with _MADE_IN[0].open("a") as fh:
        fh.write(f"{os.getpid()}\n")
    return _REAL_MAKE_NODES(groups, options)


_REAL_MAKE_NODES = corpus._make_nodes


def test_the_corpus_nodes_made_in_two_processes_are_those_made_in_one(src, tmp_path, monkeypatch):
    """With -j 2 and more than one chunk of subjects, the nodes are made in two forked processes
    (`corpus._remake`): the graphs, dumps and validation are the same as in the main process alone."""
    import os

    alone = tmp_path / "alone"
    build([src], alone, jobs=0, progress=False)
    log = tmp_path / "made-in.txt"
    monkeypatch.setattr(corpus, "REMAKE_CHUNK", 7)
    monkeypatch.setattr(corpus, "_make_nodes", _make_nodes_counted)
    _MADE_IN[:] = [log]
    pooled = tmp_path / "pooled"
    try:
        build([src], pooled, jobs=2, progress=False)
    finally:
        _MADE_IN.clear()
    pids = log.read_text().split()
    assert len(pids) > 2 and str(os.getpid()) not in pids and len(set(pids)) == 2, pids
    assert _corpus_of(pooled) == _corpus_of(alone)


def test_a_dump_part_kept_in_pieces_is_written_whole(tmp_path):
    """A corpus graph's dump part is one gzip member kept in pieces (`corpus_files.PIECE`; at 20,000
    inputs `_links` takes two): the JSON-LD dump puts its commas between parts, never inside one."""
    from kamerld.batch.dumps import Piece, gz, jsonld_pieces, write_dumps

    first = gz(b'{"@id": "https://example.org/a"}')
    second = gz(b'{"@id": "https://example.org/b"}')
    pieces = [second[:5], second[5:9], second[9:]]
    line = b"<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n"
    nt = [Piece("a", lambda: gz(line)), Piece("b", lambda: iter([gz(b"")]))]
    jsonld = [Piece("a", lambda: first), Piece("b", lambda: iter(pieces))]
    write_dumps(tmp_path, {"nt": nt, "ttl": [], "jsonld": jsonld_pieces(jsonld, {"@vocab": "https://example.org/"})})
    graph = json.loads(gzip.decompress((tmp_path / "kamerld.jsonld.gz").read_bytes()))
    assert [n["@id"] for n in graph["@graph"]] == ["https://example.org/a", "https://example.org/b"]
    assert gzip.decompress((tmp_path / "kamerld.nt.gz").read_bytes()).count(b"\n") == 1


def _random_batch(rng, n: int):
    """`n` documents of every kind, naming a few zaken and referring to each other (and to documents
    not in the batch, and to themselves) at random."""
    from kamerld.batch.links import LinkInfo

    kinds = ["Antwoorddocument", "Mededeling", "Kamervragen", "Brief"]
    ids = [f"ah-tk-20242025-{i}" for i in range(n)]
    zaken = [f"2024Z{z:05d}" for z in range(n // 3 + 1)]
    targets = [*ids, "ah-tk-19991900-1"]
    return [LinkInfo(doc_id, rng.choice(kinds),
                     tuple(sorted(set(rng.sample(zaken, rng.choice([0, 0, 1, 1, 2]))))),
                     tuple(sorted({rng.choice(targets) for _ in range(rng.choice([0, 1, 2]))})))
                     for doc_id in ids]


@pytest.mark.parametrize("seed", range(8))
def test_the_links_worked_out_in_the_state_are_those_of_cross_links(tmp_path, seed):
    """A build works the links between documents out in SQL (`corpus_links`), `convert` in memory
    (`links.cross_links`): on random batches (notices and answers sharing zaken, references both
    ways, one way, to themselves and to documents not held) both give the same three sets."""
    import random

    from kamerld.batch import corpus_links
    from kamerld.batch.links import cross_links

    batch = _random_batch(random.Random(seed), 40)
    state = BuildState(tmp_path)
    for d in batch:
        state.write("INSERT INTO documents (name, input, id, kind, links) VALUES (?, ?, ?, ?, ?)",
                    (d.id, d.id + ".txt", d.id, d.kind, json.dumps([d.zaken, d.see_also, d.uitstel_van])))
    corpus_links.load(state)
    found: dict[str, set[tuple[str, str]]] = {"see_also": set(), "zaak": set(), "notice": set()}
    for kind, a, b in corpus_links.links(state):
        found[kind].add((a, b))
    expected = cross_links(batch)
    assert expected.see_also and expected.zaak and expected.notices  # the batch has every kind of link
    assert found == {"see_also": expected.see_also, "zaak": expected.zaak, "notice": expected.notices}
    state.close()
