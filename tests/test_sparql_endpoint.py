"""The SPARQL endpoint for clients and browser tools: HTTP/1.1 keep-alive and the request log, CORS,
the service description and the query form, default formats, syntax errors at their place, the row
limit stated in the results, and rdflib's SPARQLStore against a running `kamerld serve` over the
real corpus. The real server on 127.0.0.1, over test_publish's two hand-made graphs of real corpus
documents unless said otherwise."""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from conftest import ListLog
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from test_publish import BASE, ID, Q583_1, write_inputs
from test_serve import OPENER

from kamerld.cli import cli
from kamerld.publish.rdfterms import PREFIXES
from kamerld.publish.server import make_app, make_server_for
from kamerld.publish.server.access_log import AccessLog, combined_line, escape
from kamerld.publish.server.query_errors import explain
from kamerld.publish.site import publish_site

DOC = "document/ah-tk-20242025-583"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VRAAG = "https://w3id.org/kamerld/def#Vraag"
VENDOR = Path(__file__).resolve().parents[1] / "src/kamerld/publish/server/ui/vendor/yasgui"


def fetch(url: str, *, accept: str | None = None, data: bytes | None = None, ctype: str | None = None,
          method: str | None = None, headers_extra: dict[str, str] | None = None):
    """(status, headers, body) of one request, redirects not followed."""
    req = urllib.request.Request(url, data=data, method=method)
    for name, value in {"Accept": accept, "Content-Type": ctype, **(headers_extra or {})}.items():
        if value is not None:
            req.add_header(name, value)
    try:
        with OPENER.open(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("endpoint")
    out = tmp / "site"
    publish_site(write_inputs(tmp / "in"), out, base=BASE, with_search=False)
    return out


@pytest.fixture(scope="module")
def server(site):
    log = ListLog()
    app = make_app(site, query_timeout=5.0, max_results=5)
    srv = make_server_for(app, "127.0.0.1", 0, idle_timeout=3.0, access_log=AccessLog(log))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_port}"
    assert fetch(url + "/sparql?query=" + urllib.parse.quote("ASK {}"))[0] == 200  # start a worker
    yield url, log, srv
    srv.shutdown()
    srv.server_close()
    app.close()


def q(query: str) -> str:
    return "/sparql?query=" + urllib.parse.quote(query)


def raw(url: str, data: bytes, timeout: float = 10) -> bytes:
    """Send bytes on one connection and read until the server closes it."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


def responses(blob: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """Split what came back on one connection into its responses (each with a Content-Length)."""
    out = []
    while blob:
        head, _, rest = blob.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, v in (x.split(":", 1) for x in lines[1:])}
        if status == 100:
            blob = rest
            continue
        n = int(headers.get("content-length", "0"))
        out.append((status, headers, rest[:n]))
        blob = rest[n:]
    return out


# ---- HTTP/1.1: keep-alive, pipelining, bodies, the request log --------------------------------


def test_one_connection_serves_many_requests(server):
    url, _, _ = server
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=10)
    try:
        conn.request("GET", f"/doc/{DOC}/vraag/1", headers={"Accept": "text/turtle"})
        first = conn.getresponse()
        assert (first.status, first.version) == (200, 11)
        assert Q583_1 in first.read().decode()
        sock = conn.sock
        conn.request("POST", "/sparql", body=b"ASK { ?s ?p ?o }",
                     headers={"Content-Type": "application/sparql-query"})
        second = conn.getresponse()
        assert json.loads(second.read()) == {"head": {}, "boolean": True}
        conn.request("HEAD", f"/doc/{DOC}.ttl")
        third = conn.getresponse()
        assert third.read() == b""
        assert int(third.headers["Content-Length"]) == len(fetch(f"{url}/doc/{DOC}.ttl")[2])
        assert conn.sock is sock and second.headers.get("Connection") is None  # the same connection
    finally:
        conn.close()


def test_http_1_0_keeps_alive_only_when_asked(server):
    url, _, _ = server
    get = f"GET /doc/{DOC}.nt HTTP/1.0\r\nHost: x\r\n"
    closed = responses(raw(url, (get + "\r\n").encode()))  # raw() returns only when the server closes
    assert [r[0] for r in closed] == [200]
    kept = raw(url, (get + "Connection: keep-alive\r\n\r\n" + get + "\r\n").encode())
    answers = responses(kept)
    assert [r[0] for r in answers] == [200, 200]
    assert [r[1]["connection"] for r in answers] == ["keep-alive", "close"]


def test_pipelined_requests_are_answered_in_order(server):
    url, _, _ = server
    reqs = (f"GET /doc/{DOC}.nt HTTP/1.1\r\nHost: x\r\n\r\n"
            "GET /doc/document/nope HTTP/1.1\r\nHost: x\r\n\r\n"
            f"GET {q('ASK { ?s ?p ?o }')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    answers = responses(raw(url, reqs.encode()))
    assert [r[0] for r in answers] == [200, 404, 200]
    assert answers[0][2] == fetch(f"{url}/doc/{DOC}.nt")[2]
    assert answers[2][1]["connection"] == "close"


def test_an_unread_body_cannot_become_the_next_request(server):
    """A POST the app refuses without reading its body: the connection closes, the body is not served."""
    url, _, _ = server
    hidden = b"GET /doc/document/ah-tk-20242025-597.nt HTTP/1.1\r\nHost: x\r\n\r\n"
    smuggle = (b"POST /doc/document/ah-tk-20242025-583 HTTP/1.1\r\nHost: x\r\nContent-Length: "
               + str(len(hidden)).encode() + b"\r\n\r\n" + hidden)
    answers = responses(raw(url, smuggle))
    assert [(r[0], r[1]["connection"]) for r in answers] == [(405, "close")]
    both = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"0\r\n\r\n")
    assert [r[0] for r in responses(raw(url, both))] == [400]
    gzip = b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"
    assert [r[0] for r in responses(raw(url, gzip))] == [501]


def test_a_chunked_body_is_read(server):
    url, _, _ = server
    query = f"SELECT ?t WHERE {{ <{ID}{DOC}/vraag/1> <https://w3id.org/kamerld/def#tekst> ?t }}".encode()
    pieces = [query[i:i + 7] for i in range(0, len(query), 7)]
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces)
    req = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
           b"Accept: text/csv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
           + chunks + b"0\r\n\r\n")
    [(status, _, body)] = responses(raw(url, req))
    assert status == 200 and list(csv.reader(io.StringIO(body.decode()))) == [["t"], [Q583_1]]
    bad = req.replace(b"Transfer-Encoding: chunked\r\n", b"Transfer-Encoding: chunked\r\n").replace(
        chunks[:1], b"z")
    assert [r[0] for r in responses(raw(url, bad))] == [400]


def test_expect_100_continue(server):
    url, _, _ = server
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    body = b"ASK { ?s ?p ?o }"
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Expect: 100-continue\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body))
        assert s.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n")
        s.sendall(body)
        rest = b""
        while chunk := s.recv(65536):
            rest += chunk
    assert rest.split(b" ", 2)[1] == b"200" and rest.endswith(b'"boolean": true}')


def test_kept_alive_connections_hold_no_thread_and_are_closed_when_idle(server):
    url, _, srv = server
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    conns = []
    threads = threading.active_count()
    for _ in range(40):
        c = http.client.HTTPConnection(host, int(port), timeout=10)
        c.request("GET", f"/doc/{DOC}.nt")
        assert c.getresponse().read()
        conns.append(c)
    time.sleep(0.3)
    assert threading.active_count() <= threads + 2  # 40 open connections, no thread each
    time.sleep(srv.idle_timeout + 1.5)
    for c in conns:
        c.sock.settimeout(2)
        assert c.sock.recv(1) == b""  # closed by the server after the idle timeout
        c.close()


def test_every_request_is_one_line_of_the_combined_log(server):
    url, log, _ = server
    before = len(log.lines)
    evil = 'curl" \x1b[31m\\ x'
    raw(url, (f"GET /doc/{DOC}.ttl?x=%22 HTTP/1.1\r\nHost: x\r\nReferer: http://elsewhere/a\r\n"
              f"User-Agent: {evil}\r\nConnection: close\r\n\r\n").encode("latin-1"))
    fetch(url + "/nope")
    # The server writes a line once the response has gone out, so the client can be a moment ahead.
    new = log.wait_for(before + 2)[before:]
    assert len(new) == 2
    m = re.fullmatch(r'127\.0\.0\.1 - - \[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] '
                     r'"(.*)" (\d{3}) (\d+|-) "(.*)" "(.*)"', new[0])
    assert m, new[0]
    assert m.group(2) == f"GET /doc/{DOC}.ttl?x=%22 HTTP/1.1"
    assert (m.group(3), m.group(4)) == ("200", str(len(fetch(f"{url}/doc/{DOC}.ttl")[2])))
    assert m.group(5) == "http://elsewhere/a"
    assert m.group(6) == 'curl\\" \\x1b[31m\\\\ x'  # quote, escape and backslash escaped: no forged line
    assert re.search(r'"GET /nope HTTP/1.1" 404 10 "-" "Python-urllib/3\.\d+"$', new[1])


def test_log_line_pieces():
    assert escape(None) == "-" and escape("") == "-"
    assert escape('a"b\\c\nd\x7fé') == 'a\\"b\\\\c\\x0ad\\x7f\\xe9'
    line = combined_line("::1", "GET / HTTP/1.1", 304, 0, when=0)
    assert re.fullmatch(r'::1 - - \[01/Jan/1970:\d\d:00:00 [+-]\d{4}\] "GET / HTTP/1.1" 304 - "-" "-"', line)


def test_an_access_log_that_cannot_be_written_is_named(tmp_path, site):
    result = CliRunner().invoke(cli, ["serve", str(site), "--access-log", str(tmp_path), "--port", "0"])
    assert result.exit_code == 4, result.output
    assert f"{tmp_path}: cannot write the access log" in result.output


# ---- CORS ------------------------------------------------------------------------------------


def test_every_answer_allows_other_origins(server):
    url, _, _ = server
    for path, status in [(f"/doc/{DOC}", 200), (f"/id/{DOC}", 303), ("/nope", 404), (q("SELEC *"), 400),
                         (q("ASK {}"), 200), ("/sparql", 200), ("/void.ttl", 200)]:
        got, headers, _ = fetch(url + path, accept="text/turtle")
        assert got == status, path
        assert headers["Access-Control-Allow-Origin"] == "*", path
        assert "X-SPARQL-MaxRows" in headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize(("path", "methods"), [("/sparql", "GET, HEAD, POST, OPTIONS"),
                                               (f"/doc/{DOC}", "GET, HEAD, OPTIONS"),
                                               ("/dumps/kamerld.nt.gz", "GET, HEAD, OPTIONS")])
def test_a_preflight_is_answered(server, path, methods):
    url, _, _ = server
    status, headers, body = fetch(url + path, method="OPTIONS", headers_extra={
        "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, accept, x-requested-with",
        "Access-Control-Request-Private-Network": "true"})
    assert (status, body) == (204, b"")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Access-Control-Allow-Methods"] == methods and headers["Allow"] == methods
    assert headers["Access-Control-Allow-Headers"] == "content-type, accept, x-requested-with"
    assert headers["Access-Control-Max-Age"] == "86400"
    assert headers["Access-Control-Allow-Private-Network"] == "true"
    # a header list that is no list of names is not repeated back
    _, headers, _ = fetch(url + path, method="OPTIONS", headers_extra={
        "Origin": "http://e", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x\r\n"[:1] + ", <script>"})
    assert "Access-Control-Allow-Headers" not in headers


# ---- the service description and the form --------------------------------------------------------


def _description(url: str, accept: str | None, fmt: str, host: str | None = None) -> rdflib.Graph:
    extra = {"Host": host} if host else {}
    status, headers, body = fetch(url + "/sparql", accept=accept, headers_extra=extra)
    assert status == 200 and headers["Vary"] == "Accept"
    return rdflib.Graph().parse(data=body, format=fmt)


def test_service_description(server, site):
    url, _, _ = server
    g = _description(url, None, "turtle")
    [service] = g.subjects(rdflib.RDF.type, SD.Service)
    assert g.value(service, SD.endpoint) == rdflib.URIRef(url + "/sparql")
    assert g.value(service, SD.supportedLanguage) == SD.SPARQL11Query
    assert set(g.objects(service, SD.feature)) == {SD.UnionDefaultGraph}
    assert len(set(g.objects(service, SD.resultFormat))) == 8
    dataset = g.value(service, SD.defaultDataset)
    assert dataset == rdflib.URIRef(BASE + "dataset")  # the dataset void.ttl describes
    names = {str(g.value(n, SD.name)) for n in g.objects(dataset, SD.namedGraph)}
    assert names == {BASE + "graph/ah-tk-20242025-583", BASE + "graph/ah-tk-20242025-597"}
    assert any("at most 5 rows" in str(c) for c in g.objects(service, rdflib.RDFS.comment))
    for accept, fmt in [("*/*", "turtle"), ("application/ld+json", "json-ld"),
                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")]:
        assert isomorphic(_description(url, accept, fmt), g), accept
    # asked under the published host (behind the site's proxy): the published endpoint
    g = _description(url, "text/turtle", "turtle", host="w3id.org")
    assert set(g.objects(None, SD.endpoint)) == {rdflib.URIRef(BASE + "sparql")}
    # a Host header that is no host is not repeated back
    g = _description(url, "text/turtle", "turtle", host="evil.example/<x>")
    [endpoint] = g.objects(None, SD.endpoint)
    port = urllib.parse.urlsplit(url).port
    assert str(endpoint).endswith(f":{port}/sparql") and "evil" not in str(endpoint)
    assert fetch(url + "/sparql", accept="image/png")[0] == 406


def test_a_browser_gets_the_query_form(server):
    url, _, _ = server
    status, headers, body = fetch(url + "/sparql", accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    page = lxml.html.fromstring(body)
    assert page.xpath('//div[@id="yasgui"]/@data-endpoint') == [url + "/sparql"]
    scripts = page.xpath("//script/@src")
    assert scripts == ["sparql/assets/yasgui.min.js", "sparql/assets/form.js"]
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["sparql/assets/yasgui.min.css",
                                                             "sparql/assets/form.css"]
    # everything the page loads is on this server: no address of another site anywhere in it
    assert not re.search(rb"(?:src|href)=\"(?:https?:)?//", body)
    # the description, embedded, is the one served as RDF
    [data] = page.xpath('//script[@type="application/ld+json"]/text()')
    embedded = rdflib.Graph().parse(data=data, format="json-ld")
    assert isomorphic(embedded, _description(url, "text/turtle", "turtle"))
    # without JavaScript the plain form sends the example query here
    assert page.xpath('//form[@id="plain"]/@action') == ["sparql"]
    example = page.xpath('//textarea[@name="query"]/text()')[0]
    assert fetch(url + q(example))[0] == 200


def test_the_form_files_are_served_and_are_the_vendored_release(server):
    url, _, _ = server
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    assert manifest["package"] == "@zazuko/yasgui"
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
        status, headers, body = fetch(f"{url}/sparql/assets/{name}")
        assert status == 200 and hashlib.sha256(body).hexdigest() == digest
    assert fetch(f"{url}/sparql/assets/yasgui.min.js")[1]["Content-Type"].startswith("text/javascript")
    status, _, body = fetch(f"{url}/sparql/assets/prefixes.json")
    assert status == 200 and json.loads(body) == dict(PREFIXES)
    notices = fetch(f"{url}/sparql/assets/THIRD-PARTY-NOTICES.txt")[2].decode()
    for bundled in ("codemirror", "dompurify", "datatables.net", "jquery", "n3"):
        assert f"\n{bundled} " in notices
    assert fetch(f"{url}/sparql/assets/../../_store/CURRENT")[0] in (403, 404)
    assert fetch(f"{url}/sparql/assets/nope.js")[0] == 404


# ---- formats: defaults, the row limit in the results --------------------------------------------

CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@pytest.mark.parametrize(("accept", "ctype"), [
    (None, "text/turtle; charset=utf-8"),
    ("*/*", "text/turtle; charset=utf-8"),
    ("application/sparql-results+json", "text/turtle; charset=utf-8"),  # rdflib's SPARQLStore with json
    ("application/sparql-results+xml, application/rdf+xml", "application/rdf+xml"),  # … with xml
    ("application/n-triples", "application/n-triples"),
])
def test_graph_results_default_to_turtle(server, accept, ctype):
    url, _, _ = server
    status, headers, body = fetch(url + q(CONSTRUCT + " LIMIT 3"), accept=accept)
    assert (status, headers["Content-Type"]) == (200, ctype)
    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt"}
    assert len(rdflib.Graph().parse(data=body, format=fmt[ctype.split(";")[0]])) == 3


def test_select_results_default_to_json(server):
    url, _, _ = server
    for accept in (None, "*/*", "text/turtle", "image/png"):
        status, headers, body = fetch(url + q("SELECT ?s { ?s a ?t } LIMIT 2"), accept=accept)
        assert (status, headers["Content-Type"]) == (200, "application/sparql-results+json"), accept
        assert len(json.loads(body)["results"]["bindings"]) == 2


def _select(url: str, accept: str) -> tuple[dict, bytes]:
    status, headers, body = fetch(url + q("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"),
                                  accept=accept)
    assert status == 200
    return headers, body


NOTE = "kamerld: this result was cut at 5 rows (the endpoint's limit)"


def test_a_cut_select_says_so_in_every_format(server):
    url, _, _ = server
    headers, body = _select(url, "application/sparql-results+json")
    assert headers["X-SPARQL-MaxRows"] == "5"
    doc = json.loads(body)
    assert (doc["results"]["truncated"], doc["results"]["limit"]) == (True, 5)
    assert len(list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))) == 5
    assert len(rdflib.query.Result.parse(io.BytesIO(body), format="json")) == 5
    _, body = _select(url, "application/sparql-results+xml")
    assert f"<!-- {NOTE}".encode() in body
    assert len(list(ox.parse_query_results(body, format=ox.QueryResultsFormat.XML))) == 5
    assert len(rdflib.query.Result.parse(io.BytesIO(body), format="xml")) == 5
    _, body = _select(url, "text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["s", "p", "o"] and len(rows) == 7 and rows[-1] == [rows[-1][0]]  # one cell
    assert rows[-1][0].startswith("# " + NOTE)
    _, body = _select(url, "text/tab-separated-values")
    lines = body.decode().splitlines()
    assert len(lines) == 7 and lines[-1].startswith("# " + NOTE)
    # a result under the limit carries nothing of it
    status, headers, body = fetch(url + q("SELECT ?s { ?s a ?t } LIMIT 2"), accept="text/csv")
    assert "X-SPARQL-MaxRows" not in headers and b"# kamerld" not in body
    body = fetch(url + q("SELECT ?s { ?s a ?t } LIMIT 2"))[2]
    assert set(json.loads(body)["results"]) == {"bindings"}


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml")])
def test_a_cut_graph_says_so_in_every_format(server, accept, fmt):
    url, _, _ = server
    status, headers, body = fetch(url + q(CONSTRUCT), accept=accept)
    assert status == 200 and headers["X-SPARQL-MaxRows"] == "5"
    assert NOTE.replace("rows", "triples").encode() in body
    assert len(rdflib.Graph().parse(data=body, format=fmt)) == 5
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
                 "xml": ox.RdfFormat.RDF_XML}[fmt]
    assert len(list(ox.parse(body, format=ox_format))) == 5


# ---- syntax errors --------------------------------------------------------------------------------

ERRORS = [
    ("SELEC * WHERE { ?s ?p ?o }", 1, 1, "unknown word SELEC; did you mean SELECT?"),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 5", 1, 29, "unknown word LIMT; did you mean LIMIT?"),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  OPTINAL { ?s ?q ?r }\n}", 3, 3, "did you mean OPTIONAL?"),
    ("SELECT * WHERE { ?s ?p ?o ", 1, 16, "this '{' is never closed"),
    ("SELECT * WHERE { ?s ?p ?o . FILTER (?o = 3 }", 1, 44, "'}' closes the '(' of line 1, column 36"),
    ("SELECT * WHERE { ?s ?p ?o } }", 1, 29, "'}' closes nothing"),
    ("SELECT * { ?s ?p 'abc }", 1, 18, "a string opened here is never closed"),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  ?s foo:bar ?x }", 3, 6, "the prefix foo: is not declared"),
    ("PREFIX a: <x> SELECT * {}", 1, 11, "the IRI <x> is not absolute"),
    ("SELECT * { ?s <http://a b> ?o }", 1, 15, "holds a space"),
    ("SELECT (COUNT(*) ?n) {}", 1, 8, "needs a name: (… AS ?name)"),
    ("SELECT * { FILTER(?x > ) }", 1, 22, "something is missing after '>'"),
    ("select * { ?s a ?o } limit x", 1, 28, "LIMIT takes a whole number, not x"),
    ("SELECT * { ?s ?p ?o } ORDER ?s", 1, 29, "ORDER is followed by BY"),
    ("WHERE { ?s ?p ?o }", 1, 1, "a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE"),
    ("SELECT ?x WHERE { ?s ?p ?o } GROUP BY", 1, 38, 'expected one of "$", "(", ":", "<", "?", a name'),
    # a prefixed name's escaped quote opens no string
    ("PREFIX ex: <http://x/> SELECT * { ?s ex:a\\'b ?o } LIMT 5", 1, 51, "did you mean LIMIT?"),
]


@pytest.mark.parametrize(("query", "line", "column", "words"), ERRORS)
def test_a_syntax_error_names_the_mistake_at_its_place(server, query, line, column, words):
    url, _, _ = server
    status, headers, body = fetch(url + "/sparql", data=query.encode(), ctype="application/sparql-query")
    assert status == 400 and headers["Content-Type"] == "text/plain; charset=utf-8"
    first, shown, caret = body.decode().splitlines()
    assert first.startswith(f"SPARQL syntax error at line {line}, column {column}: "), first
    assert words in first
    assert shown == "  " + query.splitlines()[line - 1]
    assert caret == "  " + " " * (column - 1) + "^"


def test_every_error_message_comes_from_a_query_pyoxigraph_refuses():
    """The checks only speak when the parser refused the query: valid SPARQL with strings, numbers,
    language tags, prefixed names and functions parses."""
    store = ox.Store()
    valid = ('PREFIX kld: <https://w3id.org/kamerld/def#>\n'
             'SELECT ?v (COUNT(*) AS ?n) (STRLEN(?t) AS ?l) WHERE { ?v a kld:Vraag ; kld:tekst ?t . '
             'FILTER(LANG(?t) = "nl" && ?l >= 1.5e1 && ?t != "}{") '
             'OPTIONAL { ?v kld:x "a"@nl-NL , _:b } } GROUP BY ?v ?t ORDER BY DESC(?n) LIMIT 10 OFFSET 2')
    list(store.query(valid))
    for query, *_ in ERRORS:
        with pytest.raises(SyntaxError):
            store.query(query)
    # whatever pyoxigraph says, the explanation is one message with the place
    assert explain("x" * 5000 + "{", "no position").startswith("SPARQL syntax error at line 1, column 1:")


# ---- rdflib's SPARQLStore against a running `kamerld serve` over the real corpus --------------------


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    from corpus_docs import all_documents

    from kamerld.rdf.mapping import document_triples
    from kamerld.writers.fast import to_ntriples

    folder = tmp_path_factory.mktemp("corpus-store") / "store"
    disk = ox.Store(str(folder))
    memory = ox.Store()
    for k, (_, doc) in enumerate(all_documents()):
        graph = ox.NamedNode(f"{BASE}graph/{k}")
        data = to_ntriples(document_triples(doc))
        disk.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        memory.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    disk.flush()
    del disk
    from virtuoso_server import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kamerld", "serve", str(folder), "--port", str(port),
                             "--no-access-log"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 30
    while True:
        try:
            if fetch(url + "?query=" + urllib.parse.quote("ASK {}"))[0] == 200:
                break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("kamerld serve did not start: " + proc.communicate()[1].decode()[-2000:])
            time.sleep(0.2)
    yield url, memory
    proc.terminate()
    err = proc.communicate(timeout=10)[1].decode()
    assert "Traceback" not in err, err[-2000:]


SELECT_QA = """PREFIX kld: <https://w3id.org/kamerld/def#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
SELECT ?vraag ?antwoord WHERE { ?vraag a kld:Vraag . ?antwoord eli-dl:answers_to ?vraag }
ORDER BY ?vraag ?antwoord"""
CONSTRUCT_QA = """PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
CONSTRUCT { ?a eli-dl:answers_to ?v } WHERE { ?a eli-dl:answers_to ?v }"""


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("return_format", ["xml", "json"])
def test_rdflib_sparqlstore_reads_the_endpoint(corpus_server, method, return_format):
    url, memory = corpus_server
    expected_rows = [(str(r["vraag"].value), str(r["antwoord"].value))
                     for r in memory.query(SELECT_QA, use_default_graph_as_union=True)]
    assert len(expected_rows) > 400  # the corpus answers some 500 questions
    g = rdflib.Graph(store=SPARQLStore(url, method=method, returnFormat=return_format))
    rows = [(str(a), str(b)) for a, b in g.query(SELECT_QA)]
    assert rows == expected_rows
    constructed = g.query(CONSTRUCT_QA).graph
    expected_links = {(t.subject.value, t.object.value)
                      for t in memory.query(CONSTRUCT_QA, use_default_graph_as_union=True)}
    assert {(str(s), str(o)) for s, _, o in constructed} == expected_links
    assert {(b, a) for a, b in expected_rows} <= expected_links
    assert g.query("ASK { ?s a <https://w3id.org/kamerld/def#Antwoord> }").askAnswer is True
    # Graph.triples() over the store is a SELECT the endpoint answers too
    vragen = {str(s) for s in g.subjects(rdflib.RDF.type, rdflib.URIRef(VRAAG))}
    assert vragen == {r["v"].value for r in memory.query(f"SELECT DISTINCT ?v {{ ?v a <{VRAAG}> }}",
                                                           use_default_graph_as_union=True)}
