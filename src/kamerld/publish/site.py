"""Static linked-data site from kamerld's per-document RDF files.

Layout of `out/`:

    index.html                     start page: indexes, dumps, def, SPARQL
    doc/<type>/<id>[/...].html     a page per resource under {base}id/, with .ttl .jsonld .nt beside it
    index/<facet>[/<value>].html   browse by fractie, Kamerlid, ministerie, dossier, jaar (indexes.py)
    statistiek.html, statistiek/   answer times, questions per fractie and member, open questions (stats.py)
    zoeken.html, pagefind/         search that works offline: a static index built here (search.py)
    def/                           ontology (kamerld.ttl + HTML docs), shapes.ttl, context.jsonld
    dumps/kamerld.{nt,ttl,jsonld,nq}.gz   full dumps, streamed from the store
    dumps/questions.csv, citations.csv    a row per question / citation, for spreadsheets (exports.py)
    void.ttl, .well-known/void, dcat.ttl  dataset descriptions (catalog.py)
    _server/nginx.conf, negotiate.js, htaccess  303 + content negotiation rules (webserver.py)
    _store/                        pyoxigraph store, one named graph per document (for `kamerld serve`)

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
from kamerld.publish.facts import Facts, gather
from kamerld.publish.html import Graphview, Labels, render_page, render_resource
from kamerld.store import distinct_triples, load_files, open_store, rdf_files

DEFAULT_BASE = "https://w3id.org/kamerld/"
STORE_DIR = "_store"
#: folders publish_site owns inside `out` and rebuilds on every run (nothing else there is touched)
GENERATED = ("doc", "index", "def", "dumps", "_server", "statistiek", search.FOLDER)

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
) -> SiteReport:
    """Build the static site in `out` from per-document .ttl/.nt/.jsonld files (or folders of them).
    `today` is the date open questions are counted to (default: the day of publishing)."""
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

    # 2. what the pages say about each question and document, then a page (+ three RDF files) per resource
    view = Graphview(store, labels, base)
    facts = gather(store, view.label, today)
    facts.index_pages = indexes.plan(facts)
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
        written += _write_resource(out, view, iri, pages, labels, ctx, facts)
    report.resources = len(subjects)

    # 3. browse pages, statistics, dumps and exports, descriptions, server rules, start page, search
    written += indexes.write_indexes(out, facts, view, pages.get, report.indexes, base)
    written += stats.write_statistics(out, store, facts, view)
    report.triples, dumps = _write_dumps(out, store)
    report.dumps = dumps
    written += len(dumps)
    report.exports = exports.write_exports(out, store, facts, view)
    written += len(report.exports)
    written += catalog.write_descriptions(
        out, base, store, triples=report.triples, documents=report.documents, dumps=dumps,
        exports=report.exports,
    )
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


def _write_resource(
    out: Path, view: Graphview, iri: str, pages: PageMap, labels: Labels, ctx: dict, facts: Facts
) -> int:
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
        facts=facts,
    )
    files.write_text(out, rel + ".html", page)
    return 1 + len(FORMATS)


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
    items: list[dict] = []
    if ontology is not None and ontology.is_file():
        g = _parse_rdf(ontology)
        files.write_bytes(out, "def/kamerld.ttl", ontology.read_bytes())
        files.write_text(out, "def/kamerld.nt", g.serialize(format="nt"))
        files.write_text(out, "def/kamerld.jsonld", g.serialize(format="json-ld"))
        files.write_text(out, "def/kamerld.html", ontology_html(g, labels))
        items.append({"href": "kamerld.html", "text": "Ontologie / Ontology",
                      "also": [("kamerld.ttl", "Turtle"), ("kamerld.jsonld", "JSON-LD"),
                               ("kamerld.nt", "N-Triples")]})
        count += 4
    else:
        report.warnings.append(f"ontology not published (not found: {ontology})")
    if shapes is not None and shapes.is_file():
        _parse_rdf(shapes)
        files.write_bytes(out, "def/shapes.ttl", shapes.read_bytes())
        items.append({"href": "shapes.ttl", "text": "SHACL shapes", "also": []})
        count += 1
    else:
        report.warnings.append(f"shapes not published (not found: {shapes})")
    if context is not None and context.is_file():
        files.write_bytes(out, "def/context.jsonld", context.read_bytes())
        items.append({"href": "context.jsonld", "text": "JSON-LD context", "also": []})
        count += 1
    files.write_text(out, "def/index.html", render_page(
        "def_index.html", home="../index.html", title="kamerld definities", base=base, items=items))
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
    return render_page("ontology.html", home="../index.html", title="kamerld ontologie", heads=heads,
                       sections=sections)


def _write_home(out: Path, base: str, report: SiteReport, facts: Facts) -> int:
    answered = sum(q.is_answered for q in facts.questions.values())
    files.write_text(out, "index.html", render_page(
        "home.html", home="index.html", title="kamerld", base=base, report=report,
        facets=[(name, indexes.FACETS[name][0], indexes.FACET_EN[name], report.indexes.get(name, 0))
                for name in indexes.FACETS],
        questions=len(facts.questions), answered=answered))
    return 1
