"""Measure `find_references` against the structured references the corpus XML already carries.

Usage: python scripts/reference_gold.py [CORPUS_DIR]   (default: ../shared/corpus beside the repo)

Two sources of gold, each file read with `kamerld.sources.safexml.parse_xml`:

* VLOS (`xml-tk-vlos/*.xml`, TK Gegevensmagazijn vergaderverslag): each `zaak` element carries
  `dossiernummer`, `stuknummer` and `parlisid` (the zaak number). Its gold targets are
  `document/kst-{dossier}-{stuk}` when it has a stuknummer, else `dossier/{dossier}`, and
  `zaak/{parlisid}`.
* KOOP Handelingen (`xml-koop-handelingen/*.xml`): each `extref/@doc` is the true target of the
  citation written around it ("Zij krijgt nr. 469 (29453)."). `@doc` may be a bare KOOP id or a URL
  holding one; both normalise to `document/{koop-id}`.

The text given to the recogniser is the structure hidden: the visible text only (VLOS: `titel`,
`onderwerp` and `alinea` elements; KOOP: every text node of `handelingen`), never the
dossiernummer/stuknummer/parlisid fields nor any attribute.

Matching rule (what is fair to count):
* Recall counts only gold items the visible text actually cites, because a text recogniser cannot
  find what is not written. A VLOS zaak counts when its dossier number (any spacing, with its
  toevoeging) is in the text followed within 30 characters by "nr" and its stuknummer (a stuk), or
  occurs not followed by a "nr" (a dossier), or when its zaak number is in the text. Every KOOP
  extref counts: its words are in the text by construction.
* Precision counts every predicted target of a kind the gold can hold (document/kst-*, document/h-*,
  document/ah-*, dossier/*, zaak/*, tkdocument/*): it is right when the file's structure holds it
  (any zaak, cited or not), else a false positive. Other citations (URLs, unresolved motions) are
  listed as unscored.
Targets are compared as sets per file. Some KOOP XML copies were double-encoded (UTF-8 read as
Latin-1/cp1252 and saved again); they are repaired before parsing.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kamerld.extraction.references import find_references
from kamerld.sources.safexml import local, parse_xml

# Citations the VLOS text really makes but its zaak structure does not list (older stukken named in a
# zaak's title). Each was checked by reading the text; the quote must be found in the visible text or
# the script fails, so this list cannot drift from the corpus. Counted in gold, and shown apart.
HAND_GOLD: dict[str, list[tuple[str, str]]] = {
    "vlos-be33e3cf-31ba-42ad-803b-a7d6404d3b0c_b5130467-a6c2-4f83.xml": [
        ("(Kamerstuk 26643-1287)", "document/kst-26643-1287"),
        ("(Kamerstuk 28362-79)", "document/kst-28362-79"),
        ("(Kamerstuk 31490-369)", "document/kst-31490-369"),
        ("(Kamerstuk 31839-1084)", "document/kst-31839-1084"),
        ("(Kamerstuk 36600-VII-129)", "document/kst-36600-VII-129"),
        ("moties bij Wet open overheid (32802)", "dossier/32802"),
        ("amendementen (Kamerstuk 36549)", "dossier/36549"),
        ("Wet op de politieke partijen (36742)", "dossier/36742"),
    ],
}

SCORED = re.compile(r"^(?:document/(?:kst|h|ah)-|dossier/|zaak/|tkdocument/)")
_MOJIBAKE = ("Ã", "â€", "ï»¿", "Â")


@dataclass
class FileResult:
    path: str
    kind: str
    gold_all: set[str]
    gold_fair: set[str]
    predicted: set[str]
    unscored: list[str] = field(default_factory=list)
    hand: set[str] = field(default_factory=set)  # of gold_all, the HAND_GOLD part

    @property
    def hits(self) -> set[str]:
        return self.gold_fair & self.predicted

    @property
    def misses(self) -> set[str]:
        return self.gold_fair - self.predicted

    @property
    def false_positives(self) -> set[str]:
        return self.predicted - self.gold_all


def repair_mojibake(data: bytes) -> bytes:
    """Undo one round of UTF-8 -> Latin-1/cp1252 -> UTF-8 double encoding; other data unchanged."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    if not any(marker in text for marker in _MOJIBAKE):
        return data
    out = bytearray()
    for ch in text:
        if ord(ch) < 256:
            out.append(ord(ch))
        else:
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                return data  # not double-encoded after all
    try:
        out.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return bytes(out)


def normalise_target(doc: str) -> str:
    """extref@doc as an id path: 'kst-29453-469' or a URL ending in '/kst-29453-469.html' -> document/…"""
    doc = doc.strip()
    m = re.search(r"(?:^|/)((?:kst|ah|h|kv|stb|stcrt|trb|blg)-[A-Za-z0-9.-]+?)(?:\.html|\.xml|\.pdf|/|$)",
                  doc)
    if m:
        return f"document/{m[1]}"
    if re.fullmatch(r"(?:19|20)\d\d[Z]\d{5}", doc):
        return f"zaak/{doc}"
    return doc


def _spaced(number: str) -> str:
    """A regex for a dossier number with or without its thousands space: '36600-III' -> '36\\s?600-III'."""
    digits, _, toev = number.partition("-")
    pat = re.escape(digits[:-3]) + r"[\s\u00a0]?" + re.escape(digits[-3:]) if len(digits) > 3 else digits
    if toev:
        pat += r"[\s\u00a0]?[-\u2013 ][\s\u00a0]?" + re.escape(toev)
    return r"(?<![\d])" + pat + r"(?![\w-])"


def _vlos(path: Path) -> FileResult:
    root = parse_xml(path.read_bytes(), str(path))
    parts = []
    for el in root.iter():
        if local(el.tag) in ("titel", "onderwerp", "alinea"):
            parts.append("".join(el.itertext()))
    text = "\n".join(parts)
    gold_all: set[str] = set()
    gold_fair: set[str] = set()
    for zaak in root.iter():
        if local(zaak.tag) != "zaak":
            continue
        fields = {local(c.tag): (c.text or "").strip() for c in zaak}
        dossier, stuk, zaaknr = fields.get("dossiernummer"), fields.get("stuknummer"), fields.get("parlisid")
        if dossier:
            dossier = re.sub(r"\s", "", dossier)
            if stuk:
                target = f"document/kst-{dossier}-{stuk}"
                cited = re.search(_spaced(dossier) + r".{0,30}?nr\.?\s{0,3}" + re.escape(stuk) + r"(?![\w])",
                                  text, re.S)
            else:
                target = f"dossier/{dossier}"
                cited = re.search(_spaced(dossier) + r"(?!\s{0,3},\s{0,3}nr)", text)
            gold_all.add(target)
            if cited:
                gold_fair.add(target)
        if zaaknr:
            gold_all.add(f"zaak/{zaaknr}")
            if re.search(re.escape(zaaknr[:5]) + r"\s?" + re.escape(zaaknr[5:]), text):
                gold_fair.add(f"zaak/{zaaknr}")
    hand = set()
    for quote, target in HAND_GOLD.get(path.name, []):
        if quote not in text:
            raise SystemExit(f"{path}: hand-checked citation {quote!r} is not in the text")
        if target not in gold_all:
            hand.add(target)
    gold_all |= hand
    gold_fair |= hand
    result = _score(path, "vlos", text, gold_all, gold_fair, chamber="TK")
    result.hand = hand
    return result


def _koop(path: Path) -> FileResult:
    root = parse_xml(repair_mojibake(path.read_bytes()), str(path))
    body = next((el for el in root.iter() if local(el.tag) == "handelingen"), root)
    text = " ".join(" ".join(body.itertext()).split())
    gold = {normalise_target(el.get("doc", "")) for el in body.iter() if local(el.tag) == "extref"}
    gold.discard("")
    return _score(path, "koop-handelingen", text, gold, set(gold), chamber="TK")


def _score(path: Path, kind: str, text: str, gold_all: set[str], gold_fair: set[str],
           chamber: str | None) -> FileResult:
    predicted: set[str] = set()
    unscored = []
    for c in find_references(text, chamber=chamber):
        if c.target and SCORED.match(c.target):
            predicted.add(c.target)
        else:
            unscored.append(f"{c.kind}: {c.text!r} -> {c.target}")
    return FileResult(str(path), kind, gold_all, gold_fair, predicted, unscored)


def measure(corpus: Path) -> list[FileResult]:
    results = [_vlos(p) for p in sorted((corpus / "xml-tk-vlos").glob("*.xml"))]
    results += [_koop(p) for p in sorted((corpus / "xml-koop-handelingen").glob("*.xml"))]
    return results


def totals(results: list[FileResult]) -> dict[str, dict[str, float]]:
    """Per source kind and 'overall': gold, predicted, hits, false positives, recall, precision."""
    table: dict[str, dict[str, float]] = {}
    for name in sorted({r.kind for r in results}) + ["overall"]:
        rs = [r for r in results if name in ("overall", r.kind)]
        gold = sum(len(r.gold_fair) for r in rs)
        hits = sum(len(r.hits) for r in rs)
        pred = sum(len(r.predicted) for r in rs)
        fps = sum(len(r.false_positives) for r in rs)
        fps_structure = sum(len(r.predicted - (r.gold_all - r.hand)) for r in rs)
        table[name] = {
            "files": len(rs), "gold": gold, "predicted": pred, "hits": hits, "fp": fps,
            "recall": hits / gold if gold else 1.0,
            "precision": (pred - fps) / pred if pred else 1.0,
            "hand": sum(len(r.hand) for r in rs),
            "precision_structure_only": (pred - fps_structure) / pred if pred else 1.0,
        }
    return table


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 2
    results = measure(corpus)
    print(f"{'source':18} {'files':>5} {'gold':>5} {'hand':>5} {'pred':>5} {'hits':>5} {'fp':>4} "
          f"{'recall':>7} {'prec':>7} {'prec-structure-only':>20}")
    for name, t in totals(results).items():
        print(f"{name:18} {t['files']:5d} {t['gold']:5d} {t['hand']:5d} {t['predicted']:5d} {t['hits']:5d} "
              f"{t['fp']:4d} {t['recall']:7.3f} {t['precision']:7.3f} {t['precision_structure_only']:20.3f}")
    for r in results:
        name = Path(r.path).name
        for t in sorted(r.misses):
            print(f"MISS  {name}: {t}")
        for t in sorted(r.false_positives):
            print(f"FP    {name}: {t}")
        for u in r.unscored:
            print(f"(unscored) {name}: {u}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
