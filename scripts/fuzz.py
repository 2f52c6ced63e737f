"""Coverage-guided fuzzing of kamerld's readers with atheris (libFuzzer for Python).

    pip install atheris
    python scripts/fuzz.py xml  -- -max_total_time=120
    python scripts/fuzz.py docx -- -max_total_time=120
    python scripts/fuzz.py text -- -max_total_time=120
    python scripts/fuzz.py pdf  -- -max_total_time=120

Targets:
  xml   the bytes go to `safexml.parse_xml`, the KOOP XML reader and the VLOS XML reader; half the
        mutations keep the XML well-formed (`mutate_xml`) so the readers' own code is reached
  docx  the bytes are a whole DOCX, or (first byte odd) the word/document.xml of a real corpus DOCX
        whose other members (numbering, footnotes, headers) are kept: that reaches the Word walker
  text  the bytes go to the four text readers and, decoded, to the citation recogniser
  pdf   the bytes go to the PDF reader (pypdf, which checks every PDF first, is instrumented too;
        PDFium is C++, fuzzed by its own project)

Any exception other than a `KamerldError` is a finding: libFuzzer stops, prints the traceback and
writes the input as crash-<sha1> in the working folder. With `--keep-going` (before `--`) each distinct
finding (exception type + the kamerld line that raised it) is saved as fuzz-findings/<target>-N.{bin,txt}
and fuzzing goes on, so one run lists every distinct bug. Arguments after `--` go to libFuzzer
(`-max_total_time`, `-runs`, `-timeout`, `-max_len`, corpus folders). Without corpus folders the
harness seeds a temporary one from the shared corpus (../shared/corpus beside the repo).
"""

from __future__ import annotations

import copy
import hashlib
import io
import random
import re
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

import atheris
from lxml import etree

with atheris.instrument_imports(include=["kamerld", "pypdf"]):
    from kamerld.errors import KamerldError
    from kamerld.extraction.references import find_references
    from kamerld.readers import all_readers, get_reader
    from kamerld.sources import Source
    from kamerld.sources.safexml import parse_xml

    all_readers()  # the registry imports readers lazily: import them here, so they are instrumented

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TEXT_READERS = ("koop-pdf-text", "text", "letter-text", "ministry-text")
SEED_DOCX = "docx-ministry/jenv-beantwoording-01.docx"


def fuzz_xml(data: bytes) -> None:
    try:
        parse_xml(data, "fuzz.xml")
    except KamerldError:
        pass
    for name in ("koop-xml", "vlos-xml"):
        try:
            get_reader(name).read(Source("fuzz.xml", data))
        except KamerldError:
            pass


_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd]")


def mutate_xml(data: bytes, max_size: int, seed: int) -> bytes:
    """Half the time libFuzzer's byte mutation (which mostly breaks well-formedness, testing the
    parser); half the time a change that keeps the XML well-formed, so the readers' own code runs:
    a text or attribute value mutated, an element dropped, doubled or moved."""
    rng = random.Random(seed)
    if rng.random() < 0.5:
        return atheris.Mutate(data, max_size)
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return atheris.Mutate(data, max_size)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    el = rng.choice(elements)
    parent = el.getparent()
    op = rng.randrange(5)
    if op == 0 or (op >= 2 and parent is None):
        raw = atheris.Mutate((el.text or "").encode("utf-8"), 4096).decode("utf-8", "replace")
        el.text = _XML_CHARS.sub("", raw)
    elif op == 1 and el.attrib:
        key = rng.choice(list(el.attrib))
        raw = atheris.Mutate(el.attrib[key].encode("utf-8"), 1024).decode("utf-8", "replace")
        el.set(key, _XML_CHARS.sub("", raw))
    elif op == 2:
        parent.remove(el)
    elif op == 3:
        parent.insert(parent.index(el), copy.deepcopy(el))
    else:
        target = rng.choice(elements)
        if target is not el and el not in target.iterancestors() and target is not parent:
            target.append(el)
    out = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return out if len(out) <= max_size else data


_DOCX_MEMBERS: dict[str, bytes] = {}


def _docx_members() -> dict[str, bytes]:
    if not _DOCX_MEMBERS and (CORPUS / SEED_DOCX).exists():
        with zipfile.ZipFile(CORPUS / SEED_DOCX) as z:
            _DOCX_MEMBERS.update({n: z.read(n) for n in z.namelist()})
    return _DOCX_MEMBERS


def _wrap_document_xml(document_xml: bytes) -> bytes:
    members = dict(_docx_members()) or {"[Content_Types].xml": b"<Types/>"}
    members["word/document.xml"] = document_xml
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buf.getvalue()


def fuzz_docx(data: bytes) -> None:
    if not data:
        return
    docx = _wrap_document_xml(data[1:]) if data[0] & 1 else data[1:]
    try:
        get_reader("docx").read(Source("fuzz.docx", docx))
    except KamerldError:
        pass


def fuzz_text(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    # the raw bytes test the decoding; the decoded text (no NULs) gets past it into the parsers
    for source in (Source("fuzz.txt", data), Source.from_text(text.replace("\x00", ""), "fuzz.txt")):
        for name in TEXT_READERS:
            try:
                get_reader(name).read(source)
            except KamerldError:
                pass
    find_references(text)


def fuzz_pdf(data: bytes) -> None:
    try:
        get_reader("pdf").read(Source("fuzz.pdf", data))
    except KamerldError:
        pass


TARGETS = {"xml": fuzz_xml, "docx": fuzz_docx, "text": fuzz_text, "pdf": fuzz_pdf}
FINDINGS = Path("fuzz-findings")
_seen: set[tuple[str, str]] = set()


def _where(exc: BaseException) -> str:
    """The innermost kamerld frame of the traceback: where the bug is, not where it surfaced."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/kamerld/" in f.filename]
    f = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{Path(f.filename).name}:{f.lineno}"


def keep_going(target: str, fn):
    """Wrap a fuzz target: save each distinct finding and carry on instead of stopping."""

    def run(data: bytes) -> None:
        try:
            fn(data)
        except Exception as exc:
            key = (type(exc).__name__, _where(exc))
            if key in _seen:
                return
            _seen.add(key)
            FINDINGS.mkdir(exist_ok=True)
            stem = FINDINGS / f"{target}-{len(_seen)}"
            stem.with_suffix(".bin").write_bytes(data)
            stem.with_suffix(".txt").write_text(
                f"{key[0]} at {key[1]}, input sha1 {hashlib.sha1(data).hexdigest()}\n\n"
                + "".join(traceback.format_exception(exc)), encoding="utf-8")
            print(f"FINDING {len(_seen)}: {key[0]} at {key[1]}: {exc}", file=sys.stderr, flush=True)

    return run


def seed_corpus(target: str) -> Path:
    """A temporary folder of real corpus inputs for `target`, the starting points of mutation."""
    folder = Path(tempfile.mkdtemp(prefix=f"kamerld-fuzz-{target}-"))
    if target == "xml":
        files = sorted(CORPUS.glob("xml-*/*.xml"))
        for f in files:
            (folder / f.name).write_bytes(f.read_bytes())
    elif target == "docx":
        for f in sorted(CORPUS.glob("docx-ministry/*.docx")):
            raw = f.read_bytes()
            (folder / f"raw-{f.name}").write_bytes(b"\x00" + raw)
            with zipfile.ZipFile(f) as z:
                (folder / f"doc-{f.stem}.xml").write_bytes(b"\x01" + z.read("word/document.xml"))
    elif target == "pdf":
        for f in sorted(CORPUS.glob("pdf-*/*.pdf")):
            (folder / f.name).write_bytes(f.read_bytes())
    else:
        for f in sorted(CORPUS.glob("txt-*/*.txt")) + sorted(CORPUS.glob("seed/*.txt")):
            (folder / f"{f.parent.name}-{f.name}").write_bytes(f.read_bytes())
    return folder


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {'|'.join(TARGETS)} [--keep-going] [-- libFuzzer options, corpora]")
    target = argv[1]
    extra = [a for a in argv[2:] if a not in ("--", "--keep-going")]
    fn = keep_going(target, TARGETS[target]) if "--keep-going" in argv[2:] else TARGETS[target]
    if not any(not a.startswith("-") for a in extra):
        if not CORPUS.exists():
            sys.exit(f"shared corpus not found at {CORPUS}; pass a corpus folder after --")
        extra.append(str(seed_corpus(target)))
    if not any(a.startswith("-timeout=") for a in extra):
        extra.append("-timeout=20")  # a single input slower than this is a finding (a loop)
    if not any(a.startswith("-rss_limit_mb=") for a in extra):
        extra.append("-rss_limit_mb=2048")  # a bomb that gets through is a finding
    if target == "xml":
        atheris.Setup([argv[0], *extra], fn, custom_mutator=mutate_xml)
    else:
        atheris.Setup([argv[0], *extra], fn)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
