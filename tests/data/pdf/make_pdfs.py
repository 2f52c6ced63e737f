"""Write the small PDFs the PDF reader tests use (run once; the output is checked in).

    python tests/data/pdf/make_pdfs.py

* ministry-letter.pdf: two pages with a text layer holding a short answer letter in the layout of the
  ministry text export (invented content: "AH 999", zaak 2024Z99999, three questions, two answers,
  one note). Latin-1 text in Helvetica with WinAnsiEncoding.
* encrypted.pdf: the same, encrypted with an RC4 user password (pypdf, no extra packages).
* no-text-layer.pdf: one page that only draws rectangles, like a scan without OCR.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).resolve().parent

PAGES = [
    [
        "AH 999",
        "2024Z99999",
        "Antwoord van staatssecretaris Jansen (Proefzaken en Oefening) (ontvangen 2 oktober 2024)",
        "",
        "Vraag 1",
        "Kent u het bericht over de proef met geïnstrueerde PDF-bestanden? 1)",
        "",
        "Antwoord op vraag 1",
        "Ja.",
    ],
    [
        "Vraag 2",
        "Wat gaat u doen?",
        "",
        "Vraag 3",
        "Wanneer kunt u de Kamer informeren?",
        "",
        "Antwoord op vragen 2 en 3",
        "Ik informeer de Kamer voor het einde van het jaar.",
        "",
        "1) Kamerstuk 12345, nr. 6",
    ],
]


def _escape(s: str) -> bytes:
    raw = s.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text_stream(lines: list[str]) -> bytes:
    out = [b"BT /F1 11 Tf 14 TL 56 780 Td"]
    for line in lines:
        out.append(b"(" + _escape(line) + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


def _pdf(streams: list[bytes], with_font: bool = True) -> bytes:
    """A minimal PDF 1.4: catalog, pages, one page object + content stream per page, one font."""
    n = len(streams)
    objs: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    font_id = 3 + 2 * n
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    for i, stream in enumerate(streams):
        res = f"/Resources << /Font << /F1 {font_id} 0 R >> >>" if with_font else "/Resources << >>"
        page = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {res} /Contents {4 + 2 * i} 0 R >>"
        objs.append(page.encode())
        objs.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main() -> None:
    letter = _pdf([_text_stream(p) for p in PAGES])
    (HERE / "ministry-letter.pdf").write_bytes(letter)
    writer = PdfWriter(clone_from=PdfReader(HERE / "ministry-letter.pdf"))
    writer.encrypt(user_password="geheim", owner_password="geheim", algorithm="RC4-128")
    with open(HERE / "encrypted.pdf", "wb") as fh:
        writer.write(fh)
    drawing = b"0.5 g 56 600 480 180 re f 0 g 56 400 200 100 re S"
    (HERE / "no-text-layer.pdf").write_bytes(_pdf([drawing], with_font=False))


if __name__ == "__main__":
    main()
