"""Historic SGD OCR on the real corpus, read by the one text path. Expected values were read off the
documents."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import CORPUS

from kamerld.errors import InputError
from kamerld.model import DocumentKind
from kamerld.readers.base import Fit
from kamerld.readers.text import TextReader
from kamerld.sources import Source

OCR = CORPUS / "txt-sgd-ocr"
READER = TextReader()


def read(name: str):
    path = OCR / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"shared corpus not found at {OCR}")
    [doc] = READER.read(Source.from_path(path))
    return doc


def test_tk_181_questions_and_mededeling():
    doc = read("tk-aanhangsel-1992-1993-181")
    assert (doc.id, doc.kind, doc.chamber, doc.vergaderjaar) == (
        "ah-tk-19921993-181",
        DocumentKind.MEDEDELING,
        "TK",
        "1992-1993",
    )
    assert [(p.name, p.fractie) for p in doc.askers] == [("Krajenbrink", "CDA"), ("Vreugdenhil", "CDA")]
    assert doc.date_submitted == date(1992, 11, 2) and doc.date_received == date(1992, 11, 25)
    answerers = [(p.name, p.role, p.portfolio) for p in doc.answerers]
    assert answerers == [("Kosto", "staatssecretaris", "Justitie")]
    # question 5 lost its number in the OCR: 1-4 and 6 are found, with a notice
    assert [q.number for q in doc.questions] == ["1", "2", "3", "4", "6"]
    assert any("question 5" in n.message for n in doc.notices)
    assert doc.questions[0].text.endswith("uitbetalende speelautomaten?")
    assert [f.marker for f in doc.questions[0].footnotes] == ["1"]
    assert "Dagblad van Noord Limburg van 1 mei 1991" in doc.questions[0].footnotes[0].text
    assert doc.answers == []


def test_ek_38_mededeling():
    doc = read("ek-aanhangsel-1992-1993-38")
    assert (doc.id, doc.kind, doc.chamber) == ("ah-ek-19921993-38", DocumentKind.MEDEDELING, "EK")
    assert [(p.name, p.fractie) for p in doc.askers] == [("Heijne Makkreel", "VVD")]
    assert doc.title == "verkaveling weg langs westkust Bonaire"
    assert doc.date_submitted == date(1993, 7, 26) and doc.date_received == date(1993, 8, 26)
    assert [(p.name, p.role, p.portfolio) for p in doc.answerers] == [
        ("Hirsch Ballin", "minister", "Nederlands-Antilliaanse en Arubaanse Zaken")
    ]
    assert [q.number for q in doc.questions] == ["1"]
    assert doc.questions[0].text.startswith("Is het waar dat de weg langs de westkust van Bonaire")


def test_tk_781_questions_and_answers():
    doc = read("tk-aanhangsel-1990-1991-sgd0000028054")
    assert (doc.id, doc.kind, doc.number) == ("ah-tk-19901991-781", DocumentKind.ANTWOORD, "781")
    assert [(p.name, p.fractie) for p in doc.askers] == [("Wiebenga", "VVD")]
    assert doc.date_submitted == date(1991, 7, 16) and doc.date_received == date(1991, 8, 6)
    assert [(p.name, p.role, p.portfolio) for p in doc.answerers] == [
        ("Van den Broek", "minister", "Buitenlandse Zaken"),
        ("", "minister", "Welzijn, Volksgezondheid en Cultuur"),
    ]
    assert [q.number for q in doc.questions] == ["1", "2", "3", "4", "6", "7"]
    assert doc.questions[1].text.startswith("Is het u bekend, dat in ons land inmiddels circa 75 000")
    # the printed page stops inside answer 4 (the rest was not printed: "Herdruk")
    assert [(a.number, a.answers) for a in doc.answers] == [(n, [n]) for n in ("1", "2", "3", "4")]
    assert doc.answers[2].text == "Ja."


@pytest.mark.parametrize(
    "name,doc_id,kind,chamber,vj,day,title",
    [
        (
            "tk-kst-22396-22-lijst-van-vragen-en-antwoorden-1992-1993",
            "kst-22396-22",
            DocumentKind.LIJST_VRAGEN_ANTWOORDEN,
            "TK",
            "1992-1993",
            date(1993, 6, 2),
            "Beleid voor stadsvernieuwing in de toekomst",
        ),
        (
            "tk-kst-20935-8-verslag-schriftelijk-overleg-1990-1991",
            "kst-20935-8",
            DocumentKind.VERSLAG_SO,
            "TK",
            "1990-1991",
            date(1990, 11, 26),
            "Verkeersregels en Verkeerstekens 1990",
        ),
        # "VERSLAG VAN EEN MONDELING OVERLEG" and an EK "VOORLOPIG VERSLAG": their own kinds now
        (
            "tk-kst-22052-10-1991-1992",
            "kst-22052-10",
            DocumentKind.VERSLAG,
            "TK",
            "1991-1992",
            date(1991, 11, 12),
            "Nederlands voorzitterschap van de EG in de tweede helft van 1991",
        ),
        (
            "ek-kst-19599-229a-1987-1988",
            "kst-19599-229a",
            DocumentKind.VOORLOPIG_VERSLAG,
            "EK",
            "1987-1988",
            date(1988, 6, 28),
            "Gemeentelijke herindeling Vorden, Warnsveld, Zutphen",
        ),
    ],
)
def test_kamerstukken(name, doc_id, kind, chamber, vj, day, title):
    doc = read(name)
    assert (doc.id, doc.kind, doc.chamber, doc.vergaderjaar, doc.date, doc.title) == (
        doc_id,
        kind,
        chamber,
        vj,
        day,
        title,
    )
    assert doc.dossiers == [doc_id.split("-")[1]]
    # what the opening page asks is measured by the gold set (scripts/score_gold.py), not asserted here
    assert doc.answers == []


def test_every_ocr_file_is_read_and_none_is_refused():
    if not OCR.exists():
        pytest.skip(f"shared corpus not found at {OCR}")
    files = sorted(OCR.glob("*.txt"))
    assert len(files) >= 76
    for f in files:
        source = Source.from_path(f)
        assert READER.sniff(source) == Fit.GENERIC, f.name
        docs = READER.read(source)
        assert docs and all(d.id for d in docs), f.name


def test_text_without_structure_is_a_document_with_a_notice():
    # nothing text-bearing is refused: it becomes a document of unknown kind, with an Info notice
    [doc] = READER.read(Source.from_text("@@@ ~~~ 12 %%%\nnothing here\n", "junk.txt"))
    assert (doc.id, doc.kind, doc.questions, doc.answers) == ("junk", DocumentKind.OVERIG, [], [])
    assert any("kind not recognised" in n.message for n in doc.notices)


def test_an_aanhangsel_cut_off_after_its_header_is_kept_with_a_notice():
    text = "Tweede Kamer der Staten-Generaal\n2\nVergaderjaar 1985-1986\nAanhangsel van de Handelingen\n"
    text += "Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden\n"
    text += "412\nVragen van het lid"
    [doc] = READER.read(Source.from_text(text, "partial.txt"))
    assert (doc.kind, doc.chamber, doc.vergaderjaar) == (DocumentKind.KAMERVRAGEN, "TK", "1985-1986")
    assert doc.questions == [] and any("no questions recognised" in n.message for n in doc.notices)


def test_empty_text_is_refused():
    with pytest.raises(InputError, match="empty"):
        READER.read(Source.from_text("\n \n\f\n", "blank.txt"))


def test_a_reply_paragraph_restating_several_questions_gives_each_its_answer():
    # the nota naar aanleiding van het verslag of every era restates the members' questions in reported
    # speech, often several in one paragraph, naming the fractie inside its formula or as an abbreviation
    text = (
        "Tweede Kamer der Staten-Generaal\nZitting 1978-1979\n15471\nNr. 11\n"
        "NOTA NAAR AANLEIDING VAN HET EINDVERSLAG Ontvangen 4 mei 1979\n"
        "Naar aanleiding van het verzoek van de leden behorende tot de fractie van de P.v.d.A. om een "
        "nadere toelichting op de kosten, kunnen ondergetekenden het volgende opmerken. De kosten zijn "
        "gering. De leden behorende tot de fractie van het C.D.A. vroegen of de prijzen wel hard zijn. "
        "De prijzen zijn vast tot 1981. Deze leden vroegen voorts waarom het verdrag zo laat komt. "
        "Het verdrag is in 1976 gesloten.\n"
    )
    [doc] = READER.read(Source.from_text(text, "nnav.txt"))
    assert doc.kind == DocumentKind.NOTA_NAV_VERSLAG
    assert [(q.number, q.fractie, q.text.split()[-1]) for q in doc.questions] == [
        ("p1", "P.v.d.A", "opmerken."), ("p2", "C.D.A", "zijn."), ("p3", "C.D.A", "komt.")]
    assert [(a.answers, a.text) for a in doc.answers] == [
        (["p1"], "De kosten zijn gering."), (["p2"], "De prijzen zijn vast tot 1981."),
        (["p3"], "Het verdrag is in 1976 gesloten.")]


@pytest.mark.parametrize("name,ministry", [
    # "De staatssecretaris heeft deze vragen beantwoord bij brief van 2 juni 1993": the intro page
    # (the only page this file holds) names who answered, so the answering ministry is known
    ("tk-kst-22396-22-lijst-van-vragen-en-antwoorden-1992-1993",
     "https://identifier.overheid.nl/tooi/id/ministerie/mnre0180"),
    # "Deze vragen zijn met het antwoord van de Minister van Onderwijs en Wetenschappen … opgenomen"
    ("tk-vso-20499-3-1987-1988-sgd0000104925", "ministerie/onderwijs-en-wetenschappen"),
])  # fmt: skip
def test_an_intro_page_that_says_who_answered_names_the_answering_ministry(name, ministry):
    import kamerld

    read(name)  # skips when the corpus is absent
    [doc] = kamerld.read(OCR / f"{name}.txt")
    assert doc.questions == [] and doc.answers == []
    assert doc.ministry is not None and doc.ministry.ministry.uri == ministry


def test_a_memorie_van_antwoord_restates_in_the_passive_and_answers_in_a_formula():
    text = (
        "Tweede Kamer der Staten-Generaal\nZitting 1985-1986\n18820\nNr. 5\n"
        "MEMORIE VAN ANTWOORD Ontvangen 4 mei 1986\n"
        "De leden van de P.v.d.A.-fractie hebben drie vragen gesteld die hieronder worden beantwoord. "
        "Op de vraag waarom de rekeneenheid wordt gehanteerd, kan worden geantwoord dat zij vast is.\n"
        "Ten tweede wordt gevraagd, of de bijdrage kan worden verlaagd. Dat is niet het geval.\n"
        "De leden van de P.v.d.A.-fractie vragen vervolgens waarom de aanvulling zo groot is. "
        "In antwoord hierop kan worden vermeld dat de behoefte groot is.\n"
    )
    [doc] = READER.read(Source.from_text(text, "mva.txt"))
    assert [q.text.split()[-1] for q in doc.questions] == ["beantwoord.", "verlaagd.", "is."]
    assert [(a.answers, a.text.split()[0]) for a in doc.answers] == [
        (["p1"], "Op"), (["p2"], "Dat"), (["p3"], "In")]
