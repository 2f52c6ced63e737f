"""Static linked-data site from kamerld's per-document RDF files.

Layout of `out/`:

    index.html                     start page: indexes, dumps, def, SPARQL
    doc/<type>/<id>[/...].html     a page per IRI under {base}id/ the data mentions (subject or object),
                                   with .ttl .jsonld .nt .rdf beside it: the resource's description,
                                   its incoming links included (describe.py)
    index/<facet>.html             browse by vergaderjaar, ministerie, fractie, dossier
    def/                           the ontology ({base}def: index.*, kamerld.*, <version>.*), the shapes
                                   (shapes.*, shapes-advisory.*), each in HTML, Turtle, JSON-LD,
                                   N-Triples and RDF/XML; context.jsonld, which every JSON-LD page names
    dumps/kamerld.{nt,ttl,jsonld,nq}.gz   full dumps, streamed from the store
    void.ttl, .well-known/void, dcat.ttl  dataset descriptions (catalog.py); their resources (catalogue,
                                   dataset, services, distributions, publisher) get doc/ pages too
    _server/nginx.conf, _server/.htaccess  303 + content negotiation rules (webserver.py)
    _store/                        pyoxigraph store, one named graph per source file (for `kamerld serve`)

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
from kamerld.publish.describe import description, page_iris
from kamerld.publish.html import Graphview, Labels, esc, page_shell, render_list, render_resource
from kamerld.store import distinct_triples, load_files, open_store, rdf_files

DEFAULT_BASE = "https://w3id.org/kamerld/"
STORE_DIR = "_store"
#: folders publish_site owns inside `out` and rebuilds on every run (nothing else there is touched)
GENERATED = ("doc", "index", "def", "dumps", "_server")

#: suffix -> (media type, pyoxigraph format or None for JSON-LD, which is compacted with the context)
FORMATS: dict[str, tuple[str, ox.RdfFormat | None]] = {
    ".ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    ".jsonld": ("application/ld+json", None),
    ".nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ".rdf": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
#: where the JSON-LD context is published, below the base; every JSON-LD page refers to it
CONTEXT_PATH = "def/context.jsonld"


@dataclass
class SiteReport:
    out: Path
    documents: int = 0  # source files = named graphs
    triples: int = 0  # distinct triples in the dumps
    resources: int = 0  # pages under doc/ about the data (every IRI under {base}id/ it mentions)
    descriptions: int = 0  # pages under doc/ about the dataset (catalogue, dataset, services, ...)
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
    advisory_shapes: Path | None = None,
    catalog_info: catalog.CatalogInfo | None = None,
) -> SiteReport:
    """Build the static site in `out` from per-document .ttl/.nt/.jsonld files (or folders of them)."""
    if not base.startswith(("http://", "https://")):
        raise InputError(f"base must be an http(s) URI, got {base!r}")
    base = base if base.endswith("/") else base + "/"
    inputs = rdf_files(sources)
    out.mkdir(parents=True, exist_ok=True)
    report = SiteReport(out=out, documents=len(inputs))
    info = catalog_info or catalog.CatalogInfo()
    for name in info.placeholders:
        report.warnings.append(f"the catalogue's {name} is kamerld's placeholder: set it with --catalog FILE")

    # 1. a fresh store and fresh generated folders: documents dropped from the sources must not linger
    for folder in (STORE_DIR, *GENERATED):
        path = files.inside(out, folder)
        if path.is_dir():
            shutil.rmtree(path)
    for suffix in (".html", ".ttl", *DEF_FORMATS):  # the ontology at {base}def
        files.inside(out, "def" + suffix).unlink(missing_ok=True)
    store_path = files.inside(out, STORE_DIR)
    store = open_store(store_path)
    load_files(store, inputs, graph_base=base + "graph/")

    labels = Labels()
    ctx = _load_context(context, report)
    # JSON-LD pages name the published context instead of repeating it (when one is published)
    jsonld = JsonldStyle(ctx, base + CONTEXT_PATH if context is not None and context.is_file() else None)
    written = _publish_def(out, base, ontology, shapes, advisory_shapes, context, labels, report)

    # 2. a page (+ four RDF files) per IRI under {base}id/ the data mentions: subjects, and what is only
    # pointed at (a cited paper the data does not hold, the question of another document)
    view = Graphview(store)
    pages = PageMap(base)
    iris = page_iris(store, pages.prefix)
    for iri in iris:
        pages.add(iri)
    for iri in iris:
        written += _write_resource(out, view, iri, pages, labels, jsonld)
    report.resources = len(iris)

    # 3. browse pages, start page, dumps, descriptions (with pages of their own), server rules
    written += _write_indexes(out, store, view, pages, report)
    report.triples, dumps = _write_dumps(out, store)
    report.dumps = dumps
    written += len(dumps)
    n, described = catalog.write_descriptions(
        out, base, store, triples=report.triples, documents=report.documents, dumps=dumps, info=info
    )
    written += n
    written += _write_description_pages(out, described, pages, labels, jsonld, report)
    written += webserver.write_rules(out, base)
    written += _write_home(out, base, report)
    # what `kamerld serve` needs to map request paths back to IRIs
    files.write_text(out, "_site.json", json.dumps({"base": base, "store": STORE_DIR}))
    report.files = written
    store.flush()
    return report


@dataclass(frozen=True)
class JsonldStyle:
    """How JSON-LD pages are written: compacted with `context`, which `url` names when published."""

    context: dict
    url: str | None = None


def resource_triples(store: ox.Store, iri: str, base: str = DEFAULT_BASE) -> list[ox.Triple]:
    """The description of `iri` that its page gives, in every format (describe.py)."""
    return description(store, iri, base + "id/")


def to_jsonld(triples: list[ox.Triple], ctx: dict, context_url: str | None = None) -> object:
    """Compacted JSON-LD: kamerld's own writer with `ctx` (arrays for keys that repeat, language maps,
    JSON booleans), `"@context": context_url` when the context is published, else inline. A graph
    with blank nodes (not kamerld's) is written by rdflib, with the context inline."""
    from kamerld.rdf.triples import context_key, from_oxigraph, jsonld_nodes

    try:
        nodes = jsonld_nodes(from_oxigraph(triples), context_key(ctx))
    except ValueError:
        g = rdflib.Graph()
        g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
        return json.loads(g.serialize(format="json-ld", context=ctx, auto_compact=True))
    return {"@context": context_url or ctx, "@graph": nodes}


def _load_context(context: Path | None, report: SiteReport) -> dict:
    if context is None or not context.is_file():
        if context is not None:
            report.warnings.append(f"JSON-LD context not found at {context}; using prefixes only")
        return dict(T.PREFIXES)
    try:
        data = json.loads(context.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise InputError(f"not a JSON-LD context: {exc}", path=str(context)) from exc
    ctx = data.get("@context", data) if isinstance(data, dict) else data
    if not isinstance(ctx, dict):
        raise InputError("the JSON-LD context must be one object", path=str(context))
    return ctx


def _write_resource(out: Path, view: Graphview, iri: str, pages: PageMap, labels: Labels,
                    jsonld_style: JsonldStyle) -> int:
    rel = pages.paths[iri]
    triples = description(view.store, iri, pages.prefix)
    name = rel.rsplit("/", 1)[-1]
    for suffix, (_, fmt) in FORMATS.items():
        if fmt is not None:
            data = ox.serialize(
                triples, format=fmt, prefixes=T.PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
                else None
            )
            files.write_bytes(out, rel + suffix, data or b"")
    jsonld = to_jsonld(triples, jsonld_style.context, jsonld_style.url)
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


def _write_description_pages(out: Path, described: rdflib.Graph, pages: PageMap, labels: Labels,
                             jsonld_style: JsonldStyle, report: SiteReport) -> int:
    """Pages for the resources of the VoID and DCAT descriptions (catalogue, dataset, services,
    distributions, publisher, contact point), read from a store of their own: the SPARQL endpoint
    serves the data, and its counts stay the data's."""
    store = ox.Store()
    store.load(described.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(pages.base + "graph/_beschrijving"))
    view = Graphview(store)
    iris = [i for i in page_iris(store, pages.prefix) if i not in pages.paths]
    for iri in iris:
        pages.add(iri)
    written = sum(_write_resource(out, view, iri, pages, labels, jsonld_style) for iri in iris)
    report.descriptions = len(iris)
    return written


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


#: the RDF files written for each published definition: suffix -> rdflib format (Turtle: the file itself)
DEF_FORMATS = {".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}


def _write_definition(out: Path, stem: str, source: Path, g: rdflib.Graph, html: str) -> int:
    files.write_bytes(out, stem + ".ttl", source.read_bytes())
    for suffix, fmt in DEF_FORMATS.items():
        files.write_text(out, stem + suffix, g.serialize(format=fmt))
    files.write_text(out, stem + ".html", html)
    return 2 + len(DEF_FORMATS)


def _formats_links(name: str) -> str:
    return ", ".join(f'<a href="{name}{s}">{label}</a>' for s, label in (
        (".ttl", "Turtle"), (".jsonld", "JSON-LD"), (".nt", "N-Triples"), (".rdf", "RDF/XML")))


def _publish_def(
    out: Path,
    base: str,
    ontology: Path | None,
    shapes: Path | None,
    advisory: Path | None,
    context: Path | None,
    labels: Labels,
    report: SiteReport,
) -> int:
    """The definitions, each at its IRI and in every format: the ontology at {base}def (`def.*`, its
    terms are {base}def#term), also as def/kamerld.* and at its version IRI; the shapes at
    {base}def/shapes and {base}def/shapes-advisory; the JSON-LD context; def/index.html lists them."""
    count = 0
    parts: list[str] = []
    if ontology is not None and ontology.is_file():
        g = _parse_rdf(ontology)
        count += _write_definition(out, "def", ontology, g, ontology_html(g, labels, home="index.html",
                                                                           defs="def/index.html"))
        html = ontology_html(g, labels)
        count += _write_definition(out, "def/kamerld", ontology, g, html)
        from rdflib.namespace import OWL

        for version in g.objects(None, OWL.versionIRI):
            rest = str(version)[len(base + "def/"):]
            if str(version).startswith(base + "def/") and files.safe_segment(rest) == rest:
                count += _write_definition(out, f"def/{rest}", ontology, g, html)
                parts.append(f'<li>Versie / version <a href="{esc(rest)}.html">{esc(rest)}</a></li>')
        parts.insert(0, '<li><a href="kamerld.html">Ontologie / Ontology</a> '
                        f'({_formats_links("kamerld")})</li>')
    else:
        report.warnings.append(f"ontology not published (not found: {ontology})")
    for path, name, title in ((shapes, "shapes", "SHACL-shapes: overtredingen / violations"),
                              (advisory, "shapes-advisory", "SHACL-shapes: advies / advisory")):
        if path is not None and path.is_file():
            g = _parse_rdf(path)
            count += _write_definition(out, f"def/{name}", path, g, shapes_html(g, title))
            parts.append(f'<li><a href="{name}.html">{esc(title)}</a> ({_formats_links(name)})</li>')
        elif name == "shapes":
            report.warnings.append(f"shapes not published (not found: {path})")
    if context is not None and context.is_file():
        files.write_bytes(out, CONTEXT_PATH, context.read_bytes())
        parts.append('<li><a href="context.jsonld">JSON-LD context</a></li>')
        count += 1
    body = (
        f'<nav><a href="../index.html">kamerld</a></nav><h1>Definities / Definitions</h1>'
        f"<p><code>{esc(base)}def/</code></p><ul>{''.join(parts) or '<li>nog niets / nothing yet</li>'}</ul>"
    )
    files.write_text(out, "def/index.html", page_shell("kamerld definities", body))
    return count + 1


def shapes_html(g: rdflib.Graph, title: str) -> str:
    """A page about a shapes file: every node shape with its targets, every constraint with its
    severity and messages."""
    from rdflib.namespace import OWL, RDFS, SH

    body = ['<nav><a href="../index.html">kamerld</a> · <a href="index.html">def</a></nav>',
            f"<h1>{esc(title)}</h1>"]
    for s in g.subjects(rdflib.RDF.type, OWL.Ontology):
        body.append(f"<p><code>{esc(s)}</code></p>")
        for c in sorted(g.objects(s, RDFS.comment), key=lambda x: getattr(x, "language", "") or ""):
            body.append(f'<p lang="{esc(getattr(c, "language", "") or "")}">{esc(c)}</p>')
    for shape in sorted(set(g.subjects(rdflib.RDF.type, SH.NodeShape)), key=str):
        targets = sorted(T.compact(str(t)) for p in (SH.targetClass, SH.targetSubjectsOf)
                         for t in g.objects(shape, p))
        rows = []
        for prop in g.objects(shape, SH.property):
            msgs = {getattr(m, "language", None): str(m) for m in g.objects(prop, SH.message)}
            severity = T.local_name(str(g.value(prop, SH.severity) or SH.Violation))
            rows.append(f"<tr><th><code>{esc(T.compact(str(g.value(prop, SH.path))))}</code></th>"
                        f"<td>{esc(severity)}</td><td>{esc(msgs.get('nl', ''))}<br>"
                        f"<i lang='en'>{esc(msgs.get('en', ''))}</i></td></tr>")
        body.append(f'<h2 id="{esc(T.local_name(str(shape)))}">{esc(T.compact(str(shape)))}</h2>'
                    f"<p>{esc(', '.join(targets))}</p><table>{''.join(sorted(rows))}</table>")
    return page_shell(title, "\n".join(body))


def _parse_rdf(path: Path) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format="turtle" if path.suffix == ".ttl" else None)
    except Exception as exc:  # rdflib raises many kinds; all mean "not readable RDF"
        raise InputError(f"not valid RDF: {exc}", path=str(path)) from exc


def ontology_html(
    g: rdflib.Graph, labels: Labels, *, home: str = "../index.html", defs: str = "index.html"
) -> str:
    """Documentation from the ontology's own labels and comments (Dutch and English); fills `labels`.
    Each term's row has its local name as id, so {base}def#tekst lands on it."""
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
    body = [f'<nav><a href="{esc(home)}">kamerld</a> · <a href="{esc(defs)}">def</a></nav>']
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
