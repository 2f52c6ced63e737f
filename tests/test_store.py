"""Loading into the embedded store and into a SPARQL 1.1 Graph Store over HTTP.

The HTTP tests run a small Graph Store Protocol server (PUT replaces a named graph, pyoxigraph behind it)
on 127.0.0.1 with basic or digest authentication, the way Virtuoso's /sparql-graph-crud-auth works.
"""

from __future__ import annotations

import base64
import hashlib
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from test_publish import input_triples, write_inputs

from kamerld.errors import InputError
from kamerld.store import graph_iri, load_endpoint, load_files, open_store

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


def test_wrong_password_is_an_input_error(tmp_path):
    files = write_inputs(tmp_path / "in")
    server, _ = _serve("basic")
    try:
        with pytest.raises(InputError) as err:
            load_endpoint(files, f"http://127.0.0.1:{server.server_port}/store", user=USER, password="nope")
        assert "HTTP 401" in str(err.value)
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(InputError):
        load_endpoint(files, "ftp://example.org/store")
    with pytest.raises(InputError):
        load_endpoint(files, "http://127.0.0.1:9/store", auth="kerberos")
