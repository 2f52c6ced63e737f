"""The published site in a real browser: `kamerld publish` of the bundled output (output/, committed),
served by the real server on 127.0.0.1, opened in headless Chromium.

Chromium gives the DOM after rendering (`--dump-dom`) and a picture (`--screenshot`); it follows the
303 from an `id/` URI to its `doc/` page itself. Texts expected on the pages are read from the example
inputs (examples/letter-text/so-brief-verkiezingen.txt), not from the converter's output.

Skipped when chromium is missing, except under CI (the CI script installs it): a failure.
docs/screenshots/ shows the same pages for the real corpus: scripts/screenshots.py refreshes them.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import signal
import struct
import subprocess
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import ListLog
from virtuoso_server import require_tool

from kamerld.cli import cli
from kamerld.publish.server import make_app, make_server_for
from kamerld.publish.server.access_log import AccessLog

REPO = Path(__file__).resolve().parents[1]
DOC = "document/mnre1034-2024-0000099001"
ID = "https://w3id.org/kamerld/id/"
# examples/letter-text/so-brief-verkiezingen.txt, question 1 and its answer, lines joined by hand
# ("stembureau-" + "leden" at a line end is one word)
QUESTION_1 = (
    "De leden van de VVD-fractie hebben kennisgenomen van de evaluatie. Zij vragen de minister van "
    "Binnenlandse Zaken en Koninkrijksrelaties hoe de ondersteuning van gemeenten bij het tellen van de "
    "stemmen wordt verbeterd."
)
ANSWER_1 = (
    "Gemeenten krijgen vanaf de volgende verkiezing een handreiking voor het centraal tellen. Ik verwijs "
    "hiervoor naar mijn brief van 12 maart jl. (Kamerstuk 35 165, nr. 62). Daarnaast wordt de opleiding "
    "van stembureauleden uitgebreid."
)
CHROMIUM_TIMEOUT = 60


REQUESTS = ListLog()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_of(url: str) -> tuple[int, str | None]:
    """The HTTP status (redirects not followed) and the Location header."""
    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=30) as resp:
            return resp.status, resp.headers.get("Location")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location")


def chromium(*args: str) -> str:
    """Run headless Chromium once (own profile, own process group, bounded); its stdout."""
    binary = require_tool("chromium", "chromium")
    with tempfile.TemporaryDirectory(prefix="kamerld-chromium-") as profile:
        # --no-sandbox: the sandbox refuses to run as root (CI containers); the pages are our own
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=CHROMIUM_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the browser and its renderer/zygote children
            proc.communicate()
            pytest.fail(f"chromium did not finish within {CHROMIUM_TIMEOUT} s: {' '.join(args)}")
        assert proc.returncode == 0, err.decode("utf-8", "replace")[-2000:]
        return out.decode("utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled output published with `kamerld publish` and served on a free port of 127.0.0.1."""
    output = REPO / "output"
    assert sorted(output.glob("*.ttl")), f"the bundled output is missing at {output}"
    out = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(cli, ["publish", str(output), "-o", str(out)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    app = make_app(out)
    server = make_server_for(app, "127.0.0.1", 0, access_log=AccessLog(REQUESTS))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", out
    finally:
        server.shutdown()
        server.server_close()
        app.close()


def rendered(url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(chromium("--dump-dom", url))


def text_of(page: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in page.xpath(xpath)]


def section_links(page: lxml.html.HtmlElement, heading: str) -> list[str]:
    return page.xpath(f'//section[h2="{heading}"]//a/@href')


def test_question_page_in_the_browser(site):
    """The question and its answer on one page, with who asked, the answer's citation and the JSON-LD."""
    url, _ = site
    page = rendered(f"{url}/id/{DOC}/vraag/1")  # 303 to /doc/…, followed by the browser
    assert text_of(page, '//div[contains(@class, "tekst")]') == [QUESTION_1, ANSWER_1]
    assert text_of(page, "//main//h2") == [
        "Vraag / Question", "Antwoord 1 / Answer", "Verwijzingen / Citations"]
    facts = dict(zip(text_of(page, "//dl/dt"), text_of(page, "//dl/dd"), strict=True))
    assert facts["Namens / on behalf of"] == "Volkspartij voor Vrijheid en Democratie"
    assert facts["Gericht aan / addressed to"] == "minister van Binnenlandse Zaken en Koninkrijksrelaties"
    # the cited Kamerstuk is not in this site but has a page of its own (issue 15): the link goes there
    assert page.xpath('//section[@id="verwijzingen"]//a/@href') == ["../../kst-35165-62.html"]
    # the JSON-LD a crawler reads from the rendered page names this question and its text
    [script] = page.xpath('//script[@type="application/ld+json"]/text()')
    data = json.loads(script)
    assert data["@context"] == "https://w3id.org/kamerld/def/context.jsonld"  # the published context
    nodes = {n["@id"]: n for n in data["@graph"]}
    assert nodes[f"{ID}{DOC}/vraag/1"]["tekst"] == QUESTION_1
    # and the answer that answers it: the question's data names its answer, not only the HTML
    assert nodes[f"{ID}{DOC}/antwoord/1"]["answers_to"] == [f"{ID}{DOC}/vraag/1"]


def test_answer_page_in_the_browser(site):
    url, _ = site
    page = rendered(f"{url}/doc/{DOC}/antwoord/1")
    assert text_of(page, '//div[contains(@class, "tekst")]') == [QUESTION_1, ANSWER_1]
    assert section_links(page, "Beantwoordt / Answers") == ["../vraag/1.html"]
    # the cited Kamerstuk is not in this site, but has a page: what is known, its official publication;
    # the link is under the text as written
    assert [(a.text_content(), a.get("href")) for a in page.xpath('//section[@id="verwijzingen"]//a')] == [
        ("Kamerstuk 35 165, nr. 62", "../../kst-35165-62.html")]
    cited = rendered(f"{url}/doc/document/kst-35165-62")
    assert "https://zoek.officielebekendmakingen.nl/kst-35165-62" in cited.xpath("//a/@href")


def test_every_link_on_the_question_page_works(site):
    url, _ = site
    page_url = f"{url}/doc/{DOC}/vraag/1"
    page = rendered(page_url)
    inside = set()
    for href in page.xpath("//a/@href"):
        target = urllib.parse.urljoin(page_url, href)
        if target.startswith(url + "/"):
            inside.add(urllib.parse.urldefrag(target).url)
    # the site's menu, the document, the fractie, the post (asked and answering), the answer, the next
    # question, the cited Kamerstuk's page, and the page as Turtle, JSON-LD, N-Triples and RDF/XML
    assert sorted(t.removeprefix(url) for t in inside) == sorted([
        "/index.html", "/index/documenten.html", "/statistiek.html", "/zoeken.html", "/def/index.html",
        f"/doc/{DOC}.html",
        "/doc/document/kst-35165-62.html",
        "/doc/fractie/vvd.html",
        "/doc/post/minister-van-binnenlandse-zaken-en-koninkrijksrelaties.html",
        f"/doc/{DOC}/antwoord/1.html",
        f"/doc/{DOC}/vraag/2.html",
        f"/doc/{DOC}/vraag/1.ttl",
        f"/doc/{DOC}/vraag/1.jsonld",
        f"/doc/{DOC}/vraag/1.nt",
        f"/doc/{DOC}/vraag/1.rdf",
    ])
    for target in sorted(inside):
        status, location = status_of(target)
        assert status in (200, 303), (target, status)
        if status == 303:
            assert status_of(urllib.parse.urljoin(target, location))[0] == 200, (target, location)


RAW_CODE = re.compile(
    r"\bc_[0-9a-f]{8}\b|\b(?:has_part|is_part_of|answers_to|date_document)\b"
    r"|\b(?:kld|eli|eli-dl|dct|skos|foaf|org|prov|tooi|rdf|rdfs):[A-Za-z]|\b[a-z]+_[a-z_]+\b|\bWork\b"
)
URL = re.compile(r"\S*://\S*")  # a web address as a citation prints it may hold any of these


def test_no_page_shows_a_raw_code(site):
    """Every code reads as words: TOOI concepts, ELI terms, CURIEs, snake_case column names (IRIs in
    <code>, SPARQL in <pre> and the ontology's own documentation aside)."""
    _, out = site
    seen = 0
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith(("def/", "def.", "pagefind/")):  # the ontology is also at def.html
            continue
        tree = lxml.html.fromstring(path.read_bytes())
        for skip in tree.xpath("//code | //pre | //script | //style | //head"):
            skip.drop_tree()
        text = URL.sub(" ", " ".join(tree.text_content().split()))
        assert not RAW_CODE.search(text), (rel, RAW_CODE.search(text).group(0))
        seen += 1
    assert seen > 60


def test_search_finds_a_question_offline(site):
    """The static search index, searched by its own JavaScript in the browser: no server but the files."""
    url, _ = site
    page = lxml.html.fromstring(
        chromium("--virtual-time-budget=20000", "--dump-dom", f"{url}/zoeken.html?q=stembureauleden")
    )
    hits = page.xpath('//a[contains(@class, "pagefind-ui__result-link")]/@href')
    assert f"/doc/{DOC}/vraag/1.html" in hits, hits
    assert all(status_of(urllib.parse.urljoin(url, h))[0] == 200 for h in hits)


def test_statistics_page_draws_its_charts(site):
    url, out = site
    page = rendered(f"{url}/statistiek.html")
    charts = page.xpath("//figure/img/@src")
    assert charts and all(status_of(f"{url}/{c}")[0] == 200 for c in charts)
    # each figure links its numbers and its query
    for name in ("antwoordtijd-per-ministerie", "vragen-per-fractie", "vragen-per-kamerlid", "open-vragen"):
        assert page.xpath(f'//section[@id="{name}"]//a[.="CSV"]/@href') == [f"statistiek/{name}.csv"]
        assert status_of(f"{url}/statistiek/{name}.rq")[0] == 200


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(
    ("name", "path", "height"),
    [
        ("question-page", f"/id/{DOC}/vraag/1", 1600),
        ("index-page", "/index/fractie.html", 1000),
        ("statistics-page", "/statistiek.html", 2400),
    ],
)
def test_screenshots(site, tmp_path, name, path, height):
    url, _ = site
    shot = tmp_path / f"{name}.png"
    chromium(f"--screenshot={shot}", f"--window-size=1200,{height}", "--virtual-time-budget=5000", url + path)
    data = shot.read_bytes()
    assert png_size(data) == (1200, height)
    assert len(data) > 20_000  # a blank or error page compresses to a few KiB
    # the pictures in docs/screenshots/ are of the real corpus: scripts/screenshots.py


HOSTILE = "Klopt het dat <!--<script>alert(1)</script> en <b>vet</b> & </div></script> in de tekst staan?"


def test_markup_in_a_text_is_shown_as_text(tmp_path):
    """A question whose text holds markup: the browser shows the characters, runs nothing, and the rest
    of the page (the answer after it) is still there."""
    src = tmp_path / "ah-tk-20242025-1.ttl"
    doc = "https://w3id.org/kamerld/id/document/ah-tk-20242025-1"
    text = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    src.write_text(
        f"""<{doc}> a <https://w3id.org/kamerld/def#Document> ;
  <http://purl.org/dc/terms/identifier> "ah-tk-20242025-1" ; <http://purl.org/dc/terms/title> "{text}"@nl .
<{doc}/vraag/1> a <https://w3id.org/kamerld/def#Vraag> ;
  <http://data.europa.eu/eli/ontology#is_part_of> <{doc}> ;
  <http://data.europa.eu/eli/ontology#number> "1" ; <https://w3id.org/kamerld/def#tekst> "{text}"@nl .
<{doc}/antwoord/1> a <https://w3id.org/kamerld/def#Antwoord> ;
  <http://data.europa.eu/eli/ontology#is_part_of> <{doc}> ; <http://data.europa.eu/eli/ontology#number> "1" ;
  <http://data.europa.eu/eli/eli-draft-legislation-ontology#answers_to> <{doc}/vraag/1> ;
  <https://w3id.org/kamerld/def#tekst> "Nee."@nl .
""",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["publish", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = rendered((out / "doc/document/ah-tk-20242025-1/vraag/1.html").as_uri())
    assert text_of(page, '//div[contains(@class, "tekst")]') == [HOSTILE, "Nee."]
    assert text_of(page, "//h1")[0].startswith("Vraag 1 — Klopt het dat <!--<script>")
    assert page.xpath("//b") == []  # no element made from the text
    scripts = page.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    data = json.loads(scripts[0].text)
    nodes = {n["@id"]: n for n in data["@graph"]}
    assert nodes[f"{doc}/vraag/1"]["tekst"] == HOSTILE
    assert text_of(page, "//footer")[0].startswith("Ook als")  # the page did not end inside the text
    # the title with markup on the index pages and in the search index's pages: text as well
    index = rendered((out / "index/documenten.html").as_uri())
    assert text_of(index, "//table//td[1]/a") == [HOSTILE]
    assert index.xpath("//b") == [] and index.xpath("//script") == []


# ---- the SPARQL endpoint from a browser ---------------------------------------------------------

VRAAG_COUNT = "SELECT (COUNT(?v) AS ?n) WHERE { ?v a <https://w3id.org/kamerld/def#Vraag> }"
TEXT_OF_1 = f"SELECT ?t WHERE {{ <{ID}{DOC}/vraag/1> <https://w3id.org/kamerld/def#tekst> ?t }}"
OTHER_ORIGIN_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>elsewhere</title></head><body>
<pre id="out">running</pre>
<script>
const endpoint = ENDPOINT, count = COUNT, text = TEXT, doc = DOCURL;
(async () => {
  const out = {};
  try {
    // a simple GET, then a POST whose Content-Type makes the browser send a preflight first
    const get = await fetch(endpoint + "?query=" + encodeURIComponent(count),
                            {headers: {"Accept": "application/sparql-results+json"}});
    out.get = (await get.json()).results.bindings[0].n.value;
    const post = await fetch(endpoint, {method: "POST", body: text,
      headers: {"Content-Type": "application/sparql-query", "Accept": "text/csv"}});
    out.post = await post.text();
    const bad = await fetch(endpoint, {method: "POST", body: "SELEC * {}",
      headers: {"Content-Type": "application/sparql-query"}});
    out.error = bad.status + " " + (await bad.text()).split("\\n")[0];
    // the data: an id/ URI, through its 303, as Turtle, with the Link header readable
    const page = await fetch(doc, {headers: {"Accept": "text/turtle"}});
    out.page = [page.status, page.headers.get("Content-Type"), page.headers.get("Link"),
                (await page.text()).length];
  } catch (e) {
    out.failure = String(e);
  }
  document.getElementById("out").textContent = JSON.stringify(out);
})();
</script></body></html>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_a_page_on_another_origin_queries_the_endpoint(site, tmp_path):
    """A page served from another origin (another port) runs queries with fetch() in Chromium: the
    browser's CORS checks let it read the answers, the POST after its preflight."""
    url, _ = site
    store = ox.Store()
    for f in sorted((REPO / "output").glob("*.ttl")):
        store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    expected_count = next(iter(store.query(VRAAG_COUNT)))["n"].value
    page = OTHER_ORIGIN_PAGE
    for name, value in [("ENDPOINT", url + "/sparql"), ("COUNT", VRAAG_COUNT), ("TEXT", TEXT_OF_1),
                        ("DOCURL", f"{url}/id/{DOC}/vraag/1")]:
        page = page.replace(name, json.dumps(value), 1)
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    elsewhere = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
    before = len(REQUESTS.lines)
    try:
        dom = rendered_after(f"http://127.0.0.1:{elsewhere.server_address[1]}/index.html")
    finally:
        elsewhere.shutdown()
        elsewhere.server_close()
    [out] = text_of(dom, '//pre[@id="out"]')
    result = json.loads(out)
    assert "failure" not in result, result
    assert result["get"] == expected_count
    assert result["post"].replace("\r\n", "\n") == "t\n" + QUESTION_1 + "\n"
    assert result["error"] == ("400 SPARQL syntax error at line 1, column 1: unknown word SELEC; "
                               "did you mean SELECT?")
    status, ctype, link, size = result["page"]
    assert (status, ctype) == (200, "text/turtle; charset=utf-8") and size > 500
    assert '<1.ttl>; rel="alternate"; type="text/turtle"' in link
    asked = [line.split('"')[1] for line in REQUESTS.lines[before:]]
    assert "OPTIONS /sparql HTTP/1.1" in asked  # the preflight, answered, before the POST
    assert asked.count("POST /sparql HTTP/1.1") == 2


def rendered_after(url: str, *extra: str) -> lxml.html.HtmlElement:
    """The DOM once the page's scripts have run (virtual time: the browser waits for its fetches)."""
    return lxml.html.fromstring(chromium("--virtual-time-budget=20000", *extra, "--dump-dom", url))


def test_the_query_form_runs_a_shared_query_offline(site):
    """GET /sparql in the browser is the YASGUI form; a shared link (#query=…) runs its query and shows
    the rows. Every other host is unresolvable for the browser: the form needs nothing from outside."""
    url, _ = site
    before = len(REQUESTS.lines)
    query = ("PREFIX kld: <https://w3id.org/kamerld/def#>\nSELECT ?vraag ?tekst WHERE { ?vraag a kld:Vraag ;"
             f" <http://data.europa.eu/eli/ontology#is_part_of> <{ID}{DOC}> ; kld:tekst ?tekst }}"
             " ORDER BY ?vraag")
    dom = rendered_after(f"{url}/sparql#query={urllib.parse.quote(query)}",
                         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
    assert dom.xpath('//form[@id="plain"]/@hidden') == [""]  # the script replaced the plain form
    assert dom.xpath('//*[contains(@class, "CodeMirror")]'), "the editor did not start"
    rows = [[" ".join(td.text_content().split()) for td in tr.xpath("td")[1:]]
            for tr in dom.xpath('//div[contains(@class, "yasr")]//table//tbody/tr')]
    store = ox.Store()
    for f in sorted((REPO / "output").glob("*.ttl")):
        store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    expected = [[f"<{r['vraag'].value}>", f'"{r["tekst"].value}"@nl'] for r in store.query(query)]
    assert len(expected) == 3 and expected[0][1] == f'"{QUESTION_1}"@nl'
    assert rows == expected
    asked = [line.split('"')[1].split()[1] for line in REQUESTS.lines[before:]]
    assert asked[:1] == ["/sparql"] and "/sparql/assets/yasgui.min.js" in asked
    assert asked.count("/sparql") == 2  # the page, then the query YASGUI sent (POST)
