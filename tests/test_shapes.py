"""The SHACL shapes (shapes/kamerld.ttl, the Violations, and shapes/kamerld-advisory.ttl, the Warnings
and Infos) on hand-written graphs of real corpus documents.

The two base graphs were written by hand from reading the corpus files (not from any parser output):
ah-tk-20242025-585 (one question, one answer, a "Zie ook" citation in the header) and
ah-tk-20242025-562 (a delay notice with nine questions and three footnotes). Each test then breaks one
thing and asserts exactly which focus node gets which result at which severity.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest
from conftest import CORPUS
from pyshacl import validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, XSD

REPO = Path(__file__).resolve().parents[1]
SHAPES = REPO / "shapes" / "kamerld.ttl"
ADVISORY = REPO / "shapes" / "kamerld-advisory.ttl"

ID = "https://w3id.org/kamerld/id/"
DOC = ID + "document/"
KLD = "https://w3id.org/kamerld/def#"
ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"

PREFIXES = """
@prefix kld: <https://w3id.org/kamerld/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/kamerld/id/> .
"""

# txt-koop-pdf/ah-tk-20242025-585.txt, read by hand.
Q585 = (
    "Kan de Kamer de correspondentie ontvangen tussen de Nationaal Coördinator Terrorismebestrijding en "
    "Veiligheid (NCTV) en de NAVO sinds 1 januari 2020?"
)
A585 = (
    "De NCTV heeft op dit moment voornamelijk contact met de NAVO in het kader van de "
    "veiligheidsorganisatie omtrent de NAVO-top in 2025 en de NAVO-ambities op het gebied van "
    "weerbaarheid en civiele paraatheid."
)
T585 = (
    "Vraag van het lid Van Houwelingen (FVD) aan de Minister van Justitie en Veiligheid over "
    "correspondentie tussen de NCTV en de NAVO"
)
SHA585 = "abfb7a0bbcf02c9611702ff3b8e4a05a190de4af1df9c0e144ac6a5152005bcd"
AH585 = PREFIXES + f"""
<document/ah-tk-20242025-585> a kld:Document , kld:Antwoorddocument , eli:Work ;
    dct:identifier "ah-tk-20242025-585" ;
    dct:title "{T585}"@nl ;
    dct:type <https://identifier.overheid.nl/tooi/def/thes/kern/c_6d494ab6> ;
    eli:date_document "2024-11-18"^^xsd:date ;
    kld:datumIngezonden "2024-10-01"^^xsd:date ;
    kld:datumOntvangen "2024-11-18"^^xsd:date ;
    kld:vergaderjaar "2024-2025" ;
    kld:kamer "TK" ;
    eli:number "585" ;
    prov:wasDerivedFrom <urn:sha256:{SHA585}> ;
    kld:gesteldDoor <persoon/van-houwelingen> ;
    kld:namens <fractie/fvd> ;
    kld:gerichtAan <post/minister-van-justitie-en-veiligheid> ;
    kld:beantwoordDoor <post/minister-van-justitie-en-veiligheid> , <persoon/van-weel> ;
    kld:namensMinisterie <https://identifier.overheid.nl/tooi/id/ministerie/mnre1058> ;
    rdfs:seeAlso <document/ah-tk-20242025-349> ;
    dct:references <document/ah-tk-20242025-349> ;
    kld:verwijzing <document/ah-tk-20242025-585/verwijzing/1> ;
    eli:has_part <document/ah-tk-20242025-585/vraag/1> , <document/ah-tk-20242025-585/antwoord/1> .

<document/ah-tk-20242025-585/vraag/1> a kld:Vraag ;
    eli:is_part_of <document/ah-tk-20242025-585> ;
    eli:number "1" ;
    rdfs:label "Vraag 1"@nl ;
    kld:tekst "{Q585}"@nl ;
    kld:gesteldDoor <persoon/van-houwelingen> ;
    kld:namens <fractie/fvd> ;
    kld:gerichtAan <post/minister-van-justitie-en-veiligheid> .

<document/ah-tk-20242025-585/antwoord/1> a kld:Antwoord ;
    eli:is_part_of <document/ah-tk-20242025-585> ;
    eli:number "1" ;
    rdfs:label "Antwoord 1"@nl ;
    kld:tekst "{A585}"@nl ;
    eli-dl:answers_to <document/ah-tk-20242025-585/vraag/1> ;
    kld:beantwoordDoor <post/minister-van-justitie-en-veiligheid> , <persoon/van-weel> ;
    kld:namensMinisterie <https://identifier.overheid.nl/tooi/id/ministerie/mnre1058> .

<document/ah-tk-20242025-585/verwijzing/1> a kld:Verwijzing ;
    dct:bibliographicCitation "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 349" ;
    dct:references <document/ah-tk-20242025-349> ;
    kld:inVoetnoot false ;
    kld:soortVerwijzing "aanhangsel" .

<persoon/van-houwelingen> a kld:Persoon , foaf:Person ; foaf:name "Van Houwelingen" ;
    org:memberOf <fractie/fvd> .
<persoon/van-weel> a kld:Persoon , foaf:Person ; foaf:name "Van Weel" .
<fractie/fvd> a kld:Fractie , org:Organization ;
    skos:notation "FVD" ; skos:prefLabel "Forum voor Democratie"@nl .
<post/minister-van-justitie-en-veiligheid> a org:Post ;
    rdfs:label "minister van Justitie en Veiligheid"@nl ;
    org:postIn <https://identifier.overheid.nl/tooi/id/ministerie/mnre1058> ;
    org:heldBy <persoon/van-weel> .
<https://identifier.overheid.nl/tooi/id/ministerie/mnre1058> a kld:Ministerie , org:Organization ;
    skos:notation "mnre1058" ; skos:prefLabel "ministerie van Justitie en Veiligheid"@nl .
"""

# txt-koop-pdf/ah-tk-20242025-562.txt, read by hand: a delay notice (Mededeling) of staatssecretaris
# Karremans on nine questions of Van den Hil (VVD) and Bikker (ChristenUnie), zaak 2024Z16988.
# Footnote 1 is on question 1; footnotes 2 and 3 are on question 3, which also mentions the
# "motie Bikker-Van den Hil" in its text: a citation kept unresolved.
SHA562 = "c8e04e935447ef17f9840f0059de4e04e78c2d1b819ce72b7c2f3e216231eb8f"
Q562 = {
    "1": "Bent u bekend met het bericht «Wachttijden ggz niet goed vastgelegd, zeggen onderzoekers»?",
    "3": (
        "Wanneer kan de Kamer de informatie verwachten zoals aangegeven in het verslag van een schriftelijk "
        "overleg over de reactie op het rapport MIND onderzoek wachttijden ggz van 4 april 2024 en de "
        "uitvoering van de motie Bikker-Van den Hil."
    ),
    "9": (
        "Als u inzicht heeft in het aantal wachttijden die niet kloppen, zowel te lang, te kort als "
        "per regio, gaat u dan in overleg met de NZa hoe dit op te lossen? Zo ja, kunt u hiervoor een "
        "tijdspad geven? Zo nee, waarom niet?"
    ),
}
T562 = (
    "Vragen van de leden Van den Hil (VVD) en Bikker (ChristenUnie) aan de Staatssecretaris van "
    "Volksgezondheid, Welzijn en Sport over het bericht «Wachttijden ggz niet goed vastgelegd, zeggen "
    "onderzoekers»"
)
NOS = "https://nos.nl/artikel/2541672-wachttijden-ggz-niet-goed-vastgelegd-zeggen-onderzoekers"


def _question_562(n: str, text: str, verwijzingen: str = "", voetnoten: str = "") -> str:
    return f"""
<document/ah-tk-20242025-562/vraag/{n}> a kld:Vraag ;
    eli:is_part_of <document/ah-tk-20242025-562> ; eli:number "{n}" ; rdfs:label "Vraag {n}"@nl ;
    kld:tekst "{text}"@nl ;
    kld:gesteldDoor <persoon/van-den-hil> , <persoon/bikker> ;
    kld:gerichtAan <post/staatssecretaris-van-volksgezondheid-welzijn-en-sport> {verwijzingen} {voetnoten} .
"""


MED562 = (
    PREFIXES
    + f"""
<document/ah-tk-20242025-562> a kld:Document , kld:Mededeling , eli:Work ;
    dct:identifier "ah-tk-20242025-562" ;
    dct:title "{T562}"@nl ;
    eli:date_document "2024-11-15"^^xsd:date ;
    kld:datumIngezonden "2024-10-25"^^xsd:date ;
    kld:datumOntvangen "2024-11-15"^^xsd:date ;
    kld:vergaderjaar "2024-2025" ; kld:kamer "TK" ; eli:number "562" ;
    prov:wasDerivedFrom <urn:sha256:{SHA562}> ;
    kld:zaak <zaak/2024Z16988> ;
    kld:uitstelVan <document/kv-tk-2024Z16988> ;
    kld:beantwoordDoor <post/staatssecretaris-van-volksgezondheid-welzijn-en-sport> , <persoon/karremans> ;
    kld:namensMinisterie <https://identifier.overheid.nl/tooi/id/ministerie/mnre1025> .
<zaak/2024Z16988> a kld:Zaak ; dct:identifier "2024Z16988" .
"""
    + _question_562(
        "1",
        Q562["1"],
        f"; dct:references <{NOS}> ; kld:verwijzing <document/ah-tk-20242025-562/verwijzing/1>",
        '; kld:voetnoot "1 NOS, 22 oktober 2024, «Wachttijden ggz niet goed vastgelegd, zeggen '
        f'onderzoekers» ({NOS})"',
    )
    + _question_562(
        "3",
        Q562["3"],
        "; dct:references <document/kst-25242-686> , <document/kst-36200-77> ; kld:verwijzing "
        "<document/ah-tk-20242025-562/verwijzing/2> , <document/ah-tk-20242025-562/verwijzing/3> , "
        "<document/ah-tk-20242025-562/verwijzing/4>",
        '; kld:voetnoot "2 Kamerstuk 25 242, nr. 686" , "3 Kamerstuk 36 200, nr. 77"',
    )
    + _question_562("9", Q562["9"])
    + f"""
<document/ah-tk-20242025-562/verwijzing/1> a kld:Verwijzing ; dct:bibliographicCitation "{NOS}" ;
    dct:references <{NOS}> ; kld:inVoetnoot true ; kld:soortVerwijzing "url" .
<document/ah-tk-20242025-562/verwijzing/2> a kld:Verwijzing ;
    dct:bibliographicCitation "motie Bikker-Van den Hil" ;
    kld:inVoetnoot false ; kld:soortVerwijzing "motie" .
<document/ah-tk-20242025-562/verwijzing/3> a kld:Verwijzing ;
    dct:bibliographicCitation "Kamerstuk 25 242, nr. 686" ;
    dct:references <document/kst-25242-686> ; kld:inVoetnoot true ; kld:soortVerwijzing "kamerstuk" .
<document/ah-tk-20242025-562/verwijzing/4> a kld:Verwijzing ;
    dct:bibliographicCitation "Kamerstuk 36 200, nr. 77" ;
    dct:references <document/kst-36200-77> ; kld:inVoetnoot true ; kld:soortVerwijzing "kamerstuk" .
"""
)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    """Both files: every result kamerld itself reports, in its three layers."""
    return Graph().parse(SHAPES, format="turtle").parse(ADVISORY, format="turtle")


@pytest.fixture(scope="module")
def violation_shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def parse(ttl: str) -> Graph:
    return Graph().parse(data=ttl, format="turtle")


def _short(node) -> str:
    s = str(node)
    for prefix, short in ((DOC, ""), (ID, "id:"), (KLD, "kld:"), (ELI_DL, "eli-dl:"), (ELI, "eli:"),
                          (str(DCTERMS), "dct:"), (str(RDF), "rdf:")):
        if s.startswith(prefix):
            return short + s[len(prefix):]
    return s


def results(data: Graph, shapes: Graph) -> list[tuple[str, str, str]]:
    """(severity, focus, path) of every result, sorted; also checks each result has both messages."""
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        langs = sorted(m.language for m in report.objects(r, SH.resultMessage))
        assert langs == ["en", "nl"], f"result without a Dutch and an English message: {langs}"
        out.append(
            (
                _short(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                _short(report.value(r, SH.focusNode)),
                _short(report.value(r, SH.resultPath)),
            )
        )
    return sorted(out)


def without(g: Graph, s: str, p: str, o=None) -> Graph:
    g.remove((URIRef(s), URIRef(p), o))
    return g


# ---- the base graphs conform with nothing to report -----------------------------------------------


def test_answer_document_585_has_no_results(shapes):
    assert results(parse(AH585), shapes) == []


def test_delay_notice_562_reports_only_the_unresolved_motie(shapes):
    assert results(parse(MED562), shapes) == [("Info", "ah-tk-20242025-562/verwijzing/2", "dct:references")]


def test_fixtures_were_read_from_the_corpus():
    """The facts in the hand-written graphs are in the corpus files (hash, numbers, dates, texts)."""
    def squash(s: str) -> str:  # the PDF text lost spaces and split words with hyphens
        return re.sub(r"[\s\-]", "", s)

    for name, sha, facts in (
        ("ah-tk-20242025-585", SHA585, ["585", "ingezonden 1 oktober 2024", "ontvangen 18 november 2024",
                                        "Minister Van Weel (Justitie en Veiligheid)", "nr. 349", Q585, A585]),
        ("ah-tk-20242025-562", SHA562, ["562", "ingezonden 25 oktober 2024", "ontvangen 15 november 2024",
                                        "Mededeling van Staatssecretaris Karremans", "(2024Z16988)",
                                        "Kamerstuk 25 242, nr. 686", "Kamerstuk 36 200, nr. 77",
                                        *Q562.values()]),
    ):
        path = CORPUS / "txt-koop-pdf" / f"{name}.txt"
        if not path.exists():
            pytest.skip(f"shared corpus not found at {path}")
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha
        text = squash(data.decode("utf-8"))
        for fact in facts:
            assert squash(fact) in text, fact


# ---- Violations: the data is unusable -----------------------------------------------------------------


def test_answer_that_answers_nothing_is_a_violation(shapes):
    g = without(parse(AH585), DOC + "ah-tk-20242025-585/antwoord/1", ELI_DL + "answers_to")
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/antwoord/1", "eli-dl:answers_to")]


def test_answers_to_a_literal_is_a_violation(shapes):
    g = parse(AH585)
    a = URIRef(DOC + "ah-tk-20242025-585/antwoord/1")
    g.set((a, URIRef(ELI_DL + "answers_to"), Literal("1")))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/antwoord/1", "eli-dl:answers_to")]


@pytest.mark.parametrize(
    "part, prop, path",
    [
        ("vraag/1", ELI + "is_part_of", "eli:is_part_of"),
        ("vraag/1", ELI + "number", "eli:number"),
        ("vraag/1", KLD + "tekst", "kld:tekst"),
        ("antwoord/1", ELI + "is_part_of", "eli:is_part_of"),
        ("antwoord/1", ELI + "number", "eli:number"),
        ("antwoord/1", KLD + "tekst", "kld:tekst"),
    ],
)
def test_part_without_document_number_or_text_is_a_violation(shapes, part, prop, path):
    g = without(parse(AH585), DOC + "ah-tk-20242025-585/" + part, prop)
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/" + part, path)]


def test_tekst_must_be_dutch_language_string(shapes):
    g = parse(AH585)
    q = URIRef(DOC + "ah-tk-20242025-585/vraag/1")
    g.set((q, URIRef(KLD + "tekst"), Literal(Q585, lang="en")))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/vraag/1", "kld:tekst")]
    g.set((q, URIRef(KLD + "tekst"), Literal(Q585)))  # a plain string: wrong datatype and no language
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/vraag/1", "kld:tekst")] * 2


def test_question_number_must_be_a_string(shapes):
    g = parse(AH585)
    g.set((URIRef(DOC + "ah-tk-20242025-585/vraag/1"), URIRef(ELI + "number"), Literal(1)))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/vraag/1", "eli:number")]


@pytest.mark.parametrize(
    "prop, path",
    [(str(DCTERMS.identifier), "dct:identifier"), ("http://www.w3.org/ns/prov#wasDerivedFrom",
                                                   "prov:wasDerivedFrom")],
)
def test_document_without_identifier_or_source_is_a_violation(shapes, prop, path):
    g = without(parse(AH585), DOC + "ah-tk-20242025-585", prop)
    short = path if path.startswith("dct:") else "http://www.w3.org/ns/prov#wasDerivedFrom"
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585", short)]


def test_document_without_a_kind_is_a_violation(shapes):
    g = without(parse(AH585), DOC + "ah-tk-20242025-585", str(RDF.type), URIRef(KLD + "Antwoorddocument"))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585", "rdf:type")]


def test_a_kind_alone_is_enough_to_be_checked_as_a_document(shapes):
    """pySHACL runs without inference: a node typed only kld:Antwoorddocument is still a document."""
    g = without(parse(AH585), DOC + "ah-tk-20242025-585", str(RDF.type), URIRef(KLD + "Document"))
    assert results(g, shapes) == []
    g = without(g, DOC + "ah-tk-20242025-585", str(DCTERMS.identifier))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585", "dct:identifier")]


@pytest.mark.parametrize("prop", ["eli:date_document", "kld:datumIngezonden", "kld:datumOntvangen"])
def test_dates_must_be_xsd_date(shapes, prop):
    g = parse(AH585)
    iri = URIRef((ELI if prop.startswith("eli:") else KLD) + prop.split(":")[1])
    g.set((URIRef(DOC + "ah-tk-20242025-585"), iri, Literal("2024-11-18T00:00:00", datatype=XSD.dateTime)))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585", prop)]


def test_citation_needs_text_and_footnote_flag(shapes):
    v = DOC + "ah-tk-20242025-585/verwijzing/1"
    g = without(parse(AH585), v, str(DCTERMS.bibliographicCitation))
    assert results(g, shapes) == [
        ("Violation", "ah-tk-20242025-585/verwijzing/1", "dct:bibliographicCitation")
    ]
    g = without(parse(AH585), v, KLD + "inVoetnoot")
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/verwijzing/1", "kld:inVoetnoot")]
    g = parse(AH585)
    g.set((URIRef(v), URIRef(KLD + "inVoetnoot"), Literal("nee")))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/verwijzing/1", "kld:inVoetnoot")]


def test_citation_target_must_be_an_iri(shapes):
    g = parse(AH585)
    v = URIRef(DOC + "ah-tk-20242025-585/verwijzing/1")
    g.set((v, DCTERMS.references, Literal("ah-tk-20242025-349")))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585/verwijzing/1", "dct:references")]


# ---- Warnings: recommended metadata missing -----------------------------------------------------------


def test_document_without_title_and_date_gives_two_warnings(shapes):
    g = without(parse(AH585), DOC + "ah-tk-20242025-585", str(DCTERMS.title))
    g = without(g, DOC + "ah-tk-20242025-585", ELI + "date_document")
    assert results(g, shapes) == [
        ("Warning", "ah-tk-20242025-585", "dct:title"),
        ("Warning", "ah-tk-20242025-585", "eli:date_document"),
    ]


def test_question_without_addressee_is_a_warning(shapes):
    g = without(parse(MED562), DOC + "ah-tk-20242025-562/vraag/9", KLD + "gerichtAan")
    assert ("Warning", "ah-tk-20242025-562/vraag/9", "kld:gerichtAan") in results(g, shapes)
    assert len(results(g, shapes)) == 2  # plus the unresolved motie (Info)


def test_answer_and_answer_document_without_answerer_or_ministry(shapes):
    g = parse(AH585)
    for s in ("ah-tk-20242025-585", "ah-tk-20242025-585/antwoord/1"):
        g = without(g, DOC + s, KLD + "beantwoordDoor")
        g = without(g, DOC + s, KLD + "namensMinisterie")
    assert results(g, shapes) == [
        ("Warning", "ah-tk-20242025-585", "kld:beantwoordDoor"),
        ("Warning", "ah-tk-20242025-585", "kld:namensMinisterie"),
        ("Warning", "ah-tk-20242025-585/antwoord/1", "kld:beantwoordDoor"),
        ("Warning", "ah-tk-20242025-585/antwoord/1", "kld:namensMinisterie"),
    ]


def test_answer_document_with_no_recognised_answer_is_a_warning_not_a_violation(shapes):
    g = parse(AH585)
    a = URIRef(DOC + "ah-tk-20242025-585/antwoord/1")
    for triple in list(g.triples((a, None, None))) + list(g.triples((None, None, a))):
        g.remove(triple)
    assert results(g, shapes) == [("Warning", "ah-tk-20242025-585", "eli:has_part")]


def test_kamervragen_without_asker_is_a_warning(shapes):
    kv = PREFIXES + """
<document/kv-tk-2024Z16988> a kld:Document , kld:Kamervragen ;
    dct:identifier "kv-tk-2024Z16988" ; dct:title "Wachttijden ggz"@nl ;
    eli:date_document "2024-10-25"^^xsd:date ; prov:wasDerivedFrom <urn:sha256:00> .
"""
    assert results(parse(kv), shapes) == [("Warning", "kv-tk-2024Z16988", "kld:gesteldDoor")]


def test_delay_notice_without_questions_or_zaak(shapes):
    g = without(parse(MED562), DOC + "ah-tk-20242025-562", KLD + "uitstelVan")
    g = without(g, DOC + "ah-tk-20242025-562", KLD + "zaak")
    assert results(g, shapes) == [
        ("Info", "ah-tk-20242025-562/verwijzing/2", "dct:references"),
        ("Warning", "ah-tk-20242025-562", "kld:uitstelVan"),
        ("Warning", "ah-tk-20242025-562", "kld:zaak"),
    ]


def test_chamber_and_year_values(shapes):
    g = parse(AH585)
    d = URIRef(DOC + "ah-tk-20242025-585")
    g.set((d, URIRef(KLD + "kamer"), Literal("Tweede Kamer")))
    g.set((d, URIRef(KLD + "vergaderjaar"), Literal("2024–2025")))  # an en dash, as the PDF prints it
    assert results(g, shapes) == [
        ("Warning", "ah-tk-20242025-585", "kld:kamer"),
        ("Warning", "ah-tk-20242025-585", "kld:vergaderjaar"),
    ]


def test_two_questions_merged_under_one_number_is_a_warning(shapes):
    g = parse(MED562)
    g.add((URIRef(DOC + "ah-tk-20242025-562/vraag/9"), URIRef(KLD + "tekst"), Literal(Q562["1"], lang="nl")))
    assert ("Warning", "ah-tk-20242025-562/vraag/9", "kld:tekst") in results(g, shapes)


# ---- Info: parser heuristics and register gaps ---------------------------------------------------


def test_fragment_true_is_info_and_false_is_silent(shapes):
    g = parse(AH585)
    q = URIRef(DOC + "ah-tk-20242025-585/vraag/1")
    g.add((q, URIRef(KLD + "fragment"), Literal(False)))
    assert results(g, shapes) == []
    g.set((q, URIRef(KLD + "fragment"), Literal(True)))
    assert results(g, shapes) == [("Info", "ah-tk-20242025-585/vraag/1", "kld:fragment")]
    g.set((q, URIRef(KLD + "fragment"), Literal("true")))  # a string, not a boolean
    assert results(g, shapes) == [
        ("Info", "ah-tk-20242025-585/vraag/1", "kld:fragment"),
        ("Violation", "ah-tk-20242025-585/vraag/1", "kld:fragment"),
    ]


def test_parser_note_is_info(shapes):
    g = parse(AH585)
    g.add((URIRef(DOC + "ah-tk-20242025-585"), URIRef(KLD + "opmerking"),
           Literal("'nr. 349' gelezen als Aanhangselnummer")))
    assert results(g, shapes) == [("Info", "ah-tk-20242025-585", "kld:opmerking")]


def test_things_not_in_the_registers_are_info(shapes):
    g = parse(AH585)
    g.add((URIRef(ID + "fractie/fvd"), URIRef(KLD + "lokaal"), Literal(True)))
    g.add((URIRef(ID + "persoon/van-weel"), URIRef(KLD + "lokaal"), Literal(False)))
    assert results(g, shapes) == [("Info", "id:fractie/fvd", "kld:lokaal")]


# ---- the shapes file itself ------------------------------------------------------------------------------


def test_every_property_shape_has_a_severity_and_messages_in_dutch_and_english(shapes):
    props = set(shapes.subjects(SH.path, None))
    # counted by hand: document 8 (one kind: 1), kinds 1+3+2, parts 4 shared + 2 + 4 (one kind: 1 each),
    # citation 5 (one kind: 1), datatypes 1+3+1+2 (days, term), heuristics 2+2+1, preferred labels 2+1
    assert len(props) == 44
    for p in props:
        assert shapes.value(p, SH.severity) in (SH.Violation, SH.Warning, SH.Info), p
        langs = sorted(m.language for m in shapes.objects(p, SH.message))
        assert langs == ["en", "nl"], p


def test_violations_and_advice_are_two_files(violation_shapes):
    """A standard SHACL gate loads shapes/kamerld.ttl alone: it holds every Violation and nothing else;
    the advisory file holds every Warning and Info."""
    advisory = Graph().parse(ADVISORY, format="turtle")
    assert set(violation_shapes.objects(None, SH.severity)) == {SH.Violation}
    assert set(advisory.objects(None, SH.severity)) == {SH.Warning, SH.Info}
    assert len(set(violation_shapes.subjects(SH.path, None))) == 26
    assert len(set(advisory.subjects(SH.path, None))) == 18


def test_the_base_graphs_conform_to_the_violation_shapes_as_a_standard_validator_sees_it(violation_shapes):
    """pySHACL with its defaults (every result fails): the delay notice with its unresolved motie
    conforms, since the Info about it is in the advisory file."""
    for ttl in (AH585, MED562):
        conforms, _, text = validate(parse(ttl), shacl_graph=violation_shapes, inference="none")
        assert conforms, text


@pytest.mark.parametrize("subject, labels", [
    # a TOOI historic version has no class of its own: the shape targets every subject of skos:prefLabel
    ("https://identifier.overheid.nl/tooi/id/ministerie/hv_04793043",
     [Literal("ministerie van Veiligheid en Justitie", lang="nl"),
      Literal("ministerie van Justitie", lang="nl")]),
    (ID + "persoon/p", [Literal("Caroline van der Plas"), Literal("C. van der Plas")]),
])
def test_two_preferred_labels_in_one_language_are_a_violation(shapes, subject, labels):
    g = parse(AH585)
    for label in labels:
        g.add((URIRef(subject), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), label))
    found = [r for r in results(g, shapes) if r[0] == "Violation"]
    assert found and all(r[2] == "http://www.w3.org/2004/02/skos/core#prefLabel" for r in found), found
    g.remove((URIRef(subject), None, labels[1]))
    g.add((URIRef(subject), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("x", lang="en")))
    assert [r for r in results(g, shapes) if r[0] == "Violation"] == []  # one per language is fine


def test_shapes_use_no_sparql(shapes):
    assert not list(shapes.subjects(SH.sparql, None))
    assert not list(shapes.subjects(SH.select, None))


def test_validation_is_fast(shapes):
    """A few hundred questions and answers validate well under a second per document on one core."""
    g = parse(MED562)
    for n in range(10, 310):
        ttl = PREFIXES + _question_562(str(n), f"Vraag nummer {n}?")
        g += parse(ttl)
    start = time.perf_counter()
    assert results(g, shapes) == [("Info", "ah-tk-20242025-562/verwijzing/2", "dct:references")]
    assert time.perf_counter() - start < 10


# ---- the whole pipeline on the corpus: no document is unusable --------------------------------------

CORPUS_FILES = [
    *(f"txt-koop-pdf/ah-tk-20242025-{n}.txt" for n in (546, 561, 562, 571, 575, 576, 578, 583, 584, 585,
                                                        586, 592, 594, 597)),
    *(f"txt-koop-pdf/kv-tk-2024Z{n}.txt" for n in (18559, 18659, 18775, 18792)),
    *(f"txt-ministry-docx/{n}.txt" for n in ("2024Z18885", "2024Z18891", "AH601-2024Z17331",
                                             "AH604-2024Z18294", "AH608-2024Z14419", "AH610-2024Z15078",
                                             "AH612-2024Z15295", "AH615-2024Z17538")),
    *(f"docx-ministry/jenv-beantwoording-0{n}.docx" for n in range(1, 6)),
    "txt-sgd-ocr/ek-aanhangsel-1992-1993-38.txt",
    "txt-sgd-ocr/tk-aanhangsel-1992-1993-181.txt",
    "txt-sgd-ocr/tk-aanhangsel-1990-1991-sgd0000028054.txt",
    "txt-sgd-ocr/tk-kst-22052-10-1991-1992.txt",
    "txt-sgd-ocr/ek-kst-19599-229a-1987-1988.txt",
    "txt-sgd-ocr/tk-kst-22396-22-lijst-van-vragen-en-antwoorden-1992-1993.txt",
    "txt-sgd-ocr/tk-kst-20935-8-verslag-schriftelijk-overleg-1990-1991.txt",
    "xml-koop-handelingen/h-tk-20172018-70-10.xml",
    "xml-koop-handelingen/h-tk-20172018-70-13.xml",
    "xml-tk-vlos/vlos-e2903f19-34e9-4c37-b1dc-f985d071fc97_d5130a6f-0400-4b03.xml",
    "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml",
]


def corpus_graph(relative: str) -> list[Graph]:
    from kamerld.extraction.enrich import enrich
    from kamerld.rdf.mapping import document_graph
    from kamerld.readers import detect
    from kamerld.sources import Source

    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    source = Source.from_path(path)
    return [document_graph(enrich(doc)) for doc in detect(source).read(source)]


@pytest.mark.parametrize("relative", CORPUS_FILES)
def test_corpus_documents_have_no_violations(shapes, relative):
    graphs = corpus_graph(relative)
    assert len(graphs) == 1
    found = results(graphs[0], shapes)
    assert [r for r in found if r[0] == "Violation"] == [], found


def test_corpus_585_through_the_pipeline_has_nothing_to_report(shapes):
    """Asker with fractie, addressee, answerer with portfolio, both dates and the "Zie ook" are all
    printed in the header of ah-tk-20242025-585, so nothing is missing."""
    [g] = corpus_graph("txt-koop-pdf/ah-tk-20242025-585.txt")
    assert results(g, shapes) == []


def test_corpus_562_through_the_pipeline_reports_the_unnumbered_motie(shapes):
    """Question 3 of ah-tk-20242025-562 cites "de motie Bikker-Van den Hil" without a number: the
    citation is kept unresolved (Info), with a parser note on that citation (Info); nothing else."""
    [g] = corpus_graph("txt-koop-pdf/ah-tk-20242025-562.txt")
    assert results(g, shapes) == [
        ("Info", "ah-tk-20242025-562/verwijzing/2", "dct:references"),
        ("Info", "ah-tk-20242025-562/verwijzing/2", "kld:opmerking"),
    ]


# ---- one IRI, one kind of thing ------------------------------------------------------------------


def _merged_collision() -> Graph:
    """What a store held when a letter with kenmerk "x/vraag/1" was minted as two extra path segments:
    the letter's IRI was the question IRI of another letter, so one node was a Brief and a Vraag."""
    g = parse(AH585)
    q = URIRef(DOC + "ah-tk-20242025-585/vraag/1")
    g.add((q, RDF.type, URIRef(KLD + "Document")))
    g.add((q, RDF.type, URIRef(KLD + "Brief")))
    g.add((q, DCTERMS.identifier, Literal("ah-tk-20242025-585/vraag/1")))
    g.add((q, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), URIRef("urn:sha256:" + "0" * 64)))
    return g


def test_a_node_that_is_a_letter_and_a_question_is_a_violation(shapes):
    found = results(_merged_collision(), shapes)
    assert ("Violation", "ah-tk-20242025-585/vraag/1", "rdf:type") in found, found


def test_a_document_of_two_kinds_is_a_violation(shapes):
    g = parse(AH585)
    g.add((URIRef(DOC + "ah-tk-20242025-585"), RDF.type, URIRef(KLD + "Brief")))
    assert results(g, shapes) == [("Violation", "ah-tk-20242025-585", "rdf:type")]


def test_the_fast_validator_finds_the_same_kind_collisions():
    from kamerld.validation.fast import default_validator

    report = default_validator().validate(_merged_collision())
    found = {(r.focus, r.path) for r in report.results if r.severity == "violation"}
    assert (DOC + "ah-tk-20242025-585/vraag/1", str(RDF.type)) in found, found
