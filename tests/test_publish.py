# ruff: noqa: E501  (the fixtures quote real document titles and texts on one line each)
"""The static linked-data site, dumps and dataset descriptions (kamerld.publish).

The input graphs are written by hand, following the data contract, from two real answer documents in
the shared corpus (Aanhangsel 2024-2025 nrs. 583 and 597): the question and answer texts are copied from
the KOOP text and `test_fixture_texts_are_in_the_corpus` checks that they still are.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import lxml.html
import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from conftest import CORPUS

from kamerld.errors import InputError
from kamerld.publish import catalog
from kamerld.publish.files import inside, safe_segment
from kamerld.publish.site import publish_site

VOCAB = Path(__file__).resolve().parents[2] / "shared" / "vocab"
TODAY = dt.date(2024, 12, 2)  # open questions are counted to this day
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
BASE = "https://w3id.org/kamerld/"
ID = BASE + "id/"

PREFIXES = """@prefix kld: <https://w3id.org/kamerld/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/kamerld/id/> .
@prefix tooi: <https://identifier.overheid.nl/tooi/id/ministerie/> .
"""

# texts as in txt-koop-pdf/ah-tk-20242025-583.txt and -597.txt (line breaks of the PDF text kept out, and
# the space the extraction dropped between "op" and "19" put back)
Q583_1 = (
    "Bent u bekend met het artikel «The brutal truth behind Italy’s migrantreduction: beatings and rape by "
    "EU-funded forces in Tunisia» verschenen op 19 september in The Guardian?"
)
Q583_5 = (
    "Klopt het inderdaad dat er mogelijk meer geld naar Tunesië gestuurd zalworden dan publiekelijk bekend "
    "is? Zo ja, hoeveel en in hoeverre is Neder-land hiervan op de hoogte?"
)
A583_5 = (
    "Besluiten over de besteding van Europese externe financiering, zoals hetNDICI en macro-financiële "
    "bijstand, worden altijd publiek gemaakt."
)
Q597_1 = (
    "Bent u bekend met het bericht «TikTok schrapt honderden banen: wil meer AIinzetten voor "
    "contentmoderatie» (11-10-2024)?"
)


def _expand(turtle: str) -> str:
    """`id:document/x/vraag/1` is not a Turtle prefixed name (no `/` allowed): write the full IRI."""
    return re.sub(r"\bid:([\w/.-]+)", lambda m: f"<{ID}{m.group(1)}>", turtle)


DOC_583 = (
    PREFIXES
    + f"""
id:document/ah-tk-20242025-583 a kld:Document, kld:Antwoorddocument ;
  dct:identifier "ah-tk-20242025-583" ;
  dct:title "Antwoord op vragen van de leden Koekkoek, Van Nispen en Ceder over het artikel «The brutal truth behind Italy’s migrant reduction»"@nl ;
  eli:date_document "2024-11-18"^^xsd:date ;
  kld:datumIngezonden "2024-09-20"^^xsd:date ;
  kld:datumOntvangen "2024-11-18"^^xsd:date ;
  kld:vergaderjaar "2024-2025" ;
  kld:kamer "TK" ;
  rdfs:seeAlso id:document/ah-tk-20242025-244 ;
  dct:references id:document/ah-tk-20242025-244 ;
  prov:wasDerivedFrom <file:///shared/corpus/txt-koop-pdf/ah-tk-20242025-583.txt> .

id:document/ah-tk-20242025-583/vraag/1 a kld:Vraag ;
  eli:is_part_of id:document/ah-tk-20242025-583 ; eli:number "1" ;
  kld:tekst "{Q583_1}"@nl ;
  kld:gesteldDoor id:persoon/koekkoek, id:persoon/van-nispen, id:persoon/ceder ;
  kld:namens id:fractie/volt, id:fractie/sp, id:fractie/christenunie ;
  kld:gerichtAan tooi:mnre1162 .

id:document/ah-tk-20242025-583/vraag/5 a kld:Vraag ;
  eli:is_part_of id:document/ah-tk-20242025-583 ; eli:number "5" ;
  kld:tekst "{Q583_5}"@nl ;
  kld:gerichtAan tooi:mnre1162 .

id:document/ah-tk-20242025-583/antwoord/1 a kld:Antwoord ;
  eli:is_part_of id:document/ah-tk-20242025-583 ; eli:number "1" ; rdfs:label "Antwoord 1"@nl ;
  kld:tekst "Ja."@nl ;
  eli-dl:answers_to id:document/ah-tk-20242025-583/vraag/1 ;
  kld:beantwoordDoor id:post/minister-van-asiel-en-migratie ;
  kld:namensMinisterie tooi:mnre1162 .

id:document/ah-tk-20242025-583/antwoord/5 a kld:Antwoord ;
  eli:is_part_of id:document/ah-tk-20242025-583 ; eli:number "5" ; rdfs:label "Antwoord 5"@nl ;
  kld:tekst "{A583_5}"@nl ;
  eli-dl:answers_to id:document/ah-tk-20242025-583/vraag/5 ;
  kld:beantwoordDoor id:post/minister-van-asiel-en-migratie ;
  kld:namensMinisterie tooi:mnre1162 ;
  dct:references id:document/kst-21501-20-2018 ;
  kld:verwijzing id:document/ah-tk-20242025-583/verwijzing/1 .

id:document/ah-tk-20242025-583/verwijzing/1 a kld:Verwijzing ;
  dct:bibliographicCitation "Kamerstuk 21 501-20, nr. 2018." ;
  dct:references id:document/kst-21501-20-2018 ;
  kld:inVoetnoot true .

id:persoon/koekkoek rdfs:label "Koekkoek" .
id:persoon/van-nispen rdfs:label "Van Nispen" .
id:persoon/ceder rdfs:label "Ceder" .
id:fractie/volt a kld:Fractie ; rdfs:label "Volt" .
id:fractie/sp a kld:Fractie ; rdfs:label "SP" .
id:fractie/christenunie a kld:Fractie ; rdfs:label "ChristenUnie" .
id:post/minister-van-asiel-en-migratie rdfs:label "minister van Asiel en Migratie"@nl .
tooi:mnre1162 rdfs:label "ministerie van Asiel en Migratie"@nl .
"""
)

DOC_583 = _expand(DOC_583)

DOC_597 = (
    PREFIXES
    + f"""
id:document/ah-tk-20242025-597 a kld:Document, kld:Antwoorddocument ;
  dct:identifier "ah-tk-20242025-597" ;
  dct:title "Antwoord op vragen van het lid Kathmann over het ontslag van het gehele TikTok moderatieteam in Nederland"@nl ;
  eli:date_document "2024-11-19"^^xsd:date ;
  kld:vergaderjaar "2024-2025" ;
  prov:wasDerivedFrom <file:///shared/corpus/txt-koop-pdf/ah-tk-20242025-597.txt> .

id:document/ah-tk-20242025-597/vraag/1 a kld:Vraag ;
  eli:is_part_of id:document/ah-tk-20242025-597 ; eli:number "1" ;
  kld:tekst "{Q597_1}"@nl ;
  kld:gesteldDoor id:persoon/kathmann ;
  kld:namens id:fractie/groenlinks-pvda ;
  kld:gerichtAan id:post/staatssecretaris-van-binnenlandse-zaken-en-koninkrijksrelaties .

id:document/ah-tk-20242025-597/antwoord/1 a kld:Antwoord ;
  eli:is_part_of id:document/ah-tk-20242025-597 ; eli:number "1" ;
  kld:tekst "Ja"@nl ;
  eli-dl:answers_to id:document/ah-tk-20242025-597/vraag/1 ;
  kld:beantwoordDoor id:post/staatssecretaris-van-binnenlandse-zaken-en-koninkrijksrelaties ;
  kld:namensMinisterie tooi:mnre1034 .

id:persoon/kathmann rdfs:label "Kathmann" .
id:fractie/groenlinks-pvda a kld:Fractie ; rdfs:label "GroenLinks-PvdA" .
id:post/staatssecretaris-van-binnenlandse-zaken-en-koninkrijksrelaties
  rdfs:label "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"@nl .
tooi:mnre1034 rdfs:label "ministerie van Binnenlandse Zaken en Koninkrijksrelaties"@nl .
"""
)
DOC_597 = _expand(DOC_597)

#: IRIs under {base}id/ in the two files, each gets a page: subjects (documents, parts, people, ...)
#: and what is only pointed at (the two cited papers)
RESOURCES_583 = [
    "document/ah-tk-20242025-583", "document/ah-tk-20242025-583/vraag/1", "document/ah-tk-20242025-583/vraag/5",
    "document/ah-tk-20242025-583/antwoord/1", "document/ah-tk-20242025-583/antwoord/5",
    "document/ah-tk-20242025-583/verwijzing/1", "persoon/koekkoek", "persoon/van-nispen", "persoon/ceder",
    "fractie/volt", "fractie/sp", "fractie/christenunie", "post/minister-van-asiel-en-migratie",
]  # fmt: skip
RESOURCES_597 = [
    "document/ah-tk-20242025-597", "document/ah-tk-20242025-597/vraag/1", "document/ah-tk-20242025-597/antwoord/1",
    "persoon/kathmann", "fractie/groenlinks-pvda", "post/staatssecretaris-van-binnenlandse-zaken-en-koninkrijksrelaties",
]  # fmt: skip
CITED_583 = ["document/ah-tk-20242025-244", "document/kst-21501-20-2018"]  # cited, not held
#: the pages of the dataset's own description (catalog.py): catalogue, dataset and its period, two
#: services, six distributions (one per dump and per CSV export), publisher, contact point
DESCRIPTIONS = [
    "catalogus/kamerld", "dataset/kamerld", "dataset/kamerld/periode", "dienst/sparql", "dienst/bestanden",
    "distributie/kamerld.nt.gz", "distributie/kamerld.ttl.gz", "distributie/kamerld.jsonld.gz",
    "distributie/kamerld.nq.gz", "distributie/questions.csv", "distributie/citations.csv",
    "organisatie/kamerld", "contactpunt/kamerld",
]  # fmt: skip
PUBLISHER = catalog.CatalogInfo(
    publisher_name="Voorbeeldorganisatie", publisher_uri="https://example.org/id/organisatie",
    contact_email="opendata@example.org",
)

ONTOLOGY = """@prefix kld: <https://w3id.org/kamerld/def#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/kamerld/def> a owl:Ontology ; rdfs:label "kamerld-ontologie"@nl, "kamerld ontology"@en .
kld:Vraag a owl:Class ; rdfs:label "schriftelijke vraag"@nl, "written question"@en ;
  rdfs:comment "Een vraag van een Kamerlid aan de regering."@nl, "A question by an MP to the government."@en .
kld:gesteldDoor a owl:ObjectProperty ; rdfs:label "gesteld door"@nl, "asked by"@en .
"""


def write_inputs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / "ah-tk-20242025-583.ttl"
    b = folder / "ah-tk-20242025-597.ttl"
    a.write_text(DOC_583, encoding="utf-8")
    b.write_text(DOC_597, encoding="utf-8")
    return [a, b]


def input_triples(paths: list[Path]) -> rdflib.Graph:
    g = rdflib.Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    inputs = write_inputs(tmp / "in")
    onto = tmp / "kamerld.ttl"
    onto.write_text(ONTOLOGY, encoding="utf-8")
    ctx = tmp / "context.jsonld"
    ctx.write_text(
        json.dumps(
            {"@context": {"kld": "https://w3id.org/kamerld/def#", "dct": "http://purl.org/dc/terms/"}}
        ),
        encoding="utf-8",
    )
    out = tmp / "site"
    report = publish_site(inputs, out, base=BASE, ontology=onto, shapes=None, context=ctx, today=TODAY,
                          catalog_info=PUBLISHER)
    return out, report, inputs


def with_local_context(data: str, out: Path) -> str:
    """JSON-LD that names the published context, with the context put in from the site itself (a
    processor would fetch it from the base; tests make no outbound requests)."""
    ctx = json.loads((out / "def/context.jsonld").read_text(encoding="utf-8"))["@context"]
    doc = json.loads(data)
    assert doc["@context"] == BASE + "def/context.jsonld"
    doc["@context"] = ctx
    return json.dumps(doc)


def test_fixture_texts_are_in_the_corpus():
    folder = CORPUS / "txt-koop-pdf"
    if not folder.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    t583 = (folder / "ah-tk-20242025-583.txt").read_text(encoding="utf-8")
    t597 = (folder / "ah-tk-20242025-597.txt").read_text(encoding="utf-8")
    for text in (Q583_1.replace("op 19", "op19"), Q583_5, A583_5, "Kamerstuk 21 501-20, nr. 2018."):
        assert text in t583
    assert Q597_1 in t597
    assert "Koekkoek (Volt), Van Nispen (SP) en Ceder\n(ChristenUnie)" in t583
    assert "Kathmann (GroenLinks-PvdA)" in t597


def page(out: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / rel).read_bytes())


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def facts_of(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The question page's fact list: Dutch term -> the text beside it."""
    terms = [t.split(" / ")[0] for t in texts(tree, "//dl[@class='facts']/dt")]
    return dict(zip(terms, texts(tree, "//dl[@class='facts']/dd"), strict=True))


def test_report_counts(site):
    out, report, inputs = site
    assert report.documents == 2
    assert report.resources == len(RESOURCES_583) + len(RESOURCES_597) + len(CITED_583) == 21
    assert report.descriptions == len(DESCRIPTIONS) - 1  # the publisher has an IRI of its own here
    assert report.triples == len(input_triples(inputs))
    # 4 fracties, 4 askers, the 2 answering ministries, no dossier, 1 year (both submitted in 2024)
    assert report.indexes == {"fractie": 4, "persoon": 4, "ministerie": 2, "dossier": 0, "jaar": 1}
    assert report.warnings == ["shapes not published (not found: None)"]
    assert report.exports == ["dumps/questions.csv", "dumps/citations.csv", "dumps/questions.rq"]


def test_without_a_catalogue_file_the_placeholders_are_named(tmp_path):
    report = publish_site(write_inputs(tmp_path / "in"), tmp_path / "site")
    assert [w for w in report.warnings if "placeholder" in w] == [
        "the catalogue's publisher_name is kamerld's placeholder: set it with --catalog FILE",
        "the catalogue's contact_email is kamerld's placeholder: set it with --catalog FILE",
    ]


def test_cli_publish_with_a_catalogue_file(tmp_path):
    from click.testing import CliRunner

    from kamerld.cli import cli

    f = tmp_path / "catalog.toml"
    f.write_text('[publisher]\nname = "Voorbeeld"\n[contact]\nemail = "data@example.org"\n', encoding="utf-8")
    inputs = write_inputs(tmp_path / "in")
    result = CliRunner().invoke(cli, ["publish", *map(str, inputs), "-o", str(tmp_path / "site"), "--catalog", str(f)])
    assert result.exit_code == 0, result.output
    assert "placeholder" not in result.output
    dcat = rdflib.Graph().parse(tmp_path / "site/dcat.ttl", format="turtle")
    vcard = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
    assert set(dcat.objects(None, vcard.hasEmail)) == {rdflib.URIRef("mailto:data@example.org")}
    f.write_text("publisher = [", encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", *map(str, inputs), "-o", str(tmp_path / "site"), "--catalog", str(f)])
    assert result.exit_code != 0 and "catalog.toml" in result.output and "TOML" in result.output


def test_a_page_and_four_rdf_files_per_resource(site):
    out, _, _ = site
    for local in RESOURCES_583 + RESOURCES_597 + CITED_583 + DESCRIPTIONS[:-2] + DESCRIPTIONS[-1:]:
        for suffix in (".html", ".ttl", ".jsonld", ".nt", ".rdf"):
            assert (out / "doc" / f"{local}{suffix}").is_file(), local + suffix
    # TOOI ministries and external IRIs get no resource page, only an index page of their questions
    assert not list((out / "doc").rglob("mnre1162*"))
    assert (out / "index/ministerie/mnre1162.html").is_file()
    pages = sorted(p.relative_to(out / "doc").as_posix() for p in (out / "doc").rglob("*.html"))
    assert len(pages) == 21 + len(DESCRIPTIONS) - 1
    xml = rdflib.Graph().parse(out / "doc/document/ah-tk-20242025-583/vraag/1.rdf", format="xml")
    assert rdflib.compare.isomorphic(
        xml, rdflib.Graph().parse(out / "doc/document/ah-tk-20242025-583/vraag/1.ttl", format="turtle"))


def test_question_page_has_the_question_the_answer_and_the_facts(site):
    out, _, _ = site
    tree = page(out, "doc/document/ah-tk-20242025-583/vraag/1.html")
    assert texts(tree, "//title") == [
        "Vraag 1 — Antwoord op vragen van de leden Koekkoek, Van Nispen en Ceder over het artikel "
        "«The brutal truth behind Italy’s migrant reduction»"
    ]
    # the question and its answer on one page, in this order
    assert texts(tree, "//div[contains(@class, 'tekst')]") == [Q583_1, "Ja."]
    assert texts(tree, "//main//h2") == ["Vraag / Question", "Antwoord 1 / Answer"]
    # who, to whom, when (submitted 20 September, answered 18 November: 59 days, 38 over the term)
    assert facts_of(tree) == {
        "Gesteld door": "Ceder, Koekkoek, Van Nispen",
        "Namens": "ChristenUnie, SP, Volt",
        "Gericht aan": "ministerie van Asiel en Migratie",
        "Ingezonden": "20 september 2024",
        "Beantwoord": "18 november 2024",
        "Duur": "59 dagen — 38 dagen over de termijn van drie weken",
        "Officiële publicatie": "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-583",
    }
    assert texts(tree, "//span[contains(@class, 'status')]") == ["beantwoord op 18 november 2024, na 59 dagen"]
    links = {a.text_content(): a.get("href") for a in tree.xpath("//dl[@class='facts']//a")}
    assert links["Koekkoek"] == "../../../persoon/koekkoek.html"
    assert links["Volt"] == "../../../fractie/volt.html"
    assert links["ministerie van Asiel en Migratie"] == "https://identifier.overheid.nl/tooi/id/ministerie/mnre1162"
    answer = tree.xpath("//section[@class='antwoord']")[0]
    assert texts(answer, ".//p[1]") == [
        "Beantwoord door minister van Asiel en Migratie — ministerie van Asiel en Migratie — 18 november 2024"
    ]
    assert answer.xpath(".//a[contains(., 'Pagina van dit antwoord')]/@href") == ["../antwoord/1.html"]
    assert tree.xpath("//p[@class='crumbs']/a[contains(., 'Vraag 5')]/@href") == ["5.html"]
    answer_page = page(out, "doc/document/ah-tk-20242025-583/antwoord/1.html")
    assert answer_page.xpath("//section[h2='Beantwoordt / Answers']//a/@href") == ["../vraag/1.html"]


def test_question_page_without_answer_counts_the_days(tmp_path):
    """A question nobody answered (yet): the page says so, and for how many days."""
    src = tmp_path / "kv-tk-2024Z18885.ttl"
    src.write_text(_expand(PREFIXES + """
id:document/kv-tk-2024Z18885 a kld:Document, kld:Kamervragen ; dct:identifier "kv-tk-2024Z18885" ;
  kld:datumIngezonden "2024-11-20"^^xsd:date ; eli:date_document "2024-11-20"^^xsd:date .
id:document/kv-tk-2024Z18885/vraag/1 a kld:Vraag ; eli:is_part_of id:document/kv-tk-2024Z18885 ;
  eli:number "1" ; kld:tekst "Bent u bekend met het bericht?"@nl .
"""), encoding="utf-8")
    out = tmp_path / "site"
    publish_site([src], out, today=dt.date(2024, 12, 31), with_search=False)
    tree = page(out, "doc/document/kv-tk-2024Z18885/vraag/1.html")
    assert texts(tree, "//span[contains(@class, 'status')]") == ["nog niet beantwoord, 41 dagen"]
    assert facts_of(tree)["Antwoord"] == (
        "nog niet beantwoord: 41 dagen sinds indiening (op 31 december 2024) / not answered yet"
    )
    # an untitled document is named by what its id says, not by the bare id
    assert texts(tree, "//p[@class='crumbs']/a") == ["Kamervragen II 2024Z18885"]
    assert texts(page(out, "index/documenten.html"), "//table//td[1]/a") == ["Kamervragen II 2024Z18885"]
    assert texts(page(out, "index/jaar.html"), "//table//tr[2]/td") == ["2024", "1", "1", "0", "1", "–", "0"]
    # more than a year later the question no longer counts as waiting: no answer in the data, that is all
    publish_site([src], tmp_path / "later", today=dt.date(2026, 1, 5), with_search=False)
    later = page(tmp_path / "later", "doc/document/kv-tk-2024Z18885/vraag/1.html")
    assert texts(later, "//span[contains(@class, 'status')]") == ["geen antwoord in deze gegevens"]
    assert facts_of(later)["Antwoord"] == "geen antwoord in deze gegevens / no answer in this data"
    assert texts(page(tmp_path / "later", "index/jaar.html"), "//table//tr[2]/td")[4] == "0"


def test_document_page_lists_questions_with_answers_and_citations(site):
    out, _, _ = site
    tree = page(out, "doc/document/ah-tk-20242025-583.html")
    assert tree.xpath("//section[@class='vraag']/@id") == ["vraag-1", "vraag-5"]
    assert tree.xpath("//section[@class='vraag']//h3/a/@href") == [
        "ah-tk-20242025-583/vraag/1.html", "ah-tk-20242025-583/vraag/5.html"]
    assert tree.xpath("//section[@class='vraag']//div[@class='antwoord']//a/@href") == [
        "ah-tk-20242025-583/antwoord/1.html", "ah-tk-20242025-583/antwoord/5.html"]
    # the citation as written, linked to what it cites: a cited paper the data does not hold has a
    # page too, with what is known of it and who cites it
    assert [(a.text_content(), a.get("href")) for a in tree.xpath("//section[@id='verwijzingen']//a")] == [
        ("Kamerstuk 21 501-20, nr. 2018.", "kst-21501-20-2018.html")]
    cited = rdflib.Graph().parse(out / "doc/document/kst-21501-20-2018.ttl", format="turtle")
    kst = rdflib.URIRef(ID + "document/kst-21501-20-2018")
    refs = rdflib.URIRef("http://purl.org/dc/terms/references")
    assert set(cited.subjects(refs, kst)) == {
        rdflib.URIRef(ID + "document/ah-tk-20242025-583/antwoord/5"),
        rdflib.URIRef(ID + "document/ah-tk-20242025-583/verwijzing/1"),
    }
    assert facts_of(tree)["Zie ook"] == "Aanhangsel Handelingen II 2024/25, nr. 244"
    assert facts_of(tree)["Vragen"] == "2, waarvan 2 beantwoord"
    # no raw codes: the TOOI document type, eli:Work and eli:has_part read as words
    statements = texts(tree, "//details//tr/th")
    assert "heeft onderdeel / has part" in statements or "onderdeel van / part of" in texts(
        page(out, "doc/document/ah-tk-20242025-583/vraag/1.html"), "//details//tr/th")
    fractie = page(out, "doc/fractie/volt.html")
    assert texts(fractie, "//summary")[0].startswith("Verwijzingen hierheen / Links here")
    assert fractie.xpath("//section[h2[starts-with(., 'Vragen namens Volt')]]//a/@href") == [
        "../document/ah-tk-20242025-583.html"]
    assert fractie.xpath("//p[@class='crumbs']/a/@href") == ["../../index/fractie/volt.html"]


def test_embedded_jsonld_is_the_resource_description(site):
    out, _, _ = site
    html = (out / "doc/document/ah-tk-20242025-583/antwoord/5.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S).group(1)
    embedded = rdflib.Graph().parse(data=with_local_context(data.replace("<\\/", "</"), out), format="json-ld")
    turtle = rdflib.Graph().parse(out / "doc/document/ah-tk-20242025-583/antwoord/5.ttl", format="turtle")
    nt = rdflib.Graph().parse(out / "doc/document/ah-tk-20242025-583/antwoord/5.nt", format="nt")
    page = (out / "doc/document/ah-tk-20242025-583/antwoord/5.jsonld").read_text(encoding="utf-8")
    jsonld = rdflib.Graph().parse(data=with_local_context(page, out), format="json-ld")
    ans = rdflib.URIRef(ID + "document/ah-tk-20242025-583/antwoord/5")
    # counted by hand in DOC_583: its 10 triples, and the label of the TOOI ministry it names (that IRI
    # dereferences at TOOI, so the page says what the data calls it)
    assert len(embedded) == 11
    tooi = rdflib.URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1162")
    assert set(embedded.subjects()) == {ans, tooi}
    assert set(embedded.predicate_objects(tooi)) == {
        (rdflib.RDFS.label, rdflib.Literal("ministerie van Asiel en Migratie", lang="nl"))}
    for g in (turtle, nt, jsonld):
        assert rdflib.compare.isomorphic(g, embedded)
    assert (
        ans,
        rdflib.URIRef("http://purl.org/dc/terms/references"),
        rdflib.URIRef(ID + "document/kst-21501-20-2018"),
    ) in embedded


def test_dumps_stream_every_triple_once(site):
    out, report, inputs = site
    expected = len(input_triples(inputs))
    assert expected == 87
    for name, fmt in (
        ("nt", ox.RdfFormat.N_TRIPLES),
        ("ttl", ox.RdfFormat.TURTLE),
        ("jsonld", ox.RdfFormat.JSON_LD),
    ):
        with gzip.open(out / f"dumps/kamerld.{name}.gz", "rb") as fh:
            triples = {str(q.triple) for q in ox.parse(fh.read(), format=fmt)}
        assert len(triples) == expected, name
    with gzip.open(out / "dumps/kamerld.nq.gz", "rb") as fh:
        graphs = {str(q.graph_name) for q in ox.parse(fh.read(), format=ox.RdfFormat.N_QUADS)}
    assert graphs == {f"<{BASE}graph/ah-tk-20242025-583>", f"<{BASE}graph/ah-tk-20242025-597>"}


def test_indexes_group_documents(site):
    out, _, _ = site
    ministries = page(out, "index/ministerie.html")
    assert texts(ministries, "//table//td[1]") == [
        "ministerie van Asiel en Migratie", "ministerie van Binnenlandse Zaken en Koninkrijksrelaties"]
    # name, documents, questions, answered, open, median days, over the term
    assert texts(ministries, "//table//tr[2]/td") == ["ministerie van Asiel en Migratie", "1", "2", "2", "0",
                                                      "59", "2"]
    fracties = page(out, "index/fractie.html")
    assert texts(fracties, "//table//td[1]") == ["ChristenUnie", "GroenLinks-PvdA", "SP", "Volt"]
    volt = page(out, "index/fractie/volt.html")
    assert volt.xpath("//table//td[1]/a/@href") == ["../../doc/document/ah-tk-20242025-583.html"]
    assert texts(volt, "//table//tr[2]/td")[1:] == ["20 september 2024", "18 november 2024", "59", "1", "0"]
    years = page(out, "index/jaar.html")
    assert texts(years, "//table//tr[2]/td") == ["2024", "2", "3", "3", "0", "59", "2"]
    assert (out / "index/dossier.html").is_file()
    home = page(out, "index.html")
    assert set(home.xpath("//main//a/@href")) >= {
        "index/documenten.html", "index/fractie.html", "index/persoon.html", "index/ministerie.html",
        "index/dossier.html", "index/jaar.html", "statistiek.html", "dumps/questions.csv",
        "dumps/citations.csv"}


def test_atom_feeds_tell_when_questions_are_answered(site):
    import xml.etree.ElementTree as ET

    out, _, _ = site
    atom = "{http://www.w3.org/2005/Atom}"

    def entries(rel: str) -> list[tuple[str, str, str, str]]:
        root = ET.parse(out / rel).getroot()
        assert root.tag == atom + "feed"
        return [(e.findtext(atom + "title"), e.findtext(atom + "updated"),
                 e.find(atom + "link").get("href"), e.findtext(atom + "summary"))
                for e in root.findall(atom + "entry")]  # fmt: skip

    # the whole site: newest answer first
    assert [(t, u) for t, u, _, _ in entries("beantwoord.atom")] == [
        ("Beantwoord: Antwoord op vragen van het lid Kathmann over het ontslag van het gehele TikTok "
         "moderatieteam in Nederland", "2024-11-19T00:00:00Z"),
        ("Beantwoord: Antwoord op vragen van de leden Koekkoek, Van Nispen en Ceder over het artikel «The "
         "brutal truth behind Italy’s migrant reduction»", "2024-11-18T00:00:00Z"),
    ]
    # Volt asked question 1 of Aanhangsel 583 (with SP and ChristenUnie)
    [(_, updated, link, summary)] = entries("index/fractie/volt.atom")
    assert updated == "2024-11-18T00:00:00Z"
    assert link == BASE + "doc/document/ah-tk-20242025-583.html"
    assert summary == "1 vraag beantwoord op 2024-11-18 na 59 dagen. Gesteld door Ceder, Koekkoek, Van Nispen."
    assert page(out, "index/fractie/volt.html").xpath("//link[@type='application/atom+xml']/@href") == [
        "volt.atom"]


def test_statistics_numbers_charts_and_queries(site):
    import csv
    import xml.etree.ElementTree as ET

    out, _, _ = site

    def rows(name: str) -> list[list[str]]:
        return list(csv.reader((out / f"statistiek/{name}.csv").read_text("utf-8-sig").splitlines()))

    # 583: submitted 20 September, answered 18 November for Asiel en Migratie: one set, 59 days, over the
    # term; 597 has no submission date, so no answer time
    assert rows("antwoordtijd-per-ministerie") == [
        ["ministry", "sets", "median_days", "over_term", "share_over_term"],
        ["ministerie van Asiel en Migratie", "1", "59", "1", "100"],
    ]
    assert rows("antwoordtijd-per-jaar")[1] == ["ministerie van Asiel en Migratie", "2024", "1", "59", "1", "100"]
    assert rows("vragen-per-fractie")[1:] == [
        ["ChristenUnie", "1", "1"], ["GroenLinks-PvdA", "1", "1"], ["SP", "1", "1"], ["Volt", "1", "1"]]
    assert rows("open-vragen") == [["document", "title", "ministry", "submitted", "open", "days_open"]]
    # the chart is SVG with its labels as text; nothing to draw is said, not drawn
    svg = ET.parse(out / "statistiek/antwoordtijd-per-ministerie.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert "ministerie van Asiel en Migratie" in "".join(svg.itertext())
    assert not (out / "statistiek/open-vragen.svg").exists()
    stats = page(out, "statistiek.html")
    assert stats.xpath("//section[@id='open-vragen']//em/text()") == ["Geen gegevens om te tekenen. "]
    # the published query gives the table's rows over the dump
    store = ox.Store()
    with gzip.open(out / "dumps/kamerld.nt.gz", "rb") as fh:
        store.load(fh.read(), format=ox.RdfFormat.N_TRIPLES)
    query = (out / "statistiek/vragen-per-fractie.rq").read_text()
    assert sorted(int(r["vragen"].value) for r in store.query(query)) == [1, 1, 1, 1]


def test_def_has_ontology_docs_and_context(site):
    out, _, _ = site
    doc = (out / "def/kamerld.html").read_text(encoding="utf-8")
    assert "<code>kld:Vraag</code>" in doc
    assert "schriftelijke vraag" in doc and "A question by an MP to the government." in doc
    assert len(rdflib.Graph().parse(out / "def/kamerld.nt", format="nt")) == 11
    assert json.loads((out / "def/context.jsonld").read_text())["@context"]["kld"].endswith("def#")
    assert not (out / "def/shapes.ttl").exists()
    # the ontology's own label replaces the built-in one on data pages
    html = (out / "doc/document/ah-tk-20242025-583/vraag/1.html").read_text(encoding="utf-8")
    assert "schriftelijke vraag / written question" in html


def test_void(site):
    out, report, _ = site
    g = rdflib.Graph().parse(out / ".well-known/void", format="turtle")
    assert rdflib.compare.isomorphic(g, rdflib.Graph().parse(out / "void.ttl", format="turtle"))
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = rdflib.URIRef(BASE + "id/dataset/kamerld")
    assert int(g.value(ds, void.triples)) == report.triples == 87
    assert int(g.value(ds, void.entities)) == 19
    assert int(g.value(ds, void.documents)) == 2
    assert len(list(g.objects(ds, void.dataDump))) == 4


#: DCAT-AP 3.0.1 and DCAT-AP-NL 3.0: the mandatory shapes, the class ranges, and the recommendations
DCAT_SHAPES = (
    "dcat-ap-3.0.1-SHACL.ttl",
    "dcat-ap-nl-3.0_dcat-ap-nl-SHACL.ttl",
    "dcat-ap-nl-3.0_dcat-ap-nl-SHACL-klassebereik.ttl",
    "dcat-ap-nl-3.0_dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
)
DCAT_RECOMMENDED = ("dcat-ap-nl-3.0_dcat-ap-nl-SHACL-aanbevolen.ttl", "dcat-ap-3.0.1-shapes_recommended.ttl")


def dcat_shapes(names=DCAT_SHAPES + DCAT_RECOMMENDED) -> rdflib.Graph:
    if not VOCAB.is_dir():
        pytest.skip(f"shared vocab not found at {VOCAB}")
    shapes = rdflib.Graph()
    for name in names:
        shapes.parse(VOCAB / name, format="turtle")
    # DCAT-AP 3.0.1's SHACL lists property shapes it never defines (e.g. `dcat:DataServiceShape/dc08f4…`);
    # pySHACL refuses such a shapes graph, so the dangling references are dropped, nothing else
    sh_property = rdflib.URIRef("http://www.w3.org/ns/shacl#property")
    for s, o in list(shapes.subject_objects(sh_property)):
        if (o, None, None) not in shapes:
            shapes.remove((s, sh_property, o))
    return shapes


def test_dcat_conforms_to_dcat_ap_and_dcat_ap_nl_with_their_recommendations(site):
    """Not one result, of any severity: the recommended ("aanbevolen") shapes pass too."""
    import pyshacl

    out, _, _ = site
    data = rdflib.Graph().parse(out / "dcat.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=dcat_shapes(), inference="none")
    assert conforms, text
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    ds = rdflib.URIRef(BASE + "id/dataset/kamerld")
    downloads = sorted(
        str(g) for d in data.objects(ds, dcat.distribution) for g in data.objects(d, dcat.downloadURL)
    )
    assert downloads == [BASE + f"dumps/{s}" for s in (
        "citations.csv", "kamerld.jsonld.gz", "kamerld.nq.gz", "kamerld.nt.gz", "kamerld.ttl.gz", "questions.csv")]
    assert (None, dcat.endpointURL, rdflib.URIRef(BASE + "sparql")) in data
    # the publisher set for the site, and the documents' period
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    assert data.value(ds, dct.publisher) == rdflib.URIRef("https://example.org/id/organisatie")
    period = data.value(ds, dct.temporal)
    assert (str(data.value(period, dcat.startDate)), str(data.value(period, dcat.endDate))) == (
        "2024-11-18", "2024-11-19")


def test_dcat_without_a_licence_is_caught_by_the_shapes():
    import pyshacl

    g = catalog.dcat_graph(BASE, triples=1, dumps=["dumps/kamerld.nt.gz"])
    g.remove((None, rdflib.URIRef("http://purl.org/dc/terms/license"), None))
    conforms, _, text = pyshacl.validate(g, shacl_graph=dcat_shapes(DCAT_SHAPES), inference="none",
                                         allow_warnings=True)
    assert not conforms
    assert "license" in text.lower()


def test_dcat_without_a_period_gets_the_recommendations_warning():
    """The recommended shapes are not vacuous: a dataset without dct:temporal is reported."""
    import pyshacl

    g = catalog.dcat_graph(BASE, triples=1, dumps=["dumps/kamerld.nt.gz"])  # no period given
    conforms, _, text = pyshacl.validate(g, shacl_graph=dcat_shapes(), inference="none")
    assert not conforms and "temporal" in text


def test_catalogue_settings_from_a_toml_file(tmp_path):
    f = tmp_path / "catalog.toml"
    f.write_text("""
licence = "CC_BY_4_0"
keywords = ["Kamervragen", "open data"]
[publisher]
name = "Tweede Kamer der Staten-Generaal"
uri = "https://www.tweedekamer.nl/"
type = "NationalAuthority"
[contact]
email = "opendata@tweedekamer.nl"
url = "https://opendata.tweedekamer.nl/"
""", encoding="utf-8")
    info = catalog.catalog_info_from_toml(f)
    assert (info.publisher_name, info.contact_email, info.placeholders) == (
        "Tweede Kamer der Staten-Generaal", "opendata@tweedekamer.nl", ())
    g = catalog.dcat_graph(BASE, triples=1, dumps=["dumps/kamerld.nt.gz"], info=info, period=("2024-01-01", "2024-12-31"))
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    ds = rdflib.URIRef(BASE + "id/dataset/kamerld")
    assert g.value(ds, dct.publisher) == rdflib.URIRef("https://www.tweedekamer.nl/")
    assert (rdflib.URIRef("https://www.tweedekamer.nl/"), dct.type,
            rdflib.URIRef("http://purl.org/adms/publishertype/NationalAuthority")) in g
    assert (None, dct.license, rdflib.URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")) in g
    import pyshacl

    conforms, _, text = pyshacl.validate(g, shacl_graph=dcat_shapes(), inference="none")
    assert conforms, text
    f.write_text('[contact]\nemail = "not an address"\n[publisher]\nnaam = "x"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        catalog.catalog_info_from_toml(f)
    assert err.value.path == str(f) and "publisher_naam" in err.value.message


def test_server_rules(site):
    out, _, _ = site
    nginx = (out / "_server/nginx.conf").read_text()
    assert "return 303 /kamerld/doc/$kld_rest;" in nginx
    assert "js_set $kld_suffix kld.suffix;" in nginx and "add_header Vary Accept always;" in nginx
    assert 'if ($kld_suffix = "") { return 406; }' in nginx
    js = (out / "_server/negotiate.js").read_text()
    assert '["text/html", ".html"], ["application/xhtml+xml", ".html"], ["text/turtle", ".ttl"]' in js
    assert '<$kld_name.nt>; rel=\\"alternate\\"; type=\\"application/n-triples\\"' in nginx
    htaccess = (out / "_server/htaccess").read_text()
    assert "RewriteRule ^id/(.+)$ /kamerld/doc/$1 [R=303,L,E=KLD_VARY:1]" in htaccess
    assert "RewriteCond %{HTTP_ACCEPT} application/ld\\+json [NC]" in htaccess
    assert "Header always merge Vary Accept env=KLD_VARY" in htaccess


def test_republish_drops_removed_documents(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    out = tmp_path / "site"
    publish_site(inputs, out)
    report = publish_site(inputs[:1], out)
    assert report.documents == 1 and report.resources == len(RESOURCES_583) + len(CITED_583)
    assert report.triples == len(input_triples(inputs[:1]))
    assert not (out / "doc/document/ah-tk-20242025-597.html").exists()
    assert (out / "doc/document/ah-tk-20242025-583.html").exists()


def test_characters_that_are_not_text_never_reach_a_page(tmp_path):
    """Someone else's file with a control character and a noncharacter in a text: the page leaves them
    out (an HTML parser would choke on them), the words stay."""
    src = tmp_path / "ah-tk-20242025-2.nt"
    doc = ID + "document/ah-tk-20242025-2"
    src.write_text(
        f'<{doc}> <http://purl.org/dc/terms/identifier> "ah-tk-20242025-2" .\n'
        f"<{doc}> <{RDF_TYPE}> <https://w3id.org/kamerld/def#Document> .\n"
        f"<{doc}/vraag/1> <{RDF_TYPE}> <https://w3id.org/kamerld/def#Vraag> .\n"
        f"<{doc}/vraag/1> <http://data.europa.eu/eli/ontology#is_part_of> <{doc}> .\n"
        f'<{doc}/vraag/1> <http://data.europa.eu/eli/ontology#number> "1" .\n'
        f'<{doc}/vraag/1> <https://w3id.org/kamerld/def#tekst> "Klopt\\u0001 het\\uFFFE bericht?"@nl .\n',
        encoding="utf-8",
    )
    out = tmp_path / "site"
    publish_site([src], out, with_search=False)
    data = (out / "doc/document/ah-tk-20242025-2/vraag/1.html").read_text(encoding="utf-8")
    assert "\x01" not in data and "\ufffe" not in data
    assert texts(page(out, "doc/document/ah-tk-20242025-2/vraag/1.html"), "//div[contains(@class, 'tekst')]") == [
        "Klopt het bericht?"]


def test_the_same_data_publishes_the_same_files(tmp_path):
    """Pages, charts, CSV and feeds depend on the data and the day only: two runs give the same bytes."""
    inputs = write_inputs(tmp_path / "in")
    one, two = tmp_path / "one", tmp_path / "two"
    for out in (one, two):
        publish_site(inputs, out, today=TODAY, with_search=False)
    names = ["statistiek/antwoordtijd-per-ministerie.svg", "statistiek/vragen-per-fractie.svg",
             "dumps/questions.csv", "dumps/citations.csv", "beantwoord.atom", "index/fractie.html",
             "doc/document/ah-tk-20242025-583/vraag/1.html", "statistiek.html"]  # fmt: skip
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_safe_names_never_escape(tmp_path):
    assert safe_segment("..") == "-"
    assert safe_segment("../../etc/passwd") == "etc-passwd"
    assert safe_segment("kst-35165-51") == "kst-35165-51"
    with pytest.raises(InputError):
        inside(tmp_path, "../outside.html")
    with pytest.raises(InputError):
        inside(tmp_path, "/etc/passwd")


def test_hostile_iri_gets_a_safe_page(tmp_path):
    src = tmp_path / "odd.ttl"
    src.write_text(
        PREFIXES
        + "<https://w3id.org/kamerld/id/document/..%2F..%2Fx/vraag/1> a <https://w3id.org/kamerld/def#Vraag> .\n"
        "<https://w3id.org/kamerld/id/../../escape> a <https://w3id.org/kamerld/def#Vraag> .\n"
    )
    out = tmp_path / "site"
    report = publish_site([src], out)
    written = [p.resolve() for p in tmp_path.rglob("*.html")]
    assert all(p.is_relative_to(out.resolve()) for p in written)
    assert report.resources + report.descriptions == len([p for p in (out / "doc").rglob("*.html")])


def test_bad_inputs_name_the_file(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError) as err:
        publish_site([bad], tmp_path / "site")
    assert err.value.path == str(bad)
    with pytest.raises(InputError):
        publish_site([tmp_path / "missing.ttl"], tmp_path / "site")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError):
        publish_site([tmp_path / "notes.txt"], tmp_path / "site")


def test_publishes_the_converters_output_for_real_corpus_documents(tmp_path):
    """End to end on a real document: `kamerld convert` (someone else's stage) then publish_site.
    Aanhangsel 583 prints "Vraag 1" … "Vraag 20", each with its "Antwoord" (counted in the text)."""
    import subprocess
    import sys

    source = CORPUS / "txt-koop-pdf" / "ah-tk-20242025-583.txt"
    if not source.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    text = source.read_text(encoding="utf-8")
    printed = len(re.findall(r"(?m)^Vraag \d+$", text))
    assert printed == 20 and len(re.findall(r"(?m)^Antwoord \d+$", text)) == 20
    conv = subprocess.run(
        [
            sys.executable,
            "-m",
            "kamerld",
            "convert",
            str(source),
            "-o",
            str(tmp_path / "rdf"),
            "--to",
            "turtle",
        ],
        capture_output=True,
        text=True,
    )
    if conv.returncode not in (0, 1) or not (tmp_path / "rdf/ah-tk-20242025-583.ttl").is_file():
        pytest.skip(f"kamerld convert is not available here: {conv.stderr[-300:]}")
    out = tmp_path / "site"
    report = publish_site([tmp_path / "rdf"], out)
    assert report.documents == 3  # the document, and the corpus graphs: registers, links and what is shared
    doc = out / "doc/document/ah-tk-20242025-583"
    assert len(list((doc / "vraag").glob("*.html"))) == printed
    assert len(list((doc / "antwoord").glob("*.html"))) == printed
    tree = page(out, "doc/document/ah-tk-20242025-583/vraag/1.html")
    assert texts(tree, "//div[contains(@class, 'tekst')]")[0] == Q583_1
    assert tree.xpath("//section[@class='antwoord']//a[contains(., 'Pagina van dit antwoord')]/@href") == [
        "../antwoord/1.html"]
    # the dates and the delay as the KOOP text prints them: submitted 20 September, received 18 November
    facts = facts_of(tree)
    assert (facts["Ingezonden"], facts["Beantwoord"], facts["Duur"]) == (
        "20 september 2024", "18 november 2024", "59 dagen — 38 dagen over de termijn van drie weken")
    assert facts["Namens"] == "ChristenUnie, Socialistische Partij, Volt"
    # each asker with the fractie the text names beside the name: "Koekkoek (Volt), Van Nispen (SP) en Ceder"
    assert facts["Gesteld door"] == (
        "Don Ceder (ChristenUnie), Marieke Koekkoek (Volt), Michiel van Nispen (Socialistische Partij)")
    assert facts["Officiële publicatie"] == "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-583"
    assert report.triples == len(input_triples(sorted((tmp_path / "rdf").glob("*.ttl"))))
