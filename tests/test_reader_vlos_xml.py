"""VlosXmlReader on the two real VLOS reports of the corpus.

Counts were taken from the files themselves: `grep -o '<zaak ' | wc -l` (129 and 2), non-empty
`<dossiernummer>` (89 and 2), dossiernummer with a non-empty stuknummer (76 and 2).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from conftest import CORPUS

from kamerld.errors import InputError
from kamerld.model import DocumentKind
from kamerld.readers.base import Fit
from kamerld.readers.koop_xml import KoopXmlReader
from kamerld.readers.vlos_xml import VlosXmlReader
from kamerld.sources import Source

COMMITTEE = "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml"
PLENARY = "xml-tk-vlos/vlos-e2903f19-34e9-4c37-b1dc-f985d071fc97_d5130a6f-0400-4b03.xml"
READER = VlosXmlReader()


def corpus(relative: str) -> Source:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    return Source.from_path(path)


def test_sniff():
    src = corpus(PLENARY)
    assert READER.sniff(src) == Fit.EXACT
    assert KoopXmlReader().sniff(src) == Fit.NO
    assert READER.sniff(corpus("xml-koop-format-examples/stb.xml")) == Fit.NO


def test_committee_procedure_meeting():
    [doc] = READER.read(corpus(COMMITTEE))
    assert doc.id == "vlos-2d37a54c-6306-4913-b7d5-8c8ca2e272d7"
    assert doc.kind == DocumentKind.VERGADERVERSLAG
    assert doc.title == "Procedurevergadering commissie Binnenlandse Zaken"
    assert doc.date == date(2025, 7, 3)
    assert (doc.chamber, doc.vergaderjaar, doc.number) == ("TK", "2024-2025", "146")
    kinds = Counter(c.kind for c in doc.citations)
    assert kinds == {"vlos-zaak": 129, "vlos-dossier": 89, "vlos-stuk": 76}
    assert len(doc.citations) == 294
    assert len(doc.zaken) == 129
    first = doc.citations[0]
    assert (first.kind, first.target) == ("vlos-zaak", "zaak/2025Z11143")
    assert first.text == (
        "de brief van vaste commissie voor Binnenlandse Zaken d.d. 2 juni 2025 inzake aanbieding petitie "
        "m.b.t. dubbele nationaliteit en onrechtmatige arrestatie"
    )
    # the last zaak: brief 36600-VII nr. 142, zaak 2025Z12532
    assert [(c.kind, c.target) for c in doc.citations[-3:]] == [
        ("vlos-zaak", "zaak/2025Z12532"),
        ("vlos-stuk", "document/kst-36600-VII-142"),
        ("vlos-dossier", "dossier/36600-VII"),
    ]
    assert doc.citations[-1].text == "36600-VII"
    assert "36600-VII" in doc.dossiers and "36754" in doc.dossiers
    assert not any(c.in_footnote for c in doc.citations)


def test_plenary_meeting_with_votes():
    [doc] = READER.read(corpus(PLENARY))
    assert doc.id == "vlos-1f679e7b-0764-4d3b-9900-267d37f86412"
    assert doc.title == "105e vergadering, donderdag 10 juli 2025"
    assert doc.date == date(2025, 7, 10)
    assert (doc.chamber, doc.vergaderjaar, doc.number) == ("TK", "2024-2025", "105")
    # two zaak elements without a parlisid: a kamerstuk and its dossier each
    assert [(c.kind, c.target) for c in doc.citations] == [
        ("vlos-stuk", "document/kst-36786-4"),
        ("vlos-dossier", "dossier/36786"),
        ("vlos-stuk", "document/kst-36787-4"),
        ("vlos-dossier", "dossier/36787"),
    ]
    assert doc.zaken == [] and doc.dossiers == ["36786", "36787"]
    assert "Aanwezig zijn 94 leden der Kamer, te weten:" in doc.text.splitlines()
    assert "en de heer Tuinman, staatssecretaris van Defensie." in doc.text
    assert [n.message for n in doc.notices] == ["VLOS report version: Tussenpublicatie / Ongecorrigeerd"]


def test_truncated_vlos_is_input_error():
    src = corpus(PLENARY)
    with pytest.raises(InputError) as err:
        READER.read(Source(src.path, src.data[:5000]))
    assert err.value.path == src.path


def test_other_root_is_input_error():
    with pytest.raises(InputError, match="not a VLOS"):
        READER.read(Source.from_text("<vergadering/>", "x.xml"))


def test_entity_bomb_is_input_error():
    bomb = (
        '<!DOCTYPE vlosCoreDocument [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<vlosCoreDocument xmlns="http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0">&b;</vlosCoreDocument>'
    )
    with pytest.raises(InputError):
        READER.read(Source.from_text(bomb, "bomb.xml"))
