"""Queries run in worker processes, each stopped when it runs over its time or memory limit.

A thread cannot be stopped and pyoxigraph has no cancel call, so every query runs in a separate
worker *process* (a small pool, each with the store opened read-only). When the time limit passes, or
the worker's resident memory grows past `max_memory`, the worker is killed and replaced; the client
gets 503 saying which limit it hit. The store is never written to.

`run_query` is what a worker does with one query: evaluate it over the dataset the request names
(`default-graph-uri` / `named-graph-uri`), else the query's FROM clauses, else the union of the graphs,
and write the result in the format the client prefers (`sparql_results`), cut at the row limit.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import queue
import re
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kamerld.batch.procs import die_with_parent, rss_bytes
from kamerld.publish.server.conneg import choose
from kamerld.publish.server.query_errors import explain
from kamerld.publish.server.results import (
    GRAPH_OFFERS,
    MIME_OF_FMT,
    SELECT_OFFERS,
    write_ask,
    write_graph,
    write_select,
)

_TEXT = {"Content-Type": "text/plain; charset=utf-8"}
#: how often a running query's worker is looked at (is it alive, how much memory does it hold)
_POLL_SECONDS = 0.05

Dataset = tuple[list[str], list[str]]  # (default-graph-uri, named-graph-uri) of the SPARQL protocol

_FROM = re.compile(r"(?<![?$\w])FROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:|:)", re.I)
_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_GRAPH_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
_IRIS = re.compile(r"<[^\s<>\"{}|^`\\]*>")


def is_graph_iri(value: str) -> bool:
    """A graph name of the protocol: an absolute IRI that pyoxigraph takes (never a 500 later)."""
    if not _GRAPH_IRI.fullmatch(value):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (FROM / FROM NAMED), outside IRIs, strings, comments."""
    bare = re.sub(r"#[^\n]*", "", _STRINGS.sub('""', _IRIS.sub("<>", query)))
    return bool(_FROM.search(bare))


def dataset_options(query: str, dataset: Dataset | None) -> dict:
    """How the dataset is chosen: the protocol's graphs (they override FROM, SPARQL 1.1 Protocol
    2.1.4), else the query's FROM clauses, else the union of every graph."""
    if dataset is not None:
        default, named = dataset
        return {"default_graph": [ox.NamedNode(g) for g in default],
                "named_graphs": [ox.NamedNode(g) for g in named]}
    if has_dataset_clause(query):
        return {}
    return {"use_default_graph_as_union": True}


def run_query(store: ox.Store, query: str, accept: str | None, max_results: int,
              max_bytes: int | None = None, dataset: Dataset | None = None) -> tuple[int, dict, bytes]:
    """Evaluate one query (over the union of the graphs unless a dataset is named); (status, headers,
    body). Runs in a worker."""
    status, headers, body = _run_query(store, query, accept, max_results, dataset)
    if max_bytes is not None and len(body) > max_bytes:
        msg = (f"the result is larger than the limit of {max_bytes // 2**20} MiB; "
               "ask for fewer rows (LIMIT) or fewer variables\n")
        return 503, dict(_TEXT), msg.encode()
    return status, headers, body


def _run_query(store: ox.Store, query: str, accept: str | None, max_results: int,
               dataset: Dataset | None = None) -> tuple[int, dict, bytes]:
    try:
        result = store.query(query, **dataset_options(query, dataset))
    except SyntaxError as exc:
        return 400, dict(_TEXT), explain(query, str(exc)).encode("utf-8")
    headers: dict[str, str] = {}
    # A client that accepts none of the formats a result can take gets the default (SPARQL JSON,
    # Turtle), as SPARQL servers do, rather than 406: rdflib's SPARQLStore asks for results formats
    # only, also for CONSTRUCT, and reads the answer by its Content-Type.
    if isinstance(result, ox.QueryBoolean):
        mime = choose(accept, list(SELECT_OFFERS)[:4]) or "application/sparql-results+json"
        fmt = SELECT_OFFERS[mime]
        return 200, {"Content-Type": MIME_OF_FMT[fmt]}, write_ask(bool(result), fmt)
    if isinstance(result, ox.QuerySolutions):
        fmt = SELECT_OFFERS[choose(accept, list(SELECT_OFFERS)) or "application/sparql-results+json"]
        variables = [v.value for v in result.variables]
        rows = [[sol[v] for v in variables] for sol in itertools.islice(result, max_results + 1)]
        cut_at = None
        if len(rows) > max_results:
            rows, cut_at = rows[:max_results], max_results
            headers["X-SPARQL-MaxRows"] = str(max_results)
        headers["Content-Type"] = MIME_OF_FMT[fmt]
        return 200, headers, write_select(variables, rows, fmt, cut_at)
    mime = choose(accept, list(GRAPH_OFFERS)) or "text/turtle"
    triples = list(itertools.islice(result, max_results + 1))
    cut_at = None
    if len(triples) > max_results:
        triples, cut_at = triples[:max_results], max_results
        headers["X-SPARQL-MaxRows"] = str(max_results)
    headers["Content-Type"] = mime + ("; charset=utf-8" if mime.startswith("text/") else "")
    return 200, headers, write_graph(triples, mime, cut_at)


def _worker_main(store_path: str, conn, parent_pid: int) -> None:  # pragma: no cover - a child process
    die_with_parent(parent_pid)  # a kill -9 of the server must not leave a query running
    store = ox.Store.read_only(store_path)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        query, accept, max_results, max_bytes, dataset = job
        try:
            conn.send(run_query(store, query, accept, max_results, max_bytes, dataset))
        except Exception as exc:  # report, never die: the pool reuses this worker
            conn.send((500, {"Content-Type": "text/plain; charset=utf-8"}, f"query failed: {exc}\n".encode()))





class QueryPool:
    """Worker processes that run queries and are killed when one runs over its time or memory limit."""

    def __init__(self, store_path: Path, size: int = 2, max_memory: int | None = None,
                 max_result_bytes: int | None = None):
        self.store_path = str(store_path)
        self.max_memory = max_memory
        self.max_result_bytes = max_result_bytes
        self.ctx = mp.get_context("spawn")  # no fork: the parent holds RocksDB and server threads
        self.idle: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.procs: list = []
        for _ in range(size):
            self.idle.put(None)  # a slot; the process starts on first use
        # workers are started by one long-lived thread: the kernel kills a child when the *thread*
        # that started it ends (PR_SET_PDEATHSIG), and request threads end after every request
        self._spawns: queue.Queue = queue.Queue()
        threading.Thread(target=self._spawner, name="kamerld-query-spawner", daemon=True).start()

    def _spawner(self) -> None:
        while True:
            reply = self._spawns.get()
            if reply is None:
                return
            try:
                reply.put(self._start())
            except BaseException as exc:  # handed to the request that asked for the worker
                reply.put(exc)

    def _start(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(self.store_path, child, os.getpid()),
                                daemon=True)
        proc.start()
        child.close()
        with self.lock:
            self.procs = [p for p in self.procs if p.is_alive()]
            self.procs.append(proc)
        return proc, parent

    def _spawn(self):
        reply: queue.Queue = queue.Queue(maxsize=1)
        self._spawns.put(reply)
        got = reply.get()
        if isinstance(got, BaseException):
            raise got
        return got

    def _stop(self, proc) -> None:
        proc.kill()
        proc.join(1)
        self.idle.put(None)  # the slot is free again; a fresh worker starts on the next query

    def run(
        self, query: str, accept: str | None, max_results: int, timeout: float, dataset: Dataset | None = None
    ) -> tuple[int, dict, bytes]:
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return 503, {**_TEXT, "Retry-After": "5"}, b"server busy\n"
        if worker is None or not worker[0].is_alive():
            worker = self._spawn()
        proc, conn = worker
        conn.send((query, accept, max_results, self.max_result_bytes, dataset))
        # the first query also pays for starting the worker (importing pyoxigraph): allow that once
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._stop(proc)
                msg = f"query exceeded the time limit of {timeout:g} s and was stopped\n"
                return 503, dict(_TEXT), msg.encode()
            if conn.poll(min(_POLL_SECONDS, left)):
                try:
                    result = conn.recv()
                except (EOFError, OSError):  # the worker died: killed by the kernel, or crashed
                    self._stop(proc)
                    return 503, dict(_TEXT), b"the query stopped its worker process (out of memory?)\n"
                self.idle.put(worker)
                return result
            rss = rss_bytes(proc.pid) if self.max_memory else None
            if rss is not None and rss > self.max_memory:  # type: ignore[operator]
                self._stop(proc)
                limit = self.max_memory // 2**20  # type: ignore[operator]
                msg = f"query used more than the memory limit of {limit} MiB and was stopped\n"
                return 503, dict(_TEXT), msg.encode()

    def close(self) -> None:
        self._spawns.put(None)
        with self.lock:
            for proc in self.procs:
                if proc.is_alive():
                    proc.kill()
            self.procs.clear()


__all__ = ["Dataset", "QueryPool", "dataset_options", "has_dataset_clause", "is_graph_iri", "run_query"]
