"""Tweede Kamer VLOS XML (`vlosCoreDocument`, namespace http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0):
the report of a plenary or committee meeting, as the Gegevensmagazijn serves it.

One Document of kind VERGADERVERSLAG. Its id is "vlos-" + the report's own id attribute (the root's
`MessageID`; the meeting's `objectid` when that is missing). Every `zaak` element the report lists
becomes structured citations on the document (kind "vlos-zaak" -> zaak/<parlisid>, "vlos-stuk" ->
document/kst-<dossier>-<stuk>, "vlos-dossier" -> dossier/<dossiernummer>). The spoken and printed text
(activity titles and `alinea`s) is kept in Document.text for the text recogniser; speakers and votes are
out of scope.
"""

from __future__ import annotations

import re

from lxml import etree

from kamerld.sources.safexml import local, parse_xml

from ..errors import InputError
from ..model import Citation, Document, DocumentKind, Severity
from ..sources import Source
from ..text.xml_text import children, descendants, element_text, norm, parse_iso_date, repair_xml_bytes
from .base import Fit

VLOS_NS = b"http://www.tweedekamer.nl/ggm/vergaderverslag"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ZAAK = re.compile(r"^\d{4}Z\d{5}$")
_CHAMBERS = {"tweede kamer": "TK", "eerste kamer": "EK"}
_TITLED = ("activiteit", "activiteithoofd", "activiteitdeel")


def _child_text(el: etree._Element, name: str) -> str:
    found = children(el, name)
    return element_text(found[0]) if found else ""


def zaak_citations(zaak: etree._Element) -> list[Citation]:
    """The references one `zaak` element carries: its zaak number, the kamerstuk (dossier + stuknummer)
    and the dossier. The text is the zaak's title as the report prints it (the dossier: its number)."""
    title = _child_text(zaak, "titel") or _child_text(zaak, "onderwerp")
    parlis = _child_text(zaak, "parlisid")
    dossier = _child_text(zaak, "dossiernummer")
    stuk = _child_text(zaak, "stuknummer")
    soort = zaak.get("soort")
    note = f"zaak soort {soort!r}" if soort else None
    out: list[Citation] = []
    if parlis:
        target = f"zaak/{parlis}" if _ZAAK.match(parlis) else None
        out.append(Citation(text=title or parlis, kind="vlos-zaak", target=target, note=note))
    if dossier and stuk:
        kst = _UNSAFE.sub("-", f"kst-{dossier}-{stuk}")
        out.append(
            Citation(text=title or f"{dossier}, nr. {stuk}", kind="vlos-stuk", target=f"document/{kst}")
        )
    if dossier:
        out.append(Citation(text=dossier, kind="vlos-dossier", target=f"dossier/{_UNSAFE.sub('-', dossier)}"))
    return out


def _report_text(meeting: etree._Element) -> str:
    lines: list[str] = []
    for el in meeting.iter():
        name = local(el.tag)
        if name in _TITLED:
            title = _child_text(el, "titel")
            if title:
                lines.append(title)
        elif name == "alinea":
            text = element_text(el)
            if text:
                lines.append(text)
    return "\n".join(lines)


class VlosXmlReader:
    name = "vlos-xml"
    description = "Tweede Kamer VLOS meeting report XML (vlosCoreDocument)"

    def sniff(self, source: Source) -> Fit:
        head = source.head(2048)
        if b"vlosCoreDocument" in head or VLOS_NS in head:
            return Fit.EXACT
        return Fit.NO

    def read(self, source: Source) -> list[Document]:
        data, notes = repair_xml_bytes(source.data)
        root = parse_xml(data, source.path)
        if local(root.tag) != "vlosCoreDocument":
            raise InputError(f"root element <{local(root.tag)}> is not a VLOS vlosCoreDocument", source.path)
        meetings = children(root, "vergadering")
        if not meetings:
            raise InputError("VLOS document has no <vergadering>", source.path)
        meeting = meetings[0]
        own_id = root.get("MessageID") or meeting.get("objectid")
        if not own_id or not norm(own_id):
            raise InputError("VLOS document has no id (MessageID / vergadering objectid)", source.path)
        doc = Document(
            id="vlos-" + _UNSAFE.sub("-", norm(own_id)).strip("-"),
            kind=DocumentKind.VERGADERVERSLAG,
            source=source.path,
            reader=self.name,
            notices=list(notes),
        )
        doc.title = _child_text(meeting, "titel") or None
        doc.date = parse_iso_date(_child_text(meeting, "datum"))
        doc.chamber = _CHAMBERS.get(norm(meeting.get("kamer")).lower())
        doc.vergaderjaar = _child_text(meeting, "vergaderjaar") or None
        doc.number = _child_text(meeting, "vergaderingnummer") or None
        status = " / ".join(v for v in (root.get("soort"), root.get("status")) if v)
        if status:  # drafts ("Voorpublicatie / Casco") are replaced later: say which version this is
            doc.warn(f"VLOS report version: {status}", Severity.INFO)
        for zaak in descendants(root, "zaak"):
            cites = zaak_citations(zaak)
            doc.citations += cites
            for c in cites:
                if c.kind == "vlos-zaak" and c.target and c.target[5:] not in doc.zaken:
                    doc.zaken.append(c.target[5:])
                if c.kind == "vlos-dossier" and c.text not in doc.dossiers:
                    doc.dossiers.append(c.text)
        if len(meetings) > 1:
            doc.warn(f"{len(meetings)} meetings in one report; only the first was read")
        doc.text = _report_text(meeting) or None
        return [doc]
