"""The media type of every file the site and `kamerld serve` hand out, and the page representations
they negotiate. The RDF ones come from the one format table (`kamerld.writers.FORMATS`); a new format
there is a new page representation here, in the server and in the generated nginx and Apache rules."""

from __future__ import annotations

from kamerld.writers import FORMATS, get_format

#: the site's other files: suffix -> media type (HTML, the pages' first representation, comes first)
_HTML = {".html": "text/html"}
_OTHER = {
    ".nq": "application/n-quads",
    ".gz": "application/gzip",
    ".json": "application/json",
    ".css": "text/css",
    ".txt": "text/plain",
    # the site's statistics and search (nosniff: a script must be served as one to run)
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".csv": "text/csv",
    ".rq": "application/sparql-query",
    ".wasm": "application/wasm",
    ".atom": "application/atom+xml",
}
#: suffix -> media type of every file the site holds
MEDIA_TYPES: dict[str, str] = {**_HTML, **{f.suffix: f.media_type for f in FORMATS}, **_OTHER}
#: text whose bytes are UTF-8 and says so in its Content-Type (JSON-LD and N-Triples are UTF-8 by
#: definition, and their media types take no charset)
CHARSET = {".html", ".ttl", ".txt", ".js", ".csv", ".rq"}
#: suffix -> Content-Type header
CONTENT_TYPES: dict[str, str] = {
    s: f"{m}; charset=utf-8" if s in CHARSET else m for s, m in MEDIA_TYPES.items()
}
#: the representations of a page, in order of preference on a tie: HTML, each RDF format of the table,
#: and plain JSON as JSON-LD
PAGE_OFFERS: list[tuple[str, str]] = [
    ("text/html", ".html"),
    ("application/xhtml+xml", ".html"),
    *[(f.media_type, f.suffix) for f in FORMATS],
    ("application/json", get_format("jsonld").suffix),
]
#: the RDF formats a graph result or a description is written in, best first on a tie (`*/*`: Turtle)
GRAPH_FORMATS = [get_format(n) for n in ("turtle", "ntriples", "jsonld", "rdfxml")]
