"""The registers as data: integrity of the TSV files, date logic and name normalisation."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from kamerld.registers import Registers, get_registers, split_name

REG = Path(__file__).resolve().parents[1] / "src" / "kamerld" / "registers"
VOCAB = Path(__file__).resolve().parents[2] / "shared" / "vocab" / "tooi-ministeries_extract.csv"
TOOI = "https://identifier.overheid.nl/tooi/id/ministerie/"


def _rows(name: str) -> list[dict[str, str]]:
    with open(REG / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_loaded_once_per_process() -> None:
    assert get_registers() is get_registers()


def test_summary_counts_every_register() -> None:
    s = Registers().summary()
    assert s["ministry_names"] == len(_rows("ministries.tsv")) == 36
    assert s["posts"] == len(_rows("posts.tsv")) == 97
    assert s["fracties"] == len(_rows("fracties.tsv")) == 80
    assert s["persons"] == len(_rows("persons.tsv"))
    assert s["memberships"] == len(_rows("memberships.tsv"))
    assert s["unresolved"] == 0


def test_every_tooi_uri_is_in_the_tooi_extract() -> None:
    if not VOCAB.exists():
        pytest.skip(f"shared vocab not found at {VOCAB}")
    with open(VOCAB, encoding="utf-8") as f:
        tooi = {r["uri"] for r in csv.DictReader(f)}
    ours = {r["uri"] for r in _rows("ministries.tsv") if r["tooi"] == "yes"}
    assert ours == tooi  # every ministry of the extract is in the register, and nothing more under TOOI
    for r in _rows("ministries.tsv"):
        if r["tooi"] == "no":
            assert r["uri"] == f"ministerie/{r['code']}"


def test_ministry_rows_do_not_overlap_per_name() -> None:
    rows = _rows("ministries.tsv")
    keys = {r["key"] for r in rows}
    for r in rows:
        for k in r["successors"].split("|") + r["predecessors"].split("|"):
            assert not k or k in keys, (r["key"], k)
        if r["begin"] and r["end"]:
            assert r["begin"] <= r["end"]


@pytest.mark.parametrize(
    ("text", "on", "uri", "name"),
    [
        ("EZK", date(2023, 5, 1), TOOI + "mnre1045", "ministerie van Economische Zaken en Klimaat"),
        (
            "Economische Zaken",
            date(2023, 5, 1),
            TOOI + "mnre1045",
            "ministerie van Economische Zaken en Klimaat",
        ),
        ("EZ", date(2025, 1, 15), TOOI + "mnre1045", "ministerie van Economische Zaken"),
        ("Economische Zaken", date(1991, 10, 16), TOOI + "mnre1040", "ministerie van Economische Zaken"),
        ("LNV", date(2023, 5, 1), TOOI + "mnre1153", "ministerie van Landbouw, Natuur en Voedselkwaliteit"),
        ("LNV", date(2005, 5, 1), TOOI + "mnre1150", "ministerie van Landbouw, Natuur en Voedselkwaliteit"),
        (
            "LVVN",
            date(2024, 9, 1),
            TOOI + "mnre1153",
            "ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur",
        ),
        ("Justitie", date(1990, 3, 1), TOOI + "mnre1058", "ministerie van Justitie"),
        ("JenV", date(2020, 3, 1), TOOI + "mnre1058", "ministerie van Justitie en Veiligheid"),
        (
            "ministerie van Justitie en Veiligheid",
            date(2024, 11, 1),
            TOOI + "mnre1058",
            "ministerie van Justitie en Veiligheid",
        ),
        (
            "Veiligheid en Justitie",
            date(2014, 1, 1),
            TOOI + "mnre1058",
            "ministerie van Veiligheid en Justitie",
        ),
        (
            "BZK",
            date(2024, 11, 1),
            TOOI + "mnre1034",
            "ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        ),
        (
            "Binnenlandse Zaken en Koninkrijksrelaties",
            None,
            TOOI + "mnre1034",
            "ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        ),
        (
            "Binnenlandse Zaken",
            date(1987, 1, 1),
            "ministerie/binnenlandse-zaken",
            "ministerie van Binnenlandse Zaken",
        ),
        (
            "VRO",
            date(2024, 11, 1),
            TOOI + "mnre1171",
            "ministerie van Volkshuisvesting en Ruimtelijke Ordening",
        ),
        (
            "Volkshuisvesting en Ruimtelijke Ordening",
            date(1980, 1, 1),
            "ministerie/volkshuisvesting-en-ruimtelijke-ordening-tot-1982",
            "ministerie van Volkshuisvesting en Ruimtelijke Ordening",
        ),
        ("IenM", date(2015, 1, 1), TOOI + "mnre1130", "ministerie van Infrastructuur en Milieu"),
        (
            "Verkeer en Waterstaat",
            date(1990, 8, 29),
            TOOI + "mnre0170",
            "ministerie van Verkeer en Waterstaat",
        ),
        ("AenM", date(2024, 11, 1), TOOI + "mnre1162", "ministerie van Asiel en Migratie"),
        ("KGG", date(2024, 11, 1), TOOI + "mnre1182", "ministerie van Klimaat en Groene Groei"),
        ("Fin", date(2024, 11, 1), TOOI + "mnre1090", "ministerie van Financiën"),
    ],
)
def test_ministry_by_name_and_date(text: str, on: date | None, uri: str, name: str) -> None:
    m = Registers().ministry(text, on)
    assert m is not None and (m.uri, m.name) == (uri, name)


def test_ministry_names_not_valid_on_the_date_are_misses() -> None:
    regs = Registers()
    assert regs.ministry("EZK", date(2025, 1, 1)) is None
    assert regs.ministry("Asiel en Migratie", date(2023, 1, 1)) is None
    assert regs.ministry("Justitie", date(2020, 1, 1)) is None
    assert regs.unresolved() == [
        ("ministry", "EZK"),
        ("ministry", "Asiel en Migratie"),
        ("ministry", "Justitie"),
    ]


def test_successors() -> None:
    regs = Registers()
    ezk = regs.ministry("EZK", date(2023, 1, 1))
    assert [m.uri for m in regs.successors(ezk)] == [TOOI + "mnre1045", TOOI + "mnre1182"]


@pytest.mark.parametrize(
    ("text", "on", "slugs"),
    [
        (
            "de minister van Binnenlandse Zaken en Koninkrijksrelaties",
            date(2023, 6, 1),
            ["minister-van-binnenlandse-zaken-en-koninkrijksrelaties"],
        ),
        (
            "de Ministers van Financiën en voor Buitenlandse Handel en Ontwikkelingshulp",
            date(2024, 11, 19),
            ["minister-van-financien", "minister-voor-buitenlandse-handel-en-ontwikkelingshulp"],
        ),
        (
            "de Ministers van Financiën en voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            date(2023, 3, 1),
            ["minister-van-financien", "minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking"],
        ),
        ("de staatssecretaris van Justitie", date(1992, 11, 25), ["staatssecretaris-van-justitie"]),
        ("de minister-president", date(2024, 11, 1), ["minister-president"]),
        (
            "de Minister en Staatssecretaris van BZK",
            date(2024, 11, 1),
            [
                "minister-van-binnenlandse-zaken-en-koninkrijksrelaties",
                "staatssecretaris-van-binnenlandse-zaken-en-koninkrijksrelaties",
            ],
        ),
        (
            "Minister voor Volkshuisvesting en Ruimtelijke Ordening",
            date(2023, 6, 1),
            ["minister-voor-volkshuisvesting-en-ruimtelijke-ordening"],
        ),
        (
            "minister van Volkshuisvesting en Ruimtelijke Ordening",
            date(2024, 11, 1),
            ["minister-van-volkshuisvesting-en-ruimtelijke-ordening-2024"],
        ),
        ("de minister voor Asiel en Migratie", date(2024, 11, 1), ["minister-van-asiel-en-migratie"]),
        (
            "de minister van Economische Zaken",
            date(1991, 10, 16),
            ["minister-van-economische-zaken"],
        ),
        ("de minister van Economische Zaken", date(2025, 1, 1), ["minister-van-economische-zaken-2024"]),
    ],
)
def test_posts_in_a_phrase(text: str, on: date, slugs: list[str]) -> None:
    assert [p.slug for p in Registers().posts(text, on)] == slugs


def test_post_of_a_role_with_a_portfolio() -> None:
    regs = Registers()
    post = regs.post("minister", "Asiel en Migratie", date(2024, 11, 18))
    assert post is not None and post.ministry is not None
    assert (post.slug, post.ministry.uri) == ("minister-van-asiel-en-migratie", TOOI + "mnre1162")
    post = regs.post("minister", "Klimaat en Energie", date(2023, 1, 1))
    assert post is not None and post.ministry is not None
    assert (post.slug, post.ministry.uri) == ("minister-voor-klimaat-en-energie", TOOI + "mnre1045")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("VVD", "vvd"),
        ("VVD-fractie", "vvd"),
        ("GroenLinks-PvdA", "groenlinks-pvda"),
        ("GL-PvdA", "groenlinks-pvda"),
        ("Partij voor de Dieren", "pvdd"),
        ("beiden CDA", "cda"),
        ("FVD", "fvd"),
        ("ChristenUnie", "christenunie"),
        ("Nieuw Sociaal Contract", "nsc"),
        ("D66", "d66"),
    ],
)
def test_fractie(text: str, slug: str) -> None:
    f = Registers().fractie(text, date(2024, 11, 18))
    assert f is not None and f.slug == slug


def test_fractie_by_date() -> None:
    regs = Registers()
    assert regs.fractie("PvdA", date(2024, 1, 1)) is not None  # kept: the name still appears, no guess
    assert regs.fractie("GroenLinks", date(1995, 1, 1)).slug == "groenlinks"
    assert regs.fractie("PPR", date(1985, 1, 1)).slug == "ppr"
    assert regs.fractie("Partij voor Zwaluwen", date(2024, 1, 1)) is None


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("Van der Plas", ("", "", "Van der Plas")),
        ("C.A. van der Plas", ("", "C.A.", "van der Plas")),
        ("Plas van der C.A.", ("", "C.A.", "van der Plas")),
        ("Plas, C.A. van der", ("", "C.A.", "van der Plas")),
        ("Caroline van der Plas", ("Caroline", "", "van der Plas")),
        ("DaniëlleJansen", ("Daniëlle", "", "Jansen")),
        ("Kostic ´", ("", "", "Kostic")),
    ],
)
def test_split_name(written: str, parts: tuple[str, str, str]) -> None:
    assert split_name(written) == parts


@pytest.mark.parametrize(
    "written",
    ["Van der Plas", "C.A. van der Plas", "Plas van der C.A.", "Caroline van der Plas", "van der Plas"],
)
def test_person_slug_is_one_per_person(written: str) -> None:
    p = Registers().person(written, on=date(2024, 11, 1))
    assert p is not None and p.slug == "caroline-van-der-plas"


def test_person_by_fractie_role_and_date() -> None:
    regs = Registers()
    on = date(2024, 11, 18)
    nsc = regs.fractie("NSC", on)
    assert regs.person("Jansen", fractie=nsc, on=on).slug == "danielle-jansen"
    assert (
        regs.person("Jansen", role="staatssecretaris", portfolio="Infrastructuur en Waterstaat", on=on).slug
        == "chris-jansen"
    )
    assert regs.person("Jansen", on=on) is None  # two fit: no guess
    assert (
        regs.person("Faber – Van de Klashorst", role="minister", on=on).slug
        == "marjolein-faber"
    )
    assert regs.person("Yeşilgöz", role="minister", on=date(2023, 1, 1)).slug == "dilan-yesilgoz-zegerius"
    assert regs.person("Yeşilgöz", role="minister", on=on) is None  # no longer minister
    assert [
        f.slug for f in regs.fracties_of(regs.person("Helder", fractie=regs.fractie("BBB"), on=on), on)
    ] == ["bbb"]
