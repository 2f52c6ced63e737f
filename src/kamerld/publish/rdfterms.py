"""IRIs, prefixes and bilingual labels the publishing code needs.

Kept here (not imported from `kamerld.rdf`) so publishing works on any kamerld output, whoever wrote it.
Labels from the published ontology, when given, override the built-in ones.
"""

from __future__ import annotations

import re

KLD = "https://w3id.org/kamerld/def#"
ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
DCT = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "kld": KLD,
    "eli": ELI,
    "eli-dl": ELI_DL,
    "dct": DCT,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "foaf": FOAF,
    "org": ORG,
    "prov": PROV,
    "xsd": XSD,
    "tooi": "https://identifier.overheid.nl/tooi/id/ministerie/",
}

TYPE = RDF + "type"
TEXT = KLD + "tekst"
PART_OF = ELI + "is_part_of"
NUMBER = ELI + "number"
ANSWERS_TO = ELI_DL + "answers_to"
REFERENCES = DCT + "references"
TITLE = DCT + "title"
IDENTIFIER = DCT + "identifier"

#: properties whose value names a resource, best first
LABEL_PROPS = (TITLE, RDFS + "label", SKOS + "prefLabel", FOAF + "name", IDENTIFIER)

#: (Dutch, English) labels of the contract's terms; the ontology's own labels win when published
BUILTIN_LABELS: dict[str, tuple[str, str]] = {
    TYPE: ("soort", "type"),
    TITLE: ("titel", "title"),
    IDENTIFIER: ("identificatie", "identifier"),
    REFERENCES: ("verwijst naar", "references"),
    DCT + "bibliographicCitation": ("zoals geschreven", "citation as written"),
    DCT + "type": ("documentsoort", "document type"),
    RDFS + "label": ("label", "label"),
    RDFS + "seeAlso": ("zie ook", "see also"),
    PROV + "wasDerivedFrom": ("afgeleid van", "derived from"),
    FOAF + "page": ("officiële publicatie", "official publication"),
    SKOS + "exactMatch": ("dezelfde als", "same as"),
    PART_OF: ("onderdeel van", "part of"),
    NUMBER: ("nummer", "number"),
    ELI + "date_document": ("datum", "date"),
    ANSWERS_TO: ("beantwoordt", "answers"),
    TEXT: ("tekst", "text"),
    KLD + "gesteldDoor": ("gesteld door", "asked by"),
    KLD + "namens": ("namens fractie", "on behalf of"),
    KLD + "gerichtAan": ("gericht aan", "addressed to"),
    KLD + "beantwoordDoor": ("beantwoord door", "answered by"),
    KLD + "medeNamens": ("mede namens", "also on behalf of"),
    KLD + "namensMinisterie": ("namens ministerie", "on behalf of ministry"),
    KLD + "zaak": ("zaak", "case"),
    KLD + "dossier": ("dossier", "dossier"),
    KLD + "uitstelVan": ("uitstel van", "postponement of"),
    KLD + "verwijzing": ("verwijzing", "citation"),
    KLD + "inVoetnoot": ("in voetnoot", "in footnote"),
    KLD + "voetnoot": ("voetnoot", "footnote"),
    KLD + "vergaderjaar": ("vergaderjaar", "parliamentary year"),
    KLD + "kamer": ("kamer", "chamber"),
    KLD + "kenmerk": ("kenmerk", "reference"),
    KLD + "datumIngezonden": ("ingezonden", "submitted"),
    KLD + "datumOntvangen": ("ontvangen", "received"),
    KLD + "Document": ("document", "document"),
    KLD + "Vraag": ("vraag", "question"),
    KLD + "Antwoord": ("antwoord", "answer"),
    KLD + "Kamervragen": ("kamervragen", "written questions"),
    KLD + "Antwoorddocument": ("antwoorden", "answers document"),
    KLD + "Mededeling": ("mededeling (uitstel)", "delay notice"),
    KLD + "Verwijzing": ("verwijzing", "citation"),
    KLD + "Fractie": ("fractie", "parliamentary group"),
    KLD + "Persoon": ("persoon", "person"),
    KLD + "Dossier": ("dossier", "dossier"),
    KLD + "Zaak": ("zaak", "case"),
}


def compact(iri: str) -> str:
    """`kld:tekst` for a known namespace, else the IRI itself."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w.-]*", iri[len(ns) :] or "-"):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]
