"""KOOP XML (officielebekendmakingen.nl): `officiele-publicatie` documents and their metadata.

Reads
* `officiele-publicatie` with `kamervragen` (kv: questions), `aanhangsel` (ah: questions with the
  answers or a mededeling), `handelingen`, `kamerstuk`, and any other publication (Staatsblad,
  Gemeenteblad ...) as a plain document;
* `metadata_gegevens` (metadata.xml), `owms-metadata` (metadata_owms.xml) and SRU search records
  (`searchRetrieveResponse` / `record`) as documents of their own (metadata only, one per record).

Companion metadata: for `dir/NAME.xml` the reader also reads `dir/NAME.metadata.xml`, else
`dir/metadata.xml` (KOOP's own download name), when it exists; it must name the same identifier
(otherwise it is ignored with a notice). What the body says wins; the metadata fills the gaps.

Structured references (`extref@doc`) become Citations (kind "extref") on the question or answer they
sit in, or whose `nootref` points at the footnote they sit in (`in_footnote`); the rest on the document.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from lxml import etree

from kamerld.sources.safexml import local, parse_xml

from ..errors import InputError
from ..model import (
    Answer,
    Citation,
    Document,
    DocumentKind,
    Footnote,
    OrgMention,
    Question,
    Severity,
)
from ..sources import Source
from ..text.xml_kvheader import parse_answer_header, parse_questions_header
from ..text.xml_meta import (
    KOOP_ID,
    KoopMeta,
    apply_meta,
    fill_from_id,
    kind_for_id,
    meta_from_elements,
    meta_from_gegevens,
    sru_records,
)
from ..text.xml_text import (
    descendants,
    element_text,
    first,
    first_text,
    label_numbers,
    norm,
    parse_dutch_date,
    parse_iso_date,
    repair_xml_bytes,
    split_leading_number,
)
from .base import Fit

_SIGNATURES = (b"<officiele-publicatie", b"<metadata_gegevens", b"searchRetrieveResponse", b"<owms-metadata")
_SRU_RECORD = b"standaarden.overheid.nl/sru"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]+$")
_ZAAK = re.compile(r"^\d{4}Z\d{5}$")
_SEE_ALSO_AH = re.compile(
    r"Aanhangsel\s+(?:van\s+de\s+)?Handelingen(?:\s+(II|I))?,?\s+vergaderjaar\s+(\d{4})\s*[-–/]\s*(\d{4}),?"
    r"\s+nr\.?\s+(\d+)",
    re.I,
)
_STUK_KINDS = (
    ("lijst van vragen en antwoorden", DocumentKind.LIJST_VRAGEN_ANTWOORDEN),
    ("verslag van een schriftelijk overleg", DocumentKind.VERSLAG_SO),
    ("nota naar aanleiding van het verslag", DocumentKind.NOTA_NAV_VERSLAG),
)
_SKIP_IN_TEXT = ("noot", "nr")


def extref_target(doc_ref: str) -> str | None:
    """`extref@doc` -> citation target: a KOOP id -> "document/<id>", a zaak number -> "zaak/<nr>",
    an ECLI -> its deeplink, a web address as it is; None for what we cannot place."""
    ref = doc_ref.strip().split("#", 1)[0]
    if not ref:
        return None
    if ref.startswith(("http://", "https://")):
        return ref
    if ref.startswith("ECLI:"):
        return f"https://deeplink.rechtspraak.nl/uitspraak?id={ref}"
    if KOOP_ID.match(ref):
        return f"document/{ref}"
    if _ZAAK.match(ref):
        return f"zaak/{ref}"
    return None


class KoopXmlReader:
    name = "koop-xml"
    description = (
        "KOOP officiele-publicatie XML (kamervragen, aanhangsel, handelingen, kamerstuk), metadata.xml, SRU"
    )

    def sniff(self, source: Source) -> Fit:
        head = source.head(2048)
        if any(sig in head for sig in _SIGNATURES):
            return Fit.EXACT
        if b"<record" in head and _SRU_RECORD in head:
            return Fit.EXACT
        return Fit.NO

    def read(self, source: Source) -> list[Document]:
        data, notes = repair_xml_bytes(source.data)
        root = parse_xml(data, source.path)
        kind = local(root.tag)
        if kind == "officiele-publicatie":
            docs = [self._publicatie(root, source)]
        elif kind == "metadata_gegevens":
            docs = [self._meta_document(meta_from_gegevens(root), source)]
        elif kind == "owms-metadata":
            docs = [self._meta_document(meta_from_elements(root), source)]
        elif kind in ("searchRetrieveResponse", "record"):
            docs = [self._meta_document(meta_from_elements(r), source) for r in sru_records(root)]
            if not docs:
                raise InputError("SRU response holds no records", source.path)
        else:
            raise InputError(f"root element <{kind}> is not a KOOP publication or its metadata", source.path)
        for doc in docs:
            doc.notices[:0] = notes
        return docs

    # ---- metadata only -----------------------------------------------------------------------------

    def _meta_document(self, meta: KoopMeta, source: Source) -> Document:
        ident = meta.identifier
        if not ident or not _SAFE_ID.match(ident):
            raise InputError(f"metadata has no usable identifier (found {ident!r})", source.path)
        doc = Document(id=ident, kind=kind_for_id(ident), source=source.path, reader=self.name)
        apply_meta(doc, meta)
        return doc

    # ---- officiele-publicatie ----------------------------------------------------------------------

    def _publicatie(self, root: etree._Element, source: Source) -> Document:
        embedded = KoopMeta()
        block = first(root, "metadata")
        if block is not None:
            embedded = meta_from_gegevens(block)
        body = next(
            (c for c in root if isinstance(c.tag, str) and local(c.tag) not in ("metadata", "kop", "meta")),
            None,
        )
        if body is None:
            raise InputError("officiele-publicatie has no content element", source.path)
        companion, companion_path = _companion_meta(source)
        doc_id = _publication_id(embedded, companion, body, source)
        doc = Document(id=doc_id, kind=kind_for_id(doc_id), source=source.path, reader=self.name)
        fill_from_id(doc)
        kind = local(body.tag)
        if kind in ("kamervragen", "aanhangsel"):
            self._questions_answers(body, root, doc)
            if kind == "kamervragen":
                doc.kind = DocumentKind.KAMERVRAGEN
        elif kind == "handelingen":
            doc.kind = DocumentKind.HANDELINGEN
            doc.title = first_text(body, "item-titel")
            doc.text = _body_text(body)
            _rest_citations(root, doc, set())
        elif kind == "kamerstuk":
            self._kamerstuk(body, root, doc)
        else:
            doc.kind = DocumentKind.OVERIG
            doc.title = first_text(body, "intitule") or first_text(body, "titel")
            doc.date = _dagtekening(body)
            doc.text = _body_text(body)
            _rest_citations(root, doc, set())
        for meta, where in ((embedded, "embedded"), (companion, companion_path)):
            if meta is not None and meta.values:
                apply_meta(doc, meta)
                if where != "embedded":
                    doc.warn(f"metadata read from {where}", Severity.INFO)
        return doc

    def _kamerstuk(self, body: etree._Element, root: etree._Element, doc: Document) -> None:
        doc.kind = DocumentKind.KAMERSTUK
        for nr in descendants(body, "dossiernr"):
            value = norm(nr.text)
            if value and value not in doc.dossiers:
                doc.dossiers.append(value)
        doc.number = first_text(body, "ondernummer")
        stuk = first(body, "stuk")
        stuk_title = first_text(stuk, "titel") if stuk is not None else None
        dossier = first(body, "dossier")
        dossier_title = first_text(dossier, "titel") if dossier is not None else None
        doc.title = stuk_title or dossier_title
        low = (stuk_title or "").lower()
        doc.kind = next((k for phrase, k in _STUK_KINDS if phrase in low), DocumentKind.KAMERSTUK)
        doc.date = _dagtekening(body)
        if descendants(body, "vraag") or descendants(body, "antwoord"):
            self._questions_answers(body, root, doc, header=False)
        else:
            doc.text = _body_text(body)
            _rest_citations(root, doc, set())

    def _questions_answers(
        self, body: etree._Element, root: etree._Element, doc: Document, header: bool = True
    ) -> None:
        notes = {n.get("id"): n for n in descendants(root, "noot") if n.get("id")}
        used_extrefs: set[etree._Element] = set()
        used_notes: set[etree._Element] = set()
        mededeling = False
        if header:
            mededeling = self._header(body, doc)
        for i, el in enumerate(_outermost(body, "vraag"), start=1):
            label, numbers, text = _numbered(el)
            q = Question(number="-".join(numbers) if numbers else f"p{i}", text=text, label=label)
            q.askers = list(doc.askers)
            q.addressees = list(doc.addressees)
            _attach_notes(el, notes, q.footnotes, q.citations, used_extrefs, used_notes)
            doc.questions.append(q)
        question_numbers = {q.number for q in doc.questions}
        for i, el in enumerate(_outermost(body, "antwoord"), start=1):
            label, numbers, text = _numbered(el)
            a = Answer(number="-".join(numbers) if numbers else f"p{i}", text=text, label=label)
            a.answers = numbers or ([a.number] if a.number in question_numbers else [])
            if doc.answerers:
                a.answerer = doc.answerers[0]
                if doc.answerers[0].portfolio:
                    a.ministry = OrgMention(text=doc.answerers[0].portfolio)
            _attach_notes(el, notes, a.footnotes, a.citations, used_extrefs, used_notes)
            doc.answers.append(a)
        if doc.kind in (DocumentKind.ANTWOORD, DocumentKind.MEDEDELING, DocumentKind.OVERIG) and header:
            if doc.answers:
                doc.kind = DocumentKind.ANTWOORD
            elif mededeling or descendants(body, "mededeling"):
                doc.kind = DocumentKind.MEDEDELING
        if doc.kind == DocumentKind.MEDEDELING and doc.zaken:
            doc.uitstel_van = [f"kv-tk-{z}" for z in doc.zaken]
        for note in descendants(root, "noot"):
            if note in used_notes or _inside(note, "noot"):
                continue
            doc.footnotes.append(_footnote(note))
        _rest_citations(root, doc, used_extrefs)
        if not doc.questions and not doc.answers and doc.kind != DocumentKind.MEDEDELING:
            doc.warn("no questions or answers found in the XML")

    def _header(self, body: etree._Element, doc: Document) -> bool:
        """The kamervraagkop: numbers, the "Vragen van ..." and "Antwoord van ..." lines, "Zie ook".
        Returns True when the document announces a mededeling (delay notice)."""
        for el in descendants(body, "kamervraagnummer"):
            value = norm(el.text)
            if _ZAAK.match(value):
                doc.zaken.append(value)
            elif value:
                doc.number = doc.number or value
        mededeling = False
        lines = descendants(body, "kamervraagomschrijving") + descendants(body, "kamervraagopmerking")
        lines += [
            al
            for al in descendants(body, "al")
            if not any(_inside(al, n) for n in ("vraag", "antwoord", "noot", "kamervraagkop"))
            and re.match(r"^(Vragen van|Antwoord van|Mededeling van)", element_text(al))
        ]
        for el in lines:
            text = element_text(el, _SKIP_IN_TEXT)
            qh = parse_questions_header(text)
            if qh:
                doc.askers = doc.askers or qh.askers
                doc.addressees = doc.addressees or qh.addressees
                doc.date_submitted = doc.date_submitted or qh.submitted
                doc.title = doc.title or re.sub(r"\s*\(ingezonden[^)]*\)\s*\.?$", "", text).rstrip(".")
                continue
            ah = parse_answer_header(text)
            if ah:
                doc.answerers = doc.answerers or ah.answerers
                doc.date_received = doc.date_received or ah.received
                mededeling = mededeling or ah.kind == "mededeling"
                continue
            if re.match(r"^Zie\s+ook\b", text, re.I):
                self._see_also(el, text, doc)
            elif re.search(r"\bmededeling\b", text, re.I):
                mededeling = True
                doc.date_received = doc.date_received or parse_dutch_date(text)
        if doc.kind == DocumentKind.KAMERVRAGEN:
            doc.date = doc.date or doc.date_submitted
        else:
            doc.date = doc.date or doc.date_received
        return mededeling

    def _see_also(self, el: etree._Element, text: str, doc: Document) -> None:
        refs = [r.get("doc", "") for r in descendants(el, "extref") if KOOP_ID.match(r.get("doc", ""))]
        if not refs:
            for m in _SEE_ALSO_AH.finditer(text):
                chamber = "ek" if m.group(1) == "I" else (doc.chamber or "TK").lower()
                refs.append(f"ah-{chamber}-{m.group(2)}{m.group(3)}-{m.group(4)}")
        for ref in refs:
            if ref not in doc.see_also and ref != doc.id:
                doc.see_also.append(ref)


# ---- helpers -------------------------------------------------------------------------------------------


def _inside(el: etree._Element, name: str) -> bool:
    return any(local(a.tag) == name for a in el.iterancestors())


def _outermost(body: etree._Element, name: str) -> list[etree._Element]:
    return [el for el in descendants(body, name) if not _inside(el, name) and not _inside(el, "noot")]


def _paragraphs(el: etree._Element) -> list[str]:
    paras = [p for p in descendants(el, "al") if not _inside(p, "noot")]
    if not paras:
        text = element_text(el, _SKIP_IN_TEXT)
        return [text] if text else []
    return [t for t in (element_text(p, ("noot",)) for p in paras) if t]


def _numbered(el: etree._Element) -> tuple[str | None, list[str], str]:
    """Label, the numbers it names and the text of a `vraag` / `antwoord`. The number comes from the
    `nr` child ("Vraag 1", "Antwoord 3 en 4"), else the `nr` attribute, else the start of the first
    paragraph ("1. Bent u ...", which is then cut from the text)."""
    paras = _paragraphs(el)
    nr = next((c for c in el if local(c.tag) == "nr"), None)
    label = element_text(nr) if nr is not None else None
    label = label or norm(el.get("nr")) or None
    numbers = label_numbers(label) if label else None
    if label and not numbers:
        numbers = None  # a label we cannot read as numbers: keep it, number by position
    if label is None and paras:
        lead = split_leading_number(paras[0])
        if lead:
            label, numbers, paras[0] = lead[0], lead[1], lead[2]
    return label, numbers or [], "\n".join(paras)


def _footnote(note: etree._Element) -> Footnote:
    marker = first_text(note, "noot.nr") or note.get("id") or ""
    body = [element_text(p) for p in descendants(note, "noot.al")] or [element_text(note, ("noot.nr",))]
    return Footnote(marker=marker, text="\n".join(t for t in body if t))


def _citation(ref: etree._Element) -> Citation:
    doc_ref = ref.get("doc", "")
    target = extref_target(doc_ref)
    return Citation(
        text=element_text(ref) or doc_ref,
        kind="extref",
        target=target,
        in_footnote=_inside(ref, "noot"),
        note=None if target else f"extref doc={doc_ref!r} not placed",
    )


def _attach_notes(
    el: etree._Element,
    notes: dict[str, etree._Element],
    footnotes: list[Footnote],
    citations: list[Citation],
    used_extrefs: set[etree._Element],
    used_notes: set[etree._Element],
) -> None:
    """Footnotes in `el` (inline `noot`) or pointed at by a `nootref`, and every extref in `el` or in
    those footnotes, in document order."""
    attached: list[etree._Element] = []
    for node in el.iter("{*}noot", "{*}nootref", "{*}extref"):  # in document order, any namespace
        name = local(node.tag)
        if name == "noot" and not _inside(node, "noot"):
            attached.append(node)
        elif name == "nootref" and node.get("refid") in notes:
            attached.append(notes[node.get("refid", "")])
        elif name == "extref" and not _inside(node, "noot"):
            citations.append(_citation(node))
            used_extrefs.add(node)
    for note in dict.fromkeys(attached):
        footnotes.append(_footnote(note))
        used_notes.add(note)
        for ref in descendants(note, "extref"):
            citations.append(_citation(ref))
            used_extrefs.add(ref)


def _rest_citations(root: etree._Element, doc: Document, used: set[etree._Element]) -> None:
    for ref in descendants(root, "extref"):
        if ref not in used:
            doc.citations.append(_citation(ref))


def _body_text(body: etree._Element) -> str:
    paras = [element_text(p) for p in descendants(body, "al") if not _inside(p, "al")]
    return "\n".join(p for p in paras if p)


def _dagtekening(body: etree._Element) -> date | None:
    for el in descendants(body, "dagtekening") + descendants(body, "datum"):
        iso = el.get("isodatum")
        if iso is None:
            inner = first(el, "datum")
            iso = inner.get("isodatum") if inner is not None else None
        found = parse_iso_date(iso) or parse_dutch_date(element_text(el))
        if found:
            return found
    return None


def _id_from_record_url(meta: KoopMeta) -> str | None:
    """OVERHEIDop.externMetadataRecord ".../h-tk-20172018-70-10/metadata.xml" -> "h-tk-20172018-70-10"."""
    url = meta.get("externmetadatarecord")
    if not url:
        return None
    parts = [p for p in url.split("/") if p]
    if len(parts) >= 2 and parts[-1].startswith("metadata"):
        return parts[-2]
    return None


def _publication_id(
    embedded: KoopMeta, companion: KoopMeta | None, body: etree._Element, source: Source
) -> str:
    stem = Path(source.path).name.removesuffix(".xml")
    candidates = [embedded.identifier, _id_from_record_url(embedded)]
    if companion is not None:
        candidates.append(companion.identifier)
    candidates.append(stem if KOOP_ID.match(stem) else None)
    if local(body.tag) == "kamervragen":
        nr = first_text(body, "kamervraagnummer")
        candidates.append(f"kv-tk-{nr}" if nr and _ZAAK.match(nr) else None)
    for cand in candidates:
        if cand and _SAFE_ID.match(cand):
            return cand
    # no identifier anywhere: a stable id from the content, so reruns give the same URIs
    return "koop-" + hashlib.sha256(source.data).hexdigest()[:16]


def _companion_meta(source: Source) -> tuple[KoopMeta | None, str | None]:
    path = Path(source.path)
    if not path.is_file() or path.name.endswith("metadata.xml"):
        return None, None
    for cand in (
        path.with_name(path.name.removesuffix(".xml") + ".metadata.xml"),
        path.with_name("metadata.xml"),
    ):
        if cand.is_file():
            meta_source = Source.from_path(cand)
            data, _ = repair_xml_bytes(meta_source.data)
            root = parse_xml(data, meta_source.path)
            if local(root.tag) == "metadata_gegevens":
                return meta_from_gegevens(root), str(cand)
            if local(root.tag) == "owms-metadata":
                return meta_from_elements(root), str(cand)
    return None, None
