"""Static linked-data site from kamerld's per-document RDF files.

Layout of `out/`:

    index.html                     start page: indexes, dumps, def, SPARQL
    doc/<type>/<id>[/...].html     a page per resource under {base}id/, with .ttl .jsonld .nt beside it
    index/<facet>.html             browse by vergaderjaar, ministerie, fractie, dossier
    def/                           ontology (kamerld.ttl + HTML docs), shapes.ttl, context.jsonld
    dumps/kamerld.{nt,ttl,jsonld,nq}.gz   full dumps, streamed from the store
    void.ttl, .well-known/void, dcat.ttl  dataset descriptions (catalog.py)
    _server/nginx.conf, _server/.htaccess  303 + content negotiation rules (webserver.py)
    _store/                        pyoxigraph store, one named graph per document (for `kamerld serve`)

The data goes into the on-disk store first; every page and dump is read back from it, so the full dataset
never sits in one rdflib Graph.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kamerld.errors import InputError
from kamerld.publish import catalog, files, webserver
from kamerld.publish import rdfterms as T
from kamerld.publish.html import Graphview, Labels, esc, page_shell, render_list, render_resource
from kamerld.store import distinct_triples, load_files, open_store, rdf_files

DEFAULT_BASE = "https://w3id.org/kamerld/"
STORE_DIR = "_store"
#: folders publish_site owns inside `out` and rebuilds on every run (nothing else there is touched)
GENERATED = ("doc", "index", "def", "dumps", "_server")

#: suffix -> (media type, pyoxigraph format or None for JSON-LD, which is written by rdflib with the context)
FORMATS: dict[str, tuple[str, ox.RdfFormat | None]] = {
    ".ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    ".jsonld": ("application/ld+json", None),
    ".nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}


@dataclass
class SiteReport:
    out: Path
    documents: int = 0  # source files = named graphs
    triples: int = 0  # distinct triples in the dumps
    resources: int = 0  # pages under doc/
    files: int = 0
    indexes: dict[str, int] = field(default_factory=dict)  # facet -> number of values
    dumps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.documents} documents, {self.resources} resource pages, {self.triples} triples, "
            f"{self.files} files in {self.out}"
        )


class PageMap:
    """IRI under `{base}id/` -> page path `doc/...` (no suffix). Distinct IRIs never share a path."""

    def __init__(self, base: str):
        self.base = base
        self.prefix = base + "id/"
        self.paths: dict[str, str] = {}
        self._taken: set[str] = set()

    def add(self, iri: str) -> str:
        if iri in self.paths:
            return self.paths[iri]
        segs = [files.safe_segment(s) for s in iri[len(self.prefix) :].split("/")]
        rel = "doc/" + "/".join(segs)
        if rel.lower() in self._taken:  # two IRIs that clean up the same way: keep both apart
            import hashlib

            rel += "-" + hashlib.sha256(iri.encode()).hexdigest()[:10]
        self._taken.add(rel.lower())
        self.paths[iri] = rel
        return rel

    def get(self, iri: str) -> str | None:
        return self.paths.get(iri)


def publish_site(
    sources: list[Path],
    out: Path,
    *,
    base: str = DEFAULT_BASE,
    ontology: Path | None = None,
    shapes: Path | None = None,
    context: Path | None = None,
) -> SiteReport:
    """Build the static site in `out` from per-document .ttl/.nt/.jsonld files (or folders of them)."""
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base must be an http(s) URI, got {base!r}")
    base = base if base.endswith("/") else base + "/"
    inputs = rdf_files(sources)
    out.mkdir(parents=True, exist_ok=True)
    report = SiteReport(out=out, documents=len(inputs))

    # 1. a fresh store and fresh generated folders: documents dropped from the sources must not linger
    for folder in (STORE_DIR, *GENERATED):
        path = files.inside(out, folder)
        if path.is_dir():
            shutil.rmtree(path)
    store_path = files.inside(out, STORE_DIR)
    store = open_store(store_path)
    load_files(store, inputs, graph_base=base + "graph/")

    labels = Labels()
    ctx = _load_context(context, report)
    written = _publish_def(out, base, ontology, shapes, context, labels, report)

    # 2. a page (+ three RDF files) per resource
    view = Graphview(store)
    pages = PageMap(base)
    subjects = [
        r["s"].value
        for r in store.query(
            "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {json.dumps(pages.prefix)})) }} ORDER BY ?s"
        )
    ]
    for iri in subjects:
        pages.add(iri)
    for iri in subjects:
        written += _write_resource(out, view, iri, pages, labels, ctx)
    report.resources = len(subjects)

    # 3. browse pages, start page, dumps, descriptions, server rules
    written += _write_indexes(out, store, view, pages, report)
    report.triples, dumps = _write_dumps(out, store)
    report.dumps = dumps
    written += len(dumps)
    written += catalog.write_descriptions(
        out, base, store, triples=report.triples, documents=report.documents, dumps=dumps
    )
    written += webserver.write_rules(out, base)
    written += _write_home(out, base, report)
    # what `kamerld serve` needs to map request paths back to IRIs
    files.write_text(out, "_site.json", json.dumps({"base": base, "store": STORE_DIR}))
    report.files = written
    store.flush()
    return report


def resource_triples(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The resource's own description: its triples plus those of blank nodes it points to (CBD)."""
    result: dict[str, ox.Triple] = {}
    todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri)]
    seen: set[str] = set()
    while todo:
        node = todo.pop()
        if str(node) in seen:
            continue
        seen.add(str(node))
        for q in store.quads_for_pattern(node, None, None, None):
            result.setdefault(str(q.triple), q.triple)
            if isinstance(q.object, ox.BlankNode):
                todo.append(q.object)
    return sorted(result.values(), key=str)


def to_jsonld(triples: list[ox.Triple], ctx: dict) -> object:
    """Compacted JSON-LD with the (inline) context: never a remote context, so it parses offline."""
    g = rdflib.Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return json.loads(g.serialize(format="json-ld", context=ctx, auto_compact=True))


def _load_context(context: Path | None, report: SiteReport) -> dict:
    if context is None or not context.is_file():
        if context is not None:
            report.warnings.append(f"JSON-LD context not found at {context}; using prefixes only")
        return dict(T.PREFIXES)
    try:
        data = json.loads(context.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise InputError(f"not a JSON-LD context: {exc}", path=str(context)) from exc
    return data.get("@context", data) if isinstance(data, dict) else data


def _write_resource(out: Path, view: Graphview, iri: str, pages: PageMap, labels: Labels, ctx: dict) -> int:
    rel = pages.paths[iri]
    triples = resource_triples(view.store, iri)
    name = rel.rsplit("/", 1)[-1]
    for suffix, (_, fmt) in FORMATS.items():
        if fmt is not None:
            data = ox.serialize(
                triples, format=fmt, prefixes=T.PREFIXES if fmt == ox.RdfFormat.TURTLE else None
            )
            files.write_bytes(out, rel + suffix, data)
    jsonld = to_jsonld(triples, ctx)
    files.write_text(out, rel + ".jsonld", json.dumps(jsonld, ensure_ascii=False, indent=1))

    def href(target: str) -> str | None:
        page = pages.get(target)
        return files.relative_href(rel, page + ".html") if page else None

    alternates = {mime: f"{name}{suffix}" for suffix, (mime, _) in FORMATS.items()}
    page = render_resource(
        view,
        iri,
        href=href,
        labels=labels,
        alternates=alternates,
        jsonld=jsonld,
        home=files.relative_href(rel, "index.html"),
    )
    files.write_text(out, rel + ".html", page)
    return 1 + len(FORMATS)


FACETS = {
    "vergaderjaar": "Vergaderjaar / Parliamentary year",
    "ministerie": "Ministerie / Ministry",
    "fractie": "Fractie / Parliamentary group",
    "dossier": "Dossier",
}


def _facet_query(name: str) -> str:
    kld = T.KLD
    if name == "vergaderjaar":
        return f"SELECT DISTINCT ?key ?doc WHERE {{ ?doc <{kld}vergaderjaar> ?key }}"
    if name == "ministerie":
        return (
            f"SELECT DISTINCT ?key ?doc WHERE {{ ?x <{kld}namensMinisterie>|<{kld}gerichtAan> ?key . "
            f"?x <{T.PART_OF}>? ?doc . ?doc <{T.IDENTIFIER}> ?id . "
            "FILTER(STRSTARTS(STR(?key), 'https://identifier.overheid.nl/tooi/id/ministerie/')) }"
        )
    if name == "fractie":
        return (
            f"SELECT DISTINCT ?key ?doc WHERE {{ ?x <{kld}namens> ?key . ?x <{T.PART_OF}>? ?doc . "
            f"?doc <{T.IDENTIFIER}> ?id }}"
        )
    return f"SELECT DISTINCT ?key ?doc WHERE {{ ?doc <{kld}dossier> ?key }}"


def facet_groups(store: ox.Store, view: Graphview, name: str) -> dict[str, list[str]]:
    """Facet value label -> document IRIs, both sorted."""
    groups: dict[str, set[str]] = {}
    for row in store.query(_facet_query(name), use_default_graph_as_union=True):
        key, doc = row["key"], row["doc"]
        if not isinstance(doc, ox.NamedNode):
            continue
        label = key.value if isinstance(key, ox.Literal) else view.label(key.value)
        if isinstance(key, ox.NamedNode) and label == T.local_name(key.value) and name == "ministerie":
            label = f"ministerie {label}"  # TOOI code when the data carries no name
        groups.setdefault(label, set()).add(doc.value)
    return {k: sorted(groups[k]) for k in sorted(groups, key=str.lower)}


def _write_indexes(out: Path, store: ox.Store, view: Graphview, pages: PageMap, report: SiteReport) -> int:
    count = 0
    for name, title in FACETS.items():
        rel = f"index/{name}.html"
        groups = facet_groups(store, view, name)
        links = {
            key: [
                (files.relative_href(rel, pages.paths[d] + ".html") if d in pages.paths else d, view.label(d))
                for d in docs
            ]
            for key, docs in groups.items()
        }
        files.write_text(out, rel, render_list(title, links, home="../index.html"))
        report.indexes[name] = len(groups)
        count += 1
    # every document, the catch-all index
    docs = [
        r["d"].value
        for r in store.query(
            f"SELECT DISTINCT ?d WHERE {{ ?d a ?t ; <{T.IDENTIFIER}> ?id . FILTER(isIRI(?d)) }} ORDER BY ?d",
            use_default_graph_as_union=True,
        )
    ]
    docs = [d for d in docs if d in pages.paths]
    links = {
        "": [
            (files.relative_href("index/documenten.html", pages.paths[d] + ".html"), view.label(d))
            for d in docs
        ]
    }
    files.write_text(
        out, "index/documenten.html", render_list("Documenten / Documents", links, home="../index.html")
    )
    return count + 1


DUMPS = {
    "dumps/kamerld.nt.gz": ox.RdfFormat.N_TRIPLES,
    "dumps/kamerld.ttl.gz": ox.RdfFormat.TURTLE,
    "dumps/kamerld.jsonld.gz": ox.RdfFormat.JSON_LD,
}


def _write_dumps(out: Path, store: ox.Store) -> tuple[int, list[str]]:
    """Stream every distinct triple to each dump, plus an N-Quads dump keeping one graph per document."""
    count = 0
    for rel, fmt in DUMPS.items():
        counter = _Counter(distinct_triples(store))
        with files.open_atomic(out, rel, gzipped=True) as fh:
            ox.serialize(
                counter,
                fh,
                format=fmt,
                prefixes=T.PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else None,
            )
        count = counter.n
    with files.open_atomic(out, "dumps/kamerld.nq.gz", gzipped=True) as fh:
        store.dump(fh, format=ox.RdfFormat.N_QUADS)
    return count, [*DUMPS, "dumps/kamerld.nq.gz"]


class _Counter:
    def __init__(self, it):
        self.it = iter(it)
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self.it)
        self.n += 1
        return item


def _publish_def(
    out: Path,
    base: str,
    ontology: Path | None,
    shapes: Path | None,
    context: Path | None,
    labels: Labels,
    report: SiteReport,
) -> int:
    """def/: the ontology (Turtle, N-Triples, JSON-LD and an HTML page from its labels), shapes, context."""
    count = 0
    parts: list[str] = []
    if ontology is not None and ontology.is_file():
        g = _parse_rdf(ontology)
        files.write_bytes(out, "def/kamerld.ttl", ontology.read_bytes())
        files.write_text(out, "def/kamerld.nt", g.serialize(format="nt"))
        files.write_text(out, "def/kamerld.jsonld", g.serialize(format="json-ld"))
        files.write_text(out, "def/kamerld.html", ontology_html(g, labels))
        parts.append(
            '<li><a href="kamerld.html">Ontologie / Ontology</a> (<a href="kamerld.ttl">Turtle</a>, '
            '<a href="kamerld.jsonld">JSON-LD</a>, <a href="kamerld.nt">N-Triples</a>)</li>'
        )
        count += 4
    else:
        report.warnings.append(f"ontology not published (not found: {ontology})")
    if shapes is not None and shapes.is_file():
        _parse_rdf(shapes)
        files.write_bytes(out, "def/shapes.ttl", shapes.read_bytes())
        parts.append('<li><a href="shapes.ttl">SHACL shapes</a></li>')
        count += 1
    else:
        report.warnings.append(f"shapes not published (not found: {shapes})")
    if context is not None and context.is_file():
        files.write_bytes(out, "def/context.jsonld", context.read_bytes())
        parts.append('<li><a href="context.jsonld">JSON-LD context</a></li>')
        count += 1
    body = (
        f'<nav><a href="../index.html">kamerld</a></nav><h1>Definities / Definitions</h1>'
        f"<p><code>{esc(base)}def/</code></p><ul>{''.join(parts) or '<li>nog niets / nothing yet</li>'}</ul>"
    )
    files.write_text(out, "def/index.html", page_shell("kamerld definities", body))
    return count + 1


def _parse_rdf(path: Path) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format="turtle" if path.suffix == ".ttl" else None)
    except Exception as exc:  # rdflib raises many kinds; all mean "not readable RDF"
        raise InputError(f"not valid RDF: {exc}", path=str(path)) from exc


def ontology_html(g: rdflib.Graph, labels: Labels) -> str:
    """Documentation from the ontology's own labels and comments (Dutch and English); fills `labels`."""
    from rdflib.namespace import OWL, RDF, RDFS

    def texts(s, p):
        found = {o.language: str(o) for o in g.objects(s, p) if isinstance(o, rdflib.Literal)}
        return found.get("nl") or found.get(None) or "", found.get("en", "")

    kinds = [
        ("Klassen / Classes", (OWL.Class, RDFS.Class)),
        (
            "Eigenschappen / Properties",
            (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty),
        ),
    ]
    body = ['<nav><a href="../index.html">kamerld</a> · <a href="index.html">def</a></nav>']
    for s in g.subjects(RDF.type, OWL.Ontology):
        nl, en = texts(s, RDFS.label)
        body.append(f"<h1>{esc(nl or s)}</h1><p lang='en'>{esc(en)}</p><p><code>{esc(s)}</code></p>")
        c_nl, c_en = texts(s, RDFS.comment)
        body.append(f"<p>{esc(c_nl)}</p><p lang='en'>{esc(c_en)}</p>")
    if len(body) == 1:
        body.append("<h1>kamerld ontologie</h1>")
    for title, types in kinds:
        terms = sorted({s for t in types for s in g.subjects(RDF.type, t) if isinstance(s, rdflib.URIRef)})
        rows = []
        for s in terms:
            nl, en = texts(s, RDFS.label)
            c_nl, c_en = texts(s, RDFS.comment)
            if nl or en:
                labels.terms[str(s)] = (nl or en, en)
            name = T.compact(str(s))
            rows.append(
                f'<tr id="{esc(T.local_name(str(s)))}"><th><code>{esc(name)}</code></th>'
                f"<td>{esc(nl)}<br><i lang='en'>{esc(en)}</i></td>"
                f"<td>{esc(c_nl)}<br><i lang='en'>{esc(c_en)}</i></td></tr>"
            )
        body.append(
            f"<h2>{title}</h2><table><tr><th>term</th><th>label</th><th>uitleg / comment</th></tr>"
            f"{''.join(rows)}</table>"
        )
    return page_shell("kamerld ontologie", "\n".join(body))


def _write_home(out: Path, base: str, report: SiteReport) -> int:
    facets = "".join(
        f'<li><a href="index/{n}.html">{esc(t)}</a> ({report.indexes.get(n, 0)})</li>'
        for n, t in FACETS.items()
    )
    dumps = "".join(f'<li><a href="{esc(d)}">{esc(d.split("/")[-1])}</a></li>' for d in report.dumps)
    body = (
        "<h1>kamerld</h1><p>Schriftelijke Kamervragen en antwoorden als linked open data. "
        "<i lang='en'>Dutch parliamentary written questions and answers as linked open data.</i></p>"
        f"<p>{report.documents} documenten, {report.resources} bronnen, {report.triples} triples.</p>"
        f'<h2>Bladeren / Browse</h2><ul><li><a href="index/documenten.html">Documenten / Documents</a></li>'
        f"{facets}</ul><h2>Downloads</h2><ul>{dumps}</ul>"
        '<h2>Beschrijving / Description</h2><ul><li><a href="dcat.ttl">DCAT-AP-NL</a></li>'
        '<li><a href="void.ttl">VoID</a></li><li><a href="def/index.html">Ontologie, shapes, context</a></li>'
        f"<li>SPARQL: <code>{esc(base)}sparql</code></li></ul>"
    )
    files.write_text(out, "index.html", page_shell("kamerld", body))
    return 1
