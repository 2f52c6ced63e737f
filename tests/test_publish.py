# ruff: noqa: E501  (the fixtures quote real document titles and texts on one line each)
"""The static linked-data site, dumps and dataset descriptions (kamerld.publish).

The input graphs are written by hand, following the data contract, from two real answer documents in
the shared corpus (Aanhangsel 2024-2025 nrs. 583 and 597): the question and answer texts are copied from
the KOOP text and `test_fixture_texts_are_in_the_corpus` checks that they still are.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
from pathlib import Path

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
#: services, four distributions (one per dump), publisher, contact point
DESCRIPTIONS = [
    "catalogus/kamerld", "dataset/kamerld", "dataset/kamerld/periode", "dienst/sparql", "dienst/bestanden",
    "distributie/kamerld.nt.gz", "distributie/kamerld.ttl.gz", "distributie/kamerld.jsonld.gz",
    "distributie/kamerld.nq.gz", "organisatie/kamerld", "contactpunt/kamerld",
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
    report = publish_site(inputs, out, base=BASE, ontology=onto, shapes=None, context=ctx, catalog_info=PUBLISHER)
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


def test_report_counts(site):
    out, report, inputs = site
    assert report.documents == 2
    assert report.resources == len(RESOURCES_583) + len(RESOURCES_597) + len(CITED_583) == 21
    assert report.descriptions == len(DESCRIPTIONS) - 1  # the publisher has an IRI of its own here
    assert report.triples == len(input_triples(inputs))
    assert report.indexes == {"vergaderjaar": 1, "ministerie": 2, "fractie": 4, "dossier": 0}
    assert report.warnings == ["shapes not published (not found: None)"]


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
    # TOOI ministries and external IRIs get no page
    assert not list(out.rglob("mnre1162*"))
    pages = sorted(p.relative_to(out / "doc").as_posix() for p in (out / "doc").rglob("*.html"))
    assert len(pages) == 21 + len(DESCRIPTIONS) - 1
    xml = rdflib.Graph().parse(out / "doc/document/ah-tk-20242025-583/vraag/1.rdf", format="xml")
    assert rdflib.compare.isomorphic(
        xml, rdflib.Graph().parse(out / "doc/document/ah-tk-20242025-583/vraag/1.ttl", format="turtle"))


def test_question_page_text_links_and_answer(site):
    out, _, _ = site
    html = (out / "doc/document/ah-tk-20242025-583/vraag/1.html").read_text(encoding="utf-8")
    assert "Bent u bekend met het artikel «The brutal truth" in html
    assert "<title>Vraag 1 — Antwoord op vragen van de leden Koekkoek" in html
    # who asked, on whose behalf, to whom; Dutch label with the English one beside it
    assert "gesteld door / asked by" in html
    for target, text in (
        ("../../../persoon/koekkoek.html", "Koekkoek"),
        ("../../../fractie/volt.html", "Volt"),
        ("../antwoord/1.html", "Antwoord 1"),
    ):
        assert f'<a href="{target}">{text}</a>' in html
    assert (
        'href="https://identifier.overheid.nl/tooi/id/ministerie/mnre1162">ministerie van Asiel en Migratie'
        in html
    )
    answer = (out / "doc/document/ah-tk-20242025-583/antwoord/1.html").read_text(encoding="utf-8")
    assert '<h2>Beantwoordt / Answers</h2><ul><li><a href="../vraag/1.html">' in answer


def test_document_page_lists_parts_cited_and_citing(site):
    out, _, _ = site
    html = (out / "doc/document/ah-tk-20242025-583.html").read_text(encoding="utf-8")
    parts = re.findall(r'<li><a href="ah-tk-20242025-583/(\w+/\d+)\.html">', html)
    assert parts == ["vraag/1", "vraag/5", "antwoord/1", "antwoord/5"]
    cites = html.split("<h2>Verwijst naar / Cites</h2>")[1].split("</section>")[0]
    # a cited paper the data does not hold has a page too: what is known of it, who cites it
    assert 'href="ah-tk-20242025-244.html"' in cites
    assert 'href="kst-21501-20-2018.html"' in cites
    cited = rdflib.Graph().parse(out / "doc/document/kst-21501-20-2018.ttl", format="turtle")
    kst = rdflib.URIRef(ID + "document/kst-21501-20-2018")
    refs = rdflib.URIRef("http://purl.org/dc/terms/references")
    assert set(cited.subjects(refs, kst)) == {
        rdflib.URIRef(ID + "document/ah-tk-20242025-583/antwoord/5"),
        rdflib.URIRef(ID + "document/ah-tk-20242025-583/verwijzing/1"),
    }
    fractie = (out / "doc/fractie/volt.html").read_text(encoding="utf-8")
    assert "Verwijzingen hierheen / Links here" in fractie
    assert 'href="../document/ah-tk-20242025-583/vraag/1.html"' in fractie


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
    ministries = (out / "index/ministerie.html").read_text(encoding="utf-8")
    assert "<h2>ministerie van Asiel en Migratie</h2>" in ministries
    assert "<h2>ministerie van Binnenlandse Zaken en Koninkrijksrelaties</h2>" in ministries
    fracties = (out / "index/fractie.html").read_text(encoding="utf-8")
    assert re.findall(r"<h2>([^<]+)</h2>", fracties) == ["ChristenUnie", "GroenLinks-PvdA", "SP", "Volt"]
    years = (out / "index/vergaderjaar.html").read_text(encoding="utf-8")
    assert years.count('href="../doc/document/ah-tk-20242025-') == 2
    assert (out / "index/dossier.html").is_file()
    assert (out / "index.html").read_text(encoding="utf-8").count('href="index/') == 5


def test_def_has_ontology_docs_and_context(site):
    out, _, _ = site
    doc = (out / "def/kamerld.html").read_text(encoding="utf-8")
    assert "<code>kld:Vraag</code>" in doc
    assert "schriftelijke vraag" in doc and "A question by an MP to the government." in doc
    assert len(rdflib.Graph().parse(out / "def/kamerld.nt", format="nt")) == 11
    assert json.loads((out / "def/context.jsonld").read_text())["@context"]["kld"].endswith("def#")
    assert not (out / "def/shapes.ttl").exists()
    # the ontology's own label replaces the built-in one on data pages
    page = (out / "doc/document/ah-tk-20242025-583/vraag/1.html").read_text(encoding="utf-8")
    assert "schriftelijke vraag / written question" in page


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
    assert downloads == [BASE + f"dumps/kamerld.{s}.gz" for s in ("jsonld", "nq", "nt", "ttl")]
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
    assert '"~*text/turtle" ".ttl";' in nginx and "add_header Vary Accept always;" in nginx
    assert '<$kld_name.nt>; rel=\\"alternate\\"; type=\\"application/n-triples\\"' in nginx
    htaccess = (out / "_server/.htaccess").read_text()
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


def test_nginx_rules_work_in_nginx(site, tmp_path):
    """Runs the generated config in a real nginx (skipped where nginx is not installed)."""
    import shutil
    import socket
    import subprocess
    import time
    import urllib.error
    import urllib.request

    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed; CI installs it (apt-get install nginx-light)")
        pytest.skip("nginx not installed")
    out, _, _ = site
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    conf = (out / "_server/nginx.conf").read_text().replace("listen 8080;", f"listen 127.0.0.1:{port};")
    if os.geteuid() == 0:  # workers would run as nobody and could not enter pytest's private tmp folder
        conf = "user root;\n" + conf
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(conf)
    cmd = [
        nginx,
        "-p",
        str(tmp_path),
        "-c",
        str(tmp_path / "nginx.conf"),
        "-e",
        str(tmp_path / "logs/error.log"),
        "-g",
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/logs/error.log;",
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    try:
        url = f"http://127.0.0.1:{port}/kamerld"
        for _ in range(50):
            if (tmp_path / "nginx.pid").exists():
                break
            time.sleep(0.1)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(f"{url}/id/document/ah-tk-20242025-583/vraag/1")
        assert redirect.value.code == 303
        assert redirect.value.headers["Location"].endswith("/kamerld/doc/document/ah-tk-20242025-583/vraag/1")
        for accept, ctype, fmt in (
            ("text/turtle", "text/turtle", "turtle"),
            ("application/ld+json", "application/ld+json", "json-ld"),
            ("application/n-triples", "application/n-triples", "nt"),
        ):
            req = urllib.request.Request(
                f"{url}/doc/document/ah-tk-20242025-583/vraag/1", headers={"Accept": accept}
            )
            with opener.open(req) as resp:
                assert resp.headers["Content-Type"].startswith(ctype)
                assert resp.headers["Vary"] == "Accept"
                assert '<1.ttl>; rel="alternate"; type="text/turtle"' in resp.headers["Link"]
                body = resp.read().decode("utf-8")
                if fmt == "json-ld":  # it names the published context: put the site's copy in
                    body = with_local_context(body, out)
                assert len(rdflib.Graph().parse(data=body, format=fmt)) == 13
        req = urllib.request.Request(
            f"{url}/doc/document/ah-tk-20242025-583/vraag/1", headers={"Accept": "text/html"}
        )
        with opener.open(req) as resp:
            assert Q583_1 in resp.read().decode("utf-8")
        req = urllib.request.Request(f"{url}/doc/document/ah-tk-20242025-583/vraag/1",
                                     headers={"Accept": "application/rdf+xml"})
        with opener.open(req) as resp:
            assert resp.headers["Content-Type"].startswith("application/rdf+xml")
            assert len(rdflib.Graph().parse(data=resp.read(), format="xml")) == 13
        # the vocabulary: {base}def (its terms are {base}def#term) negotiates; the context allows CORS
        req = urllib.request.Request(f"{url}/def", headers={"Accept": "text/turtle"})
        with opener.open(req) as resp:
            assert resp.headers["Content-Type"].startswith("text/turtle")
            onto = rdflib.Graph().parse(data=resp.read(), format="turtle")
            assert (rdflib.URIRef("https://w3id.org/kamerld/def#Vraag"), rdflib.RDFS.label, None) in onto
        with opener.open(f"{url}/def/context.jsonld") as resp:
            assert resp.headers["Access-Control-Allow-Origin"] == "*"
            assert json.loads(resp.read())["@context"]["kld"].endswith("def#")
        # a resource of the dataset's description: 303, and a page
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(f"{url}/id/dataset/kamerld")
        assert redirect.value.code == 303
        with opener.open(urllib.request.Request(f"{url}/doc/dataset/kamerld", headers={"Accept": "text/turtle"})) as r:
            assert len(rdflib.Graph().parse(data=r.read(), format="turtle")) > 20
        with pytest.raises(urllib.error.HTTPError) as hidden:
            opener.open(f"{url}/_store/CURRENT")
        assert hidden.value.code == 404
    finally:
        os.kill(int((tmp_path / "nginx.pid").read_text()), signal.SIGTERM)


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
    page = (doc / "vraag/1.html").read_text(encoding="utf-8")
    assert Q583_1 in page
    assert '<h2>Beantwoord in / Answered by</h2><ul><li><a href="../antwoord/1.html"' in page
    assert report.triples == len(input_triples(sorted((tmp_path / "rdf").glob("*.ttl"))))
