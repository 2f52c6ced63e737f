"""KOOP PDF text (kv-tk / ah-tk) on the real corpus. Expected values were read off the documents."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import CORPUS

from kamerld.extraction.phrases import parse_askers, parse_posts
from kamerld.extraction.qa import question_numbers as expand_numbers
from kamerld.model import DocumentKind
from kamerld.readers.base import Fit
from kamerld.readers.text import KoopTextReader
from kamerld.sources import Source
from kamerld.text.dates import find_marked_date, parse_dutch_date

KOOP = CORPUS / "txt-koop-pdf"
READER = KoopTextReader()


def read(name: str):
    path = KOOP / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"shared corpus not found at {KOOP}")
    docs = READER.read(Source.from_path(path))
    assert len(docs) == 1
    return docs[0]


def footnotes_by_block(doc) -> dict[str, list[str]]:
    out = {f"Q{q.number}": [f.marker for f in q.footnotes] for q in doc.questions if q.footnotes}
    out.update({f"A{a.number}": [f.marker for f in a.footnotes] for a in doc.answers if a.footnotes})
    return out


# name, id, kind, n questions, grouped answers {number: answers}, askers, addressees, submitted, received,
# see_also, footnotes per block
CASES = [
    ("ah-tk-20242025-583", DocumentKind.ANTWOORD, 20, {},
     [("Koekkoek", "Volt"), ("Van Nispen", "SP"), ("Ceder", "ChristenUnie")],
     ["minister van Asiel en Migratie", "minister voor Buitenlandse Handel en Ontwikkelingshulp",
      "minister van Buitenlandse Zaken"],
     date(2024, 9, 20), date(2024, 11, 18), ["ah-tk-20242025-244"],
     {"Q1": ["1"], "A3": ["2"], "A5": ["3", "4"], "A8": ["5"], "A9": ["6"], "Q17": ["7"], "A18": ["8"]}),
    ("ah-tk-20242025-575", DocumentKind.ANTWOORD, 9, {"4-5": ["4", "5"]}, [("Boswijk", "CDA")],
     ["minister van Buitenlandse Zaken"], date(2024, 10, 24), date(2024, 11, 18), [],
     {"Q1": ["1"], "A4-5": ["2"]}),
    ("ah-tk-20242025-584", DocumentKind.ANTWOORD, 7, {"2-3": ["2", "3"], "5-6": ["5", "6"]},
     [("Martens-America", "VVD")], ["minister van Onderwijs, Cultuur en Wetenschap"],
     date(2024, 9, 27), date(2024, 11, 18), ["ah-tk-20242025-337"], {"Q1": ["1"], "A2-3": ["2"]}),
    ("ah-tk-20242025-592", DocumentKind.ANTWOORD, 17, {"13-14": ["13", "14"]}, [("Koekkoek", "Volt")],
     ["minister van Buitenlandse Zaken", "minister van Justitie en Veiligheid",
      "minister van Asiel en Migratie"],
     date(2024, 9, 12), date(2024, 11, 18), [], {"Q1": ["1"], "A5": ["2"], "A9": ["3"]}),
    ("ah-tk-20242025-546", DocumentKind.ANTWOORD, 6, {},
     [("Van Nispen", "SP"), ("Lahlah", "GroenLinks-PvdA")], ["staatssecretaris van Justitie en Veiligheid"],
     date(2024, 10, 24), date(2024, 11, 14), [], {"Q1": ["1"], "A5": ["2", "3", "4"]}),
    ("ah-tk-20242025-571", DocumentKind.ANTWOORD, 24, {}, [("Kostić", "PvdD")],
     ["minister van Landbouw, Natuur en Voedselkwaliteit", "minister van Justitie en Veiligheid"],
     date(2024, 6, 24), date(2024, 11, 18), ["ah-tk-20232024-2161"],
     {"Q1": ["1"], "A4": ["2"], "A23": ["3"]}),
    ("ah-tk-20242025-578", DocumentKind.ANTWOORD, 16, {}, [("Westerveld", "GroenLinks-PvdA")],
     ["staatssecretaris van Volksgezondheid, Welzijn en Sport"], date(2024, 9, 30), date(2024, 11, 18),
     ["ah-tk-20242025-344"], {"Q1": ["1"], "Q2": ["2"], "Q3": ["3"]}),
    ("ah-tk-20242025-594", DocumentKind.ANTWOORD, 11, {}, [("Daniëlle Jansen", "Nieuw Sociaal Contract")],
     ["minister van Volksgezondheid, Welzijn en Sport"], date(2024, 10, 30), date(2024, 11, 19), [],
     {"Q1": ["1"], "A9": ["2"], "A10": ["3"]}),
    ("ah-tk-20242025-586", DocumentKind.ANTWOORD, 5, {}, [("Postma", "Nieuw Sociaal Contract")],
     ["minister van Klimaat en Groene Groei", "minister van Sociale Zaken en Werkgelegenheid",
      "staatssecretaris van Infrastructuur en Waterstaat"], date(2024, 10, 3), date(2024, 11, 18),
     ["ah-tk-20242025-393"], {"Q1": ["1"], "A5": ["2"]}),
    ("ah-tk-20242025-562", DocumentKind.MEDEDELING, 9, {},
     [("Van den Hil", "VVD"), ("Bikker", "ChristenUnie")],
     ["staatssecretaris van Volksgezondheid, Welzijn en Sport"], date(2024, 10, 25), date(2024, 11, 15), [],
     {"Q1": ["1"], "Q3": ["2", "3"]}),
    ("kv-tk-2024Z18559", DocumentKind.KAMERVRAGEN, 73, {},
     [("Kathmann", "GroenLinks-PvdA"), ("El Abassi", "DENK")],
     ["minister van Justitie en Veiligheid", "minister van Binnenlandse Zaken en Koninkrijksrelaties",
      "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"], date(2024, 11, 15), None, [],
     {"Q12": ["1"], "Q22": ["2", "3"], "Q23": ["4"], "Q33": ["5"], "Q45": ["6"], "Q49": ["7"]}),
    ("kv-tk-2024Z18792", DocumentKind.KAMERVRAGEN, 5, {}, [("Boswijk", "CDA")],
     ["minister van Financiën", "minister voor Buitenlandse Handel en Ontwikkelingshulp"],
     date(2024, 11, 19), None, [], {"Q1": ["1"], "Q3": ["2"]}),
    ("kv-tk-2024Z18659", DocumentKind.KAMERVRAGEN, 14, {},
     [("Slagt-Tichelman", "GroenLinks-PvdA"), ("Piri", "GroenLinks-PvdA")],
     ["minister van Asiel en Migratie", "minister van Volksgezondheid, Welzijn en Sport"],
     date(2024, 11, 18), None, [], {"Q1": ["1", "2"], "Q13": ["3", "4"]}),
]


@pytest.mark.parametrize(
    "name,kind,nq,grouped,askers,addressees,submitted,received,see_also,fns", CASES, ids=[c[0] for c in CASES]
)
def test_corpus_document(name, kind, nq, grouped, askers, addressees, submitted, received, see_also, fns):
    doc = read(name)
    assert doc.id == name
    assert doc.kind == kind
    assert doc.chamber == "TK" and doc.vergaderjaar == "2024-2025"
    assert [q.number for q in doc.questions] == [str(i) for i in range(1, nq + 1)]
    assert [(p.name, p.fractie, p.role) for p in doc.askers] == [(n, f, "lid") for n, f in askers]
    assert [a.text for a in doc.addressees] == addressees
    assert doc.date_submitted == submitted
    assert doc.date_received == received
    assert doc.date == (received if name.startswith("ah") else submitted)
    assert doc.see_also == see_also
    assert footnotes_by_block(doc) == fns
    assert doc.footnotes == []
    if kind == DocumentKind.ANTWOORD:
        expected = [str(i) for i in range(1, nq + 1)]
        for number, answers in grouped.items():
            for n in answers:
                expected.remove(n)
            expected.append(number)
        assert sorted(a.number for a in doc.answers) == sorted(expected)
        assert {a.number: a.answers for a in doc.answers if len(a.answers) > 1} == grouped
        assert all(a.answers == [a.number] for a in doc.answers if a.number not in grouped)
    else:
        assert doc.answers == []
    # every question carries the header's askers and addressees
    for q in doc.questions:
        assert [(p.name, p.fractie) for p in q.askers] == askers
        assert [a.text for a in q.addressees] == addressees
    # markers and page furniture are gone from the texts
    for block in doc.questions + doc.answers:
        assert "ISSN" not in block.text and "Aanhangsel 1" not in block.text and name not in block.text


def test_583_header_and_answerers():
    doc = read("ah-tk-20242025-583")
    assert doc.number == "583"
    assert doc.title.startswith("het artikel «The brutal truth behind Italy’s migrant reduction")
    assert [(p.name, p.role, p.portfolio) for p in doc.answerers] == [
        ("Faber-Van de Klashorst", "minister", "Asiel en Migratie"),
        ("", "minister", "Buitenlandse Handel en Ontwikkelingshulp"),
        ("", "minister", "Buitenlandse Zaken"),
    ]
    assert all(a.answerer.name == "Faber-Van de Klashorst" for a in doc.answers)
    assert {q.fractie for q in doc.questions} == {None}  # three fracties: no single one
    fn = doc.questions[0].footnotes[0]
    assert fn.text.startswith("The Guardian, 19 september 2024, «The brutal truth")
    a3 = next(a for a in doc.answers if a.number == "3")
    assert a3.footnotes[0].text.startswith("2023 Annual report: https://op.europa.eu/")
    assert "2 Het Europees Parlement" not in a3.text and "Het Europees Parlement heeft" in a3.text


def test_575_grouped_question_split_and_marker_removed():
    doc = read("ah-tk-20242025-575")
    q4, q5 = doc.questions[3], doc.questions[4]
    assert q4.label == q5.label == "Vraag 4 en 5"
    assert q4.text.endswith("Zo ja, wat vindt u hiervan?")
    assert q5.text.startswith("Deelt u de mening dat het een verkeerd signaal is")
    a45 = next(a for a in doc.answers if a.number == "4-5")
    assert a45.label == "Antwoord 4 en 5"
    # the marker left the text; where the page broke the line is a paragraph break (whitespace aside,
    # as printed)
    assert "uitgevaar-digd. Deze richtlijnen voorzien" in " ".join(a45.text.split())
    assert a45.footnotes[0].text == "Zie A/67/828–S/2013/210."
    assert doc.questions[0].fractie == "CDA"


def test_584_antwoorden_label_and_glued_marker():
    doc = read("ah-tk-20242025-584")
    a56 = next(a for a in doc.answers if a.number == "5-6")
    assert a56.label == "Antwoorden 5 en 6" and a56.answers == ["5", "6"]
    a23 = next(a for a in doc.answers if a.number == "2-3")
    assert "jongstleden. Formeel juridisch" in " ".join(a23.text.split())
    assert a23.footnotes[0].text == (
        "Stb. 2024, 153, het inwerkingtredingsbesluit is gepubliceerd in Stb. 2024, 213."
    )


def test_546_inline_markers_removed():
    doc = read("ah-tk-20242025-546")
    assert doc.questions[0].text.startswith("Hoe is dit bericht in de Telegraaf tot stand gekomen? Was dit")
    a5 = next(a for a in doc.answers if a.number == "5")
    assert "onderstreept. Een uitwerking" in " ".join(a5.text.split())
    assert [f.text for f in a5.footnotes] == [
        "Kamerstukken II 2021–2022, 29 279, nr. 339",
        "Kamerstukken II, 2021–2022, 29 279, nr. 353",
        "Kamerstukken II, 2023–2024, 29 279, nr. 438",
    ]


def test_562_mededeling_uitstel():
    doc = read("ah-tk-20242025-562")
    assert doc.uitstel_van == ["kv-tk-2024Z16988"]
    assert doc.zaken == ["2024Z16988"]
    assert [(p.name, p.role, p.portfolio) for p in doc.answerers] == [
        ("Karremans", "staatssecretaris", "Volksgezondheid, Welzijn en Sport")
    ]
    assert "kunnen tot mijn spijt niet binnen de gebruikelijke termijn" in doc.text
    q3 = doc.questions[2]
    assert [f.text for f in q3.footnotes] == ["Kamerstuk 25 242, nr. 686", "Kamerstuk 36 200, nr. 77"]
    assert q3.text.endswith("de uitvoering van de motieBikker-Van den Hil.")


def test_597_misprinted_numbers_are_kept_as_printed_with_notices():
    doc = read("ah-tk-20242025-597")
    assert [q.number for q in doc.questions] == ["1", "2", "3", "4", "5", "6", "7", "9", "10"]
    assert [a.number for a in doc.answers] == ["1", "2", "3", "4", "5", "6", "8", "9", "10"]
    messages = [n.message for n in doc.notices]
    assert "Vraag 7 is printed twice with the same text; kept once" in messages
    assert "Antwoord 8 answers question 8, which the document does not print" in messages
    assert [f.marker for f in doc.answers[8 - 2].footnotes] == ["2"]  # Antwoord 8
    assert doc.answerers[0].name == "Szabó"


def test_kv_ids_and_mondelinge_vragen():
    doc = read("kv-tk-2024Z18792")
    assert doc.zaken == ["2024Z18792"]
    assert doc.questions[2].footnotes[0].text == "Handelingen II, vergaderjaar 2024–2025, nr. 8"
    assert doc.questions[0].text.startswith(
        "Kunt u uw uitspraak bevestigen dat er over het besluit om de ontwikkelingshulp"
    )
    mond = read("kv-tk-2024Z18775")
    assert mond.id == "kv-tk-2024Z18775" and mond.questions == []
    assert [(p.name, p.fractie) for p in mond.askers] == [("Krul", "CDA")]
    assert [a.text for a in mond.addressees] == ["minister voor Economische Zaken"]
    assert mond.date_submitted == date(2024, 11, 19)


def test_all_koop_files_sniff_exact():
    if not KOOP.exists():
        pytest.skip(f"shared corpus not found at {KOOP}")
    files = sorted(KOOP.glob("*.txt"))
    assert len(files) >= 22
    for f in files:
        assert READER.sniff(Source.from_path(f)) == Fit.EXACT, f.name


def test_sniff_refuses_other_layouts():
    assert READER.sniff(Source.from_text("AH 615\n2024Z17538\nVragen van het lid")) == Fit.NO
    assert READER.sniff(Source.from_text("Kenmerk 2024-123\nPagina 3 van 29\n")) == Fit.NO
    ocr = CORPUS / "txt-sgd-ocr" / "tk-aanhangsel-1992-1993-181.txt"
    if ocr.exists():
        assert READER.sniff(Source.from_path(ocr)) == Fit.NO


def test_header_without_vergaderjaar_is_read_with_a_notice():
    # nothing text-bearing is refused: the question is read, the missing head is said
    [doc] = READER.read(Source.from_text("Tweede Kamer der Staten-Generaal\nVraag 1\nIs dat zo?\n", "x.txt"))
    assert (doc.chamber, doc.vergaderjaar, [q.text for q in doc.questions]) == ("TK", None, ["Is dat zo?"])
    assert any("prints no" in n.message for n in doc.notices)


def test_helpers():
    assert expand_numbers("2, 3 en 4") == ["2", "3", "4"]
    assert expand_numbers("5 t/m 7") == ["5", "6", "7"]
    assert parse_dutch_date("ontvangen 19 november 2024") == date(2024, 11, 19)
    assert find_marked_date("(Ingezonden 2 november 1992)", "ingezonden") == date(1992, 11, 2)
    assert parse_dutch_date("31 februari 2024") is None
    assert [(p.name, p.fractie) for p in parse_askers("Temmink en Van Nispen (beiden SP)")] == [
        ("Temmink", "SP"), ("Van Nispen", "SP")]
    assert parse_posts("de Minister van Justitie en Veiligheid en de Minister en Staatssecretaris van "
                       "Binnenlandse Zaken en Koninkrijksrelaties") == [
        ("minister", "van Justitie en Veiligheid"),
        ("minister", "van Binnenlandse Zaken en Koninkrijksrelaties"),
        ("staatssecretaris", "van Binnenlandse Zaken en Koninkrijksrelaties"),
    ]
