"""`kamerld serve` under attack: federated queries, odd requests, idle and slow clients, greedy queries,
a killed server. The real server on 127.0.0.1, over the site of test_publish's hand-made graphs."""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from test_publish import write_inputs
from test_serve import fetch

from kamerld.publish.server import make_app, make_server_for
from kamerld.publish.server.guard import refusal, service_endpoints
from kamerld.publish.site import publish_site

_SERVER_OPTIONS = ("read_timeout", "idle_timeout", "max_handlers")


def _start(root, **options):
    """The app and the real server in a thread; server options (timeouts) go to the server."""
    server_kw = {k: options.pop(k) for k in _SERVER_OPTIONS if k in options}
    app = make_app(root, **options)
    server = make_server_for(app, "127.0.0.1", 0, **server_kw)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return app, server, f"http://127.0.0.1:{server.server_port}"


class _Listener(http.server.BaseHTTPRequestHandler):
    """An internal service the server can reach: it answers like a SPARQL endpoint, and counts."""

    hits: list[str] = []

    def _answer(self):
        type(self).hits.append(f"{self.command} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
            {"s": {"type": "uri", "value": "http://internal.example/secret"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    _Listener.hits = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/sparql", _Listener.hits
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile-serve")
    out = tmp / "site"
    publish_site(write_inputs(tmp / "in"), out)
    return out


@pytest.fixture(scope="module")
def server(site):
    app, srv, url = _start(site, query_timeout=5.0, max_query_memory=256 * 2**20,
                           max_result_bytes=4096)
    assert fetch(url + "/sparql?query=" + urllib.parse.quote("ASK {}"))[0] == 200  # start a worker
    yield url
    srv.shutdown()
    srv.server_close()
    app.close()


def _federated(endpoint: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} }}",
        f"select * {{ service silent <{endpoint}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SeRvIcE<{endpoint}>{{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s WHERE {{ {{ SELECT ?s {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * {{ \\u0053ERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <{endpoint}>\nSELECT * {{ SERVICE e: {{ ?s ?p ?o }} }}",
        f"SELECT * {{ BIND(<{endpoint}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"# '''\nSELECT * {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}\n# '''",
        # a prefixed name's escapes (PN_LOCAL_ESC) are part of the name: its "\#" opens no comment and
        # its "\'" no string that would hide the keyword from the check (pyoxigraph runs both)
        f"PREFIX ex: <http://x/>\nSELECT * {{ BIND(ex:a\\#b AS ?x) SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://x/>\nSELECT * {{ BIND(ex:a\\'b AS ?x) SERVICE <{endpoint}> {{ ?s ?p ?o }} "
        f"BIND('x' AS ?y) }}",
    ]


def test_federated_queries_are_refused_and_the_listener_receives_nothing(server, listener):
    endpoint, hits = listener
    for query in _federated(endpoint):
        for method in ("GET", "POST"):
            if method == "GET":
                status, _, body = fetch(server + "/sparql?query=" + urllib.parse.quote(query))
            else:
                status, _, body = fetch(server + "/sparql", data=query.encode(),
                                        ctype="application/sparql-query")
            assert status == 403, (query, status, body)
            assert b"SERVICE" in body
    time.sleep(0.2)
    assert hits == []


def test_an_allowed_endpoint_is_queried_and_no_other(site, listener):
    """The allow-list is what lets a federated query out: the same query reaches the listener once."""
    endpoint, hits = listener
    app, srv, url = _start(site, allow_service=(endpoint,))
    try:
        query = f"SELECT ?s WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
        status, _, body = fetch(url + "/sparql?query=" + urllib.parse.quote(query))
        assert status == 200, body
        assert json.loads(body)["results"]["bindings"] == [
            {"s": {"type": "uri", "value": "http://internal.example/secret"}}]
        assert len(hits) == 1
        other = endpoint.replace("/sparql", "/other")
        status, _, body = fetch(url + "/sparql?query=" + urllib.parse.quote(query.replace(endpoint, other)))
        assert status == 403 and b"not on this server's allow-list" in body
        assert len(hits) == 1
    finally:
        srv.shutdown()
        srv.server_close()
        app.close()
        hits.clear()


def test_service_in_strings_iris_and_names_is_not_the_keyword():
    q = ('PREFIX ex: <http://x/SERVICE#> SELECT ?service WHERE { ?service ex:SERVICE "SERVICE <http://y/>" ;'
         " <http://x/?q=SERVICE> '''SERVICE''' }")
    assert service_endpoints(q) == []
    assert refusal(q) is None


def _raw(url: str, request: bytes, timeout: float = 10) -> bytes:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(request)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


@pytest.mark.parametrize(("request_line", "extra", "status"), [
    ("GET /doc/a%20b HTTP/1.0", "", b"404"),  # an IRI with a space: no such resource
    ("GET /doc/%ff HTTP/1.0", "", b"400"),  # not UTF-8
    ("GET /doc/" + "a" * 60_000 + " HTTP/1.0", "", b"414"),
    ("GET /doc/a%00b HTTP/1.0", "", b"400"),  # NUL, a control character
    ("GET /doc/a%0Ab HTTP/1.0", "", b"400"),  # a newline in the path
    ("POST /sparql HTTP/1.0", "Content-Type: application/sparql-query\r\nContent-Length: -5\r\n", b"400"),
    ("POST /sparql HTTP/1.0", "Content-Type: application/sparql-query\r\nContent-Length: x\r\n", b"400"),
])
def test_odd_requests_are_4xx_without_a_traceback(server, capfd, request_line, extra, status):
    answer = _raw(server, f"{request_line}\r\nHost: x\r\n{extra}\r\n".encode())
    assert answer.split(b" ", 2)[1] == status, answer[:200]
    err = capfd.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err[-2000:]


def test_idle_connections_hold_no_thread_and_are_closed(site):
    app, srv, url = _start(site, idle_timeout=1.0)
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(300)]
    try:
        threads = threading.active_count()
        start = time.monotonic()
        for _ in range(8):
            assert fetch(url + "/doc/document/ah-tk-20242025-583")[0] == 200
        assert time.monotonic() - start < 2  # served at once, beside 300 idle connections
        assert threading.active_count() <= threads + 1  # no thread per idle connection
        time.sleep(2.5)
        for s in idle:
            s.settimeout(1)
            assert s.recv(1) == b""  # closed by the server
    finally:
        for s in idle:
            s.close()
        srv.shutdown()
        srv.server_close()
        app.close()


def test_a_slow_client_is_cut_off_at_the_read_timeout(site):
    app, srv, url = _start(site, read_timeout=1.5)
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=10) as s:
            start = time.monotonic()
            closed = False
            for ch in b"GET /doc/document/ah-tk-20242025-583 HTTP/1.0\r\n":
                try:
                    s.sendall(bytes([ch]))
                except OSError:
                    closed = True
                    break
                s.settimeout(0.3)
                try:
                    if s.recv(1) == b"":
                        closed = True
                        break
                except TimeoutError:
                    pass
            assert closed, "the trickling client was never cut off"
            assert time.monotonic() - start < 5
        assert fetch(url + "/doc/document/ah-tk-20242025-583")[0] == 200
    finally:
        srv.shutdown()
        srv.server_close()
        app.close()


def test_a_query_that_grows_its_worker_is_stopped_at_the_memory_limit(server):
    greedy = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j LIMIT 1"
    status, _, body = fetch(server + "/sparql?query=" + urllib.parse.quote(greedy))
    assert status == 503 and b"memory limit of 256 MiB" in body, body
    assert fetch(server + "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))[0] == 200


def test_a_result_over_the_byte_limit_is_refused(server):
    status, _, body = fetch(server + "/sparql?query=" + urllib.parse.quote("SELECT * { ?s ?p ?o }"))
    assert status == 503 and b"larger than the limit" in body


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
def test_query_workers_die_with_a_killed_server(site):
    from virtuoso_server import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kamerld", "serve", str(site), "--port", str(port),
                             "--query-timeout", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if fetch(url + "/sparql?query=" + urllib.parse.quote("ASK {}"))[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        threading.Thread(target=lambda: _swallow(url, slow), daemon=True).start()
        time.sleep(1)
        workers = _children(proc.pid)
        assert workers, "no query worker was started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(5)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.1)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and "Z" not in (Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[:1])]
        assert alive == [], f"workers {alive} outlived the server"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=5)


def _swallow(url: str, query: str) -> None:
    try:
        fetch(url + "/sparql?query=" + urllib.parse.quote(query))
    except OSError:
        pass
