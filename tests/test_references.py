"""find_references: one row per real form, quoted from the shared corpus where it occurs there.

Rows with a corpus file assert first that the quote is in that file (so the table stays real), then
the exact citations. Rows without a file are forms the brief names that the corpus lacks.
"""

from __future__ import annotations

import random
import time

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamerld.extraction.references import find_references

AH = "document/ah-tk-"
# (corpus file or None, text, kwargs, [(kind, target, text as written), ...])
ROWS = [
    (
        "seed/000_aa57e04ab390d964.txt",
        "aangeboden (zie Kamerstukken II 2022/23, 35165, nr. 51).",
        {},
        [("kamerstuk", "document/kst-35165-51", "Kamerstukken II 2022/23, 35165, nr. 51")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-546.txt",
        "2Kamerstukken II 2021–2022, 29 279, nr. 339",
        {},
        [("kamerstuk", "document/kst-29279-339", "Kamerstukken II 2021–2022, 29 279, nr. 339")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-546.txt",
        "3Kamerstukken II, 2021–2022, 29 279, nr. 353",
        {},
        [("kamerstuk", "document/kst-29279-353", "Kamerstukken II, 2021–2022, 29 279, nr. 353")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-562.txt",
        "2Kamerstuk 25 242, nr. 686",
        {},
        [("kamerstuk", "document/kst-25242-686", "Kamerstuk 25 242, nr. 686")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-578.txt",
        "3Kamerstukken 34 104, nr. 382",
        {},
        [("kamerstuk", "document/kst-34104-382", "Kamerstukken 34 104, nr. 382")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-561.txt",
        "2Tweede Kamer, vergaderjaar 2023–2024, 31 066, nr. 1372",
        {},
        [("kamerstuk", "document/kst-31066-1372", "Tweede Kamer, vergaderjaar 2023–2024, 31 066, nr. 1372")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-583.txt",
        "4Kamerstuk 21 501-20, nr. 2018.",
        {},
        [("kamerstuk", "document/kst-21501-20-2018", "Kamerstuk 21 501-20, nr. 2018")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-584.txt",
        "1Kamerstuk 36 410 VIII, nr. 112",
        {},
        [("kamerstuk", "document/kst-36410-VIII-112", "Kamerstuk 36 410 VIII, nr. 112")],
    ),
    (
        "txt-ministry-docx/AH601-2024Z17331.txt",
        "1)\u00a0Kamerstuk 19637, nr. 3203",
        {},
        [("kamerstuk", "document/kst-19637-3203", "Kamerstuk 19637, nr. 3203")],
    ),
    # a line break inside the word, and a second dossier without "Kamerstuk" in the same parenthesis
    (
        "txt-koop-pdf/ah-tk-20242025-586.txt",
        "(Kamerstuk-ken 23 645, nr. 811 en 29 984, nr. 1207)",
        {},
        [
            ("kamerstuk", "document/kst-23645-811", "Kamerstuk-ken 23 645, nr. 811"),
            ("kamerstuk", "document/kst-29984-1207", "29 984, nr. 1207"),
        ],
    ),
    # a named motion resolved by the Kamerstuk right after it: no unresolved motie is added
    (
        "txt-koop-pdf/ah-tk-20242025-583.txt",
        "de motie Drost c.s.(Kamerstuk 21 501-20, nr. 1963)",
        {},
        [("kamerstuk", "document/kst-21501-20-1963", "Kamerstuk 21 501-20, nr. 1963")],
    ),
    (
        "txt-sgd-ocr/tk-kst-22052-10-1991-1992.txt",
        "voorzitterschap (22052, nr. 5). Van",
        {},
        [("kamerstuk", "document/kst-22052-5", "22052, nr. 5")],
    ),
    (
        "txt-sgd-ocr/tk-kst-22396-22-lijst-van-vragen-en-antwoorden-1992-1993.txt",
        "in de toekomst (22 396, nr. 20).",
        {},
        [("kamerstuk", "document/kst-22396-20", "22 396, nr. 20")],
    ),
    (
        "txt-sgd-ocr/ek-kst-19599-229a-1987-1988.txt",
        "Eerste Kamer, vergaderjaar 1987-1988, 19 599, nr. 229a",
        {},
        [("kamerstuk", "document/kst-19599-229a", "Eerste Kamer, vergaderjaar 1987-1988, 19 599, nr. 229a")],
    ),
    (
        "xml-tk-vlos/vlos-e2903f19-34e9-4c37-b1dc-f985d071fc97_d5130a6f-0400-4b03.xml",
        "inzake bedrijfssteun (36786, nr. 4).",
        {},
        [("kamerstuk", "document/kst-36786-4", "36786, nr. 4")],
    ),
    (
        "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml",
        "Rijksoverheid 2024 (36600-III, nr. 15)",
        {},
        [("kamerstuk", "document/kst-36600-III-15", "36600-III, nr. 15")],
    ),
    (
        "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml",
        "(Kamerstuk 36600-VII-129) (36600-VII, nr. 138)",
        {},
        [
            ("kamerstuk", "document/kst-36600-VII-129", "Kamerstuk 36600-VII-129"),
            ("kamerstuk", "document/kst-36600-VII-138", "36600-VII, nr. 138"),
        ],
    ),
    (
        "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml",
        "(Kamerstuk 28362-79)",
        {},
        [("kamerstuk", "document/kst-28362-79", "Kamerstuk 28362-79")],
    ),
    (
        "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml",
        "(Kamerstuk 36549)",
        {},
        [("dossier", "dossier/36549", "Kamerstuk 36549")],
    ),
    (
        "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml",
        "Jaarverslag en slotwet Gemeentefonds 2024 (36740-B)",
        {},
        [("dossier", "dossier/36740-B", "36740-B")],
    ),
    (
        "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml",
        "raming van de ontvangsten (36714)",
        {},
        [("dossier", "dossier/36714", "36714")],
    ),
    # Aanhangsel van de Handelingen
    (
        "txt-ministry-docx/AH612-2024Z15295.txt",
        "Zie ook Aanhangsel Handelingen, vergaderjaar 2024-2025, nr. 507",
        {"chamber": "TK"},
        [("aanhangsel", AH + "20242025-507", "Aanhangsel Handelingen, vergaderjaar 2024-2025, nr. 507")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-576.txt",
        "Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024,nr. 2116.",
        {"chamber": "TK"},
        [("aanhangsel", AH + "20232024-2116", "Aanhangsel Handelingen, vergaderjaar 2023–2024,nr. 2116")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-583.txt",
        "Zie ook AanhangselHandelingen, vergaderjaar 2024–2025, nr. 244.",
        {"chamber": "TK"},
        [("aanhangsel", AH + "20242025-244", "AanhangselHandelingen, vergaderjaar 2024–2025, nr. 244")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-571.txt",
        "Zie ook Aanhangsel Handelingen,vergaderjaar 2023–2024, nr. 2161.",
        {"chamber": "TK"},
        [("aanhangsel", AH + "20232024-2161", "Aanhangsel Handelingen,vergaderjaar 2023–2024, nr. 2161")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-561.txt",
        "3Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel van de Handelingen, nr. 2386 (Antwoord",
        {},
        [
            (
                "aanhangsel",
                AH + "20232024-2386",
                "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel van de Handelingen, nr. 2386",
            )
        ],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-561.txt",
        "4Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel van de Handelingen 2386.",
        {},
        [
            (
                "aanhangsel",
                AH + "20232024-2386",
                "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel van de Handelingen 2386",
            )
        ],
    ),
    # Handelingen
    (
        "txt-koop-pdf/kv-tk-2024Z18792.txt",
        "2Handelingen II, vergaderjaar 2024–2025, nr. 8",
        {},
        [("handelingen", "document/h-tk-20242025-8", "Handelingen II, vergaderjaar 2024–2025, nr. 8")],
    ),
    # zaak / KOOP ids / Stb / URLs
    (
        "txt-koop-pdf/ah-tk-20242025-562.txt",
        "onderzoekers»(2024Z16988) kunnen",
        {},
        [("zaak", "zaak/2024Z16988", "2024Z16988")],
    ),
    (
        "txt-ministry-docx/AH608-2024Z14419.txt",
        "(vraagnummer 2024Z14247).",
        {},
        [("zaak", "zaak/2024Z14247", "2024Z14247")],
    ),
    (
        "txt-koop-pdf/kv-tk-2024Z18559.txt",
        "kv-tk-2024Z18559",
        {},
        [("koop-id", "document/kv-tk-2024Z18559", "kv-tk-2024Z18559")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-584.txt",
        "2Stb. 2024, 153, het inwerkingtredingsbesluit is gepubliceerd in Stb. 2024, 213.",
        {},
        [
            ("stb", "document/stb-2024-153", "Stb. 2024, 153"),
            ("stb", "document/stb-2024-213", "Stb. 2024, 213"),
        ],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-575.txt",
        "1X, 23 oktober 2024 (https://x.com/hubertsmeets/status/1849009806952071192)",
        {},
        [
            (
                "url",
                "https://x.com/hubertsmeets/status/1849009806952071192",
                "https://x.com/hubertsmeets/status/1849009806952071192",
            )
        ],
    ),
    # a URL broken at a line end by the PDF text, behind a footnote marker
    (
        "txt-koop-pdf/kv-tk-2024Z18659.txt",
        "(www.medischcontact.nl/actueel/laatste-nieuws/\nnieuwsartikel/pasgeborenen-van-asielzoekers-overlijden-veel-vaker).",
        {},
        [
            (
                "url",
                "https://www.medischcontact.nl/actueel/laatste-nieuws/nieuwsartikel/"
                "pasgeborenen-van-asielzoekers-overlijden-veel-vaker",
                "www.medischcontact.nl/actueel/laatste-nieuws/\nnieuwsartikel/"
                "pasgeborenen-van-asielzoekers-overlijden-veel-vaker",
            )
        ],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-583.txt",
        "2024-07-09/\n8https://ec.europa.eu/commission/presscorner/detail/en/ip_23_3887",
        {},
        [
            (
                "url",
                "https://ec.europa.eu/commission/presscorner/detail/en/ip_23_3887",
                "https://ec.europa.eu/commission/presscorner/detail/en/ip_23_3887",
            )
        ],
    ),
    # named motions without a number stay unresolved
    (
        "txt-ministry-docx/AH610-2024Z15078.txt",
        "de aangenomen motie van de leden Beckerman en Bushoff over",
        {},
        [("motie", None, "motie van de leden Beckerman en Bushoff")],
    ),
    (
        "txt-koop-pdf/ah-tk-20242025-562.txt",
        "de uitvoering van de motieBikker-Van den Hil.",
        {},
        [("motie", None, "motieBikker-Van den Hil")],
    ),
    # ---- forms the brief names that the corpus does not have ----
    (
        None,
        "Kamerstuk 29 279, nr. 339",
        {},
        [("kamerstuk", "document/kst-29279-339", "Kamerstuk 29 279, nr. 339")],
    ),
    (
        None,
        "Kamerstuk 29\u00a0279, nr. 339",
        {},
        [("kamerstuk", "document/kst-29279-339", "Kamerstuk 29\u00a0279, nr. 339")],
    ),
    (
        None,
        "Kamerstukken I 2023/24, 36 410, A",
        {},
        [("kamerstuk", "document/kst-36410-A", "Kamerstukken I 2023/24, 36 410, A")],
    ),
    (
        None,
        "Kamerstuk 21 501-32, nr. 1740",
        {},
        [("kamerstuk", "document/kst-21501-32-1740", "Kamerstuk 21 501-32, nr. 1740")],
    ),
    (
        None,
        "zie 36740-VII-1 en 21501-32-1740",
        {},
        [
            ("kamerstuk", "document/kst-36740-VII-1", "36740-VII-1"),
            ("kamerstuk", "document/kst-21501-32-1740", "21501-32-1740"),
        ],
    ),
    (None, "(36740-XVI, nr. 9)", {}, [("kamerstuk", "document/kst-36740-XVI-9", "36740-XVI, nr. 9")]),
    (
        None,
        "Kamerstuk 36 600-B, nr. 4 en Kamerstuk 35 925-XIV, nr. 7",
        {},
        [
            ("kamerstuk", "document/kst-36600-B-4", "Kamerstuk 36 600-B, nr. 4"),
            ("kamerstuk", "document/kst-35925-XIV-7", "Kamerstuk 35 925-XIV, nr. 7"),
        ],
    ),
    (
        None,
        "Kamerstukken II, vergaderjaar 2024–2025, 36 600 VII,nr. 318",
        {},
        [
            (
                "kamerstuk",
                "document/kst-36600-VII-318",
                "Kamerstukken II, vergaderjaar 2024–2025, 36 600 VII,nr. 318",
            )
        ],
    ),
    (
        None,
        "Kamerstuk 29 279, nrs. 12 en 14",
        {},
        [
            ("kamerstuk", "document/kst-29279-12", "Kamerstuk 29 279, nrs. 12 en 14"),
            ("kamerstuk", "document/kst-29279-14", "Kamerstuk 29 279, nrs. 12 en 14"),
        ],
    ),
    (
        None,
        "Kamerstuk 29 279, nummer 3 en 4",
        {},
        [
            ("kamerstuk", "document/kst-29279-3", "Kamerstuk 29 279, nummer 3 en 4"),
            ("kamerstuk", "document/kst-29279-4", "Kamerstuk 29 279, nummer 3 en 4"),
        ],
    ),
    (None, "Kamerstuk 36 200 VII", {}, [("dossier", "dossier/36200-VII", "Kamerstuk 36 200 VII")]),
    (
        None,
        "Kamerstuk 22 396, nr. 20, blz. 12",
        {},
        [("kamerstuk", "document/kst-22396-20", "Kamerstuk 22 396, nr. 20"), ("page", None, "blz. 12")],
    ),
    (
        None,
        "Aanhangsel van de Handelingen II 2023/24, nr. 1121",
        {},
        [("aanhangsel", AH + "20232024-1121", "Aanhangsel van de Handelingen II 2023/24, nr. 1121")],
    ),
    (
        None,
        "Aanhangsel Handelingen, nr. 38",
        {"chamber": "EK", "vergaderjaar": "1992-1993"},
        [("aanhangsel", "document/ah-ek-19921993-38", "Aanhangsel Handelingen, nr. 38")],
    ),
    (
        None,
        "Handelingen II 2022/23, nr. 45, item 7",
        {},
        [("handelingen", "document/h-tk-20222023-45-7", "Handelingen II 2022/23, nr. 45, item 7")],
    ),
    (
        None,
        "Handelingen II 2023/24, nr. 1121",
        {},
        [("handelingen", AH + "20232024-1121", "Handelingen II 2023/24, nr. 1121")],
    ),
    (
        None,
        "Zitting 1982-1983\nHandelingen II, nr. 12; Handelingen II, blz. 1234",
        {},
        [
            ("handelingen", "document/h-tk-19821983-12", "Handelingen II, nr. 12"),
            ("page", None, "Handelingen II, blz. 1234"),
        ],
    ),
    (None, "Handelingen, nr. 8", {}, [("handelingen", None, "Handelingen, nr. 8")]),
    (
        None,
        "zie 2024Z 17972 en 2024D42030",
        {},
        [("zaak", "zaak/2024Z17972", "2024Z 17972"), ("tkdocument", "tkdocument/2024D42030", "2024D42030")],
    ),
    (
        None,
        "Stcrt. 1962, nr. 185; Trb. 2009, 217; ECLI:NL:HR:2019:2006.",
        {},
        [
            ("stcrt", "document/stcrt-1962-185", "Stcrt. 1962, nr. 185"),
            ("trb", "document/trb-2009-217", "Trb. 2009, 217"),
            (
                "ecli",
                "https://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:HR:2019:2006",
                "ECLI:NL:HR:2019:2006",
            ),
        ],
    ),
    (
        None,
        "(https://zoek.officielebekendmakingen.nl/kst-36200-VII-5.html).",
        {},
        [("url", "document/kst-36200-VII-5", "https://zoek.officielebekendmakingen.nl/kst-36200-VII-5.html")],
    ),
    (
        None,
        "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2024Z18775&did=2024D42030",
        {},
        [
            (
                "url",
                "zaak/2024Z18775",
                "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2024Z18775&did=2024D42030",
            )
        ],
    ),
    (
        None,
        "https://www.tweedekamer.nl/kamerstukken/detail?did=2024D42030",
        {},
        [("url", "tkdocument/2024D42030", "https://www.tweedekamer.nl/kamerstukken/detail?did=2024D42030")],
    ),
    (
        None,
        "kst-36200-VII-5, ah-tk-20232024-1121, h-tk-20232024-45-7",
        {},
        [
            ("koop-id", "document/kst-36200-VII-5", "kst-36200-VII-5"),
            ("koop-id", "document/ah-tk-20232024-1121", "ah-tk-20232024-1121"),
            ("koop-id", "document/h-tk-20232024-45-7", "h-tk-20232024-45-7"),
        ],
    ),
    (None, "Zij krijgt nr. 469 (29453).", {}, [("kamerstuk", "document/kst-29453-469", "nr. 469 (29453)")]),
    (
        None,
        "de motie-Van Nispen c.s. en de motie van het lid Van der Plas",
        {},
        [("motie", None, "motie-Van Nispen c.s."), ("motie", None, "motie van het lid Van der Plas")],
    ),
]

# Real text that is not a citation: dates, amounts, page footers, a bare "nr.", ordinary words.
NON_MATCHES = [
    ("txt-koop-pdf/ah-tk-20242025-561.txt", "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2"),
    ("txt-koop-pdf/ah-tk-20242025-546.txt", "ISSN 0921 - 7398’s-Gravenhage 2024"),
    (
        "txt-koop-pdf/ah-tk-20242025-584.txt",
        "het lid Martens-America ter vervanging van nr. 45 over een capaciteits-fixus",
    ),
    ("txt-koop-pdf/ah-tk-20242025-594.txt", "veel medische handelingen te verminderen"),
    ("txt-koop-pdf/ah-tk-20242025-561.txt", "de bijna € 5 miljoen terugbetaald"),
    ("txt-koop-pdf/ah-tk-20242025-576.txt", "Op 18 april 2024 is door de Autoriteit Consument & Markt"),
    (
        "txt-koop-pdf/ah-tk-20242025-561.txt",
        "Vergaderjaar 2024–2025 Aanhangsel van de Handelingen\nVragen gesteld",
    ),
    ("seed/000_aa57e04ab390d964.txt", "Pagina 3 van 29"),
    ("txt-sgd-ocr/tk-aanhangsel-1990-1991-sgd0000028054.txt", "een schadevergoeding van 20000 US Dollar"),
    (None, "Bel 070-3407911 of kom op 1-10-2024 om 14.04 uur; kosten € 12.345,67 (2023)."),
]


def _corpus_text(relative: str) -> str:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    data = path.read_text(encoding="utf-8-sig")
    return data


def _check_quote(source: str | None, text: str) -> None:
    if source is None:
        return
    corpus = _corpus_text(source)
    if source.endswith(".xml"):  # quotes from XML are of the visible text; compare ignoring tags
        import re

        corpus = re.sub(r"<[^>]+>", "", corpus)
    assert text in corpus, f"{text!r} is not in {source}"


@pytest.mark.parametrize(("source", "text", "kwargs", "expected"), ROWS, ids=[r[1][:40] for r in ROWS])
def test_real_forms(source, text, kwargs, expected):
    _check_quote(source, text)
    got = find_references(text, **kwargs)
    assert [(c.kind, c.target, c.text) for c in got] == expected
    for c in got:
        assert text[c.span.start : c.span.end] == c.text


@pytest.mark.parametrize(("source", "text"), NON_MATCHES, ids=[t[:30] for _, t in NON_MATCHES])
def test_non_matches(source, text):
    _check_quote(source, text)
    assert find_references(text, chamber="TK", vergaderjaar="2024-2025") == []


def test_aanhangsel_from_citing_document():
    """Without a vergaderjaar in the text, the citing document's is used; the chamber from the text."""
    got = find_references("Aanhangsel van de Handelingen II, nr. 507", vergaderjaar="2024-2025")
    assert [c.target for c in got] == ["document/ah-tk-20242025-507"]
    got = find_references("Aanhangsel van de Handelingen I, nr. 38", vergaderjaar="1992-1993", chamber="TK")
    assert [c.target for c in got] == ["document/ah-ek-19921993-38"]


def test_handelingen_number_read_as_aanhangsel_has_note():
    (c,) = find_references("Handelingen II 2023/24, nr. 1121")
    assert c.target == "document/ah-tk-20232024-1121"
    assert c.note and "Aanhangsel" in c.note
    (c,) = find_references("Handelingen II 2023/24, nr. 150")
    assert c.target == "document/h-tk-20232024-150" and c.note is None


def test_in_footnote_flag_and_order():
    text = "zie Kamerstuk 33 842, nr. 3 en 2024Z18559"
    got = find_references(text, in_footnote=True)
    assert [c.target for c in got] == ["document/kst-33842-3", "zaak/2024Z18559"]
    assert all(c.in_footnote for c in got)
    assert got[0].span.start < got[1].span.start


def test_whole_corpus_files():
    """Exact citation targets of whole real documents, counted by reading them."""
    text = _corpus_text("txt-koop-pdf/ah-tk-20242025-546.txt")
    got = find_references(text, chamber="TK", vergaderjaar="2024-2025")
    targets = [c.target for c in got if c.kind != "url"]
    assert targets == [
        None,
        "document/ah-tk-20242025-546",
        "document/kst-29279-339",
        "document/kst-29279-353",
        "document/kst-29279-438",
    ]
    assert got[0].text == "motie VanDijk"
    text = _corpus_text("txt-koop-pdf/ah-tk-20242025-586.txt")
    got = find_references(text, chamber="TK", vergaderjaar="2024-2025")
    assert [c.target for c in got if c.kind == "kamerstuk"] == [
        "document/kst-23645-811",
        "document/kst-29984-1207",
        "document/kst-23645-813",
        "document/kst-23645-828",
    ]
    # the OCR'd Eerste Kamer aanhangsel cites nothing; its page footer is no citation
    assert find_references(_corpus_text("txt-sgd-ocr/ek-aanhangsel-1992-1993-38.txt"), chamber="EK") == []


def test_bad_arguments_are_the_callers_mistake():
    # a program calling the library wrongly gets TypeError / ValueError, never "input could not be read"
    with pytest.raises(TypeError):
        find_references(b"Kamerstuk 29 279, nr. 339")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        find_references("x", chamber="XK")
    with pytest.raises(ValueError):
        find_references("x", vergaderjaar="2024/25")


# ---- properties -------------------------------------------------------------------------------

_PIECES = [
    "Kamerstuk",
    "Kamerstukken II",
    " ",
    "\u00a0",
    "\n",
    ",",
    ".",
    "nr.",
    "nrs.",
    " en ",
    "-",
    "–",
    "(",
    ")",
    "29 279",
    "36410",
    "VIII",
    "2024",
    "2023/24",
    "Z",
    "D",
    "18775",
    "Handelingen",
    "Aanhangsel",
    "van de",
    "vergaderjaar",
    "item",
    "blz.",
    "motie",
    "-Van",
    " Nispen",
    "c.s.",
    "https://",
    "www.",
    "/",
    "ECLI:NL:HR:",
    "Stb.",
    "kst-",
    "a",
    "0",
    "1",
    "9",
    "Zitting 1982-1983",
]


def _check(text: str) -> None:
    start = time.perf_counter()
    got = find_references(text, chamber="TK", vergaderjaar="2024-2025")
    assert time.perf_counter() - start < 2.0
    spans = []
    for c in got:
        assert c.span is not None and text[c.span.start : c.span.end] == c.text
        if not spans or spans[-1] != (c.span.start, c.span.end):
            spans.append((c.span.start, c.span.end))
    for (_s0, e0), (s1, _e1) in zip(spans, spans[1:], strict=False):
        assert e0 <= s1, "citations overlap or are out of order"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_property_citation_like_text(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_property_random_text(text):
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=40))
def test_property_mutated_corpus(seed, n_mutations):
    files = sorted((CORPUS / "txt-koop-pdf").glob("*.txt")) if CORPUS.exists() else []
    if not files:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    rnd = random.Random(seed)
    chars = list(rnd.choice(files).read_text(encoding="utf-8"))
    for _ in range(n_mutations):
        i = rnd.randrange(len(chars) + 1)
        op = rnd.randrange(3)
        if op == 0 and i < len(chars):
            del chars[i]
        elif op == 1:
            chars.insert(i, rnd.choice(" \n,.-–0123456789()nrZ\u00a0"))
        elif i < len(chars):
            chars[i] = rnd.choice(" \n,.-0123456789")
    _check("".join(chars))


def test_pathological_input_is_fast():
    """Long runs that invite backtracking (digits, spaces, names) stay fast."""
    for text in [
        "1" * 20000,
        "29 279, " * 3000,
        "nr. 1 en " * 3000,
        "motie " + "Van " * 5000,
        "Kamerstuk " + " " * 10000 + "29 279",
        "https://" + "a-\n" * 5000,
        "Handelingen, " * 3000,
    ]:
        _check(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # OCR keeps a line-end hyphen inside "zitting" and "Handelingen"
        ("Aanhangsel Handelingen, zit-ting 1977-1978, nr. 10", "document/ah-tk-19771978-10"),
        (
            "Aanhangsel Hande\u00adlingen Tweede Kamer 1925—1926, blz. 49, n°. 49",
            "document/ah-tk-19251926-49",
        ),
        # before 1950: the chamber after the word, the page before the number, "n°."
        ("Aanhangsel Handelingen Tweede Kamer 1925—1926. blz. 81, n°. 95", "document/ah-tk-19251926-95"),
        # one Kamerstuk in two dossiers is cited by the first
        ("(Tweede Kamer, vergaderjaar 2012—2013, 26488 / 31300, nr 305)", "document/kst-26488-305"),
        # OCR read the degree sign of "n°." as a quote
        ('wet van 29 October 1892 {Staatsblad n". 245)', "document/stb-1892-245"),
    ],
)
def test_historic_citations_as_ocr_prints_them(text, target):
    found = find_references(text, chamber="TK", vergaderjaar="1977-1978")
    assert [c.target for c in found] == [target]
