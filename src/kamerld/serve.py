"""Read-only local server: the linked-data site with content negotiation, and a SPARQL 1.1 endpoint.

Standard library only (wsgiref + threads + multiprocessing). Serves either a published site folder
(`kamerld publish` output, whose `_store/` holds the data) or a bare pyoxigraph store folder, in which case
the `doc/` pages are rendered from the store on request.

Limits, and why this way:
* query time and memory: every query runs in a separate worker *process* (a small pool, each with the
  store opened read-only). A thread cannot be stopped and pyoxigraph has no cancel call, so when the
  time limit passes, or the worker's resident memory grows past `max_query_memory`, the worker process
  is killed and replaced; the client gets 503 saying which limit it hit. The store is never written to.
* result size: at most `max_results` rows (SELECT) or triples (CONSTRUCT/DESCRIBE) are sent; a cut-off
  result says so in the `X-SPARQL-MaxRows` header (as Virtuoso does). A result larger than
  `max_result_bytes` is refused with 503.
* federated queries: `SERVICE` would make the server send requests to any address it can reach
  (`sparql_guard`); refused with 403 unless the endpoint is on the operator's `allow_service` list.
* query length: a longer GET query string is 414, a longer POST body 413.
* updates: `update=`, `application/sparql-update` and update operations in `query=` get 403.
* paths: `..`, hidden files (but `.well-known`), `_store/` and `_server/` are never served; a path that
  is not UTF-8 or holds control characters is 400, a path longer than `max_path_length` 414, and a
  resource whose IRI would not be valid is simply not found (404).
* connections (`make_server_for`): an accepted connection waits in a lobby (one thread for all of
  them, no thread each) until its request starts, at most `idle_timeout` seconds; reading the request
  has `read_timeout` seconds in all; at most `max_handlers` requests are handled at once (the rest get
  503 at once) and the listen backlog is 128, so many clients never stall on the kernel's queue.
* errors: a bug in a handler gives 500 and one line on stderr, never a traceback, never the server.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import multiprocessing as mp
import os
import queue
import re
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

import pyoxigraph as ox

from kamerld.chars import clean_text, printable
from kamerld.errors import InputError
from kamerld.httpserver import make_server_for
from kamerld.procs import die_with_parent, rss_bytes
from kamerld.sparql_guard import refusal
from kamerld.store import is_store_dir

FILE_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".rdf": "application/rdf+xml",
    ".gz": "application/gzip",
    ".json": "application/json",
    ".css": "text/css",
    ".txt": "text/plain; charset=utf-8",
    # the site's statistics and search (nosniff: a script must be served as one to run)
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".csv": "text/csv; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".wasm": "application/wasm",
    ".atom": "application/atom+xml",
}
#: negotiable page representations, in order of preference on a tie
PAGE_OFFERS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/turtle": ".ttl",
    "application/ld+json": ".jsonld",
    "application/n-triples": ".nt",
    "application/rdf+xml": ".rdf",
    "application/json": ".jsonld",
}
SELECT_OFFERS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_OFFERS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)


# ---- content negotiation ------------------------------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def choose(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers (q-values, most specific range wins); the first offer when there is
    no Accept; None when the client accepts none of them."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0]
        q, spec = 0.0, -1
        for rng, rq in ranges:
            s = 2 if rng == offer else 1 if rng == f"{kind}/*" else 0 if rng == "*/*" else -1
            if s > spec:
                q, spec = rq, s
        if spec >= 0 and q > best_q:
            best, best_q = offer, q
    return best


# ---- SPARQL results -----------------------------------------------------------------------------


def xml_escape(text: str) -> str:
    """Escaped for XML 1.0, which cannot carry control characters even as references: a store loaded
    from someone else's files may hold them, and the results must stay well-formed."""
    return _xml_escape(clean_text(text))


def _term_json(term: Any) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _term_xml(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>'
        dt = term.datatype.value
        if dt != "http://www.w3.org/2001/XMLSchema#string":
            return f'<literal datatype="{xml_escape(dt)}">{xml_escape(term.value)}</literal>'
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def write_select(variables: list[str], rows: list[list[Any]], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [
            {v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
        ]
        return json.dumps(
            {"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False
        ).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f'<variable name="{xml_escape(v)}"/>' for v in variables]
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>")
            out += [
                f'<binding name="{xml_escape(v)}">{_term_xml(t)}</binding>'
                for v, t in zip(variables, row, strict=True)
                if t is not None
            ]
            out.append("</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    buf = io.StringIO()
    if fmt == "csv":  # SPARQL 1.1 CSV: bare values, RFC 4180 quoting
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow(
                [
                    "" if t is None else ("_:" + t.value if isinstance(t, ox.BlankNode) else t.value)
                    for t in row
                ]
            )
    else:  # TSV: terms in Turtle/N-Triples syntax
        buf.write("\t".join("?" + v for v in variables) + "\n")
        for row in rows:
            buf.write("\t".join("" if t is None else str(t) for t in row) + "\n")
    return buf.getvalue().encode("utf-8")


def write_ask(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{str(value).lower()}</boolean></sparql>\n"
        ).encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


_MIME_OF_FMT = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


Dataset = tuple[list[str], list[str]]  # (default-graph-uri, named-graph-uri) of the SPARQL protocol

_FROM = re.compile(r"(?<![?$\w])FROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:|:)", re.I)
_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')


_GRAPH_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
_IRIS = re.compile(r"<[^\s<>\"{}|^`\\]*>")


def _is_graph_iri(value: str) -> bool:
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
        return 503, {"Content-Type": "text/plain; charset=utf-8"}, msg.encode()
    return status, headers, body


def _run_query(store: ox.Store, query: str, accept: str | None, max_results: int,
               dataset: Dataset | None = None) -> tuple[int, dict, bytes]:
    try:
        result = store.query(query, **dataset_options(query, dataset))
    except SyntaxError as exc:
        return 400, {"Content-Type": "text/plain; charset=utf-8"}, f"SPARQL syntax error: {exc}\n".encode()
    headers: dict[str, str] = {}
    if isinstance(result, ox.QueryBoolean):
        mime = choose(accept, list(SELECT_OFFERS)[:4]) or "application/sparql-results+json"
        fmt = SELECT_OFFERS[mime]
        return 200, {"Content-Type": _MIME_OF_FMT[fmt]}, write_ask(bool(result), fmt)
    if isinstance(result, ox.QuerySolutions):
        mime = choose(accept, list(SELECT_OFFERS))
        if mime is None:
            return 406, {"Content-Type": "text/plain"}, b"Acceptable: " + ", ".join(SELECT_OFFERS).encode()
        fmt = SELECT_OFFERS[mime]
        variables = [v.value for v in result.variables]
        rows = [[sol[v] for v in variables] for sol in itertools.islice(result, max_results + 1)]
        if len(rows) > max_results:
            rows = rows[:max_results]
            headers["X-SPARQL-MaxRows"] = str(max_results)
        headers["Content-Type"] = _MIME_OF_FMT[fmt]
        return 200, headers, write_select(variables, rows, fmt)
    mime = choose(accept, list(GRAPH_OFFERS))
    if mime is None:
        return 406, {"Content-Type": "text/plain"}, b"Acceptable: " + ", ".join(GRAPH_OFFERS).encode()
    triples = list(itertools.islice(result, max_results + 1))
    if len(triples) > max_results:
        triples = triples[:max_results]
        headers["X-SPARQL-MaxRows"] = str(max_results)
    body = ox.serialize(triples, format=GRAPH_OFFERS[mime]) or b""
    headers["Content-Type"] = mime + ("; charset=utf-8" if mime.startswith("text/") else "")
    return 200, headers, body


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


_TEXT = {"Content-Type": "text/plain; charset=utf-8"}
_CHUNK = 256 * 1024
#: how often a running query's worker is looked at (is it alive, how much memory does it hold)
_POLL_SECONDS = 0.05


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
                return 503, _TEXT, msg.encode()
            if conn.poll(min(_POLL_SECONDS, left)):
                try:
                    result = conn.recv()
                except (EOFError, OSError):  # the worker died: killed by the kernel, or crashed
                    self._stop(proc)
                    return 503, _TEXT, b"the query stopped its worker process (out of memory?)\n"
                self.idle.put(worker)
                return result
            rss = rss_bytes(proc.pid) if self.max_memory else None
            if rss is not None and rss > self.max_memory:  # type: ignore[operator]
                self._stop(proc)
                limit = self.max_memory // 2**20  # type: ignore[operator]
                msg = f"query used more than the memory limit of {limit} MiB and was stopped\n"
                return 503, _TEXT, msg.encode()

    def close(self) -> None:
        self._spawns.put(None)
        with self.lock:
            for proc in self.procs:
                if proc.is_alive():
                    proc.kill()
            self.procs.clear()


# ---- the WSGI application -----------------------------------------------------------------------


class App:
    def __init__(
        self,
        root: Path,
        *,
        query_timeout: float = 10.0,
        max_results: int = 10000,
        max_query_length: int = 20000,
        workers: int = 2,
        base: str | None = None,
        allow_service: tuple[str, ...] = (),
        max_query_memory: int = 512 * 2**20,
        max_result_bytes: int = 64 * 2**20,
        max_path_length: int = 2048,
    ):
        root = root.resolve()
        if is_store_dir(root):
            self.site, store_path = None, root
        elif is_store_dir(root / "_store"):
            self.site, store_path = root, root / "_store"
        else:
            raise InputError(
                "neither a published site (with _store/) nor a kamerld store folder", path=str(root)
            )
        self.store_path = store_path
        self.query_timeout = query_timeout
        self.max_results = max_results
        self.max_query_length = max_query_length
        self.max_path_length = max_path_length
        self.allow_service = tuple(allow_service)
        self.base = base or self._read_base()
        self.prefix = urllib.parse.urlsplit(self.base).path  # "/kamerld/": also accepted in request paths
        self.pool = QueryPool(store_path, size=workers, max_memory=max_query_memory,
                              max_result_bytes=max_result_bytes)
        self._store: ox.Store | None = None

    def _read_base(self) -> str:
        meta = self.site / "_site.json" if self.site else None
        if meta and meta.is_file():
            return json.loads(meta.read_text(encoding="utf-8"))["base"]
        from kamerld.publish.site import DEFAULT_BASE

        return DEFAULT_BASE

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            self._store = ox.Store.read_only(str(self.store_path))
        return self._store

    def close(self) -> None:
        self.pool.close()

    def __call__(self, environ: dict, start_response) -> list[bytes]:
        try:
            status, headers, body = self.handle(environ)
        except Exception as exc:  # a bug: one line in the log, 500 to the client, the server goes on
            where = printable(f"{environ.get('REQUEST_METHOD', '?')} {environ.get('PATH_INFO', '')}"[:300])
            print(f"kamerld serve: internal error on {where}: {type(exc).__name__}: "
                  f"{printable(str(exc))[:300]}", file=sys.stderr, flush=True)
            status, headers, body = 500, {}, b"internal server error\n"
        if environ.get("REQUEST_METHOD") == "HEAD":
            body = b""
        headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        headers["Content-Length"] = str(len(body))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        start_response(f"{status} {_REASONS.get(status, 'OK')}", list(headers.items()))
        # in chunks: each has the server's write timeout, so a large dump still reaches a slow client
        return [body[i:i + _CHUNK] for i in range(0, len(body), _CHUNK)] or [b""]

    def handle(self, environ: dict) -> tuple[int, dict, bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        raw_path = environ.get("PATH_INFO", "/")
        if len(raw_path) > self.max_path_length:
            return 414, {}, f"path longer than {self.max_path_length} characters\n".encode()
        try:
            path = raw_path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return 400, {}, b"the path is not valid UTF-8\n"
        if any(c < " " or c == "\x7f" for c in path):
            return 400, {}, b"control characters in the path\n"
        mount = ""  # answer in the style asked: with the base path (/kamerld/...) or from the root
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
            mount = self.prefix.rstrip("/")
        segments = path.split("/")[1:]
        if any(s in ("..", ".") or "\\" in s or "\x00" in s for s in segments):
            return 403, {}, b"path traversal refused\n"
        if path == "/sparql":
            return self.sparql(environ, method)
        if method not in ("GET", "HEAD"):
            return 405, {"Allow": "GET, HEAD"}, b"read-only: GET and HEAD only\n"
        if segments and (
            segments[0] in ("_store", "_server", "_site.json")
            or any(s.startswith(".") and s != ".well-known" for s in segments)
        ):
            return 404, {}, b"not found\n"
        if path.startswith("/id/") and len(path) > 4:
            location = mount + "/doc/" + urllib.parse.quote(path[4:], safe="/:@!$&'()*+,;=-._~")
            return 303, {"Location": location, "Vary": "Accept"}, f"See {location}\n".encode()
        if (path.startswith(("/doc/", "/def/")) and len(path) > 5) or path.startswith("/def."):
            return self.page(path, environ.get("HTTP_ACCEPT"))
        if path == "/def":  # the ontology, whose terms are /def#term: def.html, def.ttl, ... at the root
            return self.page(path, environ.get("HTTP_ACCEPT"))
        return self.static(path)

    # -- files and pages --

    def _file(self, rel: str) -> Path | None:
        if self.site is None:
            return None
        try:
            target = (self.site / rel.lstrip("/")).resolve()
            if not target.is_relative_to(self.site) or not target.is_file():
                return None
        except (OSError, ValueError):  # a name too long for the file system, a NUL: no such file
            return None
        return target

    def static(self, path: str) -> tuple[int, dict, bytes]:
        rel = path.lstrip("/")
        candidates = [rel, rel.rstrip("/") + "/index.html"] if rel else ["index.html"]
        for cand in candidates:
            found = self._file(cand)
            if found:
                ctype = (
                    "text/turtle; charset=utf-8"
                    if cand.endswith(".well-known/void")
                    else FILE_TYPES.get(found.suffix, "application/octet-stream")
                )
                return 200, {"Content-Type": ctype}, found.read_bytes()
        if self.site is None and rel in ("", "index.html"):
            return 200, {"Content-Type": FILE_TYPES[".html"]}, _STORE_HOME.encode()
        return 404, {}, b"not found\n"

    def page(self, path: str, accept: str | None) -> tuple[int, dict, bytes]:
        stem, suffix = path, None
        for s in (".html", ".ttl", ".jsonld", ".nt", ".rdf"):
            if path.endswith(s):
                stem, suffix = path[: -len(s)], s
                break
        name = stem.rsplit("/", 1)[-1]
        # only the representations there are (a site page has all; def/context.jsonld has one)
        alternates = {
            m: name + s
            for m, s in PAGE_OFFERS.items()
            if m not in ("application/xhtml+xml", "application/json")
            and (self.site is None or self._file(stem + s) is not None)
        }
        link = ", ".join(f'<{u}>; rel="alternate"; type="{m}"' for m, u in alternates.items())
        headers = {"Vary": "Accept", **({"Link": link} if len(alternates) > 1 else {})}
        if suffix is None:
            mime = choose(accept, list(PAGE_OFFERS))
            if mime is None:
                return 406, headers, ("Acceptable: " + ", ".join(PAGE_OFFERS) + "\n").encode()
            suffix = PAGE_OFFERS[mime]
            headers["Content-Location"] = name + suffix
        found = self._file(stem + suffix)
        if found is not None:
            return 200, {**headers, "Content-Type": FILE_TYPES[suffix]}, found.read_bytes()
        if self._file(stem + ".html") is None and path.startswith("/doc/"):
            rendered = self.render_from_store(stem[len("/doc/") :], suffix)
            if rendered is not None:
                return 200, {**headers, "Content-Type": FILE_TYPES[suffix]}, rendered
        if suffix is not None and path == stem:  # a folder such as /def/
            index = self._file(stem.rstrip("/") + "/index.html")
            if index:
                return 200, {"Content-Type": FILE_TYPES[".html"]}, index.read_bytes()
        return 404, {}, b"not found\n"

    def render_from_store(self, local: str, suffix: str) -> bytes | None:
        """Store mode: the page for `{base}id/{local}`, built the way the site builds it."""
        from kamerld.publish import rdfterms as T
        from kamerld.publish.html import Graphview, Labels, render_resource
        from kamerld.publish.site import resource_triples, to_jsonld

        iri = self.base + "id/" + local
        try:
            ox.NamedNode(iri)
        except ValueError:  # "/doc/a%20b": no IRI of ours looks like that, so there is no such page
            return None
        triples = resource_triples(self.store, iri, self.base)
        if not triples:
            return None
        if suffix == ".ttl":
            return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=T.PREFIXES)
        if suffix == ".nt":
            return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        if suffix == ".rdf":
            return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=T.PREFIXES)
        jsonld = to_jsonld(triples, dict(T.PREFIXES))
        if suffix == ".jsonld":
            return json.dumps(jsonld, ensure_ascii=False, indent=1).encode("utf-8")
        pre = self.base + "id/"

        def href(target: str) -> str | None:
            return "/doc/" + target[len(pre) :] if target.startswith(pre) else None

        name = local.rsplit("/", 1)[-1]
        alternates = {
            m: name + s
            for m, s in (
                ("text/turtle", ".ttl"),
                ("application/ld+json", ".jsonld"),
                ("application/n-triples", ".nt"),
                ("application/rdf+xml", ".rdf"),
            )
        }
        page = render_resource(
            Graphview(self.store),
            iri,
            href=href,
            labels=Labels(),
            alternates=alternates,
            jsonld=jsonld,
            home="/",
        )
        return page.encode("utf-8")

    # -- SPARQL protocol --

    def sparql(self, environ: dict, method: str) -> tuple[int, dict, bytes]:
        qs = environ.get("QUERY_STRING", "")
        if len(qs) > self.max_query_length:
            return 414, {}, f"query longer than {self.max_query_length} characters\n".encode()
        params = urllib.parse.parse_qs(qs, keep_blank_values=True)
        graphs = params  # the dataset parameters: in the query string, or in the form of a form POST
        query: str | None = None
        if method in ("GET", "HEAD"):
            query = (params.get("query") or [None])[0]
        elif method == "POST":
            ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return 400, {}, b"bad Content-Length\n"
            if length < 0:
                return 400, {}, b"bad Content-Length\n"
            if length > self.max_query_length:
                return 413, {}, f"request body longer than {self.max_query_length} bytes\n".encode()
            body = environ["wsgi.input"].read(length) if length else b""
            if ctype == "application/sparql-update":
                return 403, {}, b"read-only endpoint: updates are refused\n"
            if ctype == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            elif ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                if "update" in form:
                    return 403, {}, b"read-only endpoint: updates are refused\n"
                query = (form.get("query") or [None])[0]
                graphs = {**params, **form}
            else:
                return 415, {}, b"POST application/sparql-query or application/x-www-form-urlencoded\n"
        else:
            return 405, {"Allow": "GET, HEAD, POST"}, b"GET or POST a query\n"
        if "update" in params:
            return 403, {}, b"read-only endpoint: updates are refused\n"
        if not query:
            return 400, {}, b"missing query parameter\n"
        if len(query) > self.max_query_length:
            return 413, {}, f"query longer than {self.max_query_length} characters\n".encode()
        if _UPDATE.match(_strip_comments(query)):
            return 403, {}, b"read-only endpoint: updates are refused\n"
        refused = refusal(query, self.allow_service)
        if refused:
            return 403, {}, (refused + "\n").encode("utf-8")
        dataset: Dataset | None = None
        if "default-graph-uri" in graphs or "named-graph-uri" in graphs:
            dataset = (graphs.get("default-graph-uri", []), graphs.get("named-graph-uri", []))
            bad = [g for g in dataset[0] + dataset[1] if not _is_graph_iri(g)]
            if bad:
                return 400, {}, f"not an IRI: {bad[0][:200]!r}\n".encode()
        status, headers, body = self.pool.run(
            query, environ.get("HTTP_ACCEPT"), self.max_results, self.query_timeout, dataset
        )
        headers["Vary"] = "Accept"
        return status, headers, body


def _strip_comments(query: str) -> str:
    return re.sub(r"(?m)#[^\n<>\"']*$", "", query)


_REASONS = {
    200: "OK",
    303: "See Other",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
_STORE_HOME = (
    "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>kamerld</title></head><body>"
    "<h1>kamerld</h1><p>SPARQL: <a href='sparql'>/sparql</a></p></body></html>"
)


def make_app(
    site_or_store: Path,
    *,
    query_timeout: float = 10.0,
    max_results: int = 10000,
    max_query_length: int = 20000,
    **options: Any,
) -> App:
    """The WSGI application (call `.close()` to stop its query workers)."""
    return App(
        Path(site_or_store),
        query_timeout=query_timeout,
        max_results=max_results,
        max_query_length=max_query_length,
        **options,
    )


def serve(site_or_store: Path, host: str = "127.0.0.1", port: int = 8000, **limits: Any) -> None:
    """Serve until interrupted. Binds 127.0.0.1 unless told otherwise. `limits` go to `make_app`."""
    app = make_app(site_or_store, **limits)
    server = make_server_for(app, host, port)
    print(f"kamerld: serving {site_or_store} at http://{host}:{server.server_port}/ (SPARQL at /sparql)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()
