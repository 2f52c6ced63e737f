"""The local server: the real HTTP server on 127.0.0.1 (free port, in a thread), over a published site
built from the two hand-made graphs of real corpus documents in test_publish.py."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from conftest import REPO
from test_publish import BASE, DOC_583, DOC_597, ID, Q583_1, with_local_context, write_inputs

from kamerld.errors import InputError
from kamerld.publish.server import choose, make_app, make_server_for
from kamerld.publish.site import publish_site

DOC = "document/ah-tk-20242025-583"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(
    url: str,
    *,
    accept: str | None = None,
    data: bytes | None = None,
    ctype: str | None = None,
    method: str | None = None,
):
    req = urllib.request.Request(url, data=data, method=method)
    if accept:
        req.add_header("Accept", accept)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with OPENER.open(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _start(root, **limits):
    app = make_app(root, **limits)
    server = make_server_for(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return app, server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    out = tmp / "site"
    # as `kamerld publish` does: with the ontology, both shapes files and the context
    publish_site(write_inputs(tmp / "in"), out, base=BASE, ontology=REPO / "ontology/kamerld.ttl",
                 shapes=REPO / "shapes/kamerld.ttl", advisory_shapes=REPO / "shapes/kamerld-advisory.ttl",
                 context=REPO / "src/kamerld/rdf/context.jsonld")
    app, srv, url = _start(out, query_timeout=3.0, max_results=5, max_query_length=2000)
    # the first query starts a worker process (imports pyoxigraph); do it before the timing test
    assert fetch(url + "/sparql?query=" + urllib.parse.quote("ASK {}"))[0] == 200
    yield url, out
    srv.shutdown()
    srv.server_close()
    app.close()


def test_binds_localhost_only(server):
    url, _ = server
    assert url.startswith("http://127.0.0.1:")


def test_id_is_303_to_doc(server):
    url, _ = server
    for accept in ("text/html", "text/turtle", None):
        status, headers, _ = fetch(f"{url}/id/{DOC}/vraag/1", accept=accept)
        assert status == 303
        assert headers["Location"] == f"/doc/{DOC}/vraag/1"
        assert headers["Vary"] == "Accept"
    # the base path (w3id's /kamerld/) is accepted too
    status, headers, _ = fetch(f"{url}/kamerld/id/{DOC}")
    assert (status, headers["Location"]) == (303, f"/kamerld/doc/{DOC}")


@pytest.mark.parametrize(
    "accept, ctype, fmt",
    [
        ("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", "text/html; charset=utf-8", None),
        ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("text/html;q=0.5, text/turtle;q=0.9", "text/turtle; charset=utf-8", "turtle"),
    ],
)
def test_doc_negotiates(server, accept, ctype, fmt):
    url, out = server
    status, headers, body = fetch(f"{url}/doc/{DOC}/vraag/1", accept=accept)
    assert status == 200
    assert headers["Content-Type"] == ctype
    assert headers["Vary"] == "Accept"
    assert '<1.ttl>; rel="alternate"; type="text/turtle"' in headers["Link"]
    assert '<1.nt>; rel="alternate"; type="application/n-triples"' in headers["Link"]
    assert '<1.rdf>; rel="alternate"; type="application/rdf+xml"' in headers["Link"]
    if fmt is None:
        assert Q583_1 in body.decode("utf-8")
        return
    if fmt == "json-ld":  # the page names the published context: the test puts the site's copy in
        body = with_local_context(body.decode("utf-8"), out).encode("utf-8")
    g = rdflib.Graph().parse(data=body, format=fmt)
    q = rdflib.URIRef(ID + DOC + "/vraag/1")
    assert g.value(q, rdflib.URIRef("https://w3id.org/kamerld/def#tekst")) == rdflib.Literal(
        Q583_1, lang="nl"
    )
    # vraag 1 in DOC_583, counted by hand: its 11 triples, the answer that answers it (the question's
    # RDF names its answer) and the label of the TOOI ministry it is addressed to
    assert len(g) == 13
    answer = rdflib.URIRef(ID + DOC + "/antwoord/1")
    answers_to = rdflib.URIRef("http://data.europa.eu/eli/eli-draft-legislation-ontology#answers_to")
    assert (answer, answers_to, q) in g


def test_doc_by_suffix_and_unacceptable(server):
    url, _ = server
    status, headers, body = fetch(f"{url}/doc/{DOC}.ttl", accept="text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    # its 12 triples and its 4 parts (eli:is_part_of it)
    assert len(rdflib.Graph().parse(data=body, format="turtle")) == 16
    assert fetch(f"{url}/doc/{DOC}", accept="image/png")[0] == 406
    assert fetch(f"{url}/doc/document/does-not-exist")[0] == 404


def test_static_files_and_void(server):
    url, _ = server
    status, headers, body = fetch(f"{url}/.well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    rdflib.Graph().parse(data=body, format="turtle")
    status, headers, _ = fetch(f"{url}/dumps/kamerld.nt.gz")
    assert (status, headers["Content-Type"]) == (200, "application/gzip")
    assert fetch(f"{url}/")[0] == 200


SELECT_QA = """PREFIX kld: <https://w3id.org/kamerld/def#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
SELECT ?q ?a ?tekst WHERE { ?a eli-dl:answers_to ?q . ?q kld:tekst ?tekst .
  FILTER(CONTAINS(?tekst, "The Guardian")) }"""


def test_sparql_get_finds_question_and_answer(server):
    url, _ = server
    status, headers, body = fetch(
        f"{url}/sparql?query={urllib.parse.quote(SELECT_QA)}", accept="application/sparql-results+json"
    )
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == 1
    assert rows[0]["q"]["value"] == ID + DOC + "/vraag/1"
    assert rows[0]["a"]["value"] == ID + DOC + "/antwoord/1"
    assert rows[0]["tekst"] == {"type": "literal", "value": Q583_1, "xml:lang": "nl"}


@pytest.mark.parametrize(
    "accept", ["application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
)
def test_sparql_post_in_every_results_format(server, accept):
    url, _ = server
    status, headers, body = fetch(
        f"{url}/sparql", data=SELECT_QA.encode(), ctype="application/sparql-query", accept=accept
    )
    assert status == 200 and headers["Content-Type"].startswith(accept)
    if accept.endswith("xml"):
        parsed = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.XML))
        assert parsed[0]["a"] == ox.NamedNode(ID + DOC + "/antwoord/1")
    elif accept == "text/csv":
        rows = list(csv.reader(io.StringIO(body.decode())))
        assert rows == [["q", "a", "tekst"], [ID + DOC + "/vraag/1", ID + DOC + "/antwoord/1", Q583_1]]
    else:
        parsed = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV))
        assert parsed[0]["q"] == ox.NamedNode(ID + DOC + "/vraag/1")


def test_sparql_form_post_construct_ask_describe(server):
    url, _ = server
    construct = f"CONSTRUCT {{ ?a ?p ?o }} WHERE {{ BIND(<{ID}{DOC}/antwoord/1> AS ?a) ?a ?p ?o }}"
    form = urllib.parse.urlencode({"query": construct}).encode()
    status, headers, body = fetch(
        f"{url}/sparql", data=form, ctype="application/x-www-form-urlencoded", accept="text/turtle"
    )
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=body, format="turtle")) == 5  # capped at max_results=5 of 8
    assert headers["X-SPARQL-MaxRows"] == "5"
    status, _, body = fetch(
        f"{url}/sparql?query=" + urllib.parse.quote(f"DESCRIBE <{ID}{DOC}/vraag/5>"),
        accept="application/n-triples",
    )
    assert status == 200 and len(rdflib.Graph().parse(data=body, format="nt")) == 5
    dct_references = "<http://purl.org/dc/terms/references>"
    ask = f"ASK {{ <{ID}{DOC}/antwoord/5> {dct_references} <{ID}document/kst-21501-20-2018> }}"
    status, _, body = fetch(f"{url}/sparql?query=" + urllib.parse.quote(ask), accept="application/json")
    assert status == 200 and json.loads(body)["boolean"] is True


def _count(url: str, query: str, **params: str) -> int:
    body = fetch(f"{url}/sparql?" + urllib.parse.urlencode({"query": query, **params}))[2]
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_the_protocols_dataset_parameters_are_honoured(server):
    """default-graph-uri and named-graph-uri (SPARQL 1.1 Protocol 2.1.4) choose the dataset and win
    over FROM; FROM is honoured without them; with neither, the default graph is the union."""
    url, _ = server
    g583, g597 = BASE + "graph/ah-tk-20242025-583", BASE + "graph/ah-tk-20242025-597"
    n583, n597 = (len(rdflib.Graph().parse(data=d, format="turtle")) for d in (DOC_583, DOC_597))
    every = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert _count(url, every) == n583 + n597 == 87  # the union: every triple of both documents
    assert _count(url, every, **{"default-graph-uri": g597}) == n597
    assert _count(url, f"SELECT (COUNT(*) AS ?n) FROM <{g583}> WHERE {{ ?s ?p ?o }}") == n583
    assert _count(url, f"SELECT (COUNT(*) AS ?n) FROM <{g583}> WHERE {{ ?s ?p ?o }}",
                  **{"default-graph-uri": g597}) == n597
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(url, named) == 2
    assert _count(url, named, **{"named-graph-uri": g583}) == 1
    assert _count(url, every, **{"named-graph-uri": g583}) == 0  # a dataset with no default graph
    # both parameters can repeat; in a form POST they come with the query
    form = urllib.parse.urlencode(
        [("query", every), ("default-graph-uri", g583), ("default-graph-uri", g597)])
    body = fetch(f"{url}/sparql", data=form.encode(), ctype="application/x-www-form-urlencoded")[2]
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "87"
    bad = urllib.parse.urlencode({"query": every, "default-graph-uri": "a b"})
    status, _, body = fetch(f"{url}/sparql?{bad}")
    assert status == 400 and b"not an IRI" in body


def test_the_vocabulary_and_its_terms_negotiate(server):
    """{base}def is the ontology; a term {base}def#tekst is requested as {base}def."""
    url, out = server
    status, headers, body = fetch(f"{url}/kamerld/def", accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert '<def.rdf>; rel="alternate"; type="application/rdf+xml"' in headers["Link"]
    status, headers, body = fetch(f"{url}/def", accept="text/html")
    assert status == 200 and b'<a href="def/index.html">def</a>' in body
    # the context has one representation: no Link header advertising alternates that do not exist
    status, headers, _ = fetch(f"{url}/def/context.jsonld")
    assert status == 200 and headers["Link"] is None


def test_select_is_capped(server):
    url, _ = server
    q = urllib.parse.quote("SELECT ?s WHERE { ?s ?p ?o }")
    status, headers, body = fetch(f"{url}/sparql?query={q}")
    assert status == 200 and headers["X-SPARQL-MaxRows"] == "5"
    assert len(json.loads(body)["results"]["bindings"]) == 5


def test_updates_are_refused(server):
    url, out = server
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert fetch(f"{url}/sparql", data=insert.encode(), ctype="application/sparql-update")[0] == 403
    form = urllib.parse.urlencode({"update": insert}).encode()
    assert fetch(f"{url}/sparql", data=form, ctype="application/x-www-form-urlencoded")[0] == 403
    assert fetch(f"{url}/sparql?update=" + urllib.parse.quote(insert))[0] == 403
    sneaky = "PREFIX x: <urn:x#>\n# a comment\nDELETE WHERE { ?s ?p ?o }"
    assert fetch(f"{url}/sparql?query=" + urllib.parse.quote(sneaky))[0] == 403
    assert fetch(f"{url}/doc/{DOC}.ttl", data=b"x", ctype="text/turtle", method="PUT")[0] == 405
    # nothing changed
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    body = fetch(f"{url}/sparql?query={q}")[2]
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "87"


def test_bad_and_oversized_queries(server):
    url, _ = server
    assert fetch(f"{url}/sparql?query=" + urllib.parse.quote("SELEKT * {}"))[0] == 400
    assert fetch(f"{url}/sparql?query=")[0] == 400  # without query= at all: the service description
    long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2100
    assert fetch(f"{url}/sparql?query=" + urllib.parse.quote(long_query))[0] == 414
    assert fetch(f"{url}/sparql", data=long_query.encode(), ctype="application/sparql-query")[0] == 413


def test_traversal_and_private_folders_refused(server):
    url, out = server
    assert fetch(f"{url}/doc/../_site.json")[0] in (403, 404)
    assert fetch(f"{url}/doc/%2e%2e/%2e%2e/etc/passwd")[0] == 403
    assert fetch(f"{url}/_store/CURRENT")[0] == 404
    assert fetch(f"{url}/_server/nginx.conf")[0] == 404
    assert fetch(f"{url}/doc/..%2F..%2Fetc%2Fpasswd")[0] in (403, 404)


def test_query_time_limit(server):
    url, _ = server
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?x ?y ?z }"
    )
    start = time.monotonic()
    status, _, body = fetch(f"{url}/sparql?query=" + urllib.parse.quote(slow))
    assert status == 503 and b"time limit of 3 s" in body
    assert time.monotonic() - start < 10
    # the killed worker is replaced: the next query works
    assert fetch(f"{url}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))[0] == 200


def test_serving_a_bare_store_renders_pages(tmp_path):
    out = tmp_path / "site"
    publish_site(write_inputs(tmp_path / "in"), out)
    app, srv, url = _start(out / "_store")
    try:
        status, headers, body = fetch(f"{url}/doc/{DOC}/vraag/1", accept="text/html")
        assert status == 200 and Q583_1 in body.decode()
        assert f'href="/doc/{DOC}/antwoord/1"' in body.decode()
        status, _, body = fetch(f"{url}/doc/{DOC}/vraag/1", accept="text/turtle")
        assert len(rdflib.Graph().parse(data=body, format="turtle")) == 13
        status, headers, body = fetch(f"{url}/doc/{DOC}/vraag/1.rdf")
        assert status == 200 and headers["Content-Type"] == "application/rdf+xml"
        assert len(rdflib.Graph().parse(data=body, format="xml")) == 13
        assert fetch(f"{url}/doc/document/nope")[0] == 404
        # a bare store has no indexes, statistics, search or definitions: its pages link to none, and
        # every link a page carries is answered
        page = fetch(f"{url}/doc/{DOC}", accept="text/html")[2].decode()
        links = set(re.findall(r'href="(/[^"#]*)"', page))
        assert "/sparql" in links and not any("statistiek" in x or "zoeken" in x for x in links)
        broken = [x for x in links if fetch(f"{url}{x}", accept="text/html")[0] != 200]
        assert broken == []
        # what the pages show of the whole store is gathered once, not per request
        first = app.store_facts()
        fetch(f"{url}/doc/{DOC}/vraag/2", accept="text/html")
        assert app.store_facts() is first
    finally:
        srv.shutdown()
        srv.server_close()
        app.close()


def test_not_a_site(tmp_path):
    with pytest.raises(InputError):
        make_app(tmp_path)


def test_choose():
    offers = ["text/html", "text/turtle"]
    assert choose(None, offers) == "text/html"
    assert choose("text/*;q=0.2, text/turtle", offers) == "text/turtle"
    assert choose("*/*", offers) == "text/html"
    assert choose("text/turtle;q=0", offers) is None
    assert choose("image/png", offers) is None
