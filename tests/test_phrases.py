"""The one phrase grammar: who asks, to whom, who answers, who speaks, in the forms of every era."""

from __future__ import annotations

import pytest

from kamerld.extraction.phrases import (
    parse_answerers,
    parse_askers,
    parse_posts,
    parse_signature,
    speaking_fracties,
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # today's Aanhangsel
        (
            "minister Van Weel (Justitie en Veiligheid), mede namens de minister van Asiel en Migratie",
            [("Van Weel", "minister", "Justitie en Veiligheid"), ("", "minister", "Asiel en Migratie")],
        ),
        # the 1970s and 1980s: the premier's post in the bracket
        (
            "Minister Den Uyl (Minister-President, Algemene Zaken)",
            [("Den Uyl", "minister-president", "Algemene Zaken")],
        ),
        # before the war: holder, then post; an acting minister holds the portfolio's own post
        (
            "den heer van der Leeuw, Minister van Onderwijs, Kunsten en Wetenschappen",
            [("van der Leeuw", "minister", "Onderwijs, Kunsten en Wetenschappen")],
        ),
        ("de Minister van Defensie a.i.", [("", "minister", "Defensie")]),
        ("de Minister van Financiën", [("", "minister", "Financiën")]),
    ],
)
def test_answerers(phrase: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(m.name, m.role, m.portfolio) for m in parse_answerers(phrase)]
    assert got == expected


def test_askers_with_fracties_in_brackets_and_shared_brackets() -> None:
    got = [
        (m.name, m.fractie) for m in parse_askers("Koekkoek (Volt), Van Nispen (SP) en Ceder (ChristenUnie)")
    ]
    assert got == [("Koekkoek", "Volt"), ("Van Nispen", "SP"), ("Ceder", "ChristenUnie")]
    got = [(m.name, m.fractie) for m in parse_askers("Krajenbrink en Vreugdenhil (beiden CDA)")]
    assert [n for n, _ in got] == ["Krajenbrink", "Vreugdenhil"]
    assert all("CDA" in f for _, f in got)


def test_posts_of_a_plural_phrase() -> None:
    assert parse_posts(
        "de Ministers van Asiel en Migratie, voor Buitenlandse Handel en Ontwikkelingshulp"
    ) == [
        ("minister", "van Asiel en Migratie"),
        ("minister", "voor Buitenlandse Handel en Ontwikkelingshulp"),
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("De leden van de VVD-fractie vragen of de regering …", ["VVD"]),
        ("De leden van de fracties van CDA en SGP vragen …", ["CDA", "SGP"]),
        ("Deze leden vragen voorts …", "same"),
        ("Vele leden waren van oordeel …", "group"),
        ("De regering antwoordt …", None),
    ],
)
def test_who_speaks_in_a_report_paragraph(paragraph: str, expected) -> None:
    assert speaking_fracties(paragraph) == expected


def test_holders_named_first_in_mede_namens_and_one_holder_of_two_posts():
    got = parse_answerers(
        "de heer Stikker, Minister van Buitenlandse Zaken, mede namens de heer Mansholt, Minister van "
        "Landbouw, Visserij en Voedselvoorziening"
    )
    assert [(m.name, m.portfolio) for m in got] == [
        ("Stikker", "Buitenlandse Zaken"),
        ("Mansholt", "Landbouw, Visserij en Voedselvoorziening"),
    ]
    got = parse_answerers("de heer Staf, Minister van Oorlog en van Marine")
    assert [(m.name, m.role, m.portfolio) for m in got] == [
        ("Staf", "minister", "Oorlog"),
        ("Staf", "minister", "Marine"),
    ]
    # a title, then the post: the Minister van Staat is no ministry of its own (attribution knows)
    got = parse_answerers("den heer Colijn, Minister van Staat, Minister van Defensie")
    assert [(m.name, m.portfolio) for m in got] == [("Colijn", "Staat"), ("Colijn", "Defensie")]


@pytest.mark.parametrize("tail,expected", [
    # before the 1940s a reply is signed by the surname alone, in capitals
    ("… het heeft dus rechtspersoonlijkheid.\nPOSTHUMA.\n", ("Posthuma", None, None)),
    ("De kosten zijn gering.\nB. ORT.", ("B. Ort", None, None)),
    # OCR joined the signature to the last paragraph
    ("… op deze zaak gevestigd. De Minister van Binnenlandsche Zaken, HEEMSKERK.",
     ("Heemskerk", "minister", "Binnenlandsche Zaken")),
    ("De Minister van Financiën,\nDE GEER.\n", ("De Geer", "minister", "Financiën")),
])  # fmt: skip
def test_signatures_of_a_historic_reply(tail, expected):
    m = parse_signature(tail, bare=True)
    assert (m.name, m.role, m.portfolio) == expected


@pytest.mark.parametrize("tail", [
    "NOTA NAAR AANLEIDING VAN HET VERSLAG.\n",  # a heading in capitals
    "Dat blijkt uit de cijfers van de OESO, NATO.",  # an acronym that ends a sentence
])  # fmt: skip
def test_capitals_that_are_no_signature(tail):
    assert parse_signature(tail, bare=True) is None


def test_a_bare_name_is_a_signature_only_in_a_reply():
    assert parse_signature("POSTHUMA.\n") is None
