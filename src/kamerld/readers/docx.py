"""Ministry answer letters as DOCX (the original Word file the ministry sends to the Kamer).

The DOCX is turned into paragraphs (body text in reading order, list numbers rendered from
word/numbering.xml, line breaks as paragraph breaks) plus the Word footnotes whose
`w:footnoteReference` markers each paragraph carries; then the same segmentation as the text export
runs (`kamerld.text.ministry_letter`). Text boxes and page headers hold the letterhead ("Datum",
"Onderwerp"/"Betreft", "Ons kenmerk"); they are read separately so they never enter the body text.
Custom document properties are stale template values in practice (a "Wassenberg" subject in a
"Temmink" letter), so only the kenmerk is taken from them, and only when the letterhead has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from kamerld.sources.safexml import local, parse_xml
from kamerld.sources.safezip import SafeZip, is_zip

from ..errors import InputError
from ..model import Document, Footnote
from ..sources import Source
from ..text.ministry_blocks import Para
from ..text.ministry_letter import LetterMeta, build_document
from .base import Fit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
DOCUMENT = "word/document.xml"
# subtrees whose text is not printed in the flow: deleted runs, field codes, the duplicate VML
# rendering of a text box (mc:Fallback), properties
_SKIP = {"del", "delText", "instrText", "Fallback", "pPr", "rPr", "sectPr", "footnoteRef", "endnoteRef"}


@dataclass
class _Line:
    text: str = ""
    refs: list[str] = field(default_factory=list)  # w:footnoteReference ids in this line


class _Numbering:
    """List labels ("1)", "2.", "a.") from word/numbering.xml, counted per list in body order."""

    def __init__(self, root: etree._Element | None):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for an in root.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iter(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    _int(_val(lvl, "start"), 1),
                )
            self.abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            overrides = {}
            for ov in num.iter(f"{_W}lvlOverride"):
                start = _val(ov, "startOverride")
                if start is not None:
                    overrides[_int(ov.get(f"{_W}ilvl"), 0)] = _int(start, 1)
            self.nums[num.get(f"{_W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        start = overrides.get(ilvl, start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl_fmt = levels.get(k, ("decimal", "", 1))[0]
            return _format(counters.get(k, levels.get(k, ("", "", 1))[2]), lvl_fmt)

        return re.sub(r"%(\d)", render, text)


def _int(value: str | None, default: int) -> int:
    """A list level or start number from the file; anything not a small number counts as `default`
    (a hostile "een" or 10**12 must not crash or make Roman numerals that never end)."""
    return int(value) if value is not None and value.isdigit() and len(value) <= 4 else default


def _val(el: etree._Element, child: str) -> str | None:
    c = el.find(f"{_W}{child}")
    return None if c is None else c.get(f"{_W}val")


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for v, s in vals:
            while n >= v:
                out += s
                n -= v
        return out if fmt == "lowerRoman" else out.upper()
    return str(n)


class _Walker:
    """Reading-order text of a part: flow lines, and the lines of text boxes (frames) apart."""

    def __init__(self, numbering: _Numbering | None = None):
        self.numbering = numbering
        self.lines: list[_Line] = []
        self.frames: list[str] = []

    def container(self, el: etree._Element) -> None:
        for child in el:
            tag = local(child.tag)
            if tag == "p":
                self.paragraph(child)
            elif tag in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "body", "txbxContent"):
                self.container(child)

    def paragraph(self, p: etree._Element) -> None:
        lines = [_Line()]
        ppr = p.find(f"{_W}pPr")
        num = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num is not None and self.numbering is not None:
            num_id = _val(num, "numId") or "0"
            label = self.numbering.label(num_id, _int(_val(num, "ilvl"), 0))
            if label:
                lines[0].text = label + " "
        self._runs(p, lines)
        self.lines.extend(lines)

    def _runs(self, el: etree._Element, lines: list[_Line]) -> None:
        for child in el:
            tag = local(child.tag)
            if tag in _SKIP:
                continue
            if tag == "txbxContent":
                frame = _Walker(None)
                frame.container(child)
                self.frames.extend(x.text for x in frame.lines)
                self.frames.extend(frame.frames)
            elif tag == "t":
                lines[-1].text += child.text or ""
            elif tag == "tab":
                lines[-1].text += "\t"
            elif tag in ("br", "cr"):
                lines.append(_Line())
            elif tag == "noBreakHyphen":
                lines[-1].text += "-"
            elif tag == "footnoteReference":
                lines[-1].refs.append(child.get(f"{_W}id", ""))
            else:
                self._runs(child, lines)


def _footnotes(z: SafeZip, path: str) -> dict[str, str]:
    if "word/footnotes.xml" not in z:
        return {}
    out: dict[str, str] = {}
    for fn in parse_xml(z.read("word/footnotes.xml"), path).iter(f"{_W}footnote"):
        if fn.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        w = _Walker(None)
        w.container(fn)
        out[fn.get(f"{_W}id", "")] = " ".join(" ".join(x.text.split()) for x in w.lines if x.text.strip())
    return out


def _properties(z: SafeZip, path: str) -> dict[str, str]:
    props: dict[str, str] = {}
    if "docProps/core.xml" in z:
        for el in parse_xml(z.read("docProps/core.xml"), path):
            if local(el.tag) == "title" and el.text:
                props["title"] = el.text.strip()
    if "docProps/custom.xml" in z:
        for prop in parse_xml(z.read("docProps/custom.xml"), path):
            value = "".join(prop.itertext()).strip()
            if value and prop.get("name"):
                props[prop.get("name", "")] = value
    return props


@dataclass
class DocxContent:
    paras: list[Para]
    meta: LetterMeta


def docx_content(source: Source) -> DocxContent:
    """The paragraphs (with their Word footnotes) and letterhead of a DOCX; InputError when unreadable."""
    z = SafeZip(source.data, source.path)
    if DOCUMENT not in z:
        raise InputError(f"not a Word document: the ZIP has no {DOCUMENT}", source.path)
    root = parse_xml(z.read(DOCUMENT), source.path)
    body = root.find(f"{_W}body")
    if body is None:
        raise InputError(f"{DOCUMENT} has no w:body", source.path)
    numbering = _Numbering(parse_xml(z.read("word/numbering.xml"), source.path)) if (
        "word/numbering.xml" in z
    ) else _Numbering(None)
    walker = _Walker(numbering)
    walker.container(body)
    notes = _footnotes(z, source.path)
    paras: list[Para] = []
    seq = 0
    for line in walker.lines:
        fns: list[Footnote] = []
        for ref in line.refs:
            seq += 1  # Word numbers footnotes in the order of their references
            fns.append(Footnote(marker=str(seq), text=notes.get(ref, "")))
        paras.append(Para(line.text, fns))
    letterhead = list(walker.frames)
    for name in sorted(n for n in z.names() if re.fullmatch(r"word/header\d*\.xml", n)):
        hw = _Walker(None)
        hw.container(parse_xml(z.read(name), source.path))
        letterhead += hw.frames + [x.text for x in hw.lines]
    return DocxContent(paras, LetterMeta(letterhead, _properties(z, source.path)))


def docx_text(source: Source) -> str:
    """The DOCX body as plain text, one paragraph a line (the layout of the tweedekamer.nl export)."""
    return "\n".join(" ".join(p.text.split()) for p in docx_content(source).paras)


class DocxReader:
    name = "docx"
    description = "ministry answer letter as Word DOCX (body, numbering, footnotes, letterhead)"

    def sniff(self, source: Source) -> Fit:
        if not is_zip(source.head(4)):
            return Fit.NO
        if b"word/" in source.data[:65536]:
            return Fit.EXACT
        return Fit.LAYOUT if source.suffix == ".docx" else Fit.NO

    def read(self, source: Source) -> list[Document]:
        content = docx_content(source)
        return [build_document(content.paras, source.path, self.name, source.sha256, content.meta)]
