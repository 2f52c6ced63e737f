"""KoopXmlReader on the real KOOP XML of the corpus and on kv/ah documents written in the KOOP structure.

Expected values were read from the documents themselves (e.g. `grep -c '<extref' h-tk-20172018-70-10.xml`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import CORPUS

from kamerld.errors import InputError
from kamerld.model import DocumentKind, Severity
from kamerld.readers.base import Fit
from kamerld.readers.koop_xml import KoopXmlReader, extref_target
from kamerld.sources import Source
from kamerld.text.xml_meta import surname_first
from kamerld.text.xml_text import label_numbers, repair_mojibake

DATA = Path(__file__).resolve().parent / "data" / "koop-xml"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "koop-xml"
READER = KoopXmlReader()


def corpus(relative: str) -> Source:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    return Source.from_path(path)


def read_one(source: Source):
    docs = READER.read(source)
    assert len(docs) == 1
    return docs[0]


# ---- real corpus: Handelingen ---------------------------------------------------------------------


def test_handelingen_debate_with_motions():
    src = corpus("xml-koop-handelingen/h-tk-20172018-70-10.xml")
    assert READER.sniff(src) == Fit.EXACT
    doc = read_one(src)
    assert doc.id == "h-tk-20172018-70-10"
    assert doc.kind == DocumentKind.HANDELINGEN
    assert doc.title == "125 miljoen euro voor woningcorporatie Humanitas"
    assert doc.chamber == "TK" and doc.vergaderjaar == "2017-2018"
    assert doc.date is None  # the XML carries no date; metadata.xml would
    # five motions, each "nr. <extref>469</extref> (<extref>29453</extref>)": 10 extrefs
    assert len(doc.citations) == 10
    assert [c.target for c in doc.citations[:2]] == ["document/kst-29453-469"] * 2
    assert [c.text for c in doc.citations[:2]] == ["469", "29453"]
    assert doc.citations[-1].target == "document/kst-29453-473"
    assert {c.target for c in doc.citations} == {f"document/kst-29453-{n}" for n in range(469, 474)}
    assert not any(c.in_footnote for c in doc.citations)


def test_handelingen_mojibake_is_repaired_with_a_notice():
    doc = read_one(corpus("xml-koop-handelingen/h-tk-20172018-70-10.xml"))
    assert "in tweeën te houden" in doc.text
    assert "bijna €45.000 per sociale huurwoning" in doc.text
    assert "Ã" not in doc.text and "â" not in doc.text
    assert [n.severity for n in doc.notices] == [Severity.INFO]
    assert "mojibake" in doc.notices[0].message


def test_handelingen_closing_item():
    doc = read_one(corpus("xml-koop-handelingen/h-tk-20172018-70-13.xml"))
    assert (doc.id, doc.kind, doc.title) == ("h-tk-20172018-70-13", DocumentKind.HANDELINGEN, "Sluiting")
    assert doc.text == "Sluiting 22.06 uur."
    assert doc.citations == []


# ---- real corpus: format examples (non-parliamentary) ----------------------------------------------


def test_staatsblad():
    doc = read_one(corpus("xml-koop-format-examples/stb.xml"))
    assert doc.id == "stb-2018-84"
    assert doc.kind == DocumentKind.OVERIG
    assert doc.title.startswith("Besluit van 9 maart 2018, houdende vaststelling van de bestanddelen")
    assert doc.title.endswith("als culturele hoofdstad van Europa")
    assert doc.date == date(2018, 3, 9)  # dagtekening, not the uitgifte of 27 March
    assert doc.chamber is None


@pytest.mark.parametrize(
    "name, ident, title_start, day",
    [
        ("opmeta1.xml", "gmb-2024-216934", "Kennisgeving melding incidentele festiviteit", date(2024, 5, 17)),
        ("opmeta2.xml", "gmb-2024-216934", "Kennisgeving melding incidentele festiviteit", date(2024, 5, 17)),
        (
            "searchrec.xml",
            "gmb-2023-174296",
            "Ingekomen melding, Frater Romboutsstraat 42",
            date(2023, 4, 20),
        ),
    ],
)
def test_metadata_examples(name, ident, title_start, day):
    src = corpus(f"xml-koop-format-examples/{name}")
    assert READER.sniff(src) == Fit.EXACT
    doc = read_one(src)
    assert (doc.id, doc.kind, doc.date) == (ident, DocumentKind.OVERIG, day)
    assert doc.title.startswith(title_start)
    assert doc.questions == [] and doc.citations == []


def test_sru_response_with_two_records():
    record = corpus("xml-koop-format-examples/searchrec.xml").data.decode("utf-8")
    second = record.replace("gmb-2023-174296", "gmb-2023-174297")
    xml = (
        '<searchRetrieveResponse xmlns="http://docs.oasis-open.org/ns/search-ws/sruResponse">'
        f"<numberOfRecords>2</numberOfRecords><records>{record}{second}</records></searchRetrieveResponse>"
    )
    docs = READER.read(Source.from_text(xml, "sru.xml"))
    assert [d.id for d in docs] == ["gmb-2023-174296", "gmb-2023-174297"]


# ---- written kv / ah documents in the KOOP structure ------------------------------------------------


def test_aanhangsel_questions_and_answers():
    doc = read_one(Source.from_path(DATA / "ah-tk-20242025-9001.xml"))
    assert doc.id == "ah-tk-20242025-9001"
    assert doc.kind == DocumentKind.ANTWOORD
    assert (doc.chamber, doc.vergaderjaar, doc.number) == ("TK", "2024-2025", "9001")
    assert doc.date_submitted == date(2024, 11, 5)
    assert doc.date_received == date(2024, 12, 2)
    assert doc.date == date(2024, 12, 2)
    assert [(p.name, p.fractie) for p in doc.askers] == [
        ("Kathmann", "GroenLinks-PvdA"),
        ("Six Dijkstra", "NSC"),
    ]
    assert [o.text for o in doc.addressees] == [
        "de minister van Justitie en Veiligheid",
        "de staatssecretaris van Financiën",
    ]
    assert [(p.name, p.role, p.portfolio) for p in doc.answerers] == [
        ("Van Weel", "minister", "Justitie en Veiligheid")
    ]
    assert [q.number for q in doc.questions] == ["1", "2", "3", "4", "5"]
    assert doc.questions[4].text == (
        "Wat betekent de sluiting voor de aanrijtijden die in het bericht worden genoemd?\n"
        "Kunt u dit per gemeente uitsplitsen?"
    )
    assert [(a.number, a.label, a.answers) for a in doc.answers] == [
        ("1", "Antwoord 1", ["1"]),
        ("2", "Antwoord 2", ["2"]),
        ("3-4", "Antwoord 3 en 4", ["3", "4"]),
        ("5", "Antwoord 5", ["5"]),
    ]
    assert doc.answers[0].text == "Ja."
    assert doc.answers[0].answerer.name == "Van Weel"
    assert doc.answers[0].ministry.text == "Justitie en Veiligheid"
    assert doc.see_also == ["ah-tk-20242025-8990"]


def test_aanhangsel_footnotes_and_extrefs():
    doc = read_one(Source.from_path(DATA / "ah-tk-20242025-9001.xml"))
    q1, q2, _, _, q5 = doc.questions
    lc = "https://www.lc.nl/friesland/politiebureau-wolvega"
    assert [(f.marker, f.text) for f in q1.footnotes] == [
        ("1", f"Leeuwarder Courant, 1 november 2024, {lc}.")
    ]
    assert [(c.kind, c.target, c.in_footnote) for c in q1.citations] == [("extref", lc, True)]
    # the footnote marker stays out of the question text
    assert q1.text == "Bent u bekend met het bericht «Politiebureau Wolvega gaat dicht»?"
    assert [(c.text, c.target, c.in_footnote) for c in q2.citations] == [
        ("Kamerstuk 36 200 VII, nr. 5", "document/kst-36200-VII-5", False)
    ]
    # nootref in question 5 points at footnote 1
    assert [f.marker for f in q5.footnotes] == ["1"]
    assert [c.target for c in q5.citations] == [lc]
    a2 = doc.answers[1]
    assert [(f.marker, f.text) for f in a2.footnotes] == [
        ("2", "Zie ook Aanhangsel Handelingen II 2023/24, nr. 1121.")
    ]
    assert [(c.target, c.in_footnote) for c in a2.citations] == [("document/ah-tk-20232024-1121", True)]
    assert [c.target for c in doc.answers[3].citations] == ["document/kst-29628-1200"]
    # the "Zie ook" extref in the header belongs to the document
    assert [(c.text, c.target) for c in doc.citations] == [
        ("Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 8990", "document/ah-tk-20242025-8990")
    ]
    assert doc.footnotes == []


def test_companion_metadata_fills_gaps_and_body_wins():
    doc = read_one(Source.from_path(DATA / "ah-tk-20242025-9001.xml"))
    assert doc.zaken == ["2024Z99001"]
    assert doc.dossiers == ["36200-VII", "29628"]
    assert doc.askers[0].name == "Kathmann"  # body, not the metadata's "Kathmann J."
    assert doc.title.startswith("Vragen van de leden Kathmann (GroenLinks-PvdA) en Six Dijkstra (NSC) aan de")
    assert any("metadata read from" in n.message for n in doc.notices)


def test_metadata_standalone():
    doc = read_one(Source.from_path(DATA / "ah-tk-20242025-9001.metadata.xml"))
    assert (doc.id, doc.kind) == ("ah-tk-20242025-9001", DocumentKind.ANTWOORD)
    assert [p.name for p in doc.askers] == ["J. Kathmann", "H.P. Six Dijkstra"]
    assert [o.text for o in doc.addressees] == ["Minister van Justitie en Veiligheid"]
    assert (doc.date, doc.date_submitted, doc.date_received) == (
        date(2024, 12, 2),
        date(2024, 11, 5),
        date(2024, 12, 2),
    )
    assert (doc.number, doc.vergaderjaar, doc.chamber) == ("9001", "2024-2025", "TK")


def test_mismatching_companion_metadata_is_ignored(tmp_path):
    (tmp_path / "ah-tk-20242025-9001.xml").write_bytes((DATA / "ah-tk-20242025-9001.xml").read_bytes())
    meta = (DATA / "ah-tk-20242025-9001.metadata.xml").read_text(encoding="utf-8")
    (tmp_path / "metadata.xml").write_text(meta.replace("ah-tk-20242025-9001", "ah-tk-20242025-7777"))
    doc = read_one(Source.from_path(tmp_path / "ah-tk-20242025-9001.xml"))
    assert doc.zaken == [] and doc.dossiers == []
    assert any("'ah-tk-20242025-7777'" in n.message and n.severity == Severity.WARNING for n in doc.notices)


def test_kamervragen_numbered_in_text_with_trailing_footnote():
    doc = read_one(Source.from_path(DATA / "vragen_plas.xml"))
    assert doc.id == "kv-tk-2024Z99002"  # no metadata: from the kamervraagnummer
    assert doc.kind == DocumentKind.KAMERVRAGEN
    assert (doc.chamber, doc.zaken, doc.date) == ("TK", ["2024Z99002"], date(2024, 11, 14))
    assert [(p.name, p.fractie, p.role) for p in doc.askers] == [("Van der Plas", "BBB", "lid")]
    assert [o.text for o in doc.addressees] == [
        "de minister van Landbouw, Visserij, Voedselzekerheid en Natuur"
    ]
    assert [(q.number, q.label) for q in doc.questions] == [("1", "1."), ("2", "2."), ("3", "3.")]
    assert doc.questions[1].text == "Hoeveel boeren hebben een aanvraag ingediend?"
    assert [(f.marker, f.text) for f in doc.questions[0].footnotes] == [("1", "Boerderij, 12 november 2024.")]
    assert doc.footnotes == []
    assert [(c.text, c.target) for c in doc.questions[2].citations] == [("2024Z18775", "zaak/2024Z18775")]
    assert doc.questions[0].askers[0].name == "Van der Plas"
    assert doc.answers == []


def test_mededeling():
    doc = read_one(Source.from_path(DATA / "ah-tk-20242025-9003.xml"))
    assert doc.kind == DocumentKind.MEDEDELING
    assert doc.date_received == date(2024, 10, 24)
    assert [(p.name, p.portfolio) for p in doc.answerers] == [("Hermans", "Klimaat en Groene Groei")]
    assert doc.uitstel_van == ["kv-tk-2024Z99003"]
    assert [q.number for q in doc.questions] == ["1"] and doc.answers == []


def test_bundled_example_interleaved():
    src = Source.from_path(EXAMPLES / "ah-tk-20242025-9002.xml")
    assert READER.sniff(src) == Fit.EXACT
    doc = read_one(src)
    assert (doc.id, doc.kind) == ("ah-tk-20242025-9002", DocumentKind.ANTWOORD)
    assert [(p.name, p.fractie) for p in doc.askers] == [("Temmink", "SP"), ("Van Nispen", "SP")]
    assert [q.number for q in doc.questions] == ["1", "2", "3"]
    assert [(a.number, a.answers) for a in doc.answers] == [("1", ["1"]), ("2-3", ["2", "3"])]
    assert [c.target for c in doc.questions[0].citations] == ["document/kst-29628-1180"]
    assert doc.questions[0].citations[0].in_footnote


# ---- hostile and broken input ----------------------------------------------------------------------


def test_truncated_xml_is_input_error():
    data = (DATA / "ah-tk-20242025-9001.xml").read_bytes()
    with pytest.raises(InputError) as err:
        READER.read(Source("cut.xml", data[: len(data) // 2]))
    assert err.value.path == "cut.xml" and "not well-formed" in err.value.message


def test_entity_bomb_is_input_error():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE officiele-publicatie [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><officiele-publicatie><handelingen>'
        "<al>&b;</al></handelingen></officiele-publicatie>"
    )
    src = Source.from_text(bomb, "bomb.xml")
    assert READER.sniff(src) == Fit.EXACT
    with pytest.raises(InputError) as err:
        READER.read(src)
    assert err.value.path == "bomb.xml"


def test_metadata_without_identifier_is_input_error():
    src = Source.from_text(
        '<metadata_gegevens><metadata name="DC.title" content="x"/></metadata_gegevens>', "m.xml"
    )
    with pytest.raises(InputError, match="identifier"):
        READER.read(src)


def test_sniff_other_xml_is_no():
    assert READER.sniff(Source.from_text('<?xml version="1.0"?><html><body/></html>', "a.xml")) == Fit.NO


# ---- small grammars -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, numbers",
    [
        ("Vraag 3", ["3"]),
        ("Antwoord 3 en 4", ["3", "4"]),
        ("Antwoord 1, 2 en 3", ["1", "2", "3"]),
        ("Antwoord 5 t/m 7", ["5", "6", "7"]),
        ("Antwoord op vraag 1", ["1"]),
        ("Vraag 3a", ["3a"]),
        ("Toelichting", None),
    ],
)
def test_label_numbers(label, numbers):
    assert label_numbers(label) == numbers


@pytest.mark.parametrize(
    "ref, target",
    [
        ("kst-36200-VII-5", "document/kst-36200-VII-5"),
        ("ah-tk-20232024-1121", "document/ah-tk-20232024-1121"),
        ("2024Z18775", "zaak/2024Z18775"),
        ("ECLI:NL:HR:2019:2007", "https://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:HR:2019:2007"),
        ("BWBR0005416", None),
    ],
)
def test_extref_target(ref, target):
    assert extref_target(ref) == target


def test_surname_first():
    assert surname_first("Ham van der B.") == "B. van der Ham"
    assert surname_first("Plas van der C.A.") == "C.A. van der Plas"
    assert surname_first("Six Dijkstra H.P.") == "H.P. Six Dijkstra"
    assert surname_first("Wilders") == "Wilders"


def test_repair_mojibake():
    assert repair_mojibake("tweeÃ«n") == "tweeën"
    assert repair_mojibake("caf\u00c3\u00a9 \u00e2\u20ac\u2122") == "café \u2019"  # cp1252 flavour
    assert repair_mojibake("één café") is None  # real Latin-1 text is left alone
