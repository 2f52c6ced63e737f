"""Page texts of a PDF. The one place kamerld opens a PDF.

Two libraries, each for what it does best. pypdf (pure Python) checks the file first, under lowered
decompression limits: encryption, the page count, and every stream the text is drawn from (page
content and the fonts' ToUnicode maps) inflated and counted, so a PDF bomb is refused by name
before anything else touches it. PDFium (Google's PDF engine, through pypdfium2: BSD-3/Apache-2.0,
a wheel per platform) then extracts the text, 15-20 times faster than pypdf's `extract_text` on the
corpus PDFs and with fewer broken words (pypdf splits "over leg", "10 ."; see docs/performance.md).

Refuses what cannot be read honestly: encrypted PDFs (we do not decrypt) and PDFs without a text layer
(scans: they need OCR first). The page texts are kept apart so callers can drop page furniture.
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from pypdf import PdfReader

# pypdf (and PDFium) are imported by the first PDF read: importing pypdf costs 0.18 s (its crypto
# and image modules), which a build or a convert without a PDF should not pay. A build whose inputs
# include PDFs imports it before its workers fork (`load_libraries`).


def load_libraries() -> None:
    """Import what reading a PDF needs now (a build does before its workers fork, so they share it)."""
    import pypdf  # noqa: F401
    import pypdf.errors  # noqa: F401
    import pypdfium2  # noqa: F401


PDF_MAGIC = b"%PDF-"
#: fewer non-space characters than this on all pages together means: no text layer
MIN_TEXT_CHARS = 20
MAX_PAGES = 2000
#: what one PDF stream may inflate to; pypdf's own default (75 MB) lets a 3 KB file take a second
MAX_STREAM_BYTES = 16 * 1024 * 1024
#: page content to parse in all, a stream counted on every page that uses it: pages may share one
#: stream, so a 19 KB file can ask for 1000 x 1 MiB of parsing (a real page holds about 20 KB: 800
#: pages); the fonts' ToUnicode maps count too
MAX_CONTENT_BYTES = 16 * 1024 * 1024
#: what PDFium writes for a hyphen it found at a line's end, and for a soft hyphen: a hyphen as printed
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})


def _limits() -> contextlib.AbstractContextManager:
    """pypdf's decompression limits, lowered for the duration of one read (`apply_configuration`
    came with pypdf 6.18, kamerld's floor; without it a bomb would inflate to pypdf's defaults)."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        return contextlib.nullcontext()
    return apply(
        zlib_maximum_output_length=MAX_STREAM_BYTES,
        lzw_maximum_output_length=MAX_STREAM_BYTES,
        run_length_maximum_output_length=MAX_STREAM_BYTES,
        maximum_declared_stream_length=MAX_STREAM_BYTES,
        array_based_stream_maximum_output_length=MAX_STREAM_BYTES,
    )


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def pdf_pages(data: bytes, path: str) -> list[str]:
    """The text of each page (PDFium's, after pypdf's checks), or InputError naming `path` and the reason."""
    if not is_pdf(data):
        raise InputError("not a PDF (no %PDF- header)", path)
    from pypdf.errors import LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every harmless quirk
    try:
        with _limits():
            return _read_pages(data, path)
    except LimitReachedError as exc:
        raise InputError(f"PDF stream inflates past the limit of {MAX_STREAM_BYTES} bytes ({exc})", path,
                         "a PDF bomb, or a scan: kamerld reads PDFs with a text layer") from exc


def _read_pages(data: bytes, path: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputError(
                "PDF is encrypted; kamerld does not decrypt PDFs", path, "save an unencrypted copy first"
            )
        if len(reader.pages) > MAX_PAGES:
            raise InputError(f"PDF has {len(reader.pages)} pages, more than the limit of {MAX_PAGES}", path)
        _check_content_size(reader, path)
    except (InputError, LimitReachedError):
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError,
            NotImplementedError, RecursionError) as exc:  # an unknown /Filter; objects nested too deep
        raise InputError(f"damaged PDF: {exc}", path) from exc
    pages = _pdfium_pages(data, path)
    if not pages:
        raise InputError("PDF has no pages", path)
    if sum(len("".join(p.split())) for p in pages) < MIN_TEXT_CHARS:
        raise InputError(
            f"PDF has no text layer ({len(pages)} page(s) of images or drawings only)",
            path,
            "run OCR first and read the text with --format text",
        )
    return pages


def _pdfium_pages(data: bytes, path: str) -> list[str]:
    """The text of each page as PDFium extracts it, in content order, with "\\n" line ends."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"damaged PDF: {exc}", path) from exc
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            text = page.get_textpage()
            try:
                pages.append(text.get_text_range().replace("\r\n", "\n").translate(_PDFIUM_HYPHENS))
            finally:
                text.close()
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise InputError(f"damaged PDF: {exc}", path) from exc
    finally:
        doc.close()


def _check_content_size(reader: PdfReader, path: str) -> None:
    """Refuse, before any page is parsed, a PDF whose pages hold more content than MAX_CONTENT_BYTES,
    inflating every stream the text is drawn from under the lowered limits: page content and the
    fonts' ToUnicode maps (inflating is fast; parsing the operators is what takes the time)."""
    total = 0
    seen: set[int] = set()  # a font shared by every page is inflated once, and counted once
    for n, page in enumerate(reader.pages, 1):
        contents = page.get_contents()
        total += len(contents.get_data()) if contents is not None else 0
        total += _to_unicode_bytes(page, seen)
        if total > MAX_CONTENT_BYTES:
            raise InputError(f"PDF pages hold more than {MAX_CONTENT_BYTES} bytes of content to read "
                             f"(reached on page {n} of {len(reader.pages)})", path,
                             "pages that share one huge content stream, or a PDF too large to read")


def _to_unicode_bytes(page, seen: set[int]) -> int:
    """The inflated size of the ToUnicode maps of the page's fonts not counted yet."""
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return 0
    size = 0
    for ref in fonts.get_object().values():
        font = ref.get_object()
        cmap = font.get("/ToUnicode") if hasattr(font, "get") else None
        if cmap is None:
            continue
        key = cmap.idnum if hasattr(cmap, "idnum") else id(cmap)
        if key in seen:
            continue
        seen.add(key)
        stream = cmap.get_object()
        if hasattr(stream, "get_data"):
            size += len(stream.get_data())
    return size


def pdf_text(pages: list[str]) -> str:
    """The pages joined into one text, one line per extracted line, trailing spaces removed."""
    return "\n".join("\n".join(line.rstrip() for line in page.splitlines()) for page in pages)
