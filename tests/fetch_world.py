"""What the local services hold for the fetch tests: publications and Tweede Kamer entities.

The documents are real or in the real format: two KOOP PDFs made from the text of real ones in the
corpus (`txt-koop-pdf/ah-tk-20242025-562.txt`, a mededeling, and `kv-tk-2024Z18659.txt`, questions),
and the KOOP XML files of `tests/data/koop-xml/` (questions of Van der Plas, an answer to Kathmann
and Six Dijkstra, a mededeling of Hermans). Names, zaak numbers and dates are those the documents
print. The Tweede Kamer entities follow the OData entity sets (fields as in the tkData XSDs); their
GUIDs are made up (uuid5 of a fixed name), there being no service to ask.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from conftest import corpus_file
from fetch_server import TK_NS, FakeServices, Publication, metadata_xml

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "koop-xml"
sys.path.insert(0, str(HERE / "data" / "pdf"))
import make_pdfs  # noqa: E402  (the PDF writer the PDF reader tests use)


def guid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"kamerld-test/{name}"))


def pdf_of_text(name: str, folder: str = "txt-koop-pdf") -> bytes:
    """A PDF with a text layer holding the text of a real KOOP PDF (or SGD scan) from the corpus."""
    lines = corpus_file(f"{folder}/{name}.txt").read_text("utf-8").splitlines()
    pages = [lines[i : i + 50] for i in range(0, len(lines), 50)]
    return make_pdfs._pdf([make_pdfs._text_stream(p) for p in pages])


def _meta(ident: str, title: str, date: str, zaak: str | None, **extra: str) -> bytes:
    fields = [
        ("DC.identifier", "OVERHEIDop.AanhangselID", ident),
        ("DC.title", "", title),
        ("DC.creator", "OVERHEID.StatenGeneraal", "Tweede Kamer der Staten-Generaal"),
        ("DC.date", "DCTERMS.W3CDTF", date),
        ("OVERHEIDop.vergaderjaar", "", "2024-2025"),
    ]
    if zaak:
        fields.append(("OVERHEIDop.vraagnummer", "", zaak))
    fields += [(f"OVERHEIDop.{k}", "", v) for k, v in extra.items()]
    return metadata_xml(fields)


KV_PLAS = "kv-tk-2024Z99002"
KV_SLAGT = "kv-tk-2024Z18659"
MED_562 = "ah-tk-20242025-562"
AH_9001 = "ah-tk-20242025-9001"
MED_9003 = "ah-tk-20242025-9003"
KST_LIJST = "kst-22396-22"  # Lijst van vragen en antwoorden, 2 June 1993 (SGD scan text in the corpus)
KST_VSO = "kst-20935-8"  # Verslag van een schriftelijk overleg, 26 November 1990
BROKEN = "record without identifier"

PEOPLE = {  # TK Persoon: (initialen, tussenvoegsel, achternaam, fractie)
    "van-den-hil": ("J.", "van den", "Hil", "VVD"),
    "bikker": ("M.H.", None, "Bikker", "ChristenUnie"),
    "karremans": ("V.", None, "Karremans", None),
    "van-der-plas": ("C.A.", "van der", "Plas", "BBB"),
    "slagt-tichelman": ("P.", None, "Slagt-Tichelman", "GroenLinks-PvdA"),
    "piri": ("K.", None, "Piri", "GroenLinks-PvdA"),
    "kathmann": ("J.", None, "Kathmann", "GroenLinks-PvdA"),
    "beckerman": ("S.", None, "Beckerman", "SP"),
}


def publications() -> list[Publication]:
    return [
        Publication(
            KV_PLAS,
            "Vragen van het lid Van der Plas (BBB) aan de minister van Landbouw, Visserij, "
            "Voedselzekerheid en Natuur over de vergoeding voor boeren bij natuurherstel",
            "Kamervragen zonder antwoord",
            "2024-11-14",
            "2024-11-15T08:00:00.000000+01:00",
            files={
                "xml": (DATA / "vragen_plas.xml").read_bytes(),
                "metadata": _meta(
                    KV_PLAS, "Vragen van het lid Van der Plas (BBB)", "2024-11-14", "2024Z99002"
                ),
            },
            tpmeta={"vergaderjaar": "2024-2025", "vraagnummer": "2024Z99002"},
        ),
        Publication(
            KV_SLAGT,
            "Vragen van de leden Slagt-Tichelman en Piri (beiden GroenLinks-PvdA) over zorg "
            "voor zwangere vrouwen en baby's in aanmeldcentrum en AZC's",
            "Kamervragen zonder antwoord",
            "2024-11-18",
            "2024-11-19T09:30:00.000000+01:00",
            files={"pdf": pdf_of_text(KV_SLAGT)},  # KOOP has no XML of it: the PDF is the best
            tpmeta={"vergaderjaar": "2024-2025", "vraagnummer": "2024Z18659"},
        ),
        Publication(
            MED_562,
            "Vragen van de leden Van den Hil (VVD) en Bikker (ChristenUnie) over het bericht "
            "«Wachttijden ggz niet goed vastgelegd, zeggen onderzoekers»",
            "Kamervragen (Aanhangsel)",
            "2024-11-15",
            "2024-11-20T10:00:00.000000+01:00",
            files={
                "pdf": pdf_of_text(MED_562),
                "metadata": _meta(
                    MED_562,
                    "Vragen van de leden Van den Hil (VVD) en Bikker "
                    "(ChristenUnie) over wachttijden in de ggz",
                    "2024-11-15",
                    "2024Z16988",
                    aanhangsel="562",
                    datumIndiening="2024-10-25",
                    datumOntvangst="2024-11-15",
                ),
            },
            tpmeta={"vergaderjaar": "2024-2025", "vraagnummer": "2024Z16988"},
        ),
        Publication(
            AH_9001,
            "Vragen van de leden Kathmann (GroenLinks-PvdA) en Six Dijkstra (NSC) over het "
            "sluiten van politiebureaus in Friesland",
            "Kamervragen (Aanhangsel)",
            "2024-12-02",
            "2024-12-04T09:00:00.000000+01:00",
            files={
                "xml": (DATA / "ah-tk-20242025-9001.xml").read_bytes(),
                "metadata": (DATA / "ah-tk-20242025-9001.metadata.xml").read_bytes(),
            },
            tpmeta={
                "vergaderjaar": "2024-2025",
                "vraagnummer": "2024Z99001",
                "dossiernummer": "36200-VII;29628",
            },
        ),
        Publication(
            MED_9003,
            "Vragen van het lid Beckerman (SP) over gaswinning onder de Waddenzee",
            "Kamervragen (Aanhangsel)",
            "2024-10-24",
            "2024-10-25T09:00:00.000000+02:00",
            files={"xml": (DATA / "ah-tk-20242025-9003.xml").read_bytes()},
            tpmeta={"vergaderjaar": "2024-2025", "vraagnummer": "2024Z99003"},
        ),
        Publication(
            KST_LIJST,
            "Beleid voor stadsvernieuwing in de toekomst; Lijst van vragen en antwoorden",
            "Kamerstuk",
            "1993-06-02",
            "2009-03-01T12:00:00.000000+01:00",
            files={
                "pdf": pdf_of_text("tk-kst-22396-22-lijst-van-vragen-en-antwoorden-1992-1993", "txt-sgd-ocr")
            },
            tpmeta={"vergaderjaar": "1992-1993", "dossiernummer": "22396"},
        ),
        Publication(
            KST_VSO,
            "Verkeersregels en Verkeerstekens 1990; Verslag van een schriftelijk overleg",
            "Kamerstuk",
            "1990-11-26",
            "2009-03-01T12:00:00.000000+01:00",
            files={
                "pdf": pdf_of_text("tk-kst-20935-8-verslag-schriftelijk-overleg-1990-1991", "txt-sgd-ocr")
            },
            tpmeta={"vergaderjaar": "1990-1991", "dossiernummer": "20935"},
        ),
        Publication(
            "kv-tk-2024Z99999",
            BROKEN,
            "Kamervragen zonder antwoord",
            "2024-11-21",
            "2024-11-21T09:00:00.000000+01:00",
            broken=True,
        ),
    ]


def _person(s: FakeServices, key: str) -> str:
    ini, tussen, achter, _ = PEOPLE[key]
    s.entity(
        "Persoon",
        {
            "Id": guid(f"persoon/{key}"),
            "Initialen": ini,
            "Tussenvoegsel": tussen,
            "Achternaam": achter,
            "Functie": "Tweede Kamerlid",
            "Verwijderd": False,
        },
    )
    return guid(f"persoon/{key}")


def _fractie(s: FakeServices, afkorting: str) -> str:
    s.entity(
        "Fractie",
        {
            "Id": guid(f"fractie/{afkorting}"),
            "Afkorting": afkorting,
            "NaamNL": afkorting,
            "Verwijderd": False,
        },
    )
    return guid(f"fractie/{afkorting}")


def zaak(
    s: FakeServices,
    nummer: str,
    onderwerp: str,
    gestart: str,
    documents: list[dict],
    askers: list[tuple[str, str]],
    addressee: tuple[str, str] | None,
) -> str:
    """A zaak of written questions with its Document and ZaakActor entities."""
    zid = guid(f"zaak/{nummer}")
    for d in documents:
        d.setdefault("Verwijderd", False)
        d.setdefault("Vergaderjaar", "2024-2025")
        d.setdefault("Kamer", 2)
        s.entity("Document", d)
    s.entity(
        "Zaak",
        {
            "Id": zid,
            "Nummer": nummer,
            "Soort": "Schriftelijke vragen",
            "Onderwerp": onderwerp,
            "GestartOp": f"{gestart}T00:00:00+01:00",
            "Vergaderjaar": "2024-2025",
            "Verwijderd": False,
            "Document": [d["Id"] for d in documents],
        },
    )
    for i, (relatie, key) in enumerate(askers):
        _, _, achter, fractie = PEOPLE[key]
        s.entity(
            "ZaakActor",
            {
                "Id": guid(f"zaakactor/{nummer}/{i}"),
                "Zaak_Id": zid,
                "Relatie": relatie,
                "ActorNaam": achter,
                "ActorFractie": fractie,
                "Functie": "Tweede Kamerlid",
                "Persoon_Id": _person(s, key),
                "Fractie_Id": _fractie(s, fractie),
                "Verwijderd": False,
            },
        )
    if addressee:
        key, functie = addressee
        s.entity(
            "ZaakActor",
            {
                "Id": guid(f"zaakactor/{nummer}/aan"),
                "Zaak_Id": zid,
                "Relatie": "Gericht aan",
                "ActorNaam": PEOPLE[key][2],
                "Functie": functie,
                "Persoon_Id": _person(s, key),
                "Fractie_Id": None,
                "Verwijderd": False,
            },
        )
    return zid


def document(nummer: str, soort: str, datum: str, **extra) -> dict:
    return {
        "Id": guid(f"document/{nummer}"),
        "DocumentNummer": nummer,
        "Soort": soort,
        "Datum": f"{datum}T00:00:00+01:00",
        **extra,
    }


def populate(s: FakeServices) -> None:
    for pub in publications():
        s.add(pub)
    zaak(
        s,
        "2024Z16988",
        "Wachttijden ggz niet goed vastgelegd",
        "2024-10-25",
        [
            document("2024D41500", "Schriftelijke vragen", "2024-10-25"),  # KOOP has no kv of it here
            document(
                "2024D44123", "Mededeling (uitstel antwoord)", "2024-11-15", Aanhangselnummer="202420250562"
            ),
        ],
        [("Indiener", "van-den-hil"), ("Medeindiener", "bikker")],
        ("karremans", "staatssecretaris van Volksgezondheid, Welzijn en Sport"),
    )
    zaak(
        s,
        "2024Z99002",
        "Vergoeding voor boeren bij natuurherstel",
        "2024-11-14",
        [document("2024D45002", "Schriftelijke vragen", "2024-11-14")],
        [("Indiener", "van-der-plas")],
        None,
    )
    zaak(
        s,
        "2024Z18659",
        "Zorg voor zwangere vrouwen in opvanglocaties",
        "2024-11-18",
        [document("2024D45659", "Schriftelijke vragen", "2024-11-18")],
        [("Indiener", "slagt-tichelman"), ("Medeindiener", "piri")],
        None,
    )
    zaak(
        s,
        "2024Z99001",
        "Sluiten van politiebureaus in Friesland",
        "2024-11-05",
        [
            document("2024D43001", "Schriftelijke vragen", "2024-11-05"),
            document(
                "2024D47001", "Antwoord schriftelijke vragen", "2024-12-02", Aanhangselnummer="202420259001"
            ),
        ],
        [("Indiener", "kathmann")],
        None,
    )
    zaak(
        s,
        "2024Z99003",
        "Gaswinning onder de Waddenzee",
        "2024-10-03",
        [
            document("2024D40003", "Schriftelijke vragen", "2024-10-03"),
            document(
                "2024D42003", "Mededeling (uitstel antwoord)", "2024-10-24", Aanhangselnummer="202420259003"
            ),
        ],
        [("Indiener", "beckerman")],
        None,
    )
    # the Kamer's open data start long after 1993: this Document is made up, to show the form
    s.entity(
        "Kamerstukdossier",
        {
            "Id": guid("dossier/22396"),
            "Nummer": 22396,
            "Toevoeging": None,
            "Titel": "Beleid voor stadsvernieuwing in de toekomst",
            "Verwijderd": False,
        },
    )
    s.entity(
        "Document",
        {
            "Id": guid("document/1993D22396"),
            "DocumentNummer": "1993D22396",
            "Soort": "Lijst van vragen en antwoorden",
            "Volgnummer": 22,
            "Verwijderd": False,
            "Datum": "1993-06-02T00:00:00+02:00",
            "Kamerstukdossier": [guid("dossier/22396")],
        },
    )


def document_change(nummer: str, soort: str, zaak_nummer: str, aanhangsel: str | None = None) -> str:
    """The children of a `document` entity on the SyncFeed (tkData-v1-0-document.xsd order)."""
    parts = [
        f'<zaak ref="{guid(f"zaak/{zaak_nummer}")}"/>',
        f"<soort>{soort}</soort>",
        f"<documentNummer>{nummer}</documentNummer>",
        "<vergaderjaar>2024-2025</vergaderjaar>",
    ]
    if aanhangsel:
        parts.append(f"<aanhangselnummer>{aanhangsel}</aanhangselnummer>")
    return "".join(parts)


__all__ = ["TK_NS", "guid", "populate", "publications", "document_change"]
