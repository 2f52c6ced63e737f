"""IRIs, prefixes and bilingual labels the publishing code needs.

The IRIs come from `kamerld.rdf.vocabularies`, the one table of namespaces (plain strings: no rdflib).
Labels from the published ontology, when given, override the built-in ones.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

# re-exported: the publishing modules read the IRIs as rdfterms.KLD, rdfterms.DCT, …
from kamerld.rdf.vocabularies import (  # noqa: F401
    DCT,
    ELI,
    ELI_DL,
    FOAF,
    KLD,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    TOOI_MINISTERIE,
    XSD,
)
from kamerld.rdf.vocabularies import PREFIXES as _ALL

#: the prefixes the site's pages and queries declare (the vocabularies' table, less dcat and void)
PREFIXES = {p: iri for p, iri in _ALL.items() if p not in ("dcat", "void")}

TYPE = RDF + "type"
TEXT = KLD + "tekst"
PART_OF = ELI + "is_part_of"
NUMBER = ELI + "number"
ANSWERS_TO = ELI_DL + "answers_to"
REFERENCES = DCT + "references"
TITLE = DCT + "title"
IDENTIFIER = DCT + "identifier"

#: properties whose value names a resource, best first (documents without any: see `document_label`)
LABEL_PROPS = (TITLE, RDFS + "label", SKOS + "prefLabel", FOAF + "name")

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
    KLD + "Ministerie": ("ministerie", "ministry"),
    KLD + "soortVerwijzing": ("soort verwijzing", "kind of citation"),
    KLD + "opmerking": ("opmerking", "note"),
    KLD + "fragment": ("fragment", "fragment"),
    KLD + "lokaal": ("alleen in deze gegevens", "local to this dataset"),
    KLD + "alsGeschreven": ("zoals geschreven", "as written"),
    KLD + "tkDocumentnummer": ("documentnummer Tweede Kamer", "Tweede Kamer document number"),
    KLD + "heeftVragen": ("heeft vragen", "has questions"),
    KLD + "heeftAntwoord": ("heeft antwoord", "has answer"),
    KLD + "heeftNaderAntwoord": ("heeft nader antwoord", "has further answer"),
    KLD + "heeftMededeling": ("heeft mededeling", "has delay notice"),
    ELI + "Work": ("werk (ELI)", "work (ELI)"),
    ELI + "has_part": ("heeft onderdeel", "has part"),
    ORG + "Organization": ("organisatie (ORG)", "organisation (ORG)"),
    ORG + "Post": ("functie", "post"),
    ORG + "Membership": ("lidmaatschap", "membership"),
    ORG + "memberOf": ("lid van", "member of"),
    ORG + "hasMembership": ("lidmaatschap", "membership"),
    ORG + "member": ("lid", "member"),
    ORG + "organization": ("organisatie", "organisation"),
    ORG + "role": ("rol", "role"),
    ORG + "postIn": ("functie bij", "post in"),
    ORG + "heldBy": ("bekleed door", "held by"),
    ORG + "memberDuring": ("periode", "period"),
    FOAF + "Person": ("persoon (FOAF)", "person (FOAF)"),
    FOAF + "name": ("naam", "name"),
    SKOS + "prefLabel": ("naam", "preferred label"),
    SKOS + "notation": ("afkorting of code", "notation"),
    SKOS + "exactMatch": ("dezelfde als", "same as"),
    PROV + "specializationOf": ("versie van", "version of"),
    TIME + "ProperInterval": ("periode", "interval"),
    TIME + "Instant": ("moment", "instant"),
    TIME + "hasBeginning": ("begin", "beginning"),
    TIME + "hasEnd": ("einde", "end"),
    TIME + "inXSDDate": ("datum", "date"),
}

#: literal values that are codes, per property: (Dutch, English)
VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    KLD + "kamer": {"TK": ("Tweede Kamer", "House of Representatives"), "EK": ("Eerste Kamer", "Senate")},
    KLD + "soortVerwijzing": {
        "kamerstuk": ("Kamerstuk", "parliamentary paper"),
        "aanhangsel": ("Aanhangsel van de Handelingen", "appendix to the proceedings"),
        "handelingen": ("Handelingen", "proceedings"),
        "motie": ("motie", "motion"),
        "zaak": ("zaak", "business item"),
        "dossier": ("dossier", "dossier"),
        "vlos-zaak": ("zaak (verslag)", "business item (meeting report)"),
        "vlos-dossier": ("dossier (verslag)", "dossier (meeting report)"),
        "vlos-stuk": ("Kamerstuk (verslag)", "paper (meeting report)"),
        "extref": ("verwijzing in de bron", "reference in the source"),
        "stb": ("Staatsblad", "Bulletin of Acts"),
        "trb": ("Tractatenblad", "Treaty Series"),
        "url": ("webpagina", "web page"),
        "page": ("pagina", "page"),
        "ecli": ("uitspraak (ECLI)", "court ruling (ECLI)"),
    },
}
BOOLEAN_LABELS = {"true": ("ja", "yes"), "false": ("nee", "no")}


@cache
def tooi_labels() -> dict[str, str]:
    """TOOI document-type concept -> its TOOI label, from the register kamerld maps kinds with."""
    text = resources.files("kamerld.registers").joinpath("document_types.tsv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {row["tooi_concept"]: row["tooi_label"] for row in rows}


_VJ = r"(\d{4})(\d{2})(\d{2})"
#: document id grammars -> a readable name (for documents the data gives no title, and cited ones)
_ID_NAMES: list[tuple[re.Pattern, object]] = [
    (re.compile(rf"^ah-(tk|ek)-{_VJ}-(\d+\w*)$"), lambda m: (
        f"Aanhangsel Handelingen {_CHAMBER[m[1]]} {m[2]}/{m[4]}, nr. {m[5]}")),
    (re.compile(rf"^h-(tk|ek)-{_VJ}-(\d+)-(\d+)$"), lambda m: (
        f"Handelingen {_CHAMBER[m[1]]} {m[2]}/{m[4]}, nr. {m[5]}, item {m[6]}")),
    (re.compile(r"^kv-(tk|ek)-(\d{4}Z\d+)$"), lambda m: f"Kamervragen {_CHAMBER[m[1]]} {m[2]}"),
    (re.compile(r"^kst-(\d+)((?:-[A-Za-z0-9]+)*)-(\d+\w*)$"), lambda m: (
        f"Kamerstuk {m[1]}{m[2]}, nr. {m[3]}")),
    (re.compile(r"^stb-(\d{4})-(\d+)$"), lambda m: f"Staatsblad {m[1]}, {m[2]}"),
    (re.compile(r"^stcrt-(\d{4})-(\d+)$"), lambda m: f"Staatscourant {m[1]}, {m[2]}"),
]
_CHAMBER = {"tk": "II", "ek": "I"}


def id_name(doc_id: str) -> str | None:
    """`Aanhangsel Handelingen II 2024/25, nr. 583` for `ah-tk-20242025-583`; None for other ids."""
    for pattern, name in _ID_NAMES:
        m = pattern.match(doc_id)
        if m:
            return name(m)  # type: ignore[operator]
    return None


def compact(iri: str) -> str:
    """`kld:tekst` for a known namespace, else the IRI itself."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w.-]*", iri[len(ns) :] or "-"):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]
