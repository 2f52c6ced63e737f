"""DocxReader on the five JenV answer letters (/work/shared/corpus/docx-ministry/), and hostile DOCX.

Expected values were read off the letters by hand (Word: body, footnotes, letterhead).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from conftest import CORPUS

from kamerld.errors import InputError
from kamerld.model import DocumentKind
from kamerld.readers import detect
from kamerld.readers.base import Fit
from kamerld.readers.docx import DocxReader, docx_text
from kamerld.readers.ministry_text import MinistryTextReader
from kamerld.sources import Source
from kamerld.sources.safezip import Limits, SafeZip

DOCX = CORPUS / "docx-ministry"
READER = DocxReader()


def source(n: int) -> Source:
    if not DOCX.is_dir():
        pytest.skip(f"shared corpus not found at {DOCX}")
    return Source.from_path(DOCX / f"jenv-beantwoording-{n:02d}.docx")


def read(n: int):
    docs = READER.read(source(n))
    assert len(docs) == 1
    return docs[0]


# n, id, letter date, zaken, kenmerk, questions, answers as (number, answers)
CASES = [
    (1, "antwoord-tk-2024Z11859", date(2024, 7, 25), ["2024Z11859"], "5624406", 8,
     [("1", ["1"]), ("2", ["2"]), ("4", ["4"]), ("5", ["5"]), ("6", ["6"]), ("7", ["7"]),
      ("3-8", ["3", "8"])]),
    (2, "brief-5401166", date(2024, 5, 16), [], "5401166", 9,
     [("1", ["1"]), ("2", ["2"]), ("3", ["3"]), ("4-5-6-7", ["4", "5", "6", "7"]),
      ("8", ["8"]), ("9", ["9"])]),
    (3, "antwoord-tk-2023Z19677", date(2024, 1, 11), ["2023Z19677"], "5164758", 10,
     [("1", ["1"]), ("2-3", ["2", "3"]), ("4-5", ["4", "5"]), ("6", ["6"]), ("7-8-9", ["7", "8", "9"]),
      ("10", ["10"])]),
    (4, "brief-5303168", date(2024, 3, 24), [], "5303168", 3, [("1", ["1"]), ("2", ["2"]), ("3", ["3"])]),
    (5, "antwoord-tk-2024Z11889", date(2024, 8, 26), ["2024Z11889"], "5646209", 22,
     [*((str(i), [str(i)]) for i in range(1, 11)), ("11-12-13", ["11", "12", "13"]),
      *((str(i), [str(i)]) for i in range(14, 23))]),
]  # fmt: skip


@pytest.mark.parametrize("n,doc_id,day,zaken,kenmerk,n_questions,answers", CASES)
def test_structure(n, doc_id, day, zaken, kenmerk, n_questions, answers):
    doc = read(n)
    assert doc.id == doc_id
    assert doc.kind == DocumentKind.ANTWOORD
    assert doc.reader == "docx"
    assert doc.date == day
    assert doc.vergaderjaar == "2023-2024"
    assert doc.zaken == zaken
    assert doc.kenmerk == kenmerk
    assert doc.number is None  # the AH number is given at publication, not in the letter
    assert doc.chamber == "TK"
    assert [q.number for q in doc.questions] == [str(i) for i in range(1, n_questions + 1)]
    assert [q.label for q in doc.questions] == [f"Vraag {i}" for i in range(1, n_questions + 1)]
    assert [(a.number, a.answers) for a in doc.answers] == answers


@pytest.mark.parametrize(
    "n,askers,addressees",
    [
        (1, [("Mutluer", "GroenLinks-PvdA"), ("Lahlah", "GroenLinks-PvdA"), ("Boswijk", "CDA"),
             ("Helder", "BBB")],
         []),
        (2, [("Lahlah", "GroenLinks-PvdA"), ("Chakor", "GroenLinks-PvdA")],
         ["ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijkrelaties"]),
        (3, [("Temmink", "SP"), ("Van Nispen", "SP")], ["minister van Justitie en Veiligheid"]),
        (4, [("Eerdmans", "JA21")], ["minister van Justitie en Veiligheid"]),
        (5, [("Teunissen", "PvdD")],
         ["minister van Justitie en Veiligheid",
          "minister van Landbouw, Visserij, Voedselzekerheid en Natuur"]),
    ],
)  # fmt: skip
def test_askers_and_addressees_from_cover_letter(n, askers, addressees):
    doc = read(n)
    assert [(p.name, p.fractie) for p in doc.askers] == askers
    assert [o.text for o in doc.addressees] == addressees


@pytest.mark.parametrize(
    "n,answerers",
    [
        (1, [("D.M. van Weel", "Justitie en Veiligheid")]),
        (
            2,
            [
                ("D. Yeşilgöz-Zegerius", "Justitie en Veiligheid"),
                ("", "Binnenlandse Zaken en Koninkrijkrelaties"),
            ],
        ),
        (3, [("D. Yeşilgöz-Zegerius", "Justitie en Veiligheid")]),
        (4, [("D. Yeşilgöz-Zegerius", "Justitie en Veiligheid")]),
        (
            5,
            [
                ("D.M. van Weel", "Justitie en Veiligheid"),
                ("", "Landbouw, Visserij, Voedselzekerheid en Natuur"),
            ],
        ),
    ],
)
def test_answerers_from_signature(n, answerers):
    doc = read(n)
    assert [(p.name, p.portfolio) for p in doc.answerers] == answerers
    assert {p.role for p in doc.answerers} == {"minister"}


def test_titles_from_letterhead():
    assert read(1).title == (
        "Beantwoording Kamervragen leden Mutluer, Lahlah (GroenLinks-PvdA), Boswijk (CDA) en Helder (BBB) "
        "over "
        "de voorgenomen sluiting van het politiebureau in Wolvega"
    )
    assert read(4).title == (
        "Beantwoording Kamervragen van het lid Eerdmans (JA21) over het bericht dat een ME'er in Arnhem zijn "
        "taak niet wilde uitvoeren vanwege zijn religie"
    )


def _notes(doc):
    return (
        [("vraag", q.number, f.marker, f.text[:30]) for q in doc.questions for f in q.footnotes]
        + [("antwoord", a.number, f.marker, f.text[:30]) for a in doc.answers for f in a.footnotes]
        + [("document", "", f.marker, f.text[:30]) for f in doc.footnotes]
    )


@pytest.mark.parametrize(
    "n,notes",
    [
        (1, []),
        (2, [("vraag", "1", "1", "NOS, 6 maart 2024 (nos.nl/arti"),
             ("vraag", "4", "2", "Kamerstuk 33047, nr. 25, Bijla"),
             ("antwoord", "3", "1", "Kamerstukken II 2021/22, 29 62"),
             ("antwoord", "4-5-6-7", "2", "Zie hiervoor onder andere de m")]),
        (3, [("vraag", "2", "1", "Geen spoed wel brandweer – Bra"),  # list numbered "1)" by numbering.xml
             ("vraag", "6", "2", "Contact marechaussee | Koninkl"),
             ("antwoord", "10", "1", "Kamerstukken, 2022-2023, 29628")]),
        (4, [("vraag", "1", "1", "Aanhangsel Handelingen, vergad"),
             ("vraag", "1", "2", "AD, 13 januari 2024, Hoe een p"),
             ("antwoord", "2", "1", "Aanhangsel van de Handelingen,")]),
        (5, [("vraag", "1", "1", "NOS, 23 mei 2024, 'Agent schie"),
             ("vraag", "1", "2", "RTV Oost, 25 mei 2024, 'Politi"),
             ("vraag", "10", "3", "Schiedam 24, 26 maart 2024, 'P"),
             ("antwoord", "20", "1", "Zie ook de Verzamelbrief diere"),
             ("antwoord", "21", "2", "De Koers Politiehonden is nade")]),
    ],
)  # fmt: skip
def test_footnotes_attached_where_the_marker_is(n, notes):
    assert _notes(read(n)) == notes


def test_footnote_texts_whole():
    doc = read(2)
    assert doc.answers[2].footnotes[0].text == "Kamerstukken II 2021/22, 29 628, nr. 1099."
    # a note broken over two paragraphs in the letter is one note
    five = read(5).questions[0].footnotes[1].text
    assert five.endswith("https://www.rtvoost.nl/nieuws/2371937/politiehond-die-zich-tegen-arrestatieteam-in-"
                         "dalfsen- keerde-overleden).")  # fmt: skip


def test_body_text_excludes_letterhead_and_cover_letter():
    doc = read(1)
    assert doc.questions[0].text == (
        "Kent u de berichten “Weststellingwerf wil politiebureau overnemen” (Leeuwarder Courant 4 juli 2024) "
        "en “Als politie zich terugtrekt, grijpen criminelen hun kans” (Stellingwerf 4 juli 2024)?"
    )
    assert doc.answers[0].text == "Ja."
    assert doc.answers[-1].text.startswith("Het hoofdlijnenakkoord zal in de komende periode")
    assert "Retouradres" not in doc.text  # a text box in the page header
    assert "D.M. van Weel" not in doc.answers[-1].text
    five = read(5)
    assert five.questions[7].text == (
        "Kunt u aangeven hoe vaak er in de afgelopen vijf jaar politiehonden gewond zijn geraakt bij de "
        "inzet?"
    )


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_docx_and_its_text_give_the_same_questions_and_answers(n):
    """No corpus DOCX has its text export in the corpus (different zaken), so render the DOCX as that
    export (one paragraph a line) and check the text reader cuts it the same way."""
    doc = read(n)
    text_doc = MinistryTextReader().read(Source.from_text(docx_text(source(n)), f"{n}.txt"))[0]
    assert [(q.number, q.text) for q in text_doc.questions] == [(q.number, q.text) for q in doc.questions]
    assert [(a.number, a.answers, a.text) for a in text_doc.answers] == [
        (a.number, a.answers, a.text) for a in doc.answers
    ]
    assert [(p.name, p.fractie) for p in text_doc.askers] == [(p.name, p.fractie) for p in doc.askers]


def test_sniff_and_detect():
    for n in range(1, 6):
        assert READER.sniff(source(n)) == Fit.EXACT
        assert detect(source(n)).name == "docx"
    assert READER.sniff(Source.from_text("AH 601\n2024Z17331\n", "x.txt")) == Fit.NO


# ---- hostile and broken DOCX ------------------------------------------------------------------


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_not_a_zip():
    with pytest.raises(InputError, match="not a ZIP container") as exc:
        READER.read(Source("brief.docx", b"Dit is geen Word-bestand"))
    assert exc.value.path == "brief.docx"


def test_missing_document_xml():
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<styles/>"})
    with pytest.raises(InputError, match="no word/document.xml") as exc:
        READER.read(Source("leeg.docx", data))
    assert exc.value.path == "leeg.docx"


def test_zip_bomb_refused_by_ratio():
    body = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
    bomb = body + b" " * (20 * 1024 * 1024) + b"</w:body></w:document>"
    data = _zip({"word/document.xml": bomb})
    assert len(data) < 100_000
    with pytest.raises(InputError, match=r"compression ratio 1023:1, more than 100:1 \(zip bomb\?\)") as exc:
        READER.read(Source("bom.docx", data))
    assert exc.value.path == "bom.docx"


def test_member_size_and_count_limits():
    data = _zip({f"word/m{i}.xml": b"<a/>" for i in range(5)})
    with pytest.raises(InputError, match="ZIP holds 5 members, more than the limit of 4"):
        SafeZip(data, "veel.docx", Limits(members=4))
    big = _zip({"word/document.xml": b"x" * 5000}, zipfile.ZIP_STORED)
    with pytest.raises(InputError, match="5000 bytes unpacked, more than the limit of 1000"):
        SafeZip(big, "groot.docx", Limits(member_bytes=1000)).read("word/document.xml")


def test_path_games_refused():
    with pytest.raises(InputError, match="points outside the archive"):
        SafeZip(_zip({"../../etc/passwd": b"x", "word/document.xml": b"<a/>"}), "pad.docx")
    with pytest.raises(InputError, match="points outside the archive"):
        SafeZip(_zip({"/abs/word.xml": b"x"}), "abs.docx")


def test_malformed_document_xml_is_input_error():
    data = _zip({"word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(InputError, match="not well-formed"):
        READER.read(Source("kapot.docx", data))
