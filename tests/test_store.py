"""Loading into the embedded store and into a SPARQL 1.1 Graph Store over HTTP.

The HTTP tests run a small Graph Store Protocol server (PUT replaces a named graph, pyoxigraph behind it)
on 127.0.0.1 with basic or digest authentication, the way Virtuoso's /sparql-graph-crud-auth works.
"""

from __future__ import annotations

import base64
import hashlib
import socket
import struct
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from test_publish import input_triples, write_inputs

from kamerld.errors import InputError, StoreError, UsageError
from kamerld.publish.store import graph_iri, load_endpoint, load_files, open_store

GRAPHS = {
    "https://w3id.org/kamerld/graph/ah-tk-20242025-583",
    "https://w3id.org/kamerld/graph/ah-tk-20242025-597",
}


def count(store: ox.Store) -> int:
    return len(list(store.quads_for_pattern(None, None, None, None)))


def test_loading_twice_does_not_duplicate(tmp_path):
    files = write_inputs(tmp_path / "in")
    store = open_store(tmp_path / "store")
    assert load_files(store, files) == 87
    assert count(store) == 87
    assert load_files(store, files) == 87
    assert count(store) == 87 == len(input_triples(files))
    assert {g.value for g in store.named_graphs()} == GRAPHS


def test_reload_replaces_a_shrunken_document(tmp_path):
    files = write_inputs(tmp_path / "in")
    store = open_store(None)
    load_files(store, files)
    files[1].write_text(
        "<https://w3id.org/kamerld/id/document/ah-tk-20242025-597> "
        '<http://purl.org/dc/terms/identifier> "ah-tk-20242025-597" .\n'
    )
    load_files(store, [files[1]])
    graph = ox.NamedNode(graph_iri(files[1]))
    assert len(list(store.quads_for_pattern(None, None, None, graph))) == 1
    assert count(store) == 61 + 1  # 583 untouched (61 triples), 597 now one


def test_store_persists_on_disk(tmp_path):
    files = write_inputs(tmp_path / "in")
    store = open_store(tmp_path / "store")
    load_files(store, files)
    del store
    again = ox.Store.read_only(str(tmp_path / "store"))
    assert count(again) == 87


def test_bad_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text("<urn:a> <urn:b> .\n")
    with pytest.raises(InputError) as err:
        load_files(open_store(None), [bad])
    assert err.value.path == str(bad)


# ---- a Graph Store Protocol server to load into -------------------------------------------------

USER, PASSWORD, REALM, NONCE = "dba", "s3cret", "SPARQL", "a1b2c3d4"


class GSP(BaseHTTPRequestHandler):
    store: ox.Store
    auth: str
    param: str
    puts: list

    def log_message(self, *args):
        pass

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if self.auth == "basic":
            return header == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if not header.startswith("Digest "):
            return False
        fields = dict(urllib.request.parse_keqv_list(urllib.request.parse_http_list(header[7:])))
        ha1 = hashlib.md5(f"{USER}:{REALM}:{PASSWORD}".encode()).hexdigest()
        ha2 = hashlib.md5(f"PUT:{fields['uri']}".encode()).hexdigest()
        expect = hashlib.md5(
            f"{ha1}:{NONCE}:{fields['nc']}:{fields['cnonce']}:{fields['qop']}:{ha2}".encode()
        ).hexdigest()
        return fields.get("response") == expect and fields.get("username") == USER

    def do_PUT(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if not self._authorised():
            self.send_response(401)
            if self.auth == "digest":
                self.send_header("WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth"')
            else:
                self.send_header("WWW-Authenticate", f'Basic realm="{REALM}"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        graph = ox.NamedNode(params[self.param][0])
        existed = self.store.contains_named_graph(graph)
        if existed:
            self.store.remove_graph(graph)
        for t in ox.parse(body, format=ox.RdfFormat.TURTLE):
            self.store.add(ox.Quad(t.subject, t.predicate, t.object, graph))
        self.puts.append((self.headers["Content-Type"], graph.value))
        self.send_response(204 if existed else 201)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _serve(auth: str, param: str = "graph"):
    handler = type("H", (GSP,), {"store": ox.Store(), "auth": auth, "param": param, "puts": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler


@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_load_endpoint_put_replaces(tmp_path, auth):
    files = write_inputs(tmp_path / "in")
    server, handler = _serve(auth)
    endpoint = f"http://127.0.0.1:{server.server_port}/store"
    try:
        report = load_endpoint(files, endpoint, user=USER, password=PASSWORD, auth=auth)
        assert set(report.graphs) == GRAPHS and report.triples == 87 and report.statuses == [201, 201]
        again = load_endpoint(files, endpoint, user=USER, password=PASSWORD, auth=auth)
        assert again.statuses == [204, 204]
        assert count(handler.store) == 87
        assert {c for c, _ in handler.puts} == {"text/turtle; charset=utf-8"}
    finally:
        server.shutdown()
        server.server_close()


def test_virtuoso_endpoint_uses_graph_uri(tmp_path):
    files = write_inputs(tmp_path / "in")
    server, handler = _serve("digest", param="graph-uri")
    endpoint = f"http://127.0.0.1:{server.server_port}/sparql-graph-crud-auth"
    try:
        load_endpoint(files, endpoint, user=USER, password=PASSWORD, auth="digest")
        assert {g for _, g in handler.puts} == GRAPHS
    finally:
        server.shutdown()
        server.server_close()


def test_wrong_password_is_a_store_error_naming_the_graph(tmp_path):
    files = write_inputs(tmp_path / "in")
    server, _ = _serve("basic")
    endpoint = f"http://127.0.0.1:{server.server_port}/store"
    try:
        with pytest.raises(StoreError) as err:
            load_endpoint(files, endpoint, user=USER, password="nope", retries=0)
        assert str(err.value).startswith(
            f"{files[0]}: the Graph Store at {endpoint} refused graph {graph_iri(files[0])}: HTTP 401")
        assert err.value.exit_code == 4
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(UsageError):
        load_endpoint(files, "ftp://example.org/store")
    with pytest.raises(UsageError):
        load_endpoint(files, "http://127.0.0.1:9/store", auth="kerberos")


# ---- an unlucky load: the store resets, stays silent, is busy; the load resumes ----------------------


class Flaky(GSP):
    """The Graph Store above, misbehaving on the requests listed in `plan` (1-based request number):
    "reset" closes the connection without an answer, "silent" answers nothing for 30 s, "busy" is 503."""

    plan: dict
    seen: list

    def do_PUT(self):
        self.seen.append(self.path)
        what = self.plan.get(len(self.seen))
        if what == "reset":
            self.rfile.read(int(self.headers["Content-Length"]))
            # linger 0: the close sends a TCP reset, as a store that crashes mid-request does
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        if what == "silent":
            time.sleep(30)
            return
        if what == "busy":
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_PUT()


def _flaky(plan: dict):
    handler = type("F", (Flaky,), {"store": ox.Store(), "auth": "basic", "param": "graph", "puts": [],
                                   "plan": plan, "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler, f"http://127.0.0.1:{server.server_port}/store"


def test_a_reset_and_a_busy_store_are_retried(tmp_path):
    files = write_inputs(tmp_path / "in")
    server, handler, endpoint = _flaky({1: "reset", 2: "busy"})
    waits: list[float] = []
    try:
        report = load_endpoint(files, endpoint, user=USER, password=PASSWORD, sleep=waits.append)
    finally:
        server.shutdown()
        server.server_close()
    assert report.graphs == sorted(GRAPHS) and report.retried == 2
    assert waits == [1.0, 0.0]  # backoff after the reset; the store's Retry-After: 0 after the 503
    assert count(handler.store) == 87


def test_a_silent_store_ends_in_a_clear_message_and_the_load_resumes(tmp_path):
    files = write_inputs(tmp_path / "in")
    journal = tmp_path / "load.jsonl"
    server, handler, endpoint = _flaky({2: "silent", 3: "silent"})
    start = time.monotonic()
    try:
        with pytest.raises(StoreError) as err:
            load_endpoint(files, endpoint, user=USER, password=PASSWORD, timeout=0.5, retries=1,
                          journal=journal, sleep=lambda s: None)
        assert time.monotonic() - start < 10  # not a fixed 120 s
        second = graph_iri(files[1])
        assert str(err.value) == (
            f"{files[1]}: cannot load graph {second} into {endpoint}: no answer within 0.5 s (tried 2 "
            "time(s); 1 of 2 graphs loaded before it) (run the same command with --resume to load the rest)")
        assert err.value.exit_code == 4
        # --resume: the first graph is in the journal with the same content, only the second is sent
        report = load_endpoint(files, endpoint, user=USER, password=PASSWORD, journal=journal, resume=True)
        assert (report.skipped, report.graphs) == (1, [second])
        assert len(handler.seen) == 4
        assert count(handler.store) == 87
    finally:
        server.shutdown()
        server.server_close()


def test_the_cli_load_reports_one_line_and_exit_4(tmp_path):
    from click.testing import CliRunner

    from kamerld.cli import cli

    files = write_inputs(tmp_path / "in")
    server, _, endpoint = _flaky({n: "reset" for n in range(1, 10)})
    try:
        result = CliRunner().invoke(cli, ["load", str(files[0]), "--endpoint", endpoint, "--user", USER,
                                          "--password", PASSWORD, "--retries", "0",
                                          "--journal", str(tmp_path / "j.jsonl")])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    assert f"cannot load graph {graph_iri(files[0])} into {endpoint}: " in result.output
    assert "--resume" in result.output
