"""Bad and hostile inputs, generated into a folder at test time (no binary junk is committed).

`make_bad_inputs(folder)` writes every case and returns, per file name, the key words the failure
reason must contain. `copy_good_inputs(folder)` copies real corpus documents beside them and returns,
per file name, the document id each must convert to (ids read off the documents themselves).
`make_hostile_but_readable(folder, dtd_url)` writes inputs that look hostile but must convert safely.
"""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS
from pypdf import PdfWriter

#: real corpus documents and the id each converts to (from its own header: "Vergaderjaar 2024–2025",
#: "Aanhangsel ... 585"; the KOOP identifier h-tk-20172018-70-13; the DOCX "Ons kenmerk" 2024Z11859 ...)
GOOD = {
    "txt-koop-pdf/ah-tk-20242025-585.txt": "ah-tk-20242025-585",
    "txt-sgd-ocr/tk-aanhangsel-1992-1993-181.txt": "ah-tk-19921993-181",
    "txt-ministry-docx/AH601-2024Z17331.txt": "ah-tk-20242025-601",
    "xml-koop-handelingen/h-tk-20172018-70-13.xml": "h-tk-20172018-70-13",
    "docx-ministry/jenv-beantwoording-01.docx": "antwoord-tk-2024Z11859",
}
VLOS = "xml-tk-vlos/vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml"
VLOS_ID = "vlos-2d37a54c-6306-4913-b7d5-8c8ca2e272d7"  # "vlos-" + its vlosCoreDocument/@MessageID
PDF = "pdf-tk/besluitenlijst_example3.pdf"
STB = "xml-koop-format-examples/stb.xml"

#: a file name a careless shell script would trip over: spaces, quotes, $(), ;, a non-ASCII letter
ODD_NAME = "vraag 'ë' $(echo hi); \"575\" #1.txt"


def corpus(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (tests read ../shared/corpus beside the repo)")
    return path


def copy_good_inputs(folder: Path) -> dict[str, str]:
    """Copy real corpus documents into `folder`; return {file name: expected document id}."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for rel, doc_id in GOOD.items():
        src = corpus(rel)
        shutil.copyfile(src, folder / src.name)
        expected[src.name] = doc_id
    # content decides the reader, not the name: a PDF named .xml and an XML named .txt still convert
    shutil.copyfile(corpus(VLOS), folder / "vlos-report-named.txt")
    expected["vlos-report-named.txt"] = VLOS_ID
    pdf = corpus(PDF)
    shutil.copyfile(pdf, folder / "besluitenlijst-named.xml")
    expected["besluitenlijst-named.xml"] = "pdf-cfda2d8d29ecf0ef"  # pdf- + sha256 of the file, 16 hex
    # a BOM before the XML declaration is harmless: the real Staatsblad XML has one
    shutil.copyfile(corpus(STB), folder / "stb.xml")
    expected["stb.xml"] = "stb-2018-84"  # its publication URL ends in /stb-2018-84
    with zipfile.ZipFile(corpus(GOOD_DOCX)) as z:
        document = z.read("word/document.xml").decode("utf-8")
    # a list level that is no number, and a list that starts at 10**12 in Roman numerals; each variant
    # gets a zaak number of its own: two inputs with one document id would be a duplicate (claims)
    bad_level = document.replace(
        "<w:pPr>", '<w:pPr><w:numPr><w:ilvl w:val="een"/><w:numId w:val="1"/></w:numPr>', 1)
    bad_level = bad_level.replace("2024Z11859", "2024Z91801")
    (folder / "bad-list-level.docx").write_bytes(docx_with_document(bad_level.encode("utf-8")))
    expected["bad-list-level.docx"] = "antwoord-tk-2024Z91801"
    roman = document.replace(
        "<w:pPr>", '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>', 1)
    roman = roman.replace("2024Z11859", "2024Z91802")
    (folder / "roman-bomb.docx").write_bytes(docx_with_document(roman.encode("utf-8"), ROMAN_NUMBERING))
    expected["roman-bomb.docx"] = "antwoord-tk-2024Z91802"
    shutil.copyfile(corpus("txt-koop-pdf/ah-tk-20242025-575.txt"), folder / ODD_NAME)
    expected[ODD_NAME] = "ah-tk-20242025-575"
    return expected


# ---- the generators -----------------------------------------------------------------------------------


def pdf_blank() -> bytes:
    """A valid one-page PDF with no text layer (what a scan without OCR looks like to a reader)."""
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def pdf_encrypted(source: Path) -> bytes:
    """A real PDF, encrypted with a user password."""
    w = PdfWriter(clone_from=str(source))
    w.encrypt(user_password="geheim", owner_password="nog-geheimer", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def pdf_of(objs: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the first the catalogue), with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def raw_pdf(stream: bytes, filter_name: str = "FlateDecode") -> bytes:
    """A one-page PDF written by hand, whose page content is `stream` under the /Filter named."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /%s >>\nstream\n" % (len(stream), filter_name.encode()) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_of(objs)


def docx_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns='
    b'"http://schemas.openxmlformats.org/package/2006/content-types"/>'
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: a list numbered in Roman numerals from 10**12: writing that out as "m" would never end
ROMAN_NUMBERING = (
    f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0">'
    '<w:start w:val="1000000000000"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '</w:abstractNum><w:num w:numId="77"><w:abstractNumId w:val="5"/></w:num></w:numbering>'
).encode()

#: the bomb member: 40 MB of spaces, under the 50 MB member limit, deflating about 1000:1
BOMB_BYTES = 40 * 1024 * 1024


def docx_bomb() -> bytes:
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    return docx_zip({
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": body + b" " * (BOMB_BYTES - len(body)),
    })


def docx_with_document(document_xml: bytes, numbering_xml: bytes | None = None) -> bytes:
    """The real corpus DOCX with its word/document.xml (and word/numbering.xml) replaced."""
    with zipfile.ZipFile(corpus(GOOD_DOCX)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["word/document.xml"] = document_xml
    if numbering_xml is not None:
        members["word/numbering.xml"] = numbering_xml
    return docx_zip(members)


def docx_corrupt_deflate() -> bytes:
    """The real DOCX with the deflate stream of word/document.xml starting with an invalid block type."""
    data = bytearray(corpus(GOOD_DOCX).read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    # the local header is 30 bytes, then the name and the extra field; the data follows
    name_len = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start : start + 4] = b"\xff\xff\xff\xff"  # BFINAL=1, BTYPE=11: "invalid block type"
    return bytes(data)


def docx_future_zip_version() -> bytes:
    """The real DOCX claiming, in its central directory, to need ZIP version 12.7 to extract."""
    data = bytearray(corpus(GOOD_DOCX).read_bytes())
    pos = data.find(b"PK\x01\x02")  # the first central directory header
    data[pos + 6 : pos + 8] = (127).to_bytes(2, "little")  # "version needed to extract"
    return bytes(data)


def billion_laughs(levels: int = 10) -> bytes:
    ents = ['<!ENTITY lol0 "lol">']
    ents += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE officiele-publicatie [\n' + "\n".join(ents) + "\n]>\n"
        f"<officiele-publicatie><p>&lol{levels - 1};</p></officiele-publicatie>\n"
    ).encode()


def late_entity_bomb() -> bytes:
    """A bomb whose declarations start after 64 KiB of comment inside the DOCTYPE (past a quick scan)."""
    pad = "<!-- " + "x" * 70000 + " -->"
    ents = ['<!ENTITY a0 "aaaaaaaaaa">'] + [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 9)]
    return (
        '<?xml version="1.0"?>\n<!-- <officiele-publicatie> -->\n'
        f"<!DOCTYPE officiele-publicatie [\n{pad}\n" + "\n".join(ents) + "\n]>\n"
        "<officiele-publicatie><p>&a8;&a8;&a8;&a8;</p></officiele-publicatie>\n"
    ).encode()


def xxe() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE officiele-publicatie [\n'
        b'  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
        b"<officiele-publicatie><p>&xxe;</p></officiele-publicatie>\n"
    )


def with_external_dtd(xml: bytes, dtd_url: str, root: str) -> bytes:
    """`xml` with a DOCTYPE naming an external DTD at `dtd_url` (which must never be fetched)."""
    bom = b"\xef\xbb\xbf" if xml.startswith(b"\xef\xbb\xbf") else b""
    xml = xml[len(bom):]
    decl_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    doctype = f'\n<!DOCTYPE {root} SYSTEM "{dtd_url}">'.encode()
    return bom + xml[:decl_end] + doctype + xml[decl_end:]


def mojibake(text: str) -> str:
    """UTF-8 bytes read back as Windows-1252, as the corpus Handelingen were saved ("Ã«")."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


#: every bad input: file name -> key words its failure reason must hold (each was checked by hand)
REASONS: dict[str, tuple[str, ...]] = {
    "empty.txt": ("file is empty",),
    "whitespace-only.txt": ("file is empty",),
    "empty.xml": ("file is empty",),
    "junk.txt": ("binary",),
    # line 1 "Tweede Kamer der Staten-Generaal2" (33 + newline) and "Vergaderjaar 2024" (17): the en
    # dash after it is byte 51, which Windows-1252 writes as 0x96
    "latin1.txt": ("not valid UTF-8 at byte 51", "convert the file to UTF-8"),
    "invalid-utf8.txt": ("not valid UTF-8 at byte 400",),
    "truncated.xml": ("XML is not well-formed",),
    "bomb.xml": ("declares entities", "unsafe"),
    "late-bomb.xml": ("declares entities", "unsafe"),
    "xxe.xml": ("declares entities", "unsafe"),
    "no-text-layer.pdf": ("PDF has no text layer", "1 page(s)", "run OCR first"),
    "encrypted.pdf": ("PDF is encrypted",),
    "truncated.pdf": ("damaged PDF",),
    "no-document.docx": ("not a Word document", "word/document.xml"),
    "bomb.docx": ("compression ratio", "zip bomb"),
    "damaged.docx": ("damaged ZIP container",),
    "unknown-root.xml": ("no reader recognises this file",),
    "huge.txt": (f"file is {51 * 1024 * 1024} bytes, more than the limit of {50 * 1024 * 1024}",),
    "corrupt-deflate.docx": ("ZIP member 'word/document.xml' cannot be unpacked",),
    "zip-version.docx": ("damaged ZIP container", "version"),
    "unknown-filter.pdf": ("damaged PDF", "/NoSuchDecode"),
}


#: text that is no parliamentary document, or sits behind the wrong suffix: nothing text-bearing is
#: refused, so each is a document of unknown kind with notices saying so (file name -> document id)
TEXT_BEARING: dict[str, str] = {"no-questions.txt": "no-questions", "not-a-zip.docx": "not-a-zip"}


def make_text_bearing_inputs(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "not-a-zip.docx").write_bytes(b"Dit is geen Word-bestand maar platte tekst.\n" * 20)
    # a short Dutch text that is no parliamentary document at all
    (folder / "no-questions.txt").write_bytes(
        b"Beste buren,\n\nZaterdag is de jaarlijkse straatbarbecue. Neem zelf een stoel mee.\n\n"
        b"Groet, de feestcommissie\n"
    )
    return dict(TEXT_BEARING)


def make_bad_inputs(folder: Path) -> dict[str, tuple[str, ...]]:
    """Write every bad input into `folder`; return REASONS (file name -> key words of its reason)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20241118)
    ah = corpus("txt-koop-pdf/ah-tk-20242025-585.txt").read_text(encoding="utf-8")
    koop_xml = corpus("xml-koop-handelingen/h-tk-20172018-70-13.xml").read_bytes()
    data: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace-only.txt": b"  \n\t\n  \n",
        "empty.xml": b"",
        "junk.txt": bytes(rng.randrange(256) for _ in range(4096)),
        # a real answer saved as Windows-1252 ("Coördinator", "2024–2025" are not UTF-8 then)
        "latin1.txt": ah.encode("cp1252", errors="replace"),
        "invalid-utf8.txt": ah.encode("utf-8")[:400] + b"\xff\xfe\xc3(" + ah.encode("utf-8")[400:],
        "truncated.xml": koop_xml[: len(koop_xml) // 2],  # half of a real KOOP Handelingen file
        "bomb.xml": billion_laughs(),
        "late-bomb.xml": late_entity_bomb(),
        "xxe.xml": xxe(),
        "no-text-layer.pdf": pdf_blank(),
        "encrypted.pdf": pdf_encrypted(corpus(PDF)),
        "truncated.pdf": corpus(PDF).read_bytes()[:3000],
        "no-document.docx": docx_zip({"[Content_Types].xml": CONTENT_TYPES, "word/styles.xml": b"<styles/>"}),
        "bomb.docx": docx_bomb(),
        "damaged.docx": corpus(GOOD_DOCX).read_bytes()[:5000],
        "unknown-root.xml": b'<?xml version="1.0"?><boodschappen><item>melk</item></boodschappen>',
        "corrupt-deflate.docx": docx_corrupt_deflate(),
        "zip-version.docx": docx_future_zip_version(),
        "unknown-filter.pdf": raw_pdf(b"BT /F1 12 Tf 72 712 Td (Vraag 1) Tj ET", "NoSuchDecode"),
    }
    for name, content in data.items():
        (folder / name).write_bytes(content)
    # over the 50 MiB input limit, but sparse: no disk or time spent on it
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)
    assert set(data) | {"huge.txt"} == set(REASONS)
    return REASONS


def header_only(folder: Path) -> Path:
    """The first 10 lines of a real answer: its header, up to but not including "Vraag 1"."""
    ah = corpus("txt-koop-pdf/ah-tk-20242025-585.txt").read_text(encoding="utf-8")
    path = folder / "header-only.txt"
    path.write_text("\n".join(ah.splitlines()[:10]) + "\n", encoding="utf-8")
    return path


def make_external_dtd_inputs(folder: Path, dtd_url: str) -> dict[str, str]:
    """Inputs whose DOCTYPE names an external DTD at `dtd_url`, which must never be fetched.
    Returns {file name: document id} for the one that is readable apart from the DTD."""
    # a MessageID of its own: the same report twice in one folder would be a duplicate (claims)
    own_id = "2d37a54c-6306-4913-b7d5-00000000d7d0"
    vlos = corpus(VLOS).read_bytes().replace(VLOS_ID[len("vlos-"):].encode(), own_id.encode())
    (folder / "vlos-external-dtd.xml").write_bytes(with_external_dtd(vlos, dtd_url, "vlosCoreDocument"))
    return {"vlos-external-dtd.xml": "vlos-" + own_id}


GOOD_DOCX = "docx-ministry/jenv-beantwoording-01.docx"
