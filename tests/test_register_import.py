"""The registers come from the open sources: the importer reproduces the committed files, and the
resolutions that matter (historic and modern names, same surnames, ministries across renames) hold."""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kamerld.errors import InputError
from kamerld.extraction.attribution import resolve_mention, resolve_org
from kamerld.model import Ministry, OrgMention, Person, PersonMention, Post
from kamerld.rdf.mapping import document_graph
from kamerld.registers import Registers
from kamerld.registers.importer import OUTPUTS, REGISTERS_DIR, build, stale

SOURCES = REPO.parent / "shared" / "registers-src"
TOOI = "https://identifier.overheid.nl/tooi/id/ministerie/"


def _sources() -> Path:
    if not SOURCES.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"register sources not found at {SOURCES}")
        pytest.skip(f"register sources not found at {SOURCES} (../shared/registers-src beside the repo)")
    return SOURCES


def _rows(name: str) -> list[dict[str, str]]:
    with open(REGISTERS_DIR / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_committed_registers_are_what_the_sources_build() -> None:
    assert stale(_sources(), REGISTERS_DIR) == [], (
        "run: kamerld registers --import-from ../shared/registers-src"
    )


def test_build_is_deterministic() -> None:
    src = _sources()
    assert build(src) == build(src)


def test_every_row_names_its_source() -> None:
    for name in OUTPUTS:
        for row in _rows(name):
            assert row["source"], (name, row)
    hand = [r for r in _rows("persons.tsv") if r["source"] == "hand"]
    assert [r["slug"] for r in hand] == [
        "heijne-makkreel",
        "jacqueline-van-den-hil",
        "krajenbrink",
        "vreugdenhil",
        "wiebenga",
    ]


def test_people_carry_their_identifiers() -> None:
    rows = {r["slug"]: r for r in _rows("persons.tsv")}
    wilders = rows["geert-wilders"]
    assert (wilders["tk_persoon_id"], wilders["wikidata"]) == (
        "6d33b9bc-7d3a-4a60-b2d7-c2b70cd11ab1",
        "Q105338",
    )
    assert rows["mark-rutte"]["parlement_id"] == "vg9fgoprkxw3"
    assert sum(bool(r["tk_persoon_id"]) for r in rows.values()) >= 798


def test_fractie_memberships_have_dates_from_tk_odata() -> None:
    ms = [r for r in _rows("memberships.tsv") if r["person"] == "geert-wilders" and r["kind"] == "fractie"]
    assert [(r["ref"], r["begin"], r["end"]) for r in ms] == [
        ("vvd", "1998-08-25", "2002-05-22"),
        ("vvd", "2002-07-26", "2004-09-01"),
        ("groep-wilders", "2004-09-02", "2006-11-29"),
        ("pvv", "2006-11-30", ""),
    ]
    assert "FractieZetelPersoon(e75d1c20-6980-4bc3-8174-8ba886a933cf)" in ms[0]["source"]


def test_a_post_is_labelled_for_its_date() -> None:
    # polder files Van Aardenne (1977) under "Minister van Economische Zaken en Klimaat"
    ms = [r for r in _rows("memberships.tsv") if r["person"] == "gijs-van-aardenne"]
    assert [(r["ref"], r["begin"], r["end"]) for r in ms] == [
        ("minister-van-economische-zaken", "1977-12-19", "1981-09-10"),
        ("minister-van-economische-zaken", "1982-11-04", "1986-07-13"),
    ]
    posts = {r["slug"]: r for r in _rows("posts.tsv")}
    assert posts["minister-van-economische-zaken"]["ministry"] == "ez-1"
    # a portfolio staatssecretaris sits in the post of the ministry, with the portfolio beside it
    [ach] = [r for r in _rows("memberships.tsv") if r["person"] == "nora-achahbar"]
    assert (ach["ref"], ach["portfolio"], ach["end"]) == (
        "staatssecretaris-van-financien",
        "Toeslagen en Douane",
        "2024-11-14",
    )


def test_ministries_have_tooi_codes_and_historic_versions() -> None:
    rows = {r["key"]: r for r in _rows("ministries.tsv")}
    assert (rows["justitie"]["uri"], rows["justitie"]["version"]) == (TOOI + "mnre1058", TOOI + "hv_04793043")
    # TOOI renamed VenJ on 2018-01-01; the cabinet that did it was sworn in on 2017-10-26
    assert (rows["venj"]["end"], rows["venj"]["tooi_end"]) == ("2017-10-25", "2017-12-31")
    assert rows["jenv"]["begin"] == "2017-10-26"
    # one preferred name per organisation, whatever version
    assert {r["label"] for r in rows.values() if r["uri"] == TOOI + "mnre1058"} == {"Justitie en Veiligheid"}


def test_document_types_come_from_the_tooi_list() -> None:
    rows = {r["kind"]: r for r in _rows("document_types.tsv")}
    assert rows["Brief"]["tooi_label"] == "brief"
    assert rows["Vergaderverslag"]["tooi_concept"].endswith("c_42e406dd")
    assert rows["Kamervragen"]["tooi_collection"] == "Kamervraag"


def test_a_missing_sources_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a register sources folder"):
        build(tmp_path)


@pytest.mark.parametrize(
    ("name", "role", "portfolio", "fractie", "on", "slug"),
    [
        ("Noote-boom", "staatssecretaris", "Financiën", None, date(1978, 5, 30), "adriaan-nooteboom"),
        ("Van Aardenne", "minister", "Economische Zaken", None, date(1985, 10, 16), "gijs-van-aardenne"),
        ("Gardeniers-Be-rendsen", "minister", None, None, date(1982, 6, 14), "til-gardeniers-berendsen"),
        ("Smit-Kroes", "staatssecretaris", None, None, date(1978, 8, 15), "neelie-kroes"),
        (
            "Lam-bers-Hacquebard",
            "staatssecretaris",
            "Volksgezondheid en Milieuhygiëne",
            None,
            date(1981, 11, 11),
            "ineke-lambers-hacquebard",
        ),
        (
            "Kraaijeveld-Wouters",
            "staatssecretaris",
            None,
            None,
            date(1980, 1, 1),
            "jeltien-kraaijeveld-wouters",
        ),
        (
            "Kraaijeveld-Wonters",
            "staatssecretaris",
            None,
            None,
            date(1980, 1, 1),
            "jeltien-kraaijeveld-wouters",
        ),
        (
            "Hirsch Ballin",
            "minister",
            "Nederlands-Antilliaanse en Arubaanse Zaken",
            None,
            date(1993, 8, 26),
            "ernst-hirsch-ballin",
        ),
        ("Van Weel", "minister", "Justitie en Veiligheid", None, date(2024, 11, 20), "david-van-weel"),
        ("Yeşilgöz", "minister", None, None, date(2023, 1, 1), "dilan-yesilgoz-zegerius"),
        ("Hertzberger", "lid", None, "NSC", date(2024, 11, 15), "rosanne-hertzberger"),
        ("Jansen", "lid", None, "NSC", date(2024, 11, 18), "danielle-jansen"),
        (
            "Jansen",
            "staatssecretaris",
            "Infrastructuur en Waterstaat",
            None,
            date(2024, 11, 18),
            "chris-jansen",
        ),
        # two De Graafs: the minister of 1982 and the PVV member of 2020
        ("De Graaf", "minister", "Sociale Zaken en Werkgelegenheid", None, date(1982, 6, 1), "louw-de-graaf"),
        ("De Graaf", "lid", None, "PVV", date(2020, 1, 15), "machiel-de-graaf"),
    ],
)
def test_exact_resolutions(name, role, portfolio, fractie, on, slug) -> None:
    m = PersonMention(name=name, role=role, portfolio=portfolio, fractie=fractie)
    resolve_mention(m, on)
    assert m.person is not None and (m.person.slug, m.person.local) == (slug, False)


@pytest.mark.parametrize(
    ("name", "on"),
    [("Jansen", date(2024, 11, 18)), ("Zijlstra", date(1985, 10, 16)), ("Kraaijeveld-Wonters", None)],
)
def test_ambiguous_or_unheld_names_are_not_guessed(name, on) -> None:
    m = PersonMention(name=name)
    resolve_mention(m, on)
    assert m.person.local


@pytest.mark.parametrize(
    ("text", "on", "post", "version"),
    [
        ("de minister van Justitie", date(1990, 3, 1), "minister-van-justitie", TOOI + "hv_04793043"),
        (
            "de minister van Veiligheid en Justitie",
            date(2014, 1, 1),
            "minister-van-veiligheid-en-justitie",
            TOOI + "hv_04795600",
        ),
        (
            "de minister van Justitie en Veiligheid",
            date(2017, 11, 1),
            "minister-van-justitie-en-veiligheid",
            None,
        ),
        (
            "de minister van Justitie en Veiligheid",
            date(2024, 11, 1),
            "minister-van-justitie-en-veiligheid",
            None,
        ),
    ],
)
def test_a_ministry_across_its_renames(text, on, post, version) -> None:
    [org] = resolve_org(OrgMention(text), on)
    assert org.post.slug == post
    assert (org.ministry.uri, org.ministry.version) == (TOOI + "mnre1058", version)
    assert org.ministry.label == "ministerie van Justitie en Veiligheid"


def test_rdf_one_label_for_a_ministry_and_exact_matches_for_a_person() -> None:
    from kamerld.model import Document, DocumentKind

    regs = Registers()
    doc = Document(id="t-1", kind=DocumentKind.BRIEF, source="x.txt", source_sha256="0" * 64)
    old = regs.ministry("Veiligheid en Justitie", date(2014, 1, 1))
    new = regs.ministry("Justitie en Veiligheid", date(2020, 1, 1))
    doc.addressees = [OrgMention("a", ministry=old), OrgMention("b", ministry=new)]
    doc.askers = [PersonMention("Wilders", person=regs.person("Wilders", on=date(2024, 1, 1)))]
    g = document_graph(doc)
    org = URIRef(TOOI + "mnre1058")
    assert list(g.objects(org, SKOS.prefLabel)) == [
        Literal("ministerie van Justitie en Veiligheid", lang="nl")
    ]
    assert g.value(URIRef(TOOI + "hv_04795600"), SKOS.prefLabel) == Literal(
        "ministerie van Veiligheid en Justitie", lang="nl"
    )
    wilders = URIRef("https://w3id.org/kamerld/id/persoon/geert-wilders")
    assert set(g.objects(wilders, SKOS.exactMatch)) == {
        URIRef(
            "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon(6d33b9bc-7d3a-4a60-b2d7-c2b70cd11ab1)"
        ),
        URIRef("http://www.wikidata.org/entity/Q105338"),
        URIRef("https://www.parlement.com/id/vg09llkg6xvb/"),
    }
    assert isinstance(old, Ministry) and isinstance(Person("x", "x"), Person) and Post


def test_coverage_per_register() -> None:
    cov = {r["register"]: r for r in Registers().coverage()}
    assert cov["persons"]["rows"] == len(_rows("persons.tsv"))
    assert cov["memberships"]["to"] == "open"
    assert int(cov["memberships"]["from"]) <= 1978
    assert "TOOI historic versions" in cov["ministries"]["detail"]


def test_one_preferred_label_per_resource_over_the_whole_corpus() -> None:
    """Merged like a dump, every register resource of every corpus document keeps one prefLabel per
    language; a local person never takes a register person's URI."""
    from collections import defaultdict

    from conftest import CORPUS

    from kamerld.batch.pipeline import read_documents
    from kamerld.rdf.mapping import document_triples
    from kamerld.sources import Source

    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    labels: dict = defaultdict(set)
    for p in sorted(CORPUS.rglob("*")):
        if p.suffix not in (".txt", ".xml", ".docx", ".pdf"):
            continue
        try:
            docs = read_documents(Source.from_path(p))
        except InputError:
            continue
        for d in docs:
            for s, pr, o in document_triples(d):
                if pr == SKOS.prefLabel:
                    labels[s].add((o.language, str(o)))
    assert len(labels) > 100
    assert {s: v for s, v in labels.items() if len({lang for lang, _ in v}) < len(v)} == {}
