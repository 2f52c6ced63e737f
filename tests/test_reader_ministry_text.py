"""MinistryTextReader on the eight tweedekamer.nl text exports of ministry DOCX letters.

Expected values were read off the documents by hand (/work/shared/corpus/txt-ministry-docx/).
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import CORPUS

from kamerld.errors import InputError, NoContentError
from kamerld.extraction.phrases import parse_askers, post_mentions
from kamerld.model import DocumentKind
from kamerld.readers import detect
from kamerld.readers.base import Fit
from kamerld.readers.ministry_text import MinistryTextReader
from kamerld.sources import Source
from kamerld.text.dates import vergaderjaar
from kamerld.text.ministry_blocks import question_numbers

TXT = CORPUS / "txt-ministry-docx"
READER = MinistryTextReader()


def read(name: str):
    if not TXT.is_dir():
        pytest.skip(f"shared corpus not found at {TXT}")
    docs = READER.read(Source.from_path(TXT / name))
    assert len(docs) == 1
    return docs[0]


# file, id, kind, AH number, zaak, received, questions, answers as (number, answers)
CASES = [
    ("AH601-2024Z17331.txt", "ah-tk-20242025-601", DocumentKind.ANTWOORD, "601", "2024Z17331",
     date(2024, 11, 20), ["1", "2", "3"], [("1", ["1"]), ("2", ["2"]), ("3", ["3"])]),
    ("AH604-2024Z18294.txt", "ah-tk-20242025-604", DocumentKind.ANTWOORD, "604", "2024Z18294",
     date(2024, 11, 20), [str(i) for i in range(1, 9)],
     [("1", ["1"]), ("2", ["2"]), ("3-4", ["3", "4"]), ("5", ["5"]), ("6", ["6"]), ("7", ["7"]),
      ("8", ["8"])]),
    ("AH608-2024Z14419.txt", "ah-tk-20242025-608", DocumentKind.ANTWOORD, "608", "2024Z14419",
     date(2024, 11, 19), [str(i) for i in range(1, 13)], [(str(i), [str(i)]) for i in range(1, 13)]),
    ("AH610-2024Z15078.txt", "ah-tk-20242025-610", DocumentKind.ANTWOORD, "610", "2024Z15078",
     date(2024, 11, 19), [str(i) for i in range(1, 8)], [(str(i), [str(i)]) for i in range(1, 8)]),
    ("AH612-2024Z15295.txt", "ah-tk-20242025-612", DocumentKind.ANTWOORD, "612", "2024Z15295",
     date(2024, 11, 19), [str(i) for i in range(1, 7)], [(str(i), [str(i)]) for i in range(1, 7)]),
    ("AH615-2024Z17538.txt", "ah-tk-20242025-615", DocumentKind.MEDEDELING, "615", "2024Z17538",
     date(2024, 11, 20), [], []),
    ("2024Z18885.txt", "kv-tk-2024Z18885", DocumentKind.KAMERVRAGEN, None, "2024Z18885",
     None, [str(i) for i in range(1, 8)], []),
    ("2024Z18891.txt", "kv-tk-2024Z18891", DocumentKind.KAMERVRAGEN, None, "2024Z18891",
     None, [str(i) for i in range(1, 7)], []),
]  # fmt: skip


@pytest.mark.parametrize("name,doc_id,kind,number,zaak,received,questions,answers", CASES)
def test_structure(name, doc_id, kind, number, zaak, received, questions, answers):
    doc = read(name)
    assert doc.id == doc_id, name
    assert doc.kind == kind
    assert doc.number == number
    assert doc.zaken == [zaak]
    assert doc.date_received == received
    assert doc.vergaderjaar == "2024-2025"
    assert doc.chamber == "TK"
    assert doc.reader == "ministry-text"
    assert [q.number for q in doc.questions] == questions
    assert [(a.number, a.answers) for a in doc.answers] == answers


@pytest.mark.parametrize(
    "name,answerers",
    [
        ("AH601-2024Z17331.txt", [("Faber - Van de Klashorst", "minister", "Asiel en Migratie")]),
        ("AH604-2024Z18294.txt", [("Van Weel", "minister", "Justitie en Veiligheid")]),
        (
            "AH608-2024Z14419.txt",
            [
                ("Van Hijum", "minister", "Sociale Zaken en Werkgelegenheid"),
                ("", "minister", "Justitie en Veiligheid"),
            ],
        ),
        ("AH610-2024Z15078.txt", [("Hermans", "minister", "Klimaat en Groene Groei")]),
        ("AH612-2024Z15295.txt", [("Keijzer", "minister", "Volkshuisvesting en Ruimtelijke Ordening")]),
        (
            "AH615-2024Z17538.txt",
            [("Rummenie", "staatssecretaris", "Landbouw, Visserij, Voedselzekerheid en Natuur")],
        ),
    ],
)
def test_answerers(name, answerers):
    doc = read(name)
    assert [(a.name, a.role, a.portfolio) for a in doc.answerers] == answerers
    assert doc.ministry is not None and doc.ministry.text == answerers[0][2]


def test_labels_as_printed():
    assert [q.label for q in read("AH608-2024Z14419.txt").questions][:2] == ["1.", "2."]
    assert read("AH608-2024Z14419.txt").answers[0].label == "Antwoord vraag 1"
    assert read("AH610-2024Z15078.txt").answers[0].label == "Antwoord"
    assert read("AH610-2024Z15078.txt").questions[0].label == "1"
    assert read("AH604-2024Z18294.txt").answers[2].label == "Antwoord op vraag 3 en 4"
    assert read("AH612-2024Z15295.txt").answers[4].label == "Antwoord 5"
    assert [q.label for q in read("2024Z18885.txt").questions] == [None] * 7


def test_texts_and_trailer():
    ah608 = read("AH608-2024Z14419.txt")
    assert ah608.answers[-1].text == "Ja."  # the "Toelichting:" after it belongs to no answer
    assert ah608.questions[0].text.startswith("Bent u bekend met de berichtgeving")
    assert "vraagnummer 2024Z14247" in ah608.text
    ah604 = read("AH604-2024Z18294.txt")
    assert ah604.answers[2].text.startswith("Gemeenten hebben de regie over hun eigen lokale aanpak PmG.")
    assert ah604.answers[2].text.endswith("waarin apart is ingegaan op de jongerenrechtbank.")
    assert read("AH612-2024Z15295.txt").answers[5].text == "Zie mijn antwoord op vraag 4."
    assert (
        read("AH610-2024Z15078.txt")
        .questions[6]
        .text.startswith("Kunt u een overzicht geven van de oliebehoefte")
    )


def test_see_also():
    assert read("AH608-2024Z14419.txt").see_also == ["ah-tk-20242025-247"]
    assert read("AH610-2024Z15078.txt").see_also == ["ah-tk-20242025-461"]
    assert read("AH612-2024Z15295.txt").see_also == ["ah-tk-20242025-507"]
    assert read("AH601-2024Z17331.txt").see_also == []


@pytest.mark.parametrize(
    "name,question,marker,text",
    [
        ("AH601-2024Z17331.txt", "1", "1", "Kamerstuk 19637, nr. 3203"),
        ("AH612-2024Z15295.txt", "1", "1", "Vereniging Eigen Huis, 8 oktober 2024, 'Vereniging Eigen Huis "
         "waarschuwt voor hoge kosten VvE's door Gasketelwet' (https://www.eigenhuis.nl/nieuws/"
         "vereniging-eigen-huis-waarschuwt-voor-hoge-kosten-vve-s-door-gasketelwet)."),
        ("2024Z18885.txt", "4", "1", "Eerste Kamer, 'Wet uitvoering verordening "
         "ontbossingsvrije grondstoffen "
         "en "
         "producten' (https://www.eerstekamer.nl/wetsvoorstel/36518_wet_uitvoering_verordening)"),
        ("2024Z18891.txt", "1", "1", "Pointer, 17 november 2024, Berucht escortbureau Nirvana kreeg "
         "vergunning "
         "ondanks voor mensenhandel veroordeelde oprichter (https://pointer.kro-ncrv.nl/berucht-escortbureau-"
         "nirvana-kreeg-vergunning-ondanks-voor-mensenhandel-veroordeelde-oprichter)."),
    ],
)  # fmt: skip
def test_footnote_attached_to_question_with_marker(name, question, marker, text):
    doc = read(name)
    owners = [(q.number, f.marker, f.text) for q in doc.questions for f in q.footnotes]
    assert owners == [(question, marker, text)]
    assert [f for a in doc.answers for f in a.footnotes] == []
    assert doc.footnotes == []
    # the note is not part of the last question or answer
    last = (doc.answers or doc.questions)[-1]
    assert text not in last.text


def test_no_footnotes_where_none_are_printed():
    for name in ("AH604-2024Z18294.txt", "AH608-2024Z14419.txt", "AH610-2024Z15078.txt"):
        doc = read(name)
        assert [f for x in (*doc.questions, *doc.answers) for f in x.footnotes] == [], name


def test_mededeling():
    doc = read("AH615-2024Z17538.txt")
    assert doc.uitstel_van == ["kv-tk-2024Z17538"]
    assert [(p.name, p.fractie, p.role) for p in doc.askers] == [
        ("Gabriëls", "GroenLinks-PvdA", "lid"),
        ("Bromet", "GroenLinks-PvdA", "lid"),
    ]
    assert [o.text for o in doc.addressees] == [
        "minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "staatssecretaris van Infrastructuur en Waterstaat",
    ]
    assert "niet binnen de gebruikelijke termijn van drie weken" in doc.text


def test_question_letters():
    podt = read("2024Z18885.txt")
    assert podt.date_submitted == date(2024, 11, 20)
    assert [(p.name, p.fractie) for p in podt.askers] == [("Podt", "D66")]
    assert [o.text for o in podt.addressees] == [
        "staatssecretaris van Landbouw, Visserij, Voedselzekerheid en Natuur"
    ]
    assert podt.title == (
        "Vragen van het lid Podt (D66) aan de staatssecretaris van Landbouw, Visserij, Voedselzekerheid en "
        "Natuur over de Ontbossingswet"
    )
    assert podt.questions[-1].text == "Kunt u deze vragen voor de start van de trilogen beantwoorden?"
    tseggai = read("2024Z18891.txt")
    assert [(p.name, p.fractie) for p in tseggai.askers] == [("Tseggai", "GroenLinks-PvdA")]
    assert [o.text for o in tseggai.addressees] == ["minister van Justitie en Veiligheid"]


def test_sniff_all_corpus_texts_and_detect():
    if not TXT.is_dir():
        pytest.skip(f"shared corpus not found at {TXT}")
    files = sorted(TXT.glob("*.txt"))
    assert len(files) >= 10
    for f in files:
        assert READER.sniff(Source.from_path(f)) == Fit.LAYOUT, f.name
    koop = CORPUS / "txt-koop-pdf" / "kv-tk-2024Z18775.txt"
    assert READER.sniff(Source.from_path(koop)) == Fit.NO  # the KOOP publication layout is not ours


def test_detect_picks_ministry_text():
    if not TXT.is_dir():
        pytest.skip(f"shared corpus not found at {TXT}")
    assert detect(Source.from_path(TXT / "AH604-2024Z18294.txt")).name == "ministry-text"


def test_signature_removed_from_last_answer():
    text = (
        "AH 1\n2024Z00001\n"
        "Antwoord van minister Van Weel (Justitie en Veiligheid) (ontvangen 3 oktober 2024)\n\n"
        "Vraag 1\nKent u het bericht?\n\nAntwoord op vraag 1\nJa.\n\n"
        "De Minister van Justitie en Veiligheid,\n\nD.M. van Weel\n"
    )
    doc = READER.read(Source.from_text(text, "letter.txt"))[0]
    assert doc.answers[0].text == "Ja."
    assert doc.id == "ah-tk-20242025-1"


def test_no_blocks_is_no_content_and_empty_is_input_error():
    with pytest.raises(NoContentError, match="no questions, answers or mededeling"):
        READER.read(Source.from_text("AH 5\n2024Z00001\nZomaar wat tekst.\n", "x.txt"))
    with pytest.raises(InputError, match="empty"):
        READER.read(Source.from_text("  \n", "empty.txt"))


@pytest.mark.parametrize(
    "day,expected",
    [(date(2024, 9, 16), "2023-2024"), (date(2024, 9, 17), "2024-2025"), (date(2024, 11, 20), "2024-2025"),
     (date(2025, 1, 1), "2024-2025"), (date(2023, 9, 19), "2023-2024"), (date(2023, 9, 18), "2022-2023")],
)  # fmt: skip
def test_vergaderjaar_starts_on_prinsjesdag(day, expected):
    assert vergaderjaar(day) == expected


def test_small_grammars():
    # the one phrase grammar reads the letters' lists of members and posts
    members = parse_askers("Mutluer, Lahlah (GroenLinks-PvdA), Boswijk (CDA) en Helder (BBB)")
    assert [(m.name, m.fractie) for m in members] == [
        ("Mutluer", "GroenLinks-PvdA"), ("Lahlah", "GroenLinks-PvdA"), ("Boswijk", "CDA"), ("Helder", "BBB")
    ]  # fmt: skip
    posts = post_mentions("de minister van Justitie en Veiligheid en van Landbouw, Natuur")
    assert [o.text for o in posts] == [
        "minister van Justitie en Veiligheid", "minister van Landbouw, Natuur"
    ]  # fmt: skip
    assert question_numbers("4, 5, 6 en 7") == ["4", "5", "6", "7"]
    assert question_numbers("7, 8, en 9") == ["7", "8", "9"]
    assert question_numbers("2 t/m 4") == ["2", "3", "4"]
