"""What `GET /sparql` without a query answers: the SPARQL 1.1 service description, or the query form.

The description is RDF (Turtle when Accept is `*/*` or absent, JSON-LD, N-Triples, RDF/XML) of the
`sd:Service`: its endpoint, the query language, the results formats, the union default graph, the
named graphs (one per document), and in words its limits. A browser, asking for HTML, gets the
query form instead: YASGUI, bundled in the package (`sparql_ui/vendor/yasgui/`, from
scripts/vendor_yasgui.py), pointed at this endpoint, with the same description embedded as JSON-LD.

The form loads nothing from another site: its files are served under `sparql/assets/`, YASGUI's
prefix list is ours (`prefixes.json`), its class and property completion (which asks Linked Open
Vocabularies over the internet) is off, and the page's Content-Security-Policy lets it connect to
its own origin only.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from functools import cache
from importlib import resources

import pyoxigraph as ox

from kamerld.writers import get_format

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"

#: the representations of the description, best first on a tie (`*/*` and no Accept: Turtle)
DESCRIPTION_OFFERS = {
    get_format("turtle").media_type: get_format("turtle").oxigraph,
    "text/html": None,
    "application/xhtml+xml": None,
    **{f.media_type: f.oxigraph for f in map(get_format, ("jsonld", "ntriples", "rdfxml"))},
}
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
#: the files of the form, served under sparql/assets/
ASSETS = {
    "yasgui.min.js": ("vendor/yasgui/yasgui.min.js", "text/javascript; charset=utf-8"),
    "yasgui.min.css": ("vendor/yasgui/yasgui.min.css", "text/css; charset=utf-8"),
    "THIRD-PARTY-NOTICES.txt": ("vendor/yasgui/THIRD-PARTY-NOTICES.txt", "text/plain; charset=utf-8"),
    "form.js": ("form.js", "text/javascript; charset=utf-8"),
    "form.css": ("form.css", "text/css; charset=utf-8"),
}
FORM_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
               "base-uri 'none'; form-action 'self'")
EXAMPLE_QUERY = """PREFIX kld: <https://w3id.org/kamerld/def#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
# every question with its fractie, the answer to it and what the answer cites
SELECT ?vraag ?fractie ?antwoord ?geciteerd WHERE {
  ?vraag a kld:Vraag ; kld:namens ?fractie .
  ?antwoord eli-dl:answers_to ?vraag .
  OPTIONAL { ?antwoord dct:references ?geciteerd }
}
LIMIT 100
"""
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}(?::\d{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?")


def endpoint_url(environ: dict, base: str, mount: str) -> str:
    """The address this endpoint was asked at: the published `{base}sparql` when the request came in
    under the base's host (behind the site's proxy), else the request's own scheme, host and path.
    A Host header that is no host name is not repeated back."""
    public = urllib.parse.urlsplit(base)
    host = environ.get("HTTP_HOST", "")
    if host and host.lower() == public.netloc.lower():
        return base + "sparql"
    if not _HOST.fullmatch(host):
        host = f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '80')}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}{mount}/sparql"


def description(endpoint: str, base: str, graphs: list[str], *, max_results: int, query_timeout: float,
                federated: bool) -> list[ox.Triple]:
    """The triples of the service description."""
    n, lit = ox.NamedNode, ox.Literal
    service, dataset, default = ox.BlankNode("service"), n(base + "dataset"), ox.BlankNode("default")
    out = [
        ox.Triple(service, n(RDF_TYPE), n(SD + "Service")),
        ox.Triple(service, n(SD + "endpoint"), n(endpoint)),
        ox.Triple(service, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
        ox.Triple(service, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
        ox.Triple(service, n(SD + "defaultEntailmentRegime"), n("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, n(SD + "defaultDataset"), dataset),
        ox.Triple(service, n(DCT + "title"), lit("kamerld SPARQL endpoint", language="en")),
        ox.Triple(service, n(DCT + "title"), lit("kamerld SPARQL-endpoint", language="nl")),
        ox.Triple(service, n(RDFS_COMMENT), lit(
            f"Read-only: updates are refused. A result holds at most {max_results} rows or triples; a "
            f"result cut at that limit says so in itself. A query may run for {query_timeout:g} s. "
            + ("SERVICE may call the endpoints this server allows." if federated
               else "Federated queries (SERVICE) are refused."), language="en")),
        ox.Triple(service, n(RDFS_COMMENT), lit(
            f"Alleen lezen: wijzigingen worden geweigerd. Een resultaat heeft ten hoogste {max_results} "
            f"rijen of triples; een resultaat dat op die grens is afgekapt, zegt dat zelf. Een vraag mag "
            f"{query_timeout:g} s duren. "
            + ("SERVICE mag de endpoints aanroepen die deze server toestaat." if federated
               else "Gefedereerde vragen (SERVICE) worden geweigerd."), language="nl")),
        ox.Triple(dataset, n(RDF_TYPE), n(SD + "Dataset")),
        ox.Triple(dataset, n(RDF_TYPE), n(VOID + "Dataset")),
        ox.Triple(dataset, n(VOID + "sparqlEndpoint"), n(endpoint)),
        ox.Triple(dataset, n(SD + "defaultGraph"), default),
        ox.Triple(default, n(RDF_TYPE), n(SD + "Graph")),
        ox.Triple(default, n(DCT + "description"), lit("the union of the named graphs", language="en")),
    ]
    if federated:
        out.append(ox.Triple(service, n(SD + "feature"), n(SD + "BasicFederatedQuery")))
    out += [ox.Triple(service, n(SD + "resultFormat"), n(FORMATS + f)) for f in RESULT_FORMATS]
    for i, graph in enumerate(graphs):
        node = ox.BlankNode(f"g{i}")
        out += [ox.Triple(dataset, n(SD + "namedGraph"), node),
                ox.Triple(node, n(RDF_TYPE), n(SD + "NamedGraph")),
                ox.Triple(node, n(SD + "name"), n(graph))]
    return out


def serialize(triples: list[ox.Triple], mime: str) -> bytes:
    fmt = DESCRIPTION_OFFERS[mime]
    prefixes = {"sd": SD, "formats": FORMATS, "void": VOID, "dct": DCT,
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    if fmt == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    return ox.serialize(triples, format=fmt) or b""


def asset(name: str) -> tuple[bytes, str] | None:
    """A file of the form and its media type; None for any other name."""
    if name == "prefixes.json":
        from kamerld.publish.rdfterms import PREFIXES

        return json.dumps(dict(PREFIXES), indent=1).encode(), "application/json"
    if name not in ASSETS:
        return None
    rel, mime = ASSETS[name]
    return _read(rel), mime


@cache
def _read(rel: str) -> bytes:
    return resources.files("kamerld.publish.server.ui").joinpath(rel).read_bytes()


@cache
def _template():
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_read("form.html").decode("utf-8"))


def form_page(endpoint: str, triples: list[ox.Triple], *, max_results: int, query_timeout: float,
              federated: bool) -> bytes:
    """The HTML query form, with the service description embedded as JSON-LD."""
    jsonld = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]")
    return _template().render(endpoint=endpoint, description=jsonld, example=EXAMPLE_QUERY,
                              max_results=max_results, query_timeout=f"{query_timeout:g}",
                              federated=federated).encode("utf-8")


__all__ = ["ASSETS", "DESCRIPTION_OFFERS", "FORM_POLICY", "asset", "description", "endpoint_url",
           "form_page", "serialize"]
