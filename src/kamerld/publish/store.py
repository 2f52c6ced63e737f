"""Load kamerld output into a SPARQL store: embedded pyoxigraph, or any SPARQL 1.1 Graph Store.

Every source document goes into its own named graph `{graph_base}{docid}` (docid = the file's stem,
`ah-tk-20242025-583.ttl` -> `…/graph/ah-tk-20242025-583`). Reloading a document *replaces* its graph,
so running a load twice never duplicates triples, and a document that shrank loses its old triples.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kamerld.errors import InputError, StoreError, UsageError
from kamerld.rdf.uris import safe_id
from kamerld.writers import DOCUMENT_FORMATS

DEFAULT_GRAPH_BASE = "https://w3id.org/kamerld/graph/"

#: file suffix -> pyoxigraph format: the per-document formats of the one table (`kamerld.writers`)
RDF_SUFFIXES = {f.suffix: f.oxigraph for f in DOCUMENT_FORMATS}


def doc_id(path: Path) -> str:
    """The document id a per-document output file stands for: its stem, kept to `[A-Za-z0-9._-]`
    by `safe_id`, the rule that named the file."""
    name = path.name
    for suffix in RDF_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    cleaned = safe_id(name)  # the one rule for id segments: a document's file name is its IRI's last segment
    if cleaned == "-":
        raise InputError("cannot derive a document id from this file name", path=str(path))
    return cleaned


def graph_iri(path: Path, graph_base: str = DEFAULT_GRAPH_BASE) -> str:
    return graph_base + doc_id(path)


#: of a document written in several formats (x.ttl, x.nt, x.jsonld) one is read: the fastest to parse
TWIN_PREFERENCE = (".nt", ".ttl", ".jsonld")


def _one_per_document(found: list[Path]) -> list[Path]:
    best: dict[str, Path] = {}
    for p in found:
        stem = p.name[: -len(p.suffix)] if p.suffix else p.name
        rank = TWIN_PREFERENCE.index(p.suffix) if p.suffix in TWIN_PREFERENCE else len(TWIN_PREFERENCE)
        current = best.get(stem)
        if current is None or rank < TWIN_PREFERENCE.index(current.suffix):
            best[stem] = p
    return sorted(best.values())


def rdf_files(sources: list[Path], *, one_per_document: bool = True) -> list[Path]:
    """Expand folders to the RDF files in them (sorted, so runs are reproducible); refuse anything else.

    A folder of converted documents holds each document in several formats; with `one_per_document`
    only one of them is taken, so a document is loaded once, into one named graph.
    """
    files: list[Path] = []
    for src in map(Path, sources):
        if src.is_dir():
            found = sorted(p for p in _folder_files(src) if _format_of(p, strict=False))
            if not found:
                raise InputError("folder holds no .ttl, .nt or .jsonld files", path=str(src))
            files.extend(_one_per_document(found) if one_per_document else found)
        elif src.is_file():
            _format_of(src)
            files.append(src)
        else:
            raise InputError("no such file or folder", path=str(src))
    return files


def _folder_files(folder: Path) -> list[Path]:
    """The files in a folder, and in its shard folders (`kamerld build` puts documents in
    `documents/{shard}/`, two hex digits)."""
    from kamerld.batch.shards import SHARD_NAME

    out = []
    for p in folder.iterdir():
        if p.is_file():
            out.append(p)
        elif p.is_dir() and SHARD_NAME.match(p.name):
            out.extend(q for q in p.iterdir() if q.is_file())
    return out


def _format_of(path: Path, strict: bool = True) -> ox.RdfFormat | None:
    for suffix, fmt in RDF_SUFFIXES.items():
        if path.name.endswith(suffix):
            return fmt
    if strict:
        raise InputError("not an RDF file kamerld reads (.ttl, .nt, .jsonld)", path=str(path))
    return None


def parse_file(path: Path) -> list[ox.Triple]:
    """All triples of one file; syntax errors become InputError naming the file."""
    fmt = _format_of(path)
    try:
        data = path.read_bytes()
        if not data.strip():
            raise InputError("empty RDF file", path=str(path))
        return [q.triple for q in ox.parse(data, format=fmt, base_iri=path.resolve().as_uri())]
    except SyntaxError as exc:
        raise InputError(f"not valid {fmt}: {exc}", path=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=str(path)) from exc


def open_store(path: Path | None) -> ox.Store:
    """An on-disk pyoxigraph store at `path` (created when missing), or an in-memory one."""
    if path is None:
        return ox.Store()
    try:
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the store: {exc}", path=str(path)) from exc


def open_read_only(path: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the store read-only: {exc}", path=str(path)) from exc


def is_store_dir(path: Path) -> bool:
    """pyoxigraph's on-disk stores are RocksDB folders; `CURRENT` is always there."""
    return path.is_dir() and (path / "CURRENT").is_file()


def load_files(store: ox.Store, files: list[Path], *, graph_base: str = DEFAULT_GRAPH_BASE) -> int:
    """Load each file into its own named graph, replacing what that graph held. Returns the triple count
    loaded (sum over files)."""
    total = 0
    for path in rdf_files(files):
        triples = parse_file(path)
        graph = ox.NamedNode(graph_iri(path, graph_base))
        # replace, never append: a re-run or a document that shrank leaves no stale triples
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        total += len(triples)
    store.flush()
    return total


def distinct_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of every graph once, grouped by subject; memory is bounded by one subject's triples
    plus the subject list (so dumps never hold the whole dataset)."""
    subjects = store.query(
        "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s", use_default_graph_as_union=False
    )
    for row in subjects:
        seen: set[tuple[str, str]] = set()
        for quad in store.quads_for_pattern(row["s"], None, None, None):
            key = (str(quad.predicate), str(quad.object))
            if key not in seen:
                seen.add(key)
                yield quad.triple


# ---- SPARQL 1.1 Graph Store HTTP Protocol ------------------------------------------------------


@dataclass
class LoadReport:
    endpoint: str
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    statuses: list[int] = field(default_factory=list)
    skipped: int = 0  # graphs the journal says are loaded already (--resume)
    retried: int = 0  # requests sent again after a failure

    def __str__(self) -> str:
        extra = f" ({self.skipped} already loaded, skipped)" if self.skipped else ""
        retried = f"; {self.retried} request(s) retried" if self.retried else ""
        loaded = f"{len(self.graphs)} graphs, {self.triples} triples loaded into {self.endpoint}"
        return loaded + extra + retried


#: answers worth asking again: the store is busy or a proxy in front of it had a problem
RETRY_STATUSES = {429, 500, 502, 503, 504}


def _journal_entries(journal: Path, endpoint: str) -> dict[str, str]:
    """graph -> sha256 of what was loaded into `endpoint`, from an earlier run's journal."""
    done: dict[str, str] = {}
    try:
        with journal.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    break  # the line being written when the run was stopped
                if rec.get("endpoint") == endpoint:
                    done[rec["graph"]] = rec["sha256"]
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise InputError(f"cannot read the load journal: {exc.strerror or exc}", path=str(journal)) from exc
    return done


def _graph_param(endpoint: str) -> str:
    """Virtuoso's /sparql-graph-crud(-auth) documents `graph-uri`; everyone else the standard `graph`."""
    path = urllib.parse.urlsplit(endpoint).path.rstrip("/")
    return "graph-uri" if path.endswith(("/sparql-graph-crud", "/sparql-graph-crud-auth")) else "graph"


def _opener(
    endpoint: str, user: str | None, password: str | None, auth: str
) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None and auth == "digest":
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, endpoint, user, password or "")
        handlers.append(urllib.request.HTTPDigestAuthHandler(mgr))
    return urllib.request.build_opener(*handlers)


def load_endpoint(
    files: list[Path],
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    graph_base: str = DEFAULT_GRAPH_BASE,
    graph_param: str | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    journal: Path | None = None,
    resume: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> LoadReport:
    """PUT each file as its own named graph to a SPARQL 1.1 Graph Store endpoint. PUT replaces the graph,
    so a re-run never duplicates. `auth` is "basic" (sent up front) or "digest" (answered on challenge).
    `graph_param` defaults to `graph` (`graph-uri` for Virtuoso's graph CRUD endpoints).

    Each request waits at most `timeout` seconds for the store; a connection that fails, times out or is
    reset, and a 429/5xx answer, are tried again `retries` times (1, 2, 4 … s apart, or the store's
    Retry-After). Each graph loaded is appended to `journal`; with `resume`, graphs the journal says are
    loaded into this endpoint with the same content are skipped. StoreError (naming the graph, the
    endpoint and how far the load got) when the store refuses a graph or stays unreachable.
    """
    if auth not in ("basic", "digest"):
        raise UsageError(f"unknown auth {auth!r}: use 'basic' or 'digest'", path=endpoint)
    if not re.match(r"^https?://", endpoint):
        raise UsageError("the Graph Store endpoint must be an http(s) URL", path=endpoint)
    param = graph_param or _graph_param(endpoint)
    opener = _opener(endpoint, user, password, auth)
    report = LoadReport(endpoint=endpoint)
    done = _journal_entries(journal, endpoint) if (journal is not None and resume) else {}
    paths = rdf_files(files)
    log = None
    try:
        if journal is not None:
            try:
                log = journal.open("a", encoding="utf-8")
            except OSError as exc:
                raise InputError(f"cannot write the load journal: {exc.strerror or exc}",
                                 path=str(journal)) from exc
        for path in paths:
            triples = parse_file(path)
            # N-Triples is also valid Turtle; sent as text/turtle because every store (Virtuoso too) takes it
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            graph = graph_iri(path, graph_base)
            digest = hashlib.sha256(body).hexdigest()
            if done.get(graph) == digest:
                report.skipped += 1
                continue
            sep = "&" if "?" in endpoint else "?"
            url = f"{endpoint}{sep}{urllib.parse.urlencode({param: graph})}"
            headers = {"Content-Type": "text/turtle; charset=utf-8"}
            if user is not None and auth == "basic":
                token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
                headers["Authorization"] = f"Basic {token}"
            where = _Where(endpoint, graph, path, len(report.graphs) + report.skipped, len(paths))
            status = _put(opener, url, body, headers, timeout, retries, where, report, sleep)
            report.graphs.append(graph)
            report.statuses.append(status)
            report.triples += len(triples)
            if log is not None:
                log.write(json.dumps({"endpoint": endpoint, "graph": graph, "sha256": digest}) + "\n")
                log.flush()
    finally:
        if log is not None:
            log.close()
    return report


@dataclass(frozen=True)
class _Where:
    """What a failure message says about where the load was."""

    endpoint: str
    graph: str
    path: Path
    loaded: int
    total: int

    def progress(self) -> str:
        return f"{self.loaded} of {self.total} graphs loaded before it"


def _put(opener: urllib.request.OpenerDirector, url: str, body: bytes, headers: dict[str, str],
         timeout: float, retries: int, where: _Where, report: LoadReport,
         sleep: Callable[[float], None]) -> int:
    resume = "run the same command with --resume to load the rest"
    for attempt in range(retries + 1):
        last = attempt == retries
        req = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with opener.open(req, timeout=timeout) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            if exc.code in RETRY_STATUSES and not last:
                report.retried += 1
                sleep(_retry_after(exc.headers.get("Retry-After"), attempt))
                continue
            hint = ("check the endpoint URL, the credentials and --auth (Virtuoso: digest)"
                    if exc.code not in RETRY_STATUSES else resume)
            raise StoreError(
                f"the Graph Store at {where.endpoint} refused graph {where.graph}: HTTP {exc.code} "
                f"{exc.reason} {detail} ({where.progress()})".replace("  ", " "),
                path=str(where.path), hint=hint) from exc
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                what = f"no answer within {timeout:g} s"
            else:
                what = str(reason) or type(exc).__name__
            if not last:
                report.retried += 1
                sleep(_retry_after(None, attempt))
                continue
            raise StoreError(
                f"cannot load graph {where.graph} into {where.endpoint}: {what} (tried {retries + 1} "
                f"time(s); {where.progress()})", path=str(where.path), hint=resume) from exc
    raise AssertionError("unreachable")


def _retry_after(header: str | None, attempt: int) -> float:
    """The store's Retry-After (seconds, at most a minute), else 1, 2, 4 … s."""
    if header and header.strip().isdigit():
        return min(float(header.strip()), 60.0)
    return float(min(2**attempt, 30))
