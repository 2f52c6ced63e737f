"""What a fetch record adds to a document read from a fetched file (called by the pipeline).

* provenance: `Document.source` becomes the official URL the file was fetched from, so
  `prov:wasDerivedFrom` names it instead of a local file's hash;
* KOOP's metadata.xml, for a document read from a PDF or HTML file (the XML reader reads it itself);
* Tweede Kamer metadata: the document's D-number and OData URI, its zaken with their documents by
  role, and the askers' and addressees' Persoon and Fractie URIs. Askers are matched to the people
  the document names through the registers (the same person gives the same slug), addressees by
  the post the "Gericht aan" actor holds; who cannot be matched is left alone, never guessed.

Provenance and KOOP metadata go in before enrichment (so the registers resolve what the metadata
names), Tweede Kamer metadata after it (it is matched on resolved mentions). A damaged fetch record
is a notice, not a failure.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..model import Document, OrgMention, PersonMention, Severity, TkZaak
from .layout import METADATA, read_json, sidecar_for
from .services import is_guid, tk_entity_uri

_OFFICIAL_URL = re.compile(
    r"^https://(?:repository\.overheid\.nl|zoek\.officielebekendmakingen\.nl)/[A-Za-z0-9._~/%-]+$")
_ROLE = re.compile(r"^(minister-president|minister|staatssecretaris)\s+(?:van|voor)\s+(.+)$", re.I)


def _record(doc: Document, path: Path) -> dict | None:
    sidecar = sidecar_for(path)
    if not sidecar.is_file():
        return None
    record = read_json(sidecar)
    if record is None:
        doc.warn(f"fetch record {sidecar.name} is damaged; provenance and Tweede Kamer metadata not applied")
    return record


def before_enrichment(doc: Document, path: str | Path) -> None:
    """Provenance and KOOP metadata from the fetch record beside `path` (if any), in place."""
    path = Path(path)
    record = _record(doc, path)
    if record is None:
        return
    entry = (record.get("files") or {}).get(path.name)
    url = entry.get("url") if isinstance(entry, dict) else None
    if isinstance(url, str) and _OFFICIAL_URL.match(url):
        doc.source = url  # prov:wasDerivedFrom: only an official URL, valid as an IRI
    if doc.reader != "koop-xml":
        _koop_metadata(doc, path)


def after_enrichment(doc: Document, path: str | Path) -> None:
    """The Tweede Kamer metadata of the fetch record beside `path` (if any), on resolved mentions."""
    record = read_json(sidecar_for(Path(path)))
    tk = (record or {}).get("tk")
    if isinstance(tk, dict) and record.get("id") == doc.id:
        _tk(doc, tk)


def _koop_metadata(doc: Document, path: Path) -> None:
    """KOOP's metadata.xml fills what a PDF or HTML reader could not see (title, dates, zaken)."""
    meta_path = path.with_name(path.name.rsplit(".", 1)[0] + METADATA)
    if not meta_path.is_file():
        return
    from kamerld.sources.safexml import parse_xml

    from ..errors import InputError
    from ..sources import Source
    from ..text.xml_meta import apply_meta, meta_from_gegevens

    try:
        root = parse_xml(Source.from_path(meta_path).data, str(meta_path))
    except InputError as exc:
        doc.warn(f"KOOP metadata {meta_path.name} not read: {exc.message}")
        return
    meta = meta_from_gegevens(root)
    if meta.identifier == doc.id:
        apply_meta(doc, meta)
        doc.warn(f"metadata read from {meta_path.name}", Severity.INFO)


def _tk(doc: Document, tk: dict) -> None:
    document = tk.get("document") if isinstance(tk.get("document"), dict) else None
    if document and is_guid(str(document.get("id", ""))):
        doc.tk_uri = tk_entity_uri("Document", document["id"])
        if isinstance(document.get("nummer"), str) and re.fullmatch(r"\d{4}D\d{5}", document["nummer"]):
            doc.tk_number = document["nummer"]
    on = doc.date_submitted or doc.date
    for zaak in tk.get("zaken") or []:
        if not isinstance(zaak, dict) or not is_guid(str(zaak.get("id", ""))):
            continue
        number = zaak.get("nummer")
        if not isinstance(number, str) or not re.fullmatch(r"\d{4}Z\d{5}", number):
            continue
        links: list[tuple[str, str]] = []
        for d in zaak.get("documenten") or []:
            if not isinstance(d, dict) or not d.get("rol"):
                continue
            if isinstance(d.get("koop"), str) and re.fullmatch(r"[A-Za-z0-9-]+", d["koop"]):
                links.append((d["rol"], f"document/{d['koop']}"))
            elif isinstance(d.get("nummer"), str) and re.fullmatch(r"\d{4}D\d{5}", d["nummer"]):
                links.append((d["rol"], f"tkdocument/{d['nummer']}"))
        title = zaak.get("onderwerp") if isinstance(zaak.get("onderwerp"), str) else None
        doc.tk_zaken.append(TkZaak(number=number, uri=tk_entity_uri("Zaak", zaak["id"]), title=title,
                                   documents=list(dict.fromkeys(links))))
        if number not in doc.zaken:
            doc.zaken.append(number)
        actors = [a for a in zaak.get("actoren") or [] if isinstance(a, dict)]
        _askers(doc, [a for a in actors if a.get("relatie") in ("Indiener", "Medeindiener")], on)
        _addressees(doc, [a for a in actors if a.get("relatie") == "Gericht aan"], on)


def _actor_name(actor: dict) -> str:
    parts = [actor.get("initialen"), actor.get("tussenvoegsel"), actor.get("achternaam")]
    if actor.get("achternaam"):
        return " ".join(p for p in parts if isinstance(p, str) and p)
    return str(actor.get("naam") or "")


def _askers(doc: Document, actors: list[dict], on: date | None) -> None:
    from kamerld.extraction.attribution import resolve_mention

    mentions = [*doc.askers, *(m for q in doc.questions for m in q.askers)]
    for actor in actors:
        name = _actor_name(actor)
        if not name or not actor.get("persoon"):
            continue
        fractie = actor.get("fractieAfkorting") or actor.get("fractie")
        probe = PersonMention(name=name, fractie=fractie, role="lid")
        resolve_mention(probe, on)
        if probe.person is None:
            continue
        for m in mentions:
            if m.person is not None and m.person.slug == probe.person.slug:
                m.tk_uri = tk_entity_uri("Persoon", actor["persoon"])
                if actor.get("fractieId") and m.fractie_ref is not None:
                    m.tk_fractie_uri = tk_entity_uri("Fractie", actor["fractieId"])


def _addressees(doc: Document, actors: list[dict], on: date | None) -> None:
    from kamerld.extraction.attribution import resolve_mention

    orgs: list[OrgMention] = [*doc.addressees, *(o for q in doc.questions for o in q.addressees)]
    for actor in actors:
        m = _ROLE.match(str(actor.get("functie") or "").strip())
        if not m or not actor.get("persoon"):
            continue
        holder = PersonMention(name=_actor_name(actor), role=m.group(1).lower(), portfolio=m.group(2))
        resolve_mention(holder, on)
        holder.tk_uri = tk_entity_uri("Persoon", actor["persoon"])
        if holder.post is None or holder.person is None:
            continue
        for o in orgs:
            if o.post is not None and o.post.slug == holder.post.slug:
                o.holder = holder
