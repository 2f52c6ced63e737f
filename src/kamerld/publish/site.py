"""Static linked-data site from kamerld's per-document RDF files.

Layout of `out/`:

    index.html                     start page: indexes, dumps, def, SPARQL
    doc/<type>/<id>[/...].html     a page per IRI under {base}id/ the data mentions (subject or object),
                                   with .ttl .jsonld .nt .rdf beside it: the resource's description,
                                   its incoming links included (describe.py); a question page says who
                                   asked, to whom, when, the answer and the delay (facts.py, html.py)
    index/<facet>[/<value>].html   browse by fractie, Kamerlid, ministerie, dossier, jaar (indexes.py)
    statistiek.html, statistiek/   answer times, questions per fractie and member, open questions (stats.py)
    zoeken.html, pagefind/         search that works offline: a static index built here (search.py)
    def.*, def/                    the ontology ({base}def: def.*, def/kamerld.*, def/<version>.*), the
                                   shapes (shapes.*, shapes-advisory.*), each in HTML, Turtle, JSON-LD,
                                   N-Triples and RDF/XML; context.jsonld, which every JSON-LD page names
    dumps/kamerld.{nt,ttl,jsonld,nq}.gz   full dumps, streamed from the store
    dumps/questions.csv, citations.csv    a row per question / citation, for spreadsheets (exports.py)
    void.ttl, .well-known/void, dcat.ttl  dataset descriptions (catalog.py); their resources (catalogue,
                                   dataset, services, distributions, publisher) get doc/ pages too
    _server/nginx.conf, negotiate.js, htaccess  303 + content negotiation rules (webserver.py)
    _store/                        pyoxigraph store, one named graph per source file (for `kamerld serve`)

The data goes into the on-disk store first; every page and dump is read back from it, so the full dataset
never sits in one rdflib Graph.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kamerld.errors import InputError
from kamerld.publish import catalog, exports, files, indexes, search, stats, webserver
from kamerld.publish import rdfterms as T
from kamerld.publish.describe import description, page_iris
from kamerld.publish.facts import Facts, gather
from kamerld.publish.html import Graphview, Labels, render_page, render_resource
from kamerld.publish.store import distinct_triples, load_files, open_store, rdf_files
from kamerld.writers import FORMATS as WRITER_FORMATS
from kamerld.writers import get_format

DEFAULT_BASE = "https://w3id.org/kamerld/"
STORE_DIR = "_store"
#: folders publish_site owns inside `out` and rebuilds on every run (nothing else there is touched)
GENERATED = ("doc", "index", "def", "dumps", "_server", "statistiek", search.FOLDER)

#: the representations of every page, from the one format table: suffix -> (media type, pyoxigraph
#: format, or None for JSON-LD, which is compacted with the context)
FORMATS: dict[str, tuple[str, ox.RdfFormat | None]] = {
    f.suffix: (f.media_type, None if f.name == "jsonld" else f.oxigraph) for f in WRITER_FORMATS
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
    exports: list[str] = field(default_factory=list)
    search_pages: int = 0  # pages in the search index
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
    today: dt.date | None = None,
    with_search: bool = True,
    advisory_shapes: Path | None = None,
    catalog_info: catalog.CatalogInfo | None = None,
) -> SiteReport:
    """Build the static site in `out` from per-document .ttl/.nt/.jsonld files (or folders of them).
    `today` is the date open questions are counted to (default: the day of publishing)."""
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base must be an http(s) URI, got {base!r}")
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

    # 2. what the pages say about each question and document, then a page (+ four RDF files) per IRI
    # under {base}id/ the data mentions: subjects, and what is only pointed at (a cited paper the data
    # does not hold, the question of another document)
    view = Graphview(store, labels, base)
    facts = gather(store, view.label, today)
    facts.index_pages = indexes.plan(facts)
    pages = PageMap(base)
    iris = page_iris(store, pages.prefix)
    for iri in iris:
        pages.add(iri)
    for iri in iris:
        written += _write_resource(out, view, iri, pages, labels, jsonld, facts)
    report.resources = len(iris)

    # 3. browse pages, statistics, dumps and exports, descriptions (with pages of their own), server
    # rules, start page, search
    written += indexes.write_indexes(out, facts, view, pages.get, report.indexes, base)
    written += stats.write_statistics(out, store, facts, view)
    report.triples, dumps = _write_dumps(out, store)
    report.dumps = dumps
    written += len(dumps)
    report.exports = exports.write_exports(out, store, facts, view)
    written += len(report.exports)
    n, described = catalog.write_descriptions(
        out, base, store, triples=report.triples, documents=report.documents, dumps=dumps,
        exports=report.exports, info=info,
    )
    written += n
    written += _write_description_pages(out, described, pages, labels, jsonld, facts, report)
    written += webserver.write_rules(out, base)
    written += _write_home(out, base, report, facts)
    if with_search:
        report.search_pages = search.build_index(out)
        written += 1
    else:
        files.write_text(out, "zoeken.html", render_page("search.html", home="index.html", title="Zoeken",
                                                         available=False))
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
    from kamerld.writers.fast import context_key, from_oxigraph, jsonld_nodes

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
                    jsonld_style: JsonldStyle, facts: Facts) -> int:
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
        facts=facts,
    )
    files.write_text(out, rel + ".html", page)
    return 1 + len(FORMATS)


def _write_description_pages(out: Path, described: rdflib.Graph, pages: PageMap, labels: Labels,
                             jsonld_style: JsonldStyle, facts: Facts, report: SiteReport) -> int:
    """Pages for the resources of the VoID and DCAT descriptions (catalogue, dataset, services,
    distributions, publisher, contact point), read from a store of their own: the SPARQL endpoint
    serves the data, and its counts stay the data's."""
    store = ox.Store()
    store.load(described.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(pages.base + "graph/_beschrijving"))
    view = Graphview(store, labels, pages.base)
    iris = [i for i in page_iris(store, pages.prefix) if i not in pages.paths]
    for iri in iris:
        pages.add(iri)
    written = sum(_write_resource(out, view, iri, pages, labels, jsonld_style, facts) for iri in iris)
    report.descriptions = len(iris)
    return written


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
DEF_FORMATS = {f.suffix: f.rdflib_name for f in map(get_format, ("ntriples", "jsonld", "rdfxml"))}


def _write_definition(out: Path, stem: str, source: Path, g: rdflib.Graph, html: str) -> int:
    files.write_bytes(out, stem + ".ttl", source.read_bytes())
    for suffix, fmt in DEF_FORMATS.items():
        files.write_text(out, stem + suffix, g.serialize(format=fmt))
    files.write_text(out, stem + ".html", html)
    return 2 + len(DEF_FORMATS)


def _formats_links(name: str) -> list[tuple[str, str]]:
    """(href, name) of a definition's RDF files, for the list of definitions."""
    return [(name + s, label) for s, label in (
        (".ttl", "Turtle"), (".jsonld", "JSON-LD"), (".nt", "N-Triples"), (".rdf", "RDF/XML"))]


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
    items: list[dict] = []
    if ontology is not None and ontology.is_file():
        g = _parse_rdf(ontology)
        count += _write_definition(out, "def", ontology, g, ontology_html(g, labels, home="index.html",
                                                                           defs="def/index.html"))
        html = ontology_html(g, labels)
        count += _write_definition(out, "def/kamerld", ontology, g, html)
        items.append({"href": "kamerld.html", "text": "Ontologie / Ontology",
                      "also": _formats_links("kamerld")})
        from rdflib.namespace import OWL

        for version in g.objects(None, OWL.versionIRI):
            rest = str(version)[len(base + "def/"):]
            if str(version).startswith(base + "def/") and files.safe_segment(rest) == rest:
                count += _write_definition(out, f"def/{rest}", ontology, g, html)
                items.append({"href": f"{rest}.html", "text": f"Versie / version {rest}", "also": []})
    else:
        report.warnings.append(f"ontology not published (not found: {ontology})")
    for path, name, title in ((shapes, "shapes", "SHACL-shapes: overtredingen / violations"),
                              (advisory, "shapes-advisory", "SHACL-shapes: advies / advisory")):
        if path is not None and path.is_file():
            g = _parse_rdf(path)
            count += _write_definition(out, f"def/{name}", path, g, shapes_html(g, title))
            items.append({"href": f"{name}.html", "text": title, "also": _formats_links(name)})
        elif name == "shapes":
            report.warnings.append(f"shapes not published (not found: {path})")
    if context is not None and context.is_file():
        files.write_bytes(out, CONTEXT_PATH, context.read_bytes())
        items.append({"href": "context.jsonld", "text": "JSON-LD context", "also": []})
        count += 1
    files.write_text(out, "def/index.html", render_page(
        "def_index.html", home="../index.html", title="kamerld definities", base=base, items=items))
    return count + 1


def shapes_html(g: rdflib.Graph, title: str) -> str:
    """A page about a shapes file: every node shape with its targets, every constraint with its
    severity and messages."""
    from rdflib.namespace import OWL, RDFS, SH

    heads = []
    for s in g.subjects(rdflib.RDF.type, OWL.Ontology):
        comments = sorted(g.objects(s, RDFS.comment), key=lambda x: getattr(x, "language", "") or "")
        heads.append({"iri": str(s),
                      "comments": [(getattr(c, "language", "") or "", str(c)) for c in comments]})
    shapes = []
    for shape in sorted(set(g.subjects(rdflib.RDF.type, SH.NodeShape)), key=str):
        targets = sorted(T.compact(str(t)) for p in (SH.targetClass, SH.targetSubjectsOf)
                         for t in g.objects(shape, p))
        rows = []
        for prop in g.objects(shape, SH.property):
            msgs = {getattr(m, "language", None): str(m) for m in g.objects(prop, SH.message)}
            rows.append({"path": T.compact(str(g.value(prop, SH.path))),
                         "severity": T.local_name(str(g.value(prop, SH.severity) or SH.Violation)),
                         "nl": msgs.get("nl", ""), "en": msgs.get("en", "")})
        rows.sort(key=lambda r: (r["path"], r["severity"], r["nl"], r["en"]))
        shapes.append({"id": T.local_name(str(shape)), "name": T.compact(str(shape)),
                       "targets": ", ".join(targets), "rows": rows})
    return render_page("shapes.html", home="../index.html", title=title, heads=heads, shapes=shapes)


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
    heads = []
    for s in g.subjects(RDF.type, OWL.Ontology):
        nl, en = texts(s, RDFS.label)
        c_nl, c_en = texts(s, RDFS.comment)
        heads.append({"iri": str(s), "nl": nl or str(s), "en": en, "c_nl": c_nl, "c_en": c_en})
    sections = []
    for title, types in kinds:
        terms = sorted({s for t in types for s in g.subjects(RDF.type, t) if isinstance(s, rdflib.URIRef)})
        rows = []
        for s in terms:
            nl, en = texts(s, RDFS.label)
            c_nl, c_en = texts(s, RDFS.comment)
            if nl or en:
                labels.terms[str(s)] = (nl or en, en)
            rows.append({"id": T.local_name(str(s)), "name": T.compact(str(s)), "nl": nl, "en": en,
                         "c_nl": c_nl, "c_en": c_en})
        sections.append({"title": title, "rows": rows})
    return render_page("ontology.html", home=home, defs=defs, title="kamerld ontologie", heads=heads,
                       sections=sections)


def _write_home(out: Path, base: str, report: SiteReport, facts: Facts) -> int:
    answered = sum(q.is_answered for q in facts.questions.values())
    files.write_text(out, "index.html", render_page(
        "home.html", home="index.html", title="kamerld", base=base, report=report,
        facets=[(name, indexes.FACETS[name][0], indexes.FACET_EN[name], report.indexes.get(name, 0))
                for name in indexes.FACETS],
        questions=len(facts.questions), answered=answered))
    return 1
