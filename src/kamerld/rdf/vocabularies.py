"""The namespace IRIs kamerld's RDF uses, as plain strings: the one table that the mapping (through
rdflib, `kamerld.rdf.namespaces`) and the publishing code (without rdflib, `kamerld.publish.rdfterms`)
both read. Importing it costs nothing."""

from __future__ import annotations

KLD = "https://w3id.org/kamerld/def#"
ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
TIME = "http://www.w3.org/2006/time#"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
TOOI_MINISTERIE = "https://identifier.overheid.nl/tooi/id/ministerie/"
TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"

#: prefix -> IRI, in the order the writers bind them
PREFIXES: dict[str, str] = {
    "kld": KLD,
    "eli": ELI,
    "eli-dl": ELI_DL,
    "dct": DCT,
    "org": ORG,
    "foaf": FOAF,
    "skos": SKOS,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "time": TIME,
    "dcat": DCAT,
    "void": VOID,
    "tooi": TOOI_MINISTERIE,
}
