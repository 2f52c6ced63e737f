"""The corpus graphs of a build (`_registers`, `_links`), kept in the build state and brought up to
date from what changed, so one changed input does not make them again from every document.

The graphs are what `links.corpus_graphs` makes of a batch: each document's share (the register
resources it names, and what it shares with other documents: zaken, source files, cited papers),
each distinct triple once, nothing about a document the build holds (its own graph says it), and the
links between documents (`links.cross_links`). Here they are kept as N-Triples lines in the state:

* `corpus_applied`: each document's share as it was last counted in (`shares.pack`), by name;
* `corpus_lines`: every distinct share line, with the number of documents whose share holds it, its
  graph (stem) and whether it is about a document the build holds (then left out);
* `corpus_links`: the lines of the links between documents (made again from every document's link
  row each time: cheap, and a link depends on both ends);
* `corpus_nodes`: per subject, its JSON-LD node and its validation results.

A build diffs the documents' shares against `corpus_applied`, updates the counts, and remakes the
node and the validation of each subject it touched: a subject whose lines changed, the subjects its
changed lines point to, and the subjects that point to it (their `sh:class` checks read its types).
A subject is validated with its own lines, those of the nodes it points to and the lines pointing
to it, so every shape the compiled validator supports (sh:targetClass, sh:targetSubjectsOf,
sh:targetObjectsOf, value types and qualified shapes one step away) sees what it would see in the
whole graph; only the results for the subjects touched are kept. The files are then written from
the lines (N-Triples, Turtle through pyoxigraph) and the stored nodes (JSON-LD), only when a
subject changed. A build with nothing before it takes every subject as touched: the same code.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .options import Options
    from .state import BuildState

SCHEMA = """
CREATE TABLE IF NOT EXISTS corpus_applied (name TEXT PRIMARY KEY, sha TEXT NOT NULL, share BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS corpus_lines (
  line TEXT PRIMARY KEY, subject TEXT NOT NULL, object TEXT, doc TEXT, refs INTEGER NOT NULL,
  stem TEXT NOT NULL, held INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS corpus_links (
  line TEXT PRIMARY KEY, subject TEXT NOT NULL, object TEXT, stem TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS corpus_links_by_stem ON corpus_links(stem, line);
CREATE INDEX IF NOT EXISTS corpus_links_by_subject ON corpus_links(subject);
CREATE INDEX IF NOT EXISTS corpus_links_by_object ON corpus_links(object);
CREATE TABLE IF NOT EXISTS corpus_held (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS corpus_nodes (
  subject TEXT PRIMARY KEY, stem TEXT NOT NULL, triples INTEGER NOT NULL, jsonld TEXT NOT NULL,
  results TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS corpus_nodes_by_stem ON corpus_nodes(stem, subject);
CREATE INDEX IF NOT EXISTS documents_by_share ON documents(name, share);
"""
TABLES = ("corpus_applied", "corpus_lines", "corpus_links", "corpus_held", "corpus_nodes")
#: the indexes of corpus_lines, made after the lines of a first build are in (an index made at once
#: costs a sort; kept up row by row, a random insert into each of four B-trees per line)
LINE_INDEXES = """
CREATE INDEX IF NOT EXISTS corpus_lines_by_stem ON corpus_lines(stem, held, line);
CREATE INDEX IF NOT EXISTS corpus_lines_by_subject ON corpus_lines(subject);
CREATE INDEX IF NOT EXISTS corpus_lines_by_object ON corpus_lines(object);
CREATE INDEX IF NOT EXISTS corpus_lines_by_doc ON corpus_lines(doc);
"""


def _parts(line: str) -> tuple[str, str | None]:
    """(subject, object IRI or None) of an N-Triples line as the fast writers write it."""
    s_end = line.index("> <")
    p_end = line.index("> ", s_end + 3)
    rest = line[p_end + 2:]
    return line[1:s_end], (rest[1:rest.rindex(">")] if rest.startswith("<") else None)


@dataclass
class _Keys:
    """Which stem a subject belongs to, and which held document (if any) it is part of."""

    doc_prefix: str
    is_register: object  # Minter.is_register
    registers: str  # the stems' names (links.REGISTERS_STEM, LINKS_STEM)
    links: str

    def doc(self, subject: str) -> str | None:
        if not subject.startswith(self.doc_prefix):
            return None
        return subject[len(self.doc_prefix):].split("/", 1)[0]

    def stem(self, subject: str) -> str:
        return self.registers if self.is_register(subject) else self.links  # type: ignore[operator]


def _keys(options: Options) -> _Keys:
    """The stems and document prefix of the corpus graphs under the build's base."""
    from kamerld.rdf.uris import Minter

    from .links import LINKS_STEM, REGISTERS_STEM

    m = Minter(options.base)
    return _Keys(str(m.id("document")) + "/", m.is_register, REGISTERS_STEM, LINKS_STEM)


def update(state: BuildState, options: Options, jobs: int = 0) -> int:
    """Bring the corpus tables up to date with the documents in the state; returns how many subjects
    were remade (0: the corpus graphs are as they were). The links between documents are made again
    only when a document's link row changed (a digest of the rows says so; `corpus_links.relink`);
    `jobs`: processes to remake the nodes in (`_remake`). What is to do is kept in temporary tables,
    not in memory: a first build counts in every share and touches every subject of the graphs."""
    from . import corpus_links, shares

    db = state.db
    for statement in SCHEMA.split(";"):  # made here, not with the state: a build's state starts small
        if statement.strip():
            state.write(statement)
    if db.execute("SELECT NOT EXISTS (SELECT 1 FROM corpus_lines)").fetchone()[0]:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                  "tbl_name = 'corpus_lines' AND sql IS NOT NULL").fetchall():
            state.write(f"DROP INDEX {name}")  # no line yet: the indexes are made after step 1
    for table in ("corpus_touched", "corpus_pointed", "corpus_focus"):
        state.write(f"CREATE TEMP TABLE IF NOT EXISTS {table} (s TEXT PRIMARY KEY)")
        state.write(f"DELETE FROM temp.{table}")
    state.write("CREATE TEMP TABLE IF NOT EXISTS corpus_todo (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "sign INTEGER NOT NULL)")
    state.write("DELETE FROM temp.corpus_todo")
    keys = _keys(options)

    # 1. the shares: what is counted in against what the documents hold now (a new line about a
    # document is marked held as the documents were at the last update: step 2 brings it up to date);
    # temp.corpus_todo: the shares to count out (-1), then those to count in (+1)
    # (both read documents_by_share alone: a document's row holds its dump parts before its share
    # digest, so reading the digest from the row reads them too, 0.7 s at 20,000 inputs; a share's
    # digest and data are kept together or not at all)
    state.write("INSERT INTO temp.corpus_todo (name, sign) "
                "SELECT a.name, -1 FROM corpus_applied a WHERE NOT EXISTS (SELECT 1 FROM documents d "
                "INDEXED BY documents_by_share WHERE d.name = a.name AND d.share = a.sha) ORDER BY a.name")
    state.write("INSERT INTO temp.corpus_todo (name, sign) "
                "SELECT d.name, 1 FROM documents d LEFT JOIN corpus_applied a ON a.name = d.name "
                "WHERE d.share IS NOT NULL AND (a.sha IS NULL OR a.sha != d.share) ORDER BY d.name")
    # temp.corpus_touched: subjects whose lines changed; temp.corpus_pointed: IRIs they point to
    delta: Counter[str] = Counter()

    def touch(subjects: Iterable[str], objects: Iterable[str | None]) -> None:
        state.write_many("INSERT OR IGNORE INTO temp.corpus_touched (s) VALUES (?)", [(s,) for s in subjects])
        state.write_many("INSERT OR IGNORE INTO temp.corpus_pointed (s) VALUES (?)",
                         [(o,) for o in objects if o is not None])

    def touch_sql(select: str) -> None:
        """`touch` for the rows of a SELECT of (subject, object or NULL)."""
        state.write(f"WITH t(s, o) AS ({select}) INSERT OR IGNORE INTO temp.corpus_touched (s) "
                    "SELECT s FROM t")
        state.write(f"WITH t(s, o) AS ({select}) INSERT OR IGNORE INTO temp.corpus_pointed (s) "
                    "SELECT o FROM t WHERE o IS NOT NULL")

    def apply() -> None:
        """Count `delta` in, a batch of documents at a time (a first build counts in every share, and
        the main process should not hold every line of them at once); the lines are looked up and
        written 500 at a time."""
        items = sorted((line, n) for line, n in delta.items() if n)  # in order: B-tree pages in turn
        delta.clear()
        for chunk in chunks(items):
            marks = ",".join("?" * len(chunk))
            known = dict(db.execute(f"SELECT line, refs FROM corpus_lines WHERE line IN ({marks})",
                                    [line for line, _ in chunk]))
            updates, inserts, deletes, changed = [], [], [], []
            for line, n in chunk:
                old = known.get(line)
                refs = (old or 0) + n
                if old is not None and refs > 0:
                    updates.append((refs, line))
                    continue
                if refs <= 0 and old is None:
                    continue
                subject, obj = _parts(line)
                if refs <= 0:
                    deletes.append((line,))
                else:
                    doc = keys.doc(subject)
                    inserts.append((line, subject, obj, doc, refs, keys.stem(subject), doc))
                changed.append((subject, obj))
            touch((s for s, _ in changed), (o for _, o in changed))
            state.write_many("UPDATE corpus_lines SET refs = ? WHERE line = ?", updates)
            state.write_many("DELETE FROM corpus_lines WHERE line = ?", deletes)
            state.write_many("INSERT INTO corpus_lines (line, subject, object, doc, refs, stem, held) "
                             "VALUES (?, ?, ?, ?, ?, ?, EXISTS (SELECT 1 FROM corpus_held WHERE id = ?))",
                             inserts)

    # a changed document is counted out and in: its lines that stay cancel out within one batch
    todo = "SELECT seq, name, sign FROM temp.corpus_todo WHERE seq > ? ORDER BY seq LIMIT ?"
    # a page at a time in four statements, not two a document (a first build counts in every share);
    # the shares counted out all come before those counted in (their rows were inserted first)
    going = ("FROM temp.corpus_todo t JOIN corpus_applied x ON x.name = t.name "
             "WHERE t.seq BETWEEN ? AND ? AND t.sign < 0")
    coming = ("FROM temp.corpus_todo t JOIN documents x ON x.name = t.name "
              "WHERE t.seq BETWEEN ? AND ? AND t.sign > 0")
    for page in pages(db, todo, 0, SHARE_BATCH):
        span = (page[0][0], page[-1][0])
        for (blob,) in db.execute(f"SELECT x.share {going}", span).fetchall():
            delta.subtract(shares.lines(blob))
        state.write(f"DELETE FROM corpus_applied WHERE name IN (SELECT t.name {going})", span)
        for (blob,) in db.execute(f"SELECT x.share_data {coming}", span).fetchall():
            delta.update(shares.lines(blob))
        state.write("INSERT INTO corpus_applied (name, sha, share) "
                    f"SELECT x.name, x.share, x.share_data {coming}", span)
        apply()
    state.write("DELETE FROM temp.corpus_todo")

    for statement in LINE_INDEXES.split(";"):
        if statement.strip():
            state.write(statement)

    # 2, 3. the documents held and the links between documents depend on the link rows alone: when
    # no row changed (an answer's text was edited), they have nothing to do
    digest = hashlib.sha1(usedforsecurity=False)
    for row in db.execute("SELECT id, kind, links FROM documents ORDER BY name"):
        digest.update("\0".join(row).encode("utf-8") + b"\n")
    if state.get("corpus_link_rows") != digest.hexdigest():
        corpus_links.relink(state, options.base, keys.stem, touch_sql)
        state.set("corpus_link_rows", digest.hexdigest())

    if db.execute("SELECT NOT EXISTS (SELECT 1 FROM temp.corpus_touched)").fetchone()[0]:
        return 0
    # 4. the nodes to remake: those touched, what their changed lines point to, what points to them
    for sql in ("SELECT s FROM temp.corpus_touched", "SELECT s FROM temp.corpus_pointed",
                "SELECT subject FROM corpus_lines WHERE object IN (SELECT s FROM temp.corpus_touched)",
                "SELECT subject FROM corpus_links WHERE object IN (SELECT s FROM temp.corpus_touched)"):
        state.write("INSERT OR IGNORE INTO temp.corpus_focus (s) " + sql)
    (count,) = db.execute("SELECT count(*) FROM temp.corpus_focus").fetchone()
    _remake(state, _focus(db), keys, options, jobs, count)
    return count


def touched_stems(state: BuildState, options: Options) -> set[str]:
    """The corpus graphs whose lines the last `update` changed (their files are written again; the
    others' files stay as they are)."""
    keys = _keys(options)
    stems: set[str] = set()
    for page in pages(state.db, "SELECT s FROM temp.corpus_touched WHERE s > ? ORDER BY s LIMIT ?", "", 5000):
        stems.update(keys.stem(s) for (s,) in page)
        if len(stems) == 2:
            break
    return stems


def pages(db, select: str, start: object, size: int) -> Iterator[list[tuple]]:
    """The rows of `select` ("... WHERE key > ? ORDER BY key LIMIT ?", the key first) a page of
    `size` at a time from after `start`: each page is read whole, so no cursor stays open while
    the caller writes."""
    while page := db.execute(select, (start, size)).fetchall():
        yield page
        start = page[-1][0]


def _focus(db) -> Iterator[str]:
    """The subjects to remake (temp.corpus_focus), in order, a page at a time."""
    for page in pages(db, "SELECT s FROM temp.corpus_focus WHERE s > ? ORDER BY s LIMIT ?", "", REMAKE_CHUNK):
        yield from (s for (s,) in page)


def chunks(items: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    """`items` in lists of `size` (the last one shorter)."""
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _lines_of(db, subjects: Iterable[str]) -> dict[str, list[str]]:
    """The lines of each subject as the corpus graphs hold them (a held document's resources: only
    the links between documents)."""
    out: dict[str, list[str]] = {}
    for chunk in chunks(sorted(set(subjects))):
        marks = ",".join("?" * len(chunk))
        for subject, line in db.execute(
                f"SELECT subject, line FROM corpus_lines WHERE subject IN ({marks}) AND held = 0", chunk):
            out.setdefault(subject, []).append(line)
        for subject, line in db.execute(
                f"SELECT subject, line FROM corpus_links WHERE subject IN ({marks})", chunk):
            out.setdefault(subject, []).append(line)
    return {s: sorted(set(lines)) for s, lines in out.items()}


def _incoming(db, subjects: Iterable[str]) -> list[str]:
    out: list[str] = []
    for chunk in chunks(sorted(set(subjects))):
        marks = ",".join("?" * len(chunk))
        out.extend(r[0] for r in db.execute(
            f"SELECT line FROM corpus_lines WHERE object IN ({marks}) AND held = 0", chunk))
        out.extend(r[0] for r in db.execute(
            f"SELECT line FROM corpus_links WHERE object IN ({marks})", chunk))
    return out


#: documents' shares counted in at a time
SHARE_BATCH = 1000
#: subjects made and validated at a time: a first build touches every subject of the corpus graphs
#: (65,000 at 20,000 inputs), and the main process should not hold them all as rdflib terms at once
REMAKE_CHUNK = 2000


def _remake(state: BuildState, focus: Iterable[str], keys: _Keys, options: Options, jobs: int = 0,
            count: int = 0) -> None:
    """The JSON-LD node and the validation results of every subject in `focus` (sorted; `count` of
    them), in its stem's graph; a chunk at a time (each subject is validated with its own context,
    so the chunks do not matter).
    With `jobs` > 1 and more than one chunk, the chunks are made in that many forked processes: the
    main process reads each chunk's lines from the state and writes the rows back, the processes
    parse, validate and serialise (a first build at 20,000 inputs makes 75,000 subjects)."""
    db = state.db
    tasks = (_gather(db, set(chunk), keys, state) for chunk in chunks(focus, REMAKE_CHUNK))
    if jobs > 1 and count > REMAKE_CHUNK:
        import multiprocessing as mp
        import os

        from .procs import die_with_parent

        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        with mp.get_context(method).Pool(jobs, die_with_parent, (os.getpid(),)) as pool:
            # at most two chunks a process in flight: the main process does not hold every line
            pending: list = []
            for task in tasks:
                pending.append(pool.apply_async(_make_nodes, (*task, options)))
                if len(pending) >= 2 * jobs:
                    _store_nodes(state, pending.pop(0).get())
            for result in pending:
                _store_nodes(state, result.get())
    else:
        for task in tasks:
            _store_nodes(state, _make_nodes(*task, options))


def _gather(db, focus: set[str], keys: _Keys, state: BuildState
            ) -> tuple[list[tuple[str, list[str], dict[str, int], list[str]]]]:
    """What a chunk of subjects needs from the state: per stem, its subjects, how many lines each
    has, and every line they are validated with (their own, their values' and the lines pointing to
    them). Subjects with no lines left lose their node."""
    own = _lines_of(db, focus)
    state.write_many("DELETE FROM corpus_nodes WHERE subject = ?", [(s,) for s in focus - own.keys()])
    by_stem: dict[str, list[str]] = {}
    for subject in sorted(own):
        by_stem.setdefault(keys.stem(subject), []).append(subject)
    groups = []
    for stem, subjects in by_stem.items():
        mine = set(subjects)
        lines = {ln for s in subjects for ln in own[s]}
        values = {o for s in subjects for ln in own[s] if (o := _parts(ln)[1]) is not None} - mine
        context = [*_lines_of(db, {v for v in values if keys.stem(v) == stem}).values()]
        lines.update(ln for group in context for ln in group)
        lines.update(ln for ln in _incoming(db, mine) if keys.stem(_parts(ln)[0]) == stem)
        groups.append((stem, subjects, {s: len(own[s]) for s in subjects}, sorted(lines)))
    return (groups,)


def _make_nodes(groups: list[tuple[str, list[str], dict[str, int], list[str]]], options: Options
                ) -> list[tuple[str, str, int, str, str]]:
    """The corpus_nodes rows of a chunk (`_gather`): each subject's JSON-LD node and validation
    results. Reads and writes nothing: it may run in another process."""
    from kamerld.writers.fast import from_ntriples, jsonld_nodes

    from .pipeline import _validate

    rows = []
    for stem, subjects, counts, lines in groups:
        mine = set(subjects)
        triples = from_ntriples("\n".join(lines).encode("utf-8"))
        report = _validate([triples], options)[0]
        results: dict[str, list[list[str]]] = {}
        for r in (report.results if report else []):
            if r.focus in mine:
                results.setdefault(r.focus, []).append([r.severity, f"{r.focus} {r.message}"])
        by_subject: dict[str, list] = {}
        for t in triples:
            if str(t[0]) in mine:
                by_subject.setdefault(str(t[0]), []).append(t)
        for subject in subjects:
            [node] = jsonld_nodes(by_subject[subject])
            rows.append((subject, stem, counts[subject], json.dumps(node, ensure_ascii=False),
                         json.dumps(sorted(results.get(subject, [])), ensure_ascii=False)))
    return rows


def _store_nodes(state: BuildState, rows: list[tuple[str, str, int, str, str]]) -> None:
    state.write_many("INSERT OR REPLACE INTO corpus_nodes (subject, stem, triples, jsonld, results) "
                     "VALUES (?, ?, ?, ?, ?)", rows)


def graph_lines(state: BuildState, stem: str) -> Iterator[str]:
    """The N-Triples lines of one corpus graph, sorted and each once (both tables give them in
    order), one at a time."""
    import heapq

    db = state.db
    shares = (r[0] for r in db.execute(
        "SELECT line FROM corpus_lines WHERE stem = ? AND held = 0 ORDER BY line", (stem,)))
    links = (r[0] for r in db.execute("SELECT line FROM corpus_links WHERE stem = ? ORDER BY line", (stem,)))
    last = None
    for line in heapq.merge(shares, links):
        if line != last:
            yield line
            last = line


def graph_nodes(state: BuildState, stem: str) -> Iterator[str]:
    """The JSON-LD nodes of one corpus graph (as JSON text), in the order of their @id."""
    for (node,) in state.db.execute("SELECT jsonld FROM corpus_nodes WHERE stem = ? ORDER BY subject",
                                    (stem,)):
        yield node


def results(state: BuildState, stem: str) -> tuple[int, list[list[str]]]:
    """(triples, validation results) of one corpus graph."""
    db = state.db
    (triples,) = db.execute("SELECT coalesce(sum(triples), 0) FROM corpus_nodes WHERE stem = ?",
                            (stem,)).fetchone()
    out: list[list[str]] = []
    for (found,) in db.execute("SELECT results FROM corpus_nodes WHERE stem = ? AND results != '[]' "
                               "ORDER BY subject", (stem,)):
        out += json.loads(found)
    return triples, out
