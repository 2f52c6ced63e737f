"""Decode HTML pages into blocks: zoek.officielebekendmakingen.nl, tweedekamer.nl, openkamer.org.

The page chrome (navigation, page header and footer, forms, scripts) is dropped; the document is the
`div.stuk` of a KOOP page, else the `main`/`article`, else the body. Block elements (headings,
paragraphs, list items, table cells, definition lists) become blocks, a double line break inside one
too; the KOOP classes travel as style hints (`vraag`, `antwoord`, `kamervraagomschrijving` …), bold
text as "strong". KOOP footnotes (`div.voet.noot` with `span.nootnum`) are attached to the block that
carries their `a.nootref`. The metadata comes from `<meta name="DC.*">`, `DCTERMS.*` and
`OVERHEIDop.*` tags, and from the labelled fields pages print ("Nummer", "Ingediend", "Publicatiedatum"),
through the table of names below. Parsing is lxml's HTML parser with the network off; nothing a page
links to is ever fetched.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from ..model import Footnote
from ..text.dates import parse_dutch_date, parse_iso_date
from .blocks import Block, BlockKind, Decoded

__all__ = ["decode_html", "looks_like_html"]

NAME = "html"
MAX_HTML_BYTES = 20 * 1024 * 1024

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "form",
    "button",
    "select",
    "iframe",
    "svg",
    "template",
    "header",
    "aside",
    "head",
    "link",
    "img",
    "input",
    "label",
}
_DROP_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|breadcrumb|menu|skip|servicemenu|footer|cookie|share|social|sidebar"
    r"|search-form|downloads|documentgegevens|pager|tabs)(?:$|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "caption",
    "figcaption",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# <meta name> -> our metadata key (KOOP's DC/OVERHEIDop terms, tweedekamer.nl's dcterms)
META_NAMES = {
    "dc.identifier": "identifier",
    "dcterms.identifier": "identifier",
    "dc.title": "title",
    "dc.type": "publication",
    "overheidop.publicationname": "publication",
    "dc.creator": "creator",
    "dc.date": "date",
    "overheidop.vergaderjaar": "vergaderjaar",
    "overheidop.aanhangselnummer": "number",
    "overheidop.vraagnummer": "zaak",
    "overheidop.dossiernummer": "dossier",
    "overheidop.ondernummer": "stuk",
    "overheidop.datumindiening": "date_submitted",
    "overheidop.datumontvangst": "date_received",
}
# labelled fields a page prints (dt/dd, th/td): label -> our metadata key
FIELD_NAMES = {
    "nummer": "field_number",
    "ingediend": "date_submitted",
    "ingezonden": "date_submitted",
    "datum indiening": "date_submitted",
    "beantwoord": "date_received",
    "datum ontvangst": "date_received",
    "publicatiedatum": "date",
    "datum": "date",
    "vergaderjaar": "vergaderjaar",
    "bron antwoord": "answer_source",
    "beantwoord door": "answerers",
}
_KOOP_ID = re.compile(r"^(?:ah|kv|kst|h|blg|stb|stcrt|trb|gmb|prb|wsb)-[A-Za-z0-9-]+$")


def looks_like_html(head: bytes) -> bool:
    h = head[:2048].lstrip().lower()
    return (
        h.startswith((b"<!doctype html", b"<html"))
        or b"<html" in h[:500]
        or (b"<body" in h and b"<head" in h)
    )


def decode_html(data: bytes, path: str) -> Decoded:
    if len(data) > MAX_HTML_BYTES:
        raise InputError(f"HTML is {len(data)} bytes, more than the limit of {MAX_HTML_BYTES}", path)
    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, encoding="utf-8", huge_tree=False
    )
    try:
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"HTML cannot be parsed: {exc}", path) from exc
    meta = _meta(root)
    notes = _footnotes(root)
    content = _content_root(root)
    _drop_chrome(content)
    blocks: list[Block] = []
    _walk(content, blocks, notes, [])
    decoded = Decoded(path=path, decoder=NAME, blocks=[b for b in blocks if b.text], meta=meta)
    for b in decoded.blocks:
        _fields(b, meta)
    used = {fn.marker for b in decoded.blocks for fn in b.footnotes}
    decoded.notes = [fn for m, fn in notes.items() if m not in used]
    decoded.text = "\n".join(b.text for b in decoded.blocks)
    _normalise_meta(meta)
    return decoded


def _meta(root: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and title.text:
        out["page_title"] = _norm(title.text)
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        content = (m.get("content") or "").strip()
        key = META_NAMES.get(name)
        if key and content and key not in out:
            out[key] = content
    return out


def _normalise_meta(meta: dict[str, str]) -> None:
    """Turn what the page says into the keys the classifier reads: id, kind hints, ISO dates."""
    ident = meta.pop("identifier", "")
    if _KOOP_ID.match(ident):
        meta["id"] = ident
    creator = meta.pop("creator", "") or meta.get("page_title", "")
    if re.search(r"Tweede\s+Kamer", creator):
        meta["chamber"] = "TK"
    elif re.search(r"Eerste\s+Kamer", creator):
        meta["chamber"] = "EK"
    for key in ("date", "date_submitted", "date_received"):
        if key in meta:
            d = parse_iso_date(meta[key]) or parse_dutch_date(meta[key]) or _dmy(meta[key])
            if d is None:
                del meta[key]
            else:
                meta[key] = d.isoformat()
    if (
        m := re.match(r"^(\d{4,6})(?:-([A-Z]{1,6}))?-(\d{1,4}[a-z]?)$", meta.pop("field_number", ""))
    ) and "id" not in meta:
        meta["dossier"] = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
        meta["stuk"] = m.group(3)
    elif z := re.match(r"^((?:19|20)\d\dZ\d{5})$", meta.get("field_number", "")):
        meta["zaak"] = z.group(1)
    source = meta.pop("answer_source", "")
    if (m := re.search(r"/((?:ah|kst)-[a-z0-9-]+?)(?:\.html|\.pdf|\.xml)?$", source)) and "id" not in meta:
        meta["id"] = m.group(1)
    if (zaak := meta.get("zaak")) and not re.fullmatch(r"(?:19|20)\d\dZ\d{5}", zaak):
        del meta["zaak"]


def _dmy(text: str) -> date | None:
    m = re.match(r"^(\d{1,2})-(\d{1,2})-(\d{4})$", text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _fields(b: Block, meta: dict[str, str]) -> None:
    """'Nummer: 2019Z09876', 'Publicatiedatum: 10 februari 2015' (a dt/dd or th/td pair)."""
    m = re.match(r"^([A-Za-z][A-Za-z ]{2,30}?)\s*:\s*(.{1,200})$", b.text)
    if m and b.style == "field":
        key = FIELD_NAMES.get(m.group(1).strip().lower())
        if key and key not in meta:
            meta[key] = m.group(2).strip()


def _footnotes(root: etree._Element) -> dict[str, Footnote]:
    """KOOP footnotes: <div class="voet noot"><p><span class="nootnum">1</span> text</p></div>."""
    out: dict[str, Footnote] = {}
    for el in root.iter("div"):
        cls = el.get("class") or ""
        if "voet" not in cls.split() and "noot" not in cls.split():
            continue
        num = el.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " nootnum ")]')
        if not num:
            continue
        marker = (num[0].text_content() or "").strip()
        text = _norm(el.text_content())
        if text.startswith(marker):
            text = text[len(marker) :].strip()
        if marker and marker not in out:
            out[marker] = Footnote(marker=marker, text=text)
        el.drop_tree()
    return out


def _content_root(root: etree._Element) -> etree._Element:
    for xp in (
        '//div[contains(concat(" ", normalize-space(@class), " "), " stuk ")]',
        "//article",
        "//main",
        '//*[@role="main"]',
    ):
        found = root.xpath(xp)
        if found:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _drop_chrome(el: etree._Element) -> None:
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        ident = f"{child.get('class') or ''} {child.get('id') or ''}"
        if tag in _DROP_TAGS or (_DROP_CLASS.search(ident) and tag not in ("p",)):
            child.drop_tree()
            continue
        _drop_chrome(child)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _walk(el: etree._Element, out: list[Block], notes: dict[str, Footnote], classes: list[str]) -> None:
    """Blocks in reading order: a block element is one block (split at double <br>); other elements
    are walked for the block elements inside them, their own loose text becoming a block too."""
    cls = (el.get("class") or "").strip()
    here = classes + ([cls] if cls else [])
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in ("dl", "tr"):
        _pairs(el, out, here)
        return
    if tag in _BLOCK_TAGS and not _has_block_children(el):
        _emit(el, out, notes, here, BlockKind.HEADING if tag in _HEADINGS else BlockKind.PARAGRAPH)
        return
    loose: list[etree._Element | str] = []
    if el.text and el.text.strip():
        loose.append(el.text)
    for child in el:
        if not isinstance(child.tag, str):
            if child.tail and child.tail.strip():
                loose.append(child.tail)
            continue
        ctag = child.tag.lower()
        if ctag in _BLOCK_TAGS or ctag in (
            "div",
            "section",
            "ul",
            "ol",
            "table",
            "tbody",
            "dl",
            "tr",
            "thead",
        ):
            _flush_loose(loose, out, notes, here)
            loose = []
            _walk(child, out, notes, here)
        else:
            loose.append(child)
        if child.tail and child.tail.strip():
            loose.append(child.tail)
    _flush_loose(loose, out, notes, here)


_CONTAINERS = _HEADINGS | {"p", "div", "section", "ul", "ol", "table", "dl", "blockquote"}


def _has_block_children(el: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and c.tag.lower() in _CONTAINERS for c in el)


def _pairs(el: etree._Element, out: list[Block], classes: list[str]) -> None:
    """'<dt>Nummer</dt><dd>33308-13</dd>' and '<th>Ingediend:</th><td>14 mei 2019</td>' as one block."""
    cells = [c for c in el if isinstance(c.tag, str) and c.tag.lower() in ("dt", "dd", "th", "td")]
    if el.tag.lower() == "tr" and len(cells) == 2 and cells[0].tag.lower() == "th":
        out.append(
            Block(
                f"{_norm(cells[0].text_content()).rstrip(':')}: {_norm(cells[1].text_content())}",
                style="field",
            )
        )
        return
    if el.tag.lower() == "dl":
        label = None
        for c in cells:
            if c.tag.lower() == "dt":
                label = _norm(c.text_content()).rstrip(":")
            elif label is not None:
                out.append(Block(f"{label}: {_norm(c.text_content())}", style="field"))
                label = None
        return
    for c in cells:
        text = _norm(c.text_content())
        if text:
            out.append(Block(text, BlockKind.CELL, style=" ".join(classes) or None))


def _emit(
    el: etree._Element, out: list[Block], notes: dict[str, Footnote], classes: list[str], kind: BlockKind
) -> None:
    texts, fns = _split_children(el, notes)
    _append(out, texts, fns, classes, kind)


def _append(
    out: list[Block],
    texts: list[tuple[str, bool]],
    fns: list[Footnote],
    classes: list[str],
    kind: BlockKind = BlockKind.PARAGRAPH,
) -> None:
    style = " ".join(classes) or None
    for k, (t, bold) in enumerate(texts):
        out.append(
            Block(
                t,
                kind,
                style=("strong " + (style or "")).strip() if bold else style,
                footnotes=fns if k == len(texts) - 1 else [],
            )
        )


def _split_children(
    el: etree._Element, notes: dict[str, Footnote]
) -> tuple[list[tuple[str, bool]], list[Footnote]]:
    """An element's content as paragraphs (split at double <br>), each with whether it is all bold."""
    paras: list[list[tuple[str, bool]]] = [[]]
    fns: list[Footnote] = []
    state = {"br": 0}

    def add(text: str | None, bold: bool) -> None:
        if text:
            if text.strip():
                state["br"] = 0
            paras[-1].append((text, bold))

    def visit(node: etree._Element, bold: bool) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not tag:
            add(node.tail, bold)
            return
        cls = (node.get("class") or "").split()
        if tag == "br":
            state["br"] += 1
            if state["br"] >= 2 and paras[-1]:
                paras.append([])
            else:
                paras[-1].append(("\n", bold))
            add(node.tail, bold)
            return
        if "nootref" in cls or "nootnum" in cls:
            marker = _norm(node.text_content())
            if marker in notes:
                fns.append(notes[marker])
            add(node.tail, bold)
            return
        b = bold or tag in ("strong", "b")
        add(node.text, b)
        for c in node:
            visit(c, b)
        add(node.tail, bold)

    add(el.text, el.tag.lower() in ("strong", "b") if isinstance(el.tag, str) else False)
    for c in el:
        visit(c, False)
    out = []
    for p in paras:
        text = _norm("".join(t for t, _ in p))
        if text:
            bold = all(b for t, b in p if t.strip())
            out.append((text, bold))
    return out, fns


def _flush_loose(loose: list, out: list[Block], notes: dict[str, Footnote], classes: list[str]) -> None:
    """Text and inline elements loose inside a container (between its block children): one block."""
    if not loose:
        return
    wrapper = etree.Element("span")
    for item in loose:
        if isinstance(item, str):
            if len(wrapper):
                wrapper[-1].tail = (wrapper[-1].tail or "") + item
            else:
                wrapper.text = (wrapper.text or "") + item
        else:
            clone = copy.deepcopy(item)
            clone.tail = None
            wrapper.append(clone)
    texts, fns = _split_children(wrapper, notes)
    _append(out, texts, fns, classes)
