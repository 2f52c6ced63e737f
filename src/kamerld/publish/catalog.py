"""VoID and DCAT-AP-NL 3 descriptions of the published dataset, its dumps and its SPARQL service.

The DCAT graph conforms to the DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 shapes (tests run pySHACL against the
files in ../shared/vocab). Codelist values come from the EU vocabularies DCAT-AP prescribes (licence,
access right, file type, language, data theme); each value is typed in the graph, because the shapes
check the class of every value.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, VOID, XSD

from kamerld.publish import files
from kamerld.publish import rdfterms as T

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"

#: dump file -> (EU file type, IANA media type, title)
DUMP_FORMATS = {
    "kamerld.nt.gz": ("RDF_N_TRIPLES", "application/n-triples", "N-Triples"),
    "kamerld.ttl.gz": ("RDF_TURTLE", "text/turtle", "Turtle"),
    "kamerld.jsonld.gz": ("JSON_LD", "application/ld+json", "JSON-LD"),
    "kamerld.nq.gz": ("RDF_N_QUADS", "application/n-quads", "N-Quads (een graaf per document)"),
}
#: spreadsheet exports -> (EU file type, IANA media type, title, description)
EXPORT_FORMATS = {
    "questions.csv": ("CSV", "text/csv", "kamerld, vragen (CSV)",
                      "Een rij per schriftelijke vraag: document, nummer, datums, dagen, vragensteller, "
                      "fractie, geadresseerde, ministerie van het antwoord, beantwoord, officiële URL."),
    "citations.csv": ("CSV", "text/csv", "kamerld, verwijzingen (CSV)",
                      "Een rij per verwijzing: waar zij staat, de tekst zoals geschreven en waarnaar zij "
                      "verwijst."),
}


@dataclass(frozen=True)
class CatalogInfo:
    """Who publishes, under what licence. Defaults describe the kamerld project itself."""

    publisher_name: str = "kamerld"
    publisher_uri: str | None = None  # default {base}id/organisatie/kamerld
    contact_email: str = "kamerld@example.org"
    licence: str = EU + "licence/CC0"  # parliamentary papers carry no copyright (Auteurswet art. 11)
    title_nl: str = "Schriftelijke Kamervragen en antwoorden"
    title_en: str = "Dutch parliamentary written questions and answers"
    description_nl: str = (
        "Schriftelijke vragen van Kamerleden, de antwoorden van de regering en de stukken waarnaar zij "
        "verwijzen, als linked open data (ELI, ELI-DL, TOOI)."
    )
    description_en: str = (
        "Written questions by members of the Dutch parliament, the government's answers and the papers "
        "they cite, as linked open data (ELI, ELI-DL, TOOI)."
    )


def _typed(g: Graph, iri: str, cls: URIRef, label: str | None = None) -> URIRef:
    node = URIRef(iri)
    g.add((node, RDF.type, cls))
    if label:
        g.add((node, SKOS.prefLabel, Literal(label, lang="en")))
    return node


def dcat_graph(
    base: str,
    *,
    triples: int,
    dumps: list[str],
    exports: Sequence[str] = (),
    sizes: dict[str, int] | None = None,
    info: CatalogInfo = CatalogInfo(),
    modified: dt.datetime | None = None,
) -> Graph:
    """The DCAT-AP-NL catalogue: one dataset, a distribution per dump plus the SPARQL one, the service."""
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("skos", SKOS)):
        g.bind(prefix, ns)
    sizes = sizes or {}
    now = Literal(
        (modified or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat(), datatype=XSD.dateTime
    )
    catalog, dataset, service = (
        URIRef(base + "catalogus"),
        URIRef(base + "dataset"),
        URIRef(base + "sparql-service"),
    )
    sparql = URIRef(base + "sparql")

    publisher = _typed(g, info.publisher_uri or base + "id/organisatie/kamerld", FOAF.Agent)
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(info.publisher_name)))
    contact = BNode("contact")
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(info.publisher_name)))
    g.add((contact, VCARD.hasEmail, URIRef("mailto:" + info.contact_email)))
    licence = _typed(g, info.licence, DCTERMS.LicenseDocument)
    public = _typed(g, EU + "access-right/PUBLIC", DCTERMS.RightsStatement)
    theme = _typed(g, EU + "data-theme/GOVE", SKOS.Concept, "Government and public sector")
    dutch = _typed(g, EU + "language/NLD", DCTERMS.LinguisticSystem)
    home = _typed(g, base, FOAF.Document)

    def describe(node: URIRef, nl: str, en: str, desc_nl: str, desc_en: str) -> None:
        g.add((node, DCTERMS.title, Literal(nl, lang="nl")))
        g.add((node, DCTERMS.title, Literal(en, lang="en")))
        g.add((node, DCTERMS.description, Literal(desc_nl, lang="nl")))
        g.add((node, DCTERMS.description, Literal(desc_en, lang="en")))

    g.add((catalog, RDF.type, DCAT.Catalog))
    describe(catalog, "kamerld-catalogus", "kamerld catalogue", info.description_nl, info.description_en)
    for p, o in (
        (DCTERMS.publisher, publisher),
        (DCAT.contactPoint, contact),
        (DCAT.dataset, dataset),
        (DCAT.service, service),
        (FOAF.homepage, home),
        (DCTERMS.language, dutch),
        (DCTERMS.license, licence),
        (DCTERMS.modified, now),
    ):
        g.add((catalog, p, o))

    g.add((dataset, RDF.type, DCAT.Dataset))
    describe(dataset, info.title_nl, info.title_en, info.description_nl, info.description_en)
    for p, o in (
        (DCTERMS.identifier, Literal(str(dataset))),
        (DCTERMS.publisher, publisher),
        (DCTERMS.creator, publisher),
        (DCAT.contactPoint, contact),
        (DCTERMS.accessRights, public),
        (DCAT.theme, theme),
        (DCTERMS.language, dutch),
        (DCAT.landingPage, home),
        (DCTERMS.modified, now),
        (DCAT.keyword, Literal("Kamervragen", lang="nl")),
        (DCAT.keyword, Literal("parlement", lang="nl")),
        (DCAT.keyword, Literal("written questions", lang="en")),
    ):
        g.add((dataset, p, o))

    for rel in dumps:
        name = rel.rsplit("/", 1)[-1]
        if name not in DUMP_FORMATS:
            continue
        ftype, mime, title = DUMP_FORMATS[name]
        dist = URIRef(f"{base}dataset/distributie/{name}")
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"kamerld, {title}, gzip", lang="nl")))
        g.add(
            (dist, DCTERMS.description, Literal(f"Volledige dump ({triples} triples), {title}.", lang="nl"))
        )
        g.add((dist, DCAT.accessURL, URIRef(base + rel)))
        g.add((dist, DCAT.downloadURL, URIRef(base + rel)))
        g.add((dist, DCAT.mediaType, _typed(g, IANA + mime, DCTERMS.MediaType)))
        g.add((dist, DCTERMS.format, _typed(g, EU + "file-type/" + ftype, DCTERMS.MediaTypeOrExtent)))
        g.add((dist, DCAT.compressFormat, _typed(g, IANA + "application/gzip", DCTERMS.MediaType)))
        g.add((dist, DCTERMS.license, licence))
        g.add((dist, DCTERMS.modified, now))
        if rel in sizes:
            g.add((dist, DCAT.byteSize, Literal(sizes[rel], datatype=XSD.nonNegativeInteger)))

    for rel in exports:
        name = rel.rsplit("/", 1)[-1]
        if name not in EXPORT_FORMATS:
            continue
        ftype, mime, title, description = EXPORT_FORMATS[name]
        dist = URIRef(f"{base}dataset/distributie/{name}")
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(title, lang="nl")))
        g.add((dist, DCTERMS.description, Literal(description, lang="nl")))
        g.add((dist, DCAT.accessURL, URIRef(base + rel)))
        g.add((dist, DCAT.downloadURL, URIRef(base + rel)))
        g.add((dist, DCAT.mediaType, _typed(g, IANA + mime, DCTERMS.MediaType)))
        g.add((dist, DCTERMS.format, _typed(g, EU + "file-type/" + ftype, DCTERMS.MediaTypeOrExtent)))
        g.add((dist, DCTERMS.license, licence))
        g.add((dist, DCTERMS.modified, now))
        if rel in sizes:
            g.add((dist, DCAT.byteSize, Literal(sizes[rel], datatype=XSD.nonNegativeInteger)))

    dist = URIRef(base + "dataset/distributie/sparql")
    g.add((dataset, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal("SPARQL-endpoint", lang="nl")))
    g.add((dist, DCAT.accessURL, sparql))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCTERMS.license, licence))
    g.add((dist, DCTERMS.format, _typed(g, EU + "file-type/SPARQLQ", DCTERMS.MediaTypeOrExtent)))

    g.add((service, RDF.type, DCAT.DataService))
    describe(
        service,
        "kamerld SPARQL-endpoint",
        "kamerld SPARQL endpoint",
        "Alleen-lezen SPARQL 1.1-endpoint over de volledige dataset.",
        "Read-only SPARQL 1.1 endpoint over the whole dataset.",
    )
    standard = _typed(g, "https://www.w3.org/TR/sparql11-protocol/", DCTERMS.Standard)
    for p, o in (
        (DCTERMS.identifier, Literal(str(service))),
        (DCAT.endpointURL, sparql),
        (DCAT.endpointDescription, URIRef(base + "sparql")),
        (DCAT.servesDataset, dataset),
        (DCTERMS.accessRights, public),
        (DCAT.contactPoint, contact),
        (DCTERMS.license, licence),
        (DCTERMS.publisher, publisher),
        (DCAT.theme, theme),
        (DCTERMS.conformsTo, standard),
        (DCTERMS.language, dutch),
    ):
        g.add((service, p, o))
    return g


def void_graph(
    base: str, *, triples: int, dumps: list[str], documents: int | None = None, store: ox.Store | None = None
) -> Graph:
    """VoID: size, URI space, dumps, SPARQL endpoint, vocabularies and an example resource."""
    g = Graph()
    g.bind("void", VOID)
    g.bind("dct", DCTERMS)
    ds = URIRef(base + "dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("kamerld", lang="nl")))
    g.add((ds, DCTERMS.license, URIRef(EU + "licence/CC0")))
    g.add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    if documents is not None:  # void:documents: the source documents, one named graph each
        g.add((ds, VOID.documents, Literal(documents, datatype=XSD.integer)))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    g.add((ds, VOID.rootResource, URIRef(base)))
    for rel in dumps:
        g.add((ds, VOID.dataDump, URIRef(base + rel)))
    for ns in (T.KLD, T.ELI, T.ELI_DL, T.DCT, T.PROV, T.ORG, T.FOAF, T.SKOS):
        g.add((ds, VOID.vocabulary, URIRef(ns)))
    if store is not None:
        pre = json.dumps(base + "id/")  # a JSON string is a valid SPARQL string literal
        stats = {
            "entities": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {pre})) }}",
            "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "classes": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s a ?o } }",
            "distinctSubjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "distinctObjects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        }
        for prop, query in stats.items():
            row = next(iter(store.query(query)))
            g.add((ds, VOID[prop], Literal(int(row["n"].value), datatype=XSD.integer)))
        example = next(
            iter(
                store.query(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s a <{T.KLD}Vraag> }} }} ORDER BY ?s LIMIT 1")
            ),
            None,
        )
        if example is not None:
            g.add((ds, VOID.exampleResource, URIRef(example["s"].value)))
    return g


def write_descriptions(
    out: Path,
    base: str,
    store: ox.Store,
    *,
    triples: int,
    documents: int,
    dumps: list[str],
    exports: Sequence[str] = (),
    info: CatalogInfo = CatalogInfo(),
) -> int:
    """void.ttl, .well-known/void (the same Turtle, RFC 5785 location VoID names) and dcat.ttl/.jsonld."""
    sizes = {rel: files.inside(out, rel).stat().st_size for rel in [*dumps, *exports]
             if files.inside(out, rel).exists()}
    void = void_graph(base, triples=triples, dumps=dumps, documents=documents, store=store).serialize(
        format="turtle"
    )
    files.write_text(out, "void.ttl", void)
    files.write_text(out, ".well-known/void", void)
    dcat = dcat_graph(base, triples=triples, dumps=dumps, exports=exports, sizes=sizes, info=info)
    files.write_text(out, "dcat.ttl", dcat.serialize(format="turtle"))
    files.write_text(out, "dcat.jsonld", dcat.serialize(format="json-ld"))
    return 4
