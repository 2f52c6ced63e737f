"""Read-only local server: the linked-data site with content negotiation, and a SPARQL 1.1 endpoint.

Serves either a published site folder (`kamerld publish` output, whose `_store/` holds the data) or a
bare pyoxigraph store folder, in which case the `doc/` pages are rendered from the store on request.
HTTP/1.1 with keep-alive and an access log (`httpserver`), queries in worker processes (`query_pool`).

Limits, and why this way:
* query time and memory: every query runs in a separate worker *process*, killed and replaced when it
  runs over `query_timeout` or `max_query_memory`; the client gets 503 saying which limit it hit.
* result size: at most `max_results` rows (SELECT) or triples (CONSTRUCT/DESCRIBE) are sent; a cut-off
  result says so in itself (`sparql_results`) and in the `X-SPARQL-MaxRows` header (as Virtuoso
  does). A result larger than `max_result_bytes` is refused with 503.
* federated queries: `SERVICE` would make the server send requests to any address it can reach
  (`sparql_guard`); refused with 403 unless the endpoint is on the operator's `allow_service` list.
* query length: a longer GET query string is 414, a longer POST body 413.
* updates: `update=`, `application/sparql-update` and update operations in `query=` get 403.
* paths: `..`, hidden files (but `.well-known`), `_store/` and `_server/` are never served; a path that
  is not UTF-8 or holds control characters is 400, a path longer than `max_path_length` 414, and a
  resource whose IRI would not be valid is simply not found (404).
* connections (`make_server_for`): an accepted connection, and a kept-alive one between requests,
  waits in a lobby (one thread for all of them) until its request starts, at most `idle_timeout`
  seconds; reading the request has `read_timeout` seconds in all; at most `max_handlers` requests are
  handled at once (the rest get 503 at once) and the listen backlog is 128.
* errors: a bug in a handler gives 500 and one line on stderr, never a traceback, never the server.

Browsers: every answer carries `Access-Control-Allow-Origin: *` (the data is public and the server
takes no credentials), and a CORS preflight (`OPTIONS`) is answered for GET, HEAD and POST on the
endpoint and GET and HEAD on the data, so a page on another origin can query the endpoint and read
the pages. `GET /sparql` without a query is the service description, or in a browser the query form
(`sparql_service`).
"""

from __future__ import annotations

import json
import re
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kamerld.errors import InputError, OutputError
from kamerld.publish.mediatypes import CONTENT_TYPES
from kamerld.publish.mediatypes import PAGE_OFFERS as PAGE_OFFER_LIST
from kamerld.publish.server import service as sparql_service
from kamerld.publish.server.access_log import AccessLog
from kamerld.publish.server.conneg import choose, parse_accept
from kamerld.publish.server.guard import refusal
from kamerld.publish.server.http import make_server_for
from kamerld.publish.server.query_pool import Dataset, QueryPool, has_dataset_clause, is_graph_iri, run_query
from kamerld.publish.server.results import GRAPH_OFFERS, SELECT_OFFERS, write_ask, write_select, xml_escape
from kamerld.publish.store import is_store_dir
from kamerld.sources.chars import printable
from kamerld.writers import FORMATS

#: suffix -> Content-Type, and the negotiable page representations (in order of preference on a tie),
#: from the one table of formats (`kamerld.publish.mediatypes`)
FILE_TYPES = CONTENT_TYPES
PAGE_OFFERS = dict(PAGE_OFFER_LIST)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)
#: CORS: what a page on another origin may do here, and which answer headers its script may read
_CORS = {"Access-Control-Allow-Origin": "*",
         "Access-Control-Expose-Headers": "Content-Location, Link, Location, Vary, X-SPARQL-MaxRows"}
_SPARQL_METHODS = "GET, HEAD, POST, OPTIONS"
_DATA_METHODS = "GET, HEAD, OPTIONS"
_HEADER_LIST = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*")
_CHUNK = 256 * 1024


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
        self._graphs: list[str] | None = None
        self._facts = None  # publish.facts.Facts of the whole store, gathered on the first page asked for
        self._facts_lock = threading.Lock()

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
        if status != 204:
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        headers["Content-Length"] = str(len(body))  # for HEAD too: the length GET would have
        if environ.get("REQUEST_METHOD") == "HEAD":
            body = b""
        headers.setdefault("X-Content-Type-Options", "nosniff")
        for name, value in _CORS.items():
            headers.setdefault(name, value)
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
        if method == "OPTIONS":
            return self.options(environ, path)
        if path == "/sparql":
            return self.sparql(environ, method, mount)
        if path.startswith("/sparql/assets/"):
            return self.form_asset(path[len("/sparql/assets/"):], method)
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

    # -- CORS preflight --

    def options(self, environ: dict, path: str) -> tuple[int, dict, bytes]:
        """`OPTIONS`: the methods a path takes; for a CORS preflight also what a page on another origin
        may send (the headers it asks for, when they are header names) and for how long to remember it."""
        allowed = _SPARQL_METHODS if path in ("/sparql", "*") else _DATA_METHODS
        headers = {"Allow": allowed}
        if environ.get("HTTP_ORIGIN") and environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"):
            headers["Access-Control-Allow-Methods"] = allowed
            asked = (environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS") or "").strip()
            if asked and _HEADER_LIST.fullmatch(asked):
                headers["Access-Control-Allow-Headers"] = asked
            headers["Access-Control-Max-Age"] = "86400"
            # a page on a public site asking a server on this machine or network (Chromium asks)
            if environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK") == "true":
                headers["Access-Control-Allow-Private-Network"] = "true"
        return 204, headers, b""

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
        alternates = {f.media_type: name + f.suffix for f in FORMATS}
        page = render_resource(
            Graphview(self.store),
            iri,
            href=href,
            labels=Labels(),
            alternates=alternates,
            jsonld=jsonld,
            home="/",
            facts=self.store_facts(),
            site_pages=False,
        )
        return page.encode("utf-8")

    def store_facts(self):  # -> kamerld.publish.facts.Facts
        """What the pages show of every question and document, gathered once: the store does not change
        while it is served (one pass of SPARQL over the whole store, not one per request)."""
        from kamerld.publish.facts import gather
        from kamerld.publish.html import Graphview

        with self._facts_lock:
            if self._facts is None:
                self._facts = gather(self.store, Graphview(self.store).label)
            return self._facts

    # -- SPARQL protocol --

    def description(self, environ: dict, mount: str) -> tuple[int, dict, bytes]:
        """`GET /sparql` without a query: the service description in RDF, or the query form for a browser."""
        offers = list(sparql_service.DESCRIPTION_OFFERS)
        mime = choose(environ.get("HTTP_ACCEPT"), offers)
        if mime is None:
            return 406, {"Vary": "Accept"}, ("Acceptable: " + ", ".join(offers) + "\n").encode()
        endpoint = sparql_service.endpoint_url(environ, self.base, mount)
        triples = sparql_service.description(
            endpoint, self.base, self.named_graphs(), max_results=self.max_results,
            query_timeout=self.query_timeout, federated=bool(self.allow_service))
        if sparql_service.DESCRIPTION_OFFERS[mime] is None:
            page = sparql_service.form_page(endpoint, triples, max_results=self.max_results,
                                            query_timeout=self.query_timeout,
                                            federated=bool(self.allow_service))
            return 200, {"Content-Type": FILE_TYPES[".html"], "Vary": "Accept",
                         "Content-Security-Policy": sparql_service.FORM_POLICY}, page
        ctype = mime + ("; charset=utf-8" if mime.startswith("text/") else "")
        return 200, {"Content-Type": ctype, "Vary": "Accept"}, sparql_service.serialize(triples, mime)

    def named_graphs(self) -> list[str]:
        if self._graphs is None:  # the store is read-only: its graphs do not change while serving
            self._graphs = sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))
        return self._graphs

    def form_asset(self, name: str, method: str) -> tuple[int, dict, bytes]:
        if method not in ("GET", "HEAD"):
            return 405, {"Allow": _DATA_METHODS}, b"read-only: GET and HEAD only\n"
        found = sparql_service.asset(name)
        if found is None:
            return 404, {}, b"not found\n"
        body, mime = found
        return 200, {"Content-Type": mime, "Cache-Control": "public, max-age=86400"}, body

    def sparql(self, environ: dict, method: str, mount: str = "") -> tuple[int, dict, bytes]:
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
            return 405, {"Allow": _SPARQL_METHODS}, b"GET or POST a query\n"
        if "update" in params:
            return 403, {}, b"read-only endpoint: updates are refused\n"
        if query is None and method in ("GET", "HEAD") and not qs:
            return self.description(environ, mount)
        if not query:
            return 400, {}, b"missing query parameter (GET /sparql without one is the service description)\n"
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
            bad = [g for g in dataset[0] + dataset[1] if not is_graph_iri(g)]
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
    204: "No Content",
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


def serve(site_or_store: Path, host: str = "127.0.0.1", port: int = 8000, *,
          access_log: str | Path | None = "-", **limits: Any) -> None:
    """Serve until interrupted. Binds 127.0.0.1 unless told otherwise. `access_log`: "-" for stderr, a
    file to append to, or None for no request log; `limits` go to `make_app`."""
    try:
        log = AccessLog.to(access_log)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write the access log: {reason}", path=str(access_log)) from None
    app = make_app(site_or_store, **limits)
    server = make_server_for(app, host, port, access_log=log)
    print(f"kamerld: serving {site_or_store} at http://{host}:{server.server_port}/ (SPARQL at /sparql)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()


__all__ = ["FILE_TYPES", "PAGE_OFFERS", "App", "choose", "has_dataset_clause", "make_app", "make_server_for",
           "parse_accept", "run_query", "serve", "write_ask", "write_select", "xml_escape", "GRAPH_OFFERS",
           "SELECT_OFFERS"]
