"""Tweede Kamer metadata for fetched publications: the zaak, its documents and its actors.

For a set of questions, its answer, a mededeling or a "nader" answer the key is the zaak number
(KOOP's `vraagnummer`, "2024Z16988"); one OData query per 20 zaken fetches each zaak with its
documents and actors (`Zaak?$filter=(Nummer eq '…' or …)&$expand=Document,ZaakActor`), then the
askers' Persoon and Fractie entities (by id, batched) give surnames to match on. A kamerstuk's
D-number comes from its dossier (`Document?$filter=Kamerstukdossier/any(d: d/Nummer eq 36200)`).

A Tweede Kamer document is placed at KOOP by what its fields say: "Schriftelijke vragen" of zaak Z
is `kv-tk-Z`; a document with an Aanhangselnummer is `ah-tk-{vergaderjaar}-{nr}`; a document in a
dossier with a Volgnummer is `kst-{dossier}[-{toevoeging}]-{volgnummer}`.

The result is plain JSON (written beside the document as part of its `.fetch.json`), so a build reads
it without the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .odata import ODataClient, any_of
from .services import is_guid

BATCH = 20
ZAAK_NUMBER = re.compile(r"^\d{4}Z\d{5}$")
DOCUMENT_NUMBER = re.compile(r"^\d{4}D\d{5}$")
DOSSIER = re.compile(r"^(\d{1,6})(?:-([A-Za-z0-9]{1,12}))?$")

#: Document.Soort -> the role of the document in a zaak of written questions
ROLES = {
    "Schriftelijke vragen": "vragen",
    "Antwoord schriftelijke vragen": "antwoord",
    "Antwoord schriftelijke vragen (nader)": "nader-antwoord",
    "Mededeling (uitstel antwoord)": "mededeling",
}
ASKERS = ("Indiener", "Medeindiener")
ADDRESSEE = "Gericht aan"


def _batches(values: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(values), BATCH):
        yield values[i:i + BATCH]


def _day(value: object) -> str | None:
    return value[:10] if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def aanhangsel_id(vergaderjaar: object, nummer: object) -> str | None:
    """"2024-2025" and "202420250562" (or "562") -> "ah-tk-20242025-562"."""
    if not isinstance(vergaderjaar, str) or not isinstance(nummer, str | int):
        return None
    years = vergaderjaar.replace("-", "").replace("/", "")
    nummer = str(nummer).strip()
    if not re.fullmatch(r"\d{8}", years) or not nummer.isdigit():
        return None
    if nummer.startswith(years) and len(nummer) > len(years):
        nummer = nummer[len(years):]  # the service prefixes the vergaderjaar: 20242025 0562
    nummer = nummer.lstrip("0")
    return f"ah-tk-{years}-{nummer}" if nummer else None


def kamerstuk_id(dossier: dict | None, volgnummer: object) -> str | None:
    if not isinstance(dossier, dict) or not isinstance(volgnummer, int) or volgnummer <= 0:
        return None
    nummer, toevoeging = dossier.get("Nummer"), dossier.get("Toevoeging")
    if not isinstance(nummer, int):
        return None
    ok = isinstance(toevoeging, str) and re.fullmatch(r"[A-Za-z0-9]{1,12}", toevoeging)
    extra = f"-{toevoeging}" if ok else ""
    return f"kst-{nummer}{extra}-{volgnummer}"


def koop_id(document: dict, zaak_number: str | None = None) -> str | None:
    """The KOOP id a Tweede Kamer Document is published under, when its fields say so."""
    if document.get("Soort") == "Schriftelijke vragen" and zaak_number and ZAAK_NUMBER.match(zaak_number):
        return f"kv-tk-{zaak_number}"
    found = aanhangsel_id(document.get("Vergaderjaar"), document.get("Aanhangselnummer"))
    if found:
        return found
    dossiers = document.get("Kamerstukdossier")
    dossier = dossiers[0] if isinstance(dossiers, list) and dossiers else dossiers
    return kamerstuk_id(dossier if isinstance(dossier, dict) else None, document.get("Volgnummer"))


def _document(doc: dict, zaak_number: str | None) -> dict | None:
    if doc.get("Verwijderd") or not is_guid(str(doc.get("Id", ""))):
        return None
    nummer = doc.get("DocumentNummer")
    return {
        "id": doc["Id"],
        "nummer": nummer if isinstance(nummer, str) and DOCUMENT_NUMBER.match(nummer) else None,
        "soort": doc.get("Soort"),
        "datum": _day(doc.get("Datum")),
        "rol": ROLES.get(str(doc.get("Soort"))),
        "koop": koop_id(doc, zaak_number),
    }


def _actor(actor: dict) -> dict | None:
    if actor.get("Verwijderd"):
        return None
    persoon, fractie = actor.get("Persoon_Id"), actor.get("Fractie_Id")
    return {
        "relatie": actor.get("Relatie"),
        "naam": actor.get("ActorNaam"),
        "fractie": actor.get("ActorFractie"),
        "functie": actor.get("Functie"),
        "persoon": persoon if isinstance(persoon, str) and is_guid(persoon) else None,
        "fractieId": fractie if isinstance(fractie, str) and is_guid(fractie) else None,
    }


def zaken(odata: ODataClient, numbers: Iterable[str]) -> dict[str, dict]:
    """zaak number -> the zaak with its documents (role, D-number, KOOP id) and actors."""
    wanted = sorted({n for n in numbers if ZAAK_NUMBER.match(n)})
    out: dict[str, dict] = {}
    for batch in _batches(wanted):
        for z in odata.entities("Zaak", filter=any_of("Nummer", batch) + " and Verwijderd eq false",
                                expand="Document,ZaakActor"):
            nummer = z.get("Nummer")
            if nummer not in batch or not is_guid(str(z.get("Id", ""))):
                continue
            docs = [d for x in z.get("Document") or [] if isinstance(x, dict) and (d := _document(x, nummer))]
            actors = [a for x in z.get("ZaakActor") or [] if isinstance(x, dict) and (a := _actor(x))]
            out[nummer] = {
                "id": z["Id"], "nummer": nummer, "soort": z.get("Soort"), "onderwerp": z.get("Onderwerp"),
                "gestartOp": _day(z.get("GestartOp")), "termijn": _day(z.get("Termijn")),
                "documenten": sorted(docs, key=lambda d: (d["datum"] or "", d["nummer"] or "")),
                "actoren": actors,
            }
    _add_people(odata, [a for z in out.values() for a in z["actoren"]])
    return out


def _add_people(odata: ODataClient, actors: list[dict]) -> None:
    """Surname and particles of every asker's Persoon, the short name of their Fractie."""
    people = sorted({a["persoon"] for a in actors if a["persoon"] and a["relatie"] in (*ASKERS, ADDRESSEE)})
    found: dict[str, dict] = {}
    for batch in _batches(people):
        for p in odata.entities("Persoon", filter="(" + " or ".join(f"Id eq {g}" for g in batch) + ")"):
            if p.get("Id") in batch:
                found[p["Id"]] = p
    for a in actors:
        p = found.get(a["persoon"] or "")
        if p:
            a["achternaam"] = p.get("Achternaam")
            a["tussenvoegsel"] = p.get("Tussenvoegsel")
            a["initialen"] = p.get("Initialen")
    groups = sorted({a["fractieId"] for a in actors if a["fractieId"]})
    afkorting: dict[str, str] = {}
    for batch in _batches(groups):
        for f in odata.entities("Fractie", filter="(" + " or ".join(f"Id eq {g}" for g in batch) + ")"):
            if f.get("Id") in batch and isinstance(f.get("Afkorting"), str):
                afkorting[f["Id"]] = f["Afkorting"]
    for a in actors:
        if a["fractieId"] in afkorting:
            a["fractieAfkorting"] = afkorting[a["fractieId"]]


def dossier_documents(odata: ODataClient, dossier: str) -> dict[str, dict]:
    """KOOP kst id -> the Tweede Kamer Document of every kamerstuk in a dossier ("36200-VII")."""
    m = DOSSIER.match(dossier)
    if not m:
        return {}
    out: dict[str, dict] = {}
    for d in odata.entities("Document", filter=f"Kamerstukdossier/any(d: d/Nummer eq {int(m.group(1))})"
                                                " and Verwijderd eq false", expand="Kamerstukdossier"):
        doc = _document(d, None)
        if doc and doc["koop"]:
            out[doc["koop"]] = doc
    return out
