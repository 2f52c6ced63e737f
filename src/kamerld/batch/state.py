"""The incremental state of a build, kept on disk in SQLite so the main process stays flat.

One row per input: what it was (size and modification time, to skip hashing an input that was not
touched; its content hash, to tell a touched file from a changed one; the same for its companion
files), what it became (status, files, its line of the run report, its counts), and one row per
document: which input holds it (the claims), what the links between documents need, and its three
dump parts (gzip members of its N-Triples, Turtle and JSON-LD nodes, compressed by the worker) and its
share of the corpus graphs (`shares`), so the dumps and the corpus graphs are made from here, never
by reading a document's files back.

Results are committed a few at a time, at most a second apart (`build.COMMIT_SECONDS`; WAL,
synchronous=NORMAL: a commit is a write to the log, no fsync), so a build that is stopped, killed or
out of disk space resumes after the last input it committed (the last line of report.jsonl).
`generation` counts the changes; the dumps and links record the generation they were written at,
so a build that changed nothing rewrites neither.
"""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from kamerld.batch.corpus import TABLES as CORPUS_TABLES
from kamerld.batch.corpus import pages
from kamerld.errors import OutputError
from kamerld.writers.atomic import output_error

STATE_DB = ".kamerld-state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inputs (
  path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT, companions TEXT,
  companions_stat TEXT, status TEXT NOT NULL, files TEXT NOT NULL, line TEXT NOT NULL,
  documents INTEGER, questions INTEGER, answers INTEGER, citations INTEGER, triples INTEGER,
  violations INTEGER);
CREATE TABLE IF NOT EXISTS documents (
  name TEXT PRIMARY KEY, input TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, links TEXT NOT NULL,
  nt BLOB, ttl BLOB, jsonld BLOB, share TEXT, share_data BLOB, parts TEXT);
CREATE INDEX IF NOT EXISTS documents_by_input ON documents(input);
CREATE INDEX IF NOT EXISTS documents_by_parts ON documents(name, parts);
CREATE TABLE IF NOT EXISTS extras (name TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (name, seq));
CREATE TABLE IF NOT EXISTS dump_layouts (dump TEXT PRIMARY KEY, file TEXT NOT NULL, layout BLOB NOT NULL);
"""

_TABLES = ("meta", "inputs", "documents", "extras", "dump_layouts")
#: the layout of the tables above (SQLite's user_version); a state of another layout is dropped
SCHEMA_VERSION = 7  # 2: the corpus tables; 3: files NUL-separated; 4: lines by graph; 5: shares kept,
#                    dump parts of the corpus graphs in pieces; 6: a digest of the dump parts, the
#                    dumps' layouts; 7: the digest says which parts there are, an index of it

#: the counts of an input's documents kept beside its report line, in this order
COUNTS = ("documents", "questions", "answers", "citations", "triples", "violations")


_SCAN_SCHEMA = """
CREATE TEMP TABLE IF NOT EXISTS scan (name TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
DELETE FROM temp.scan;
CREATE TEMP TABLE IF NOT EXISTS todo (seq INTEGER PRIMARY KEY, name TEXT NOT NULL);
DELETE FROM temp.todo
"""
_SCAN_PAGE = 1024
#: what a build needs to tell an unchanged input from a changed one (`Scanned`): not its report line
_SCANNED_ENTRIES = ("SELECT path, size, mtime_ns, sha256, companions, companions_stat, status, files, "
                    "documents, EXISTS (SELECT 1 FROM temp.scan s WHERE s.name = inputs.path) "
                    "FROM inputs ORDER BY path")


class ScanList(Sequence[str]):
    """The inputs to convert (`BuildState.todo`): a sequence read from a temporary table by
    position, so the runner can hand out and hand back inputs by index without a list of them all.
    Iterated a page at a time (no cursor stays open while the build writes)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        (self._len,) = db.execute("SELECT count(*) FROM temp.todo").fetchone()
        (self._first,) = db.execute("SELECT coalesce(min(seq), 1) FROM temp.todo").fetchone()

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        row = self._db.execute("SELECT name FROM temp.todo WHERE seq = ?", (self._first + index,)).fetchone()
        return row[0]

    def __iter__(self) -> Iterator[str]:
        for page in pages(self._db, "SELECT seq, name FROM temp.todo WHERE seq > ? ORDER BY seq LIMIT ?",
                          self._first - 1, 512):
            yield from (name for _, name in page)


def split_files(files: str) -> list[str]:
    """The files column: paths joined by NUL, the one character no path holds (a JSON list costs
    a build that changed nothing a parse per input)."""
    return files.split("\0") if files else []


class Scanned(NamedTuple):
    """An input of the state as a build's scan sees it (`BuildState.scanned_entries`)."""

    path: str
    size: int | None
    mtime_ns: int | None
    sha256: str | None
    companions: str | None
    companions_stat: str
    status: str
    files: str  # the paths, NUL-separated (`split_files`)
    documents: int | None
    present: int  # 1 when this build's scan found it


def sqlite_output_error(exc: sqlite3.Error, path: Path) -> OutputError:
    """SQLite says "disk I/O error" or "database or disk is full" without the errno: find the cause
    (a full or read-only file system, a file size limit) so the message says what to do."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    cause = None
    try:
        vfs = os.statvfs(path.parent)
        if vfs.f_flag & os.ST_RDONLY:
            cause = errno.EROFS
        elif vfs.f_bavail * vfs.f_frsize < 1 << 16:
            cause = errno.ENOSPC
    except OSError:
        pass
    if cause is None:
        soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
        sizes = [p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
        if soft != resource.RLIM_INFINITY and sizes and max(sizes) + (1 << 16) > soft:
            cause = errno.EFBIG
    if cause is None:
        cause = (errno.ENOSPC if code.startswith("SQLITE_FULL")
                 else errno.EACCES if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) else errno.EIO)
    err = OSError(cause, os.strerror(cause) if cause != errno.EIO else f"{os.strerror(cause)} ({exc})")
    return output_error(err, path)


class BuildState:
    """The state of one build folder (`OUT/.kamerld-state.sqlite`)."""

    def __init__(self, out: Path):
        self.path = out / STATE_DB
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            (version,) = self.db.execute("PRAGMA user_version").fetchone()
            if version != SCHEMA_VERSION:  # a state of another kamerld: forgotten, the build starts over
                self.db.executescript("BEGIN;" + "".join(f"DROP TABLE IF EXISTS {t};"
                                                         for t in (*_TABLES, *CORPUS_TABLES))
                                      + _SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        except sqlite3.Error as exc:
            raise sqlite_output_error(exc, self.path) from exc
        self._in_tx = False
        self.checkpoint()

    # -- transactions: every call that writes goes through `write` ------------------------------

    def write(self, sql: str, args: tuple | list = ()) -> None:
        self._in_transaction(self.db.execute, sql, args)

    def write_many(self, sql: str, rows: list[tuple]) -> None:
        """`write` for many rows of one statement (one call into SQLite)."""
        if rows:
            self._in_transaction(self.db.executemany, sql, rows)

    def _in_transaction(self, call, sql: str, args) -> None:
        try:
            if not self._in_tx:
                self.db.execute("BEGIN")
                self._in_tx = True
            call(sql, args)
        except sqlite3.Error as exc:
            self._rollback()
            raise sqlite_output_error(exc, self.path) from exc

    def commit(self) -> None:
        if not self._in_tx:
            return
        try:
            self.db.execute("COMMIT")
            self._in_tx = False
        except sqlite3.Error as exc:
            self._rollback()
            raise sqlite_output_error(exc, self.path) from exc

    def _rollback(self) -> None:
        if self._in_tx:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._in_tx = False

    def close(self) -> None:
        self._rollback()
        try:
            self.db.close()
        except sqlite3.Error:
            pass

    # -- meta --------------------------------------------------------------------------------------

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set(self, key: str, value: str) -> None:
        self.write("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                   "excluded.value", (key, value))

    @property
    def generation(self) -> int:
        return int(self.get("generation") or 0)

    def changed(self) -> None:
        """Something the dumps or links show changed: they are written again at the end."""
        self.set("generation", str(self.generation + 1))

    def reset(self, fingerprint: str) -> None:
        """Forget everything (the options or kamerld's version changed)."""
        for table in _TABLES:
            self.write(f"DELETE FROM {table}")
        for table in CORPUS_TABLES:  # made again when the corpus graphs are (`corpus.update`)
            self.write(f"DROP TABLE IF EXISTS {table}")
        self.set("fingerprint", fingerprint)
        self.set("generation", "1")
        self.commit()
        self.checkpoint()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file and empty it."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise sqlite_output_error(exc, self.path) from exc

    # -- inputs ------------------------------------------------------------------------------------

    def paths(self) -> Iterator[str]:
        for (path,) in self.db.execute("SELECT path FROM inputs ORDER BY path"):
            yield path

    # -- this build's scan: the inputs found, in a temporary table (a list of every input, with the
    # set and the queue made of it, was what grew most in the main process: 50 MB at 200,000) ------

    def load_scan(self, names: Iterable[str]) -> list[str]:
        """Keep the inputs found, in their order (a path named twice counts once). Returns the names
        SQLite cannot hold (not UTF-8: a file name with bytes the file system's encoding lacks)."""
        for statement in _SCAN_SCHEMA.split(";"):
            if statement.strip():
                self.write(statement)
        bad: list[str] = []
        page: list[tuple[str, int]] = []
        for seq, name in enumerate(names):
            if not name.isascii():
                try:
                    name.encode("utf-8")
                except UnicodeEncodeError:
                    bad.append(name)
                    continue
            page.append((name, seq))
            if len(page) == _SCAN_PAGE:
                self.write_many("INSERT OR IGNORE INTO temp.scan (name, seq) VALUES (?, ?)", page)
                page = []
        self.write_many("INSERT OR IGNORE INTO temp.scan (name, seq) VALUES (?, ?)", page)
        return bad

    def scanned_entries(self) -> Iterator[Scanned]:
        """Every input of the state, in the order of their paths, with whether this build's scan
        found it (`load_scan`)."""
        cursor = self.db.execute(_SCANNED_ENTRIES)
        while rows := cursor.fetchmany(1024):
            yield from map(Scanned._make, rows)

    def kept_lines(self, converted: Sequence[str]) -> Iterator[tuple[bool, str]]:
        """(whether it failed: its status is not one of `converted`, its stored report line) of
        every input, in the order of their paths: once a build has forgotten what changed, the
        inputs it found unchanged."""
        marks = ", ".join("?" * len(converted))
        cursor = self.db.execute(f"SELECT status NOT IN ({marks}), line FROM inputs ORDER BY path",
                                 tuple(converted))
        while rows := cursor.fetchmany(1024):
            yield from rows

    def kept_totals(self, converted: Sequence[str]) -> tuple[int, ...]:
        """The number of inputs with a status of `converted` and the sums of their `COUNTS`."""
        marks = ", ".join("?" * len(converted))
        return self.db.execute("SELECT count(*), " + ", ".join(f"coalesce(sum({c}), 0)" for c in COUNTS)
                               + f" FROM inputs WHERE status IN ({marks})", tuple(converted)).fetchone()

    def todo(self) -> ScanList:
        """The inputs of the scan the state does not hold (once the changed and failed ones are
        forgotten, the state holds the unchanged ones), in their order, as a list kept on disk."""
        self.write("DELETE FROM temp.todo")
        self.write("INSERT INTO temp.todo (name) SELECT name FROM temp.scan "
                   "WHERE name NOT IN (SELECT path FROM inputs) ORDER BY seq")
        return ScanList(self.db)

    def all_files(self) -> Iterator[str]:
        for (files,) in self.db.execute("SELECT files FROM inputs"):
            yield from split_files(files)

    def touch(self, path: str, size: int, mtime_ns: int, companions_stat: str) -> None:
        """The input was hashed and found the same: remember its new modification time."""
        self.write("UPDATE inputs SET size = ?, mtime_ns = ?, companions_stat = ? WHERE path = ?",
                   (size, mtime_ns, companions_stat, path))

    def forget(self, path: str) -> list[str]:
        """Drop an input (gone, or to be converted again) and its documents; the files it wrote."""
        row = self.db.execute("SELECT files FROM inputs WHERE path = ?", (path,)).fetchone()
        self.write("DELETE FROM inputs WHERE path = ?", (path,))
        self.write("DELETE FROM documents WHERE input = ?", (path,))
        return split_files(row[0]) if row else []

    def record(self, path: str, stat: tuple[int, int] | None, sha256: str | None, companions: str | None,
               companions_stat: str, status: str, files: list[str], line: str, counts: list[int],
               documents: list[tuple]) -> None:
        """One finished input (`documents`: name, id, kind, links JSON, nt, ttl, jsonld parts, share
        digest, share: `pipeline.Parts`)."""
        size, mtime = stat if stat is not None else (None, None)
        self.write("DELETE FROM documents WHERE input = ?", (path,))
        self.write("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (path, size, mtime, sha256, companions, companions_stat, status, "\0".join(files), line,
                    *counts))
        for doc in documents:
            self.write("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (doc[0], path, *doc[1:], _digest(doc[4:7])))

    # -- documents ---------------------------------------------------------------------------------

    def owner(self, name: str) -> str | None:
        row = self.db.execute("SELECT input FROM documents WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def link_rows(self) -> Iterator[tuple[str, str, str]]:
        """(id, kind, links JSON) of every document."""
        yield from self.db.execute("SELECT id, kind, links FROM documents ORDER BY name")

    def parts(self, column: str) -> Iterator[tuple[str, str]]:
        """(name, digest of its three parts) of every document with a `column` dump part, in the order
        of their names: what a dump holds (`part` reads one)."""
        if column not in _PARTS:
            raise ValueError(column)
        flag = _PARTS.index(column)
        # from the index alone (a row's blobs come before its digest): the digest says which it has
        for name, parts in self.db.execute("SELECT name, parts FROM documents INDEXED BY documents_by_parts "
                                           "ORDER BY name"):
            digest, _, has = parts.partition(" ")
            if has[flag] == "1":
                yield name, digest

    def part(self, name: str, column: str) -> bytes:
        """One document's dump part."""
        if column not in _PARTS:
            raise ValueError(column)
        (blob,) = self.db.execute(f"SELECT {column} FROM documents WHERE name = ?", (name,)).fetchone()
        return blob

    def dump_layout(self, dump: str) -> tuple[str, bytes] | None:
        """(file identity, packed layout) of a dump as last written (`dumps.write_dumps`)."""
        row = self.db.execute("SELECT file, layout FROM dump_layouts WHERE dump = ?", (dump,)).fetchone()
        return (row[0], row[1]) if row else None

    def set_dump_layout(self, dump: str, file: str, layout: bytes) -> None:
        self.write("INSERT OR REPLACE INTO dump_layouts (dump, file, layout) VALUES (?, ?, ?)",
                   (dump, file, layout))


    def has_extras(self, name: str) -> bool:
        """Whether the batch keeps a dump part called `name`."""
        (found,) = self.db.execute("SELECT EXISTS (SELECT 1 FROM extras WHERE name = ?)", (name,)).fetchone()
        return found == 1

    def extras(self, name: str) -> Iterator[bytes]:
        """The batch's own dump part called `name` (a corpus graph's), in its pieces, if there is one."""
        for (blob,) in self.db.execute("SELECT data FROM extras WHERE name = ? ORDER BY seq", (name,)):
            yield blob


_PARTS = ("nt", "ttl", "jsonld")


def _digest(parts: Sequence[bytes | None]) -> str:
    """What names a document's three dump parts in a dump's layout (the same digest, the same bytes),
    and which of them it has ("<digest> 101": N-Triples and JSON-LD, no Turtle)."""
    h = hashlib.blake2b(digest_size=12)
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part if part is not None else b"-")
    return h.hexdigest() + " " + "".join("0" if part is None else "1" for part in parts)


class StateOwners:
    """`claims.Claims`' owner map over the state: which input holds a document name."""

    def __init__(self, state: BuildState):
        self.state = state

    def get(self, name: str) -> str | None:
        return self.state.owner(name)

    def __setitem__(self, name: str, path: str) -> None:
        pass  # the document rows are written with the input's record


__all__ = ["BuildState", "COUNTS", "STATE_DB", "StateOwners", "sqlite_output_error"]
