"""VoID and DCAT-AP-NL 3 descriptions of the published dataset, its dumps and its services.

The DCAT graph conforms to the DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 shapes, their class-range files and
their recommended ("aanbevolen") shapes: tests run pySHACL and a second engine against the files in
../shared/vocab. Codelist values come from the EU vocabularies DCAT-AP prescribes (licence, access
right, file type, language, data theme, country, planned availability) and ADMS (publisher and licence
types); each value is typed in the graph, because the shapes check the class of every value.

Every resource the descriptions name has an IRI under `{base}id/` (catalogue, dataset, services,
distributions, publisher, contact point, period): the site gives each a page, so each dereferences.
Who publishes, the contact point, the licence and the recommended fields come from a `CatalogInfo`
(`kamerld publish --catalog FILE`, a TOML file: `catalog_info_from_toml`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, VOID, XSD

from kamerld.errors import InputError
from kamerld.publish import files
from kamerld.publish import rdfterms as T
from kamerld.writers import get_format

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
EU = "http://publications.europa.eu/resource/authority/"
ADMS_PUBLISHER = "http://purl.org/adms/publishertype/"
ADMS_LICENCE = "http://purl.org/adms/licencetype/"
IANA = "http://www.iana.org/assignments/media-types/"

#: dump file -> (EU file type, IANA media type, title, the standard the format follows)
DUMP_FORMATS = {
    **{
        f"kamerld{f.suffix}.gz": (f.eu_file_type, f.media_type, f.label, f.standard)
        for f in map(get_format, ("ntriples", "turtle", "jsonld"))
    },
    # quads keep each document's graph: no writer of ours, the store writes them
    "kamerld.nq.gz": ("RDF_N_QUADS", "application/n-quads", "N-Quads (een graaf per document)",
                      "https://www.w3.org/TR/n-quads/"),
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

#: what the CSV exports follow (RFC 4180: comma-separated, quoted fields, CRLF)
CSV_STANDARD = "https://www.rfc-editor.org/rfc/rfc4180"

#: English labels of the codes the shapes want labelled (an unknown code is its own label)
LABELS = {
    "data-theme": {
        "AGRI": "Agriculture, fisheries, forestry and food", "ECON": "Economy and finance",
        "EDUC": "Education, culture and sport", "ENER": "Energy", "ENVI": "Environment",
        "GOVE": "Government and public sector", "HEAL": "Health", "INTR": "International issues",
        "JUST": "Justice, legal system and public safety", "OP_DATPRO": "Provisional data",
        "REGI": "Regions and cities", "SOCI": "Population and society", "TECH": "Science and technology",
        "TRAN": "Transport",
    },
    "publishertype": {
        "Academia-ScientificOrganisation": "Academia/Scientific organisation", "Company": "Company",
        "IndustryConsortium": "Industry consortium",
        "InternationalOrganisation": "International organisation",
        "LocalAuthority": "Local authority", "NationalAuthority": "National authority",
        "NonGovernmentalOrganisation": "Non-governmental organisation",
        "NonProfitOrganisation": "Non-profit organisation", "PrivateIndividual(s)": "Private individual(s)",
        "RegionalAuthority": "Regional authority", "StandardisationBody": "Standardisation body",
        "SupraNationalAuthority": "Supra-national authority",
    },
    "licencetype": {
        "Attribution": "Attribution", "PublicDomain": "Public domain", "ShareAlike": "Share alike",
        "NonCommercialUseOnly": "Non-commercial use only", "RoyaltiesRequired": "Royalties required",
    },
    "planned-availability": {"AVAILABLE": "available", "EXPERIMENTAL": "experimental", "STABLE": "stable",
                             "TEMPORARY": "temporary"},
}


def _label(kind: str, iri: str) -> str:
    code = re.split(r"[/#]", iri.rstrip("/"))[-1]
    return LABELS.get(kind, {}).get(code, code)


#: the European part of the Netherlands (Natural Earth), as DCAT-AP's dct:Location wants it
NL_BBOX = "POLYGON((3.31 50.80, 7.09 50.80, 7.09 53.51, 3.31 53.51, 3.31 50.80))"
NL_CENTROID = "POINT(5.29 52.13)"


@dataclass(frozen=True)
class CatalogInfo:
    """Who publishes, how to reach them, under what licence, and the recommended DCAT fields.

    Defaults describe the kamerld project itself, with a placeholder contact: `placeholders` names
    what a real publisher must set (`kamerld publish` warns about each).
    """

    publisher_name: str = "kamerld"
    publisher_uri: str | None = None  # default {base}id/organisatie/kamerld
    publisher_type: str = "NonProfitOrganisation"  # ADMS publisher type (http://purl.org/adms/publishertype/)
    contact_name: str | None = None  # default: the publisher's name
    contact_email: str = "kamerld@example.org"
    contact_url: str | None = None
    # EU licence code or IRI; parliamentary papers carry no copyright (Auteurswet art. 11)
    licence: str = "CC0"
    licence_type: str = "PublicDomain"  # ADMS licence type (http://purl.org/adms/licencetype/)
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
    keywords: tuple[str, ...] = ("Kamervragen", "parlement", "Tweede Kamer")
    themes: tuple[str, ...] = ("GOVE",)  # EU data themes
    language: str = "NLD"  # EU language code
    spatial: str = "NLD"  # EU country code
    spatial_bbox: str = NL_BBOX  # WKT
    spatial_centroid: str = NL_CENTROID  # WKT
    availability: str = "STABLE"  # EU planned availability
    issued: str | None = None  # ISO date the catalogue was first published; default: today

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The settings a real publisher must change that still hold kamerld's placeholder."""
        return tuple(name for name in PLACEHOLDERS if getattr(self, name) == getattr(_DEFAULTS, name))

    def eu(self, kind: str, value: str) -> str:
        return value if re.match(r"^https?://", value) else f"{EU}{kind}/{value}"


PLACEHOLDERS = ("publisher_name", "contact_email")
_DEFAULTS = CatalogInfo()


def catalog_info_from_toml(path: Path) -> CatalogInfo:
    """A CatalogInfo from a TOML file; keys as the fields (`publisher_name = "…"`), or grouped in tables
    (`[publisher] name = …`, `[contact] email = …`). An unknown key is an error naming it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"not a readable TOML catalogue file: {exc}", path=str(path)) from exc
    flat: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            for k, v in value.items():
                flat[f"{key}_{k}"] = v
        else:
            flat[key] = value
    known = {f.name: f for f in fields(CatalogInfo)}
    unknown = sorted(set(flat) - set(known))
    if unknown:
        raise InputError(f"unknown catalogue setting(s): {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(known))}", path=str(path))
    values: dict[str, object] = {}
    for key, value in flat.items():
        if key in ("keywords", "themes"):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise InputError(f"{key} must be a list of strings", path=str(path))
            values[key] = tuple(value)
        elif not isinstance(value, str):
            raise InputError(f"{key} must be a string", path=str(path))
        else:
            values[key] = value
    email = values.get("contact_email")
    if email is not None and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+", str(email)):
        raise InputError(f"contact_email is not an e-mail address: {email!r}", path=str(path))
    for key in ("publisher_uri", "contact_url"):
        if key in values and not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", str(values[key])):
            raise InputError(f"{key} must be an http(s) IRI: {values[key]!r}", path=str(path))
    return CatalogInfo(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class CatalogIris:
    """Every IRI the descriptions mint, under `{base}id/` so that each gets a page."""

    base: str

    def _id(self, path: str) -> URIRef:
        return URIRef(f"{self.base}id/{path}")

    @property
    def catalog(self) -> URIRef:
        return self._id("catalogus/kamerld")

    @property
    def dataset(self) -> URIRef:
        return self._id("dataset/kamerld")

    @property
    def period(self) -> URIRef:
        return self._id("dataset/kamerld/periode")

    @property
    def sparql_service(self) -> URIRef:
        return self._id("dienst/sparql")

    @property
    def file_service(self) -> URIRef:
        return self._id("dienst/bestanden")

    @property
    def contact(self) -> URIRef:
        return self._id("contactpunt/kamerld")

    def distribution(self, name: str) -> URIRef:
        return self._id(f"distributie/{name}")

    def publisher(self, info: CatalogInfo) -> URIRef:
        return URIRef(info.publisher_uri or f"{self.base}id/organisatie/kamerld")


def _typed(g: Graph, iri: str | URIRef, cls: URIRef, label: str | None = None) -> URIRef:
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
    period: tuple[str, str] | None = None,
) -> Graph:
    """The DCAT-AP-NL catalogue: one dataset with a distribution per dump, the SPARQL service and the
    file service that serves the dumps. `period`: (first, last) ISO date of the documents."""
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("skos", SKOS),
                       ("dcatap", DCATAP), ("geo", GEO)):
        g.bind(prefix, ns)
    iris = CatalogIris(base)
    sizes = sizes or {}
    when = (modified or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    now = Literal(when.isoformat(), datatype=XSD.dateTime)
    issued = Literal(info.issued or when.date().isoformat(), datatype=XSD.date)
    catalog, dataset = iris.catalog, iris.dataset
    sparql_service, file_service = iris.sparql_service, iris.file_service
    sparql = URIRef(base + "sparql")

    publisher = _typed(g, iris.publisher(info), FOAF.Agent)
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(info.publisher_name)))
    ptype = ADMS_PUBLISHER + info.publisher_type
    g.add((publisher, DCTERMS.type, _typed(g, ptype, SKOS.Concept, _label("publishertype", ptype))))
    contact = iris.contact
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(info.contact_name or info.publisher_name)))
    g.add((contact, VCARD.hasEmail, URIRef("mailto:" + info.contact_email)))
    if info.contact_url:
        g.add((contact, VCARD.hasURL, URIRef(info.contact_url)))
    licence = _typed(g, info.eu("licence", info.licence), DCTERMS.LicenseDocument)
    ltype = ADMS_LICENCE + info.licence_type
    g.add((licence, DCTERMS.type, _typed(g, ltype, SKOS.Concept, _label("licencetype", ltype))))
    public = _typed(g, EU + "access-right/PUBLIC", DCTERMS.RightsStatement)
    themes = [_typed(g, iri, SKOS.Concept, _label("data-theme", iri))
              for iri in (info.eu("data-theme", t) for t in info.themes)]
    taxonomy = _typed(g, EU + "data-theme", SKOS.ConceptScheme)
    g.add((taxonomy, DCTERMS.title, Literal("Data theme", lang="en")))
    for theme in themes:
        g.add((theme, SKOS.inScheme, taxonomy))
    language = _typed(g, info.eu("language", info.language), DCTERMS.LinguisticSystem)
    spatial = _typed(g, info.eu("country", info.spatial), DCTERMS.Location)
    g.add((spatial, DCAT.bbox, Literal(info.spatial_bbox, datatype=GEO.wktLiteral)))
    g.add((spatial, DCAT.centroid, Literal(info.spatial_centroid, datatype=GEO.wktLiteral)))
    avail = info.eu("planned-availability", info.availability)
    availability = _typed(g, avail, SKOS.Concept, _label("planned-availability", avail))
    home = _typed(g, base, FOAF.Document)
    documentation = _typed(g, base + "def", FOAF.Document)
    contract = _typed(g, base + "def/shapes", DCTERMS.Standard)  # the data contract, as SHACL

    def describe(node: URIRef, nl: str, en: str, desc_nl: str, desc_en: str) -> None:
        g.add((node, DCTERMS.title, Literal(nl, lang="nl")))
        g.add((node, DCTERMS.title, Literal(en, lang="en")))
        g.add((node, DCTERMS.description, Literal(desc_nl, lang="nl")))
        g.add((node, DCTERMS.description, Literal(desc_en, lang="en")))

    g.add((catalog, RDF.type, DCAT.Catalog))
    describe(catalog, "kamerld-catalogus", "kamerld catalogue", info.description_nl, info.description_en)
    for p, o in (
        (DCTERMS.publisher, publisher), (DCTERMS.creator, publisher), (DCAT.contactPoint, contact),
        (DCAT.dataset, dataset), (DCAT.service, sparql_service), (DCAT.service, file_service),
        (FOAF.homepage, home), (DCTERMS.language, language), (DCTERMS.license, licence),
        (DCTERMS.modified, now), (DCTERMS.issued, issued), (DCTERMS.spatial, spatial),
        (DCAT.themeTaxonomy, taxonomy),
    ):
        g.add((catalog, p, o))

    g.add((dataset, RDF.type, DCAT.Dataset))
    describe(dataset, info.title_nl, info.title_en, info.description_nl, info.description_en)
    for p, o in (
        (DCTERMS.identifier, Literal(str(dataset))), (DCTERMS.publisher, publisher),
        (DCTERMS.creator, publisher), (DCAT.contactPoint, contact), (DCTERMS.accessRights, public),
        (DCTERMS.language, language), (DCAT.landingPage, home), (FOAF.page, documentation),
        (DCTERMS.conformsTo, contract), (DCTERMS.modified, now), (DCTERMS.issued, issued),
        (DCTERMS.spatial, spatial),
    ):
        g.add((dataset, p, o))
    for theme in themes:
        g.add((dataset, DCAT.theme, theme))
    for keyword in info.keywords:
        g.add((dataset, DCAT.keyword, Literal(keyword, lang="nl")))
    if period is not None:
        g.add((dataset, DCTERMS.temporal, iris.period))
        g.add((iris.period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((iris.period, DCAT.startDate, Literal(period[0], datatype=XSD.date)))
        g.add((iris.period, DCAT.endDate, Literal(period[1], datatype=XSD.date)))

    for rel in dumps:
        name = rel.rsplit("/", 1)[-1]
        if name not in DUMP_FORMATS:
            continue
        ftype, mime, title, standard = DUMP_FORMATS[name]
        dist = iris.distribution(name)
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"kamerld, {title}, gzip", lang="nl")))
        g.add((dist, DCTERMS.description,
               Literal(f"Volledige dump ({triples} triples), {title}.", lang="nl")))
        g.add((dist, DCAT.accessURL, URIRef(base + rel)))
        g.add((dist, DCAT.downloadURL, URIRef(base + rel)))
        g.add((dist, DCAT.accessService, file_service))
        g.add((dist, DCAT.mediaType, _typed(g, IANA + mime, DCTERMS.MediaType)))
        g.add((dist, DCTERMS.format, _typed(g, EU + "file-type/" + ftype, DCTERMS.MediaTypeOrExtent)))
        g.add((dist, DCAT.compressFormat, _typed(g, IANA + "application/gzip", DCTERMS.MediaType)))
        g.add((dist, DCTERMS.conformsTo, _typed(g, standard, DCTERMS.Standard)))
        g.add((dist, DCTERMS.conformsTo, contract))
        g.add((dist, DCTERMS.license, licence))
        g.add((dist, DCTERMS.language, language))
        g.add((dist, DCATAP.availability, availability))
        g.add((dist, DCTERMS.modified, now))
        if rel in sizes:
            g.add((dist, DCAT.byteSize, Literal(sizes[rel], datatype=XSD.nonNegativeInteger)))

    for rel in exports:
        name = rel.rsplit("/", 1)[-1]
        if name not in EXPORT_FORMATS:
            continue
        ftype, mime, title, description = EXPORT_FORMATS[name]
        dist = iris.distribution(name)
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(title, lang="nl")))
        g.add((dist, DCTERMS.description, Literal(description, lang="nl")))
        g.add((dist, DCAT.accessURL, URIRef(base + rel)))
        g.add((dist, DCAT.downloadURL, URIRef(base + rel)))
        g.add((dist, DCAT.accessService, file_service))
        g.add((dist, DCAT.mediaType, _typed(g, IANA + mime, DCTERMS.MediaType)))
        g.add((dist, DCTERMS.format, _typed(g, EU + "file-type/" + ftype, DCTERMS.MediaTypeOrExtent)))
        g.add((dist, DCTERMS.conformsTo, _typed(g, CSV_STANDARD, DCTERMS.Standard)))
        g.add((dist, DCTERMS.license, licence))
        g.add((dist, DCTERMS.language, language))
        g.add((dist, DCATAP.availability, availability))
        g.add((dist, DCTERMS.modified, now))
        if rel in sizes:
            g.add((dist, DCAT.byteSize, Literal(sizes[rel], datatype=XSD.nonNegativeInteger)))

    for service, (nl, en, desc_nl, desc_en), url, standard, keywords in (
        (sparql_service,
         ("kamerld SPARQL-endpoint", "kamerld SPARQL endpoint",
          "Alleen-lezen SPARQL 1.1-endpoint over de volledige dataset.",
          "Read-only SPARQL 1.1 endpoint over the whole dataset."),
         sparql, "https://www.w3.org/TR/sparql11-protocol/", ("SPARQL", "linked data")),
        (file_service,
         ("kamerld-website en downloads", "kamerld website and downloads",
          "Een pagina per bron met content negotiation (HTML, Turtle, JSON-LD, N-Triples, RDF/XML) en de "
          "volledige dumps.",
          "A page per resource with content negotiation (HTML, Turtle, JSON-LD, N-Triples, RDF/XML) and the "
          "full dumps."),
         URIRef(base), "https://www.rfc-editor.org/rfc/rfc9110", ("linked data", "download")),
    ):
        g.add((service, RDF.type, DCAT.DataService))
        describe(service, nl, en, desc_nl, desc_en)
        for p, o in (
            (DCTERMS.identifier, Literal(str(service))), (DCAT.endpointURL, url),
            (DCAT.endpointDescription, URIRef(f"{base}doc/{str(service)[len(base) + 3:]}")),
            (DCAT.servesDataset, dataset), (DCTERMS.accessRights, public), (DCAT.contactPoint, contact),
            (DCTERMS.license, licence), (DCTERMS.publisher, publisher), (DCTERMS.creator, publisher),
            (DCTERMS.conformsTo, _typed(g, standard, DCTERMS.Standard)), (DCTERMS.language, language),
        ):
            g.add((service, p, o))
        for theme in themes:
            g.add((service, DCAT.theme, theme))
        for keyword in keywords:
            g.add((service, DCAT.keyword, Literal(keyword, lang="en")))
    return g


def void_graph(
    base: str, *, triples: int, dumps: list[str], documents: int | None = None, store: ox.Store | None = None,
    licence: str = EU + "licence/CC0",
) -> Graph:
    """VoID of the same dataset resource: size, URI space, dumps, SPARQL endpoint, vocabularies and an
    example resource."""
    g = Graph()
    g.bind("void", VOID)
    g.bind("dct", DCTERMS)
    ds = CatalogIris(base).dataset
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("kamerld", lang="nl")))
    g.add((ds, DCTERMS.license, URIRef(licence)))
    g.add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    if documents is not None:  # void:documents: the source files, one named graph each
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


def document_period(store: ox.Store) -> tuple[str, str] | None:
    """The first and last date of the documents in the store (eli:date_document), ISO."""
    row = next(iter(store.query(
        "SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { GRAPH ?g { "
        f"?doc <{T.ELI}date_document> ?d }} "
        f"FILTER(DATATYPE(?d) = <{T.XSD}date>) }}")), None)
    if row is None or row["first"] is None:
        return None
    return row["first"].value, row["last"].value


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
) -> tuple[int, Graph]:
    """void.ttl, .well-known/void (the same Turtle, RFC 5785 location VoID names) and dcat.ttl/.jsonld;
    returns the number of files and the two descriptions in one graph (for their pages)."""
    sizes = {rel: files.inside(out, rel).stat().st_size for rel in [*dumps, *exports]
             if files.inside(out, rel).exists()}
    void = void_graph(base, triples=triples, dumps=dumps, documents=documents, store=store,
                      licence=info.eu("licence", info.licence))
    text = void.serialize(format="turtle")
    files.write_text(out, "void.ttl", text)
    files.write_text(out, ".well-known/void", text)
    dcat = dcat_graph(base, triples=triples, dumps=dumps, exports=exports, sizes=sizes, info=info,
                      period=document_period(store))
    files.write_text(out, "dcat.ttl", dcat.serialize(format="turtle"))
    files.write_text(out, "dcat.jsonld", dcat.serialize(format="json-ld"))
    both = Graph()
    for t in void:
        both.add(t)
    for t in dcat:
        both.add(t)
    return 4, both
