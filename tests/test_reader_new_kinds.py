"""The kinds the one text path reads, on real documents: Algemene Rekenkamer letters, historic OCR of
every era and kind, web pages, and the modern Kamerstukken made from layouts.md.

Two sorts of tests. The table runs the gold scorer on documents of the half we develop against and
asserts, field by field, that kamerld finds exactly what the gold (written by reading the document)
says: every question by its first words, every answer and the questions it answers, the askers,
fracties and citation targets. The explicit tests below spell out exact values for one document of
each kind.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date

import pytest
from conftest import CORPUS, REPO

from kamerld.batch.pipeline import read_documents
from kamerld.model import DocumentKind
from kamerld.sources import Source

_spec = importlib.util.spec_from_file_location("score_gold", REPO / "scripts" / "score_gold.py")
score_gold = importlib.util.module_from_spec(_spec)
sys.modules["score_gold"] = score_gold
_spec.loader.exec_module(score_gold)

Q, A, L = "questions", "answers", "answer_links"
# gold file -> the fields that must match the gold exactly (dev half only: we tune on these)
EXACT = {
    "corpus/txt-rekenkamer-answer-letter/ar-2023-06-06-beantwoording-vragen-tweede-kamer-over-de-resultaten"
    "-verantwoordingso.txt.json": [Q, A, L, "answerers", "kind", "dates"],
    "corpus/txt-rekenkamer-answer-letter/ar-2012-02-13-beantwoording-kamervragen-over-het-rapport-kosten"
    "-jeugdbescherming-en.txt.json": [Q, "citation_targets", "kind", "dates"],
    "corpus/txt-sgd-ocr/tk-ah-kv-onbekend-sgd0000098740.txt.json": [
        Q,
        A,
        L,
        "askers",
        "fracties",
        "answerers",
        "ministries",
        "citation_targets",
        "id",
        "dates",
    ],
    "corpus/txt-sgd-ocr/tk-ah-kv-1977-1978-sgd0000181537.txt.json": [
        Q,
        A,
        L,
        "askers",
        "fracties",
        "answerers",
        "ministries",
        "id",
        "dates",
    ],
    "corpus/txt-sgd-ocr/xx-ah-onbekend-sgd0000083877.txt.json": [
        Q,
        A,
        L,
        "askers",
        "fracties",
        "answerers",
        "citation_targets",
        "id",
        "dates",
    ],
    "corpus/txt-sgd-ocr/tk-aanhangsel-923-1975-sgd0000200039.txt.json": [Q, A, L, "askers", "fracties", "id"],
    "corpus/txt-sgd-ocr/ek-aanhangsel-vragen-art83-sgd0000210420.txt.json": [Q, A, L, "askers", "fracties"],
    "corpus/txt-sgd-ocr/xx-kv-onbekend-sgd0000200768.txt.json": [Q, A, L, "askers", "fracties", "answerers"],
    "corpus/txt-sgd-ocr/tk-kst-22396-22-lijst-van-vragen-en-antwoorden-1992-1993.txt.json": [
        Q,
        A,
        "addressees",
        "citation_targets",
        "kind",
        "id",
        "dates",
    ],
    "corpus/txt-sgd-ocr/tk-nnav-274-5-1918-sgd0000327308.txt.json": [Q, A, "kind"],
    "corpus/txt-sgd-ocr/xx-nnav-1967-1968-sgd0000239067.txt.json": [Q, A, L, "kind", "dates"],
    "corpus/html-tk-website/2015D04817.html.json": ["kind", "id", "chamber", "dates"],
    "corpus/pdf-tk/besluitenlijst_example3.pdf.json": ["citation_targets", "kind", "dates"],
    "made/lvva-tk-2023-vraag-antwoord-chapters.txt.json": [
        Q,
        A,
        L,
        "addressees",
        "ministries",
        "kind",
        "id",
        "dates",
    ],
    "made/vso-tk-2024-per-fractie.txt.json": [
        Q,
        A,
        L,
        "fracties",
        "addressees",
        "ministries",
        "citation_targets",
        "kind",
        "id",
        "dates",
    ],
    "made/mva-ek-2023.txt.json": [
        Q,
        A,
        L,
        "fracties",
        "answerers",
        "ministries",
        "citation_targets",
        "kind",
        "id",
    ],
    "made/openkamer-kamervraag-2019.html.json": [
        Q,
        A,
        L,
        "askers",
        "fracties",
        "ministries",
        "kind",
        "id",
        "dates",
    ],
    "made/tk-website-lvva-2016.txt.json": [
        Q,
        "addressees",
        "ministries",
        "citation_targets",
        "kind",
        "dates",
    ],
}


@pytest.mark.parametrize("rel", sorted(EXACT))
def test_matches_the_gold_exactly(rel):
    gold = json.loads((score_gold.GOLD / rel).read_text(encoding="utf-8"))
    assert score_gold.split()[gold["source"]] == "dev"
    path = score_gold.source_path(gold["source"])
    if not path.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    res = score_gold.score_file(gold, score_gold.read(path))
    for field in EXACT[rel]:
        items = res[field]
        assert (items.missed, items.extra) == ([], []), (field, items)
        assert items.gold == items.hits == items.pred, field


def _read(rel: str):
    path = CORPUS / rel if not rel.startswith("tests/") else REPO / rel
    if not path.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return read_documents(Source.from_path(path))


def test_rekenkamer_letter_flattened_to_one_line():
    [doc] = _read(
        "txt-rekenkamer-answer-letter/ar-2016-06-20-beantwoording-kamervragen-over-het-rapport-aanpak"
        "-van-laaggeletterdhe.txt"
    )
    assert (doc.kind, doc.chamber, doc.date) == (DocumentKind.ANTWOORD, "TK", date(2016, 6, 20))
    assert [q.number for q in doc.questions] == [str(i) for i in range(1, 18)]
    assert doc.questions[2].text == (
        "Welke andere landen staan er in de top-drie van OESO-landen met de minste laaggeletterden?"
    )
    # each unlabelled answer follows its question; its footnote marker has left the text
    assert [(a.number, a.answers) for a in doc.answers][:3] == [("1", ["1"]), ("2", ["2"]), ("3", ["3"])]
    assert doc.answers[2].text.startswith("Op nummer 1 staat Japan.")
    assert [f.text for f in doc.questions[2].footnotes] == [
        "OESO: Organisatie voor Economische Samenwerking en Ontwikkeling."
    ]
    assert [(p.name, p.portfolio) for p in doc.answerers] == [
        ("Visser", "president"),
        ("Van Schoten", "secretaris"),
    ]
    assert {c.target for c in doc.citations} >= {"document/kst-28760-56"}
    # the running heads of the pages are furniture, not answer text
    assert all("Antwoorden Algemene Rekenkamer op vragen over rapport" not in a.text for a in doc.answers)


def test_historic_page_with_two_items_and_roman_numbers():
    docs = _read("txt-sgd-ocr/tk-ah-onbekend-sgd0000294090.txt")
    assert [(d.number, d.kind) for d in docs] == [
        ("115", DocumentKind.ANTWOORD),
        ("116", DocumentKind.ANTWOORD),
    ]
    first, second = docs
    assert [(p.name, p.fractie) for p in first.askers] == [("Kersten", None)]
    assert (first.date_submitted, first.date_received) == (date(1928, 2, 2), date(1928, 3, 1))
    # one unnumbered question paragraph, answered point by point
    assert [q.text[:41] for q in first.questions] == ["Is het den Minister bekend, dat te Zwolle"]
    assert [a.answers for a in first.answers] == [["1"]] * len(first.answers) and len(first.answers) >= 4
    # "I.", "II.", "III." questions
    assert [q.label for q in second.questions] == ["I.", "II.", "III."]
    assert [(a.name, a.role, a.portfolio) for a in second.answerers] == [("Donner", "minister", "Justitie")]


def test_multi_document_bijlagen_page():
    docs = _read("txt-sgd-ocr/ek-vv-onbekend-sgd0000075561.txt")
    assert [d.kind for d in docs] == [
        DocumentKind.VOORLOPIG_VERSLAG,
        DocumentKind.EINDVERSLAG,
        DocumentKind.MEMORIE_VAN_ANTWOORD,
    ]
    assert all(d.chamber == "EK" and d.vergaderjaar == "1946-1947" for d in docs)
    assert docs[0].questions[0].text.startswith("Bij de overweging van dit ontwerp van wet in de afdelingen")


def test_koop_html_page():
    [doc] = _read("tests/data/made/koop-ah-2024.html")
    assert (doc.id, doc.kind, doc.vergaderjaar, doc.number) == (
        "ah-tk-20232024-1187",
        DocumentKind.ANTWOORD,
        "2023-2024",
        "1187",
    )
    assert (doc.date_submitted, doc.date_received) == (date(2024, 2, 8), date(2024, 3, 14))
    assert [(p.name, p.fractie) for p in doc.askers] == [
        ("Kröger", "GroenLinks-PvdA"),
        ("Bikker", "ChristenUnie"),
    ]
    assert [q.number for q in doc.questions] == ["1", "2", "3", "4", "5", "6"]
    assert [(a.number, a.answers) for a in doc.answers] == [
        ("1", ["1"]),
        ("2-3", ["2", "3"]),
        ("4", ["4"]),
        ("5", ["5"]),
        ("6", ["6"]),
    ]
    assert [f.marker for f in doc.questions[0].footnotes] == ["1"]
    assert doc.see_also == ["ah-tk-20232024-1012"]
    targets = {c.target for c in doc.citations} | {c.target for a in doc.answers for c in a.citations}
    assert {"document/kst-30196-823", "document/stb-2023-412"} <= targets
    # the page's chrome (navigation, search form, sidebar) is not in the document
    assert "Kruimelpad" not in (doc.text or "") and "Zoeken in officiële bekendmakingen" not in (
        doc.text or ""
    )


def test_verslag_schriftelijk_overleg_answers_per_fractie():
    [doc] = _read("tests/data/made/vso-tk-2024-per-fractie.txt")
    assert (doc.id, doc.kind, doc.date, doc.date_submitted) == (
        "kst-21501-32-1652",
        DocumentKind.VERSLAG_SO,
        date(2024, 11, 14),
        date(2024, 11, 7),
    )
    assert [q.fractie for q in doc.questions] == ["GroenLinks-PvdA"] * 3 + ["VVD"] * 2 + ["NSC"] * 2 + ["BBB"]
    # part II answers each fractie's questions in order
    assert [a.answers for a in doc.answers] == [[f"p{i}"] for i in range(1, 9)]
    assert [a.text for a in doc.addressees] == ["minister van Landbouw, Visserij, Voedselzekerheid en Natuur"]


def test_a_committees_list_of_questions_before_the_answers():
    # 1984: "LIJST VAN VRAGEN" without answers; only question 1 kept its margin number in the OCR
    [doc] = _read("txt-sgd-ocr/tk-lvva-onbekend-sgd0000134940.txt")
    assert (doc.id, doc.kind, doc.date) == (
        "kst-17370-4",
        DocumentKind.LIJST_VRAGEN_ANTWOORDEN,
        date(1984, 4, 19),
    )
    assert [q.number for q in doc.questions] == ["1", "p1", "p2", "p3", "p4"]
    assert doc.questions[1].text.startswith("Is de joint-venture tussen Philips")  # its "a." is the list's
    assert doc.answers == []
    # the committee's members are a footnote, though OCR read its marker as "'"
    assert not any("Samenstelling" in q.text for q in doc.questions)


def test_bijlagen_head_numbers_and_a_committee_intro():
    [mva] = _read("txt-sgd-ocr/tk-mva-495-5-1948-sgd0000081195.txt")
    assert (mva.id, mva.dossiers, mva.number) == ("kst-495-5", ["495"], "5")
    # 1987: the committee's sentence that questions were asked is no question itself
    [vso] = _read("txt-sgd-ocr/tk-vso-20499-3-1987-1988-sgd0000104925.txt")
    assert vso.questions == []


def test_answers_to_several_questions_at_once_and_the_margin_label():
    first, second = _read("txt-sgd-ocr/tk-ah-onbekend-sgd0000298672.txt")
    # 1926: the page prints no zitting; the questions were sent in April 1926, in zitting 1925-1926
    assert [(d.id, d.vergaderjaar) for d in (first, second)] == [
        ("ah-tk-19251926-119", "1925-1926"),
        ("ah-tk-19251926-120", "1925-1926"),
    ]
    # "Ad 1, 2 en 3." and "Ad 4."
    assert [(a.label, a.answers) for a in first.answers] == [
        ("Ad 1, 2 en 3.", ["1", "2", "3"]),
        ("Ad 4.", ["4"]),
    ]
    assert [a.answers for a in second.answers] == [["1"], ["2"], ["3"], ["4"], ["5"]]
    # 1986: "Antwoord" in the margin above "Antwoord van minister De Korte …" is no answer of its own
    [doc] = _read("txt-sgd-ocr/tk-ah-kv-onbekend-sgd0000115487.txt")
    assert [a.number for a in doc.answers] == ["1"]
    assert doc.answers[0].text.startswith("De verbruikersprijzen van de belangrijkste aardolieprodukten")


def test_a_committees_letter_asks_by_its_request(tmp_path):
    text = (
        "Tweede Kamer der Staten-Generaal\n2\nVergaderjaar 2023-2024\n36 123\nGehandicaptenbeleid\nNr. 4\n"
        "VERSLAG VAN EEN SCHRIFTELIJK OVERLEG\nVastgesteld 2 maart 2024\n"
        "De vaste commissie voor Volksgezondheid, Welzijn en Sport heeft zich op 16 januari 2024 tot de "
        "Minister van Volksgezondheid, Welzijn en Sport gewend met de volgende brief.\n\n"
        "In de commissie bestaat grote behoefte aan een algemeen overleg over de voortgang van het beleid. "
        "Gaarne richt zij tot u het verzoek om als grondslag voor dat overleg een beleidsnotitie te doen "
        "opstellen.\n\n"
        "De voorzitter van de commissie,\nSmit\n"
    )
    path = tmp_path / "vso.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = read_documents(Source.from_path(path))
    assert doc.kind == DocumentKind.VERSLAG_SO
    assert [(q.number, q.fractie, q.text[:33]) for q in doc.questions] == [
        ("p1", None, "In de commissie bestaat grote beh")
    ]


def test_the_zitting_of_a_day_before_the_war():
    from kamerld.extraction.ids import zitting_of

    # Prinsjesdag 1924 was Tuesday 16 September
    assert [zitting_of(date(1924, 9, d)) for d in (15, 16)] == ["1923-1924", "1924-1925"]
    assert zitting_of(date(1924, 8, 11)) == "1923-1924"
    assert zitting_of(date(1946, 4, 1)) is None  # the irregular zittingen after the war print theirs


def test_the_record_of_a_sitting_by_its_number_and_day():
    [doc] = _read("txt-sgd-ocr/xx-kv-onbekend-sgd0000245431.txt")
    assert (doc.kind, doc.id, doc.number, doc.date) == (
        DocumentKind.HANDELINGEN,
        "h-tk-19651966-10",
        "10",
        date(1965, 10, 26),
    )
    # a page that names no chamber gets no Handelingen id (never a guessed "tk")
    [doc] = _read("txt-sgd-ocr/xx-kv-onbekend-sgd0000210883.txt")
    assert (doc.number, doc.date, doc.chamber) == ("51", date(1973, 6, 21), None)
    assert not doc.id.startswith("h-")
