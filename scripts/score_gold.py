"""Score kamerld's reading against the gold set in tests/gold (see tests/gold/README.md).

    python scripts/score_gold.py                 # both halves, one table each
    python scripts/score_gold.py --half test     # the measuring half only
    python scripts/score_gold.py --details       # per file: what was missed and what was extra
    python scripts/score_gold.py --file corpus/txt-sgd-ocr/x.txt.json --details

Precision, recall and F1 are micro-averaged over the files of a half. Items match as the README
says: questions and answers by their first 30 letters and digits (up to 3 edits), people by surname,
fracties through the register, posts and ministries by their normalised names, citations by target.
Exit code 0 always (the thresholds are asserted by tests/test_gold_score.py, not here).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold"
CORPUS = REPO.parent / "shared" / "corpus"

FIELDS = [
    "questions",
    "answers",
    "answer_links",
    "askers",
    "fracties",
    "addressees",
    "answerers",
    "ministries",
    "citation_targets",
    "kind",
    "id",
    "chamber",
    "dates",
]
KEY_CHARS = 30
#: ids in KOOP's scheme; kamerld's local ids for documents that print none are not scored
KOOP_ID = re.compile(r"^(?:ah|kv|kst|h|stb|stcrt|trb|blg|gmb|prb|wsb|bgr)-")
MAX_EDITS = 3


# ---- normalisation --------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def text_key(text: str) -> str:
    """The first letters and digits of a text, folded: what question and answer texts match on."""
    return re.sub(r"[^a-z0-9]", "", _fold(text))[:KEY_CHARS]


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, stopping early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def keys_match(gold: str, pred: str) -> bool:
    if not gold or not pred:
        return False
    n = min(len(gold), len(pred))
    if n < min(len(gold), 12):  # a predicted text much shorter than the gold key cannot be the same
        return False
    return _edits(gold[:n], pred[:n], MAX_EDITS) <= MAX_EDITS


_PARTICLES = re.compile(r"^(?:(?:van|de|der|den|het|ten|ter|te|in|t|'t|op|la|le|du)\s+)+")


def surname(name: str) -> str:
    n = _fold(name)
    n = re.sub(r"\b(?:[a-z]{1,2}\.)+\s*", "", n)  # initials
    n = re.sub(r"^(?:de heer|den heer|heer|mevrouw|mw|mr|dr|drs|ir)\.?\s+", "", n)
    n = re.sub(r"[^a-z\- ]", "", n).strip()
    n = _PARTICLES.sub("", n)
    return re.sub(r"[\s-]+", "", n)


def fractie_key(text: str) -> str:
    from kamerld.registers import get_registers

    t = re.sub(r"^(?:beiden|allen)\s+", "", (text or "").strip(), flags=re.I)
    t = re.sub(r"-?fractie$", "", t, flags=re.I)
    found = get_registers().fractie(t, None)
    if found is not None:
        return found.slug
    return re.sub(r"[^a-z0-9]", "", _fold(t))


def _today_spelling(t: str) -> str:
    # titles before 1947 ("Binnenlandsche Zaken", "Visscherij") name the same posts and ministries
    return re.sub(r"(?<=[a-hj-z])sch(?=e\b|\b|erij)", "s", t)


def post_key(text: str) -> str:
    t = _today_spelling(_fold(text))
    t = re.sub(r"\(.*$", "", t)
    t = re.sub(r"^(?:aan\s+)?(?:de|het|den)\s+", "", t.strip())
    t = re.sub(r"\bministers\b", "minister", t)
    t = re.sub(r"\bstaatssecretarissen\b", "staatssecretaris", t)
    t = re.sub(r"\bminister voor\b", "minister van", t)
    return re.sub(r"[^a-z0-9]", "", t)


def ministry_key(text: str) -> str:
    t = _today_spelling(_fold(text))
    t = re.sub(r"^(?:het\s+)?(?:ministerie|minister|staatssecretaris)\s+(?:van|voor)\s+", "", t.strip())
    return re.sub(r"[^a-z0-9]", "", t)


# ---- what kamerld reads -----------------------------------------------------------------------------


@dataclass
class Reading:
    docs: list = field(default_factory=list)
    printed_dates: list[dict] = field(default_factory=list)  # per doc, the dates before enrichment
    error: str | None = None


def read(path: Path) -> Reading:
    from kamerld.errors import KamerldError
    from kamerld.extraction.enrich import enrich
    from kamerld.readers import detect
    from kamerld.sources import Source

    out = Reading()
    try:
        source = Source.from_path(path)
        reader = detect(source)
        docs = reader.read(source)
    except KamerldError as exc:
        out.error = str(exc)
        return out
    for d in docs:
        out.printed_dates.append(
            {"date_submitted": d.date_submitted, "date_received": d.date_received, "date": d.date}
        )
        d.reader = d.reader or reader.name
        enrich(d)
        out.docs.append(d)
    return out


# ---- items per field --------------------------------------------------------------------------------


@dataclass
class Items:
    gold: int = 0
    pred: int = 0
    hits: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def add(self, other: Items) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.hits += other.hits

    def prf(self) -> tuple[float, float, float]:
        p = self.hits / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.hits / self.gold if self.gold else (1.0 if not self.pred else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _sets(gold: set, pred: set) -> Items:
    hits = gold & pred
    return Items(
        len(gold), len(pred), len(hits), sorted(map(str, gold - pred)), sorted(map(str, pred - gold))
    )


def _match(gold_keys: list[str], pred_keys: list[str]) -> dict[int, int]:
    """gold index -> predicted index, greedy in document order, each predicted item used once."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi, gk in enumerate(gold_keys):
        for pi, pk in enumerate(pred_keys):
            if pi not in used and keys_match(gk, pk):
                out[gi] = pi
                used.add(pi)
                break
    return out


def _parts(number: str) -> set[str]:
    return {p for p in re.split(r"[-,\s]+", number or "") if p}


def score_file(gold: dict, reading: Reading) -> dict[str, Items]:
    gdocs = gold["documents"]
    pdocs = reading.docs
    res: dict[str, Items] = {}

    def annotated(key: str) -> list[dict]:
        return [d for d in gdocs if key in d]

    # questions and answers, over the whole file, with links inside each document
    gq: list[tuple[int, dict]] = [(i, q) for i, d in enumerate(gdocs) for q in d.get("questions", [])]
    ga: list[tuple[int, dict]] = [(i, a) for i, d in enumerate(gdocs) for a in d.get("answers", [])]
    pq = []
    for i, d in enumerate(pdocs):
        prev = None
        for q in d.questions:
            # "Vraag 5, 6 en 7" is one question in the gold, however kamerld splits it
            if prev is not None and q.label and q.label == prev.label and re.search(r"\d\D+\d", q.label):
                continue
            prev = q
            pq.append((i, q))
    pa = [(i, a) for i, d in enumerate(pdocs) for a in d.answers]
    qmatch = _match([text_key(q["first_words"]) for _, q in gq], [text_key(q.text) for _, q in pq])
    amatch = _match([text_key(a["first_words"]) for _, a in ga], [text_key(a.text) for _, a in pa])
    if annotated("questions"):
        res["questions"] = Items(
            len(gq),
            len(pq),
            len(qmatch),
            [q["first_words"][:50] for gi, (_, q) in enumerate(gq) if gi not in qmatch],
            [q.text[:50] for pi, (_, q) in enumerate(pq) if pi not in qmatch.values()],
        )
    if annotated("answers"):
        res["answers"] = Items(
            len(ga),
            len(pa),
            len(amatch),
            [a["first_words"][:50] for gi, (_, a) in enumerate(ga) if gi not in amatch],
            [a.text[:50] for pi, (_, a) in enumerate(pa) if pi not in amatch.values()],
        )
    if annotated("answers") and annotated("questions"):
        glinks = set()
        used: dict[tuple[int, str], int] = defaultdict(int)
        for ai, (di, a) in enumerate(ga):
            for n in a.get("answers", []):
                cands = [
                    qi
                    for qi, (dq, q) in enumerate(gq)
                    if dq == di and (q["number"] == n or n in _parts(q["number"]))
                ]
                if cands:
                    # a list numbered per chapter: the k-th "Antwoord 1" answers the k-th "Vraag 1"
                    glinks.add((cands[min(used[(di, n)], len(cands) - 1)], ai))
                    used[(di, n)] += 1
        q_back = {p: g for g, p in qmatch.items()}
        a_back = {p: g for g, p in amatch.items()}
        plinks = set()
        for ai, (di, a) in enumerate(pa):
            for n in a.answers:
                for qi, (dq, q) in enumerate(pq):
                    if dq == di and (q.number == n or n in _parts(q.number)):
                        plinks.add((q_back.get(qi, f"pq{qi}"), a_back.get(ai, f"pa{ai}")))
        res["answer_links"] = _sets(glinks, plinks)

    def gset(key: str, fn) -> set:
        out = set()
        for d in annotated(key):
            for v in d[key]:
                k = fn(v)
                if k:
                    out.add(k)
        return out

    if annotated("askers"):
        pred = {surname(m.name) for d in pdocs for m in d.askers if m.name}
        pred |= {surname(m.name) for d in pdocs for q in d.questions for m in q.askers if m.name}
        res["askers"] = _sets(gset("askers", lambda v: surname(v["name"])), pred - {""})
    if annotated("fracties"):
        pred = set()
        for d in pdocs:
            pred |= {
                m.fractie_ref.slug if m.fractie_ref else fractie_key(m.fractie) for m in d.askers if m.fractie
            }
            for q in d.questions:
                if q.fractie:
                    pred.add(q.fractie_ref.slug if q.fractie_ref else fractie_key(q.fractie))
                # fracties that join another's questions put them too ("sluiten zich aan bij")
                pred |= {f.slug for f in q.also_fractie_refs} or {fractie_key(f) for f in q.also_fracties}
                pred |= {
                    m.fractie_ref.slug if m.fractie_ref else fractie_key(m.fractie)
                    for m in q.askers
                    if m.fractie
                }
        res["fracties"] = _sets(gset("fracties", fractie_key), pred - {""})
    if annotated("addressees"):
        pred = set()
        for d in pdocs:
            for m in [*d.addressees, *(m for q in d.questions for m in q.addressees)]:
                pred.add(post_key(m.post.label if m.post else m.text))
        res["addressees"] = _sets(gset("addressees", post_key), pred - {""})
    if annotated("answerers"):
        pred = {surname(m.name) for d in pdocs for m in d.answerers if m.name}
        res["answerers"] = _sets(gset("answerers", lambda v: surname(v["name"])), pred - {""})
    if annotated("ministries"):
        pred = set()
        for d in pdocs:
            for m in d.answerers:
                if m.ministry is not None:
                    pred.add(ministry_key(m.ministry.name))
            if d.ministry is not None and d.ministry.ministry is not None:
                pred.add(ministry_key(d.ministry.ministry.name))
        res["ministries"] = _sets(gset("ministries", ministry_key), pred - {""})
    if annotated("citations"):
        own = {f"document/{d['id']}" for d in gdocs if d.get("id")} | {f"document/{d.id}" for d in pdocs}
        own |= {
            f"zaak/{z}"
            for d in gdocs
            for z in d.get("zaken", [])
            if d.get("kind") in ("Kamervragen", "Antwoorddocument", "Mededeling")
        }
        gold_t = gset("citations", lambda v: _target(v.get("target")))
        pred = set()
        for d in pdocs:
            for c in [*d.citations, *(c for p in (*d.questions, *d.answers) for c in p.citations)]:
                if c.target:
                    pred.add(_target(c.target))
        res["citation_targets"] = _sets(gold_t - own, pred - own - {""})
    if annotated("kind"):
        res["kind"] = _sets({d["kind"] for d in annotated("kind")}, {d.kind.value for d in pdocs})
    if annotated("id"):
        res["id"] = _sets(
            {d["id"] for d in annotated("id") if d["id"]}, {d.id for d in pdocs if KOOP_ID.match(d.id)}
        )
    if annotated("chamber"):
        res["chamber"] = _sets(
            {d["chamber"] for d in annotated("chamber") if d["chamber"]},
            {d.chamber for d in pdocs if d.chamber},
        )
    gdates = {(k, d[k]) for d in gdocs for k in ("date_submitted", "date_received", "date") if d.get(k)}
    if any(k in d for d in gdocs for k in ("date_submitted", "date_received", "date")):
        pdates = set()
        for pd in reading.printed_dates:
            for k, v in pd.items():
                # a date the reader copied from the submitted or received date is not a printed one
                if v and not (k == "date" and v in (pd["date_submitted"], pd["date_received"])):
                    pdates.add((k, v.isoformat()))
        res["dates"] = _sets(gdates, pdates)
    return res


def _target(t: str | None) -> str:
    if not t:
        return ""
    t = t.strip()
    if t.startswith("http"):
        t = t.rstrip("/.,)")
    return t


# ---- the gold set ------------------------------------------------------------------------------------


def split() -> dict[str, str]:
    rows = (GOLD / "SPLIT.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return dict(r.split("\t") for r in rows if r.strip() and not r.startswith("#"))


def gold_files() -> list[Path]:
    return sorted(p for p in GOLD.rglob("*.json"))


def source_path(source: str) -> Path:
    kind, _, rel = source.partition(":")
    if kind == "corpus":
        return CORPUS / rel
    if kind == "repo":
        return REPO / rel
    raise ValueError(f"bad source {source!r}")


def measure(half: str | None = None, only: str | None = None) -> tuple[dict[str, dict[str, Items]], dict]:
    halves = split()
    totals: dict[str, dict[str, Items]] = defaultdict(lambda: defaultdict(Items))
    per_file = {}
    for gf in gold_files():
        rel = str(gf.relative_to(GOLD))
        if only and rel != only and gf != Path(only).resolve():
            continue
        gold = json.loads(gf.read_text(encoding="utf-8"))
        h = halves.get(gold["source"])
        if h is None:
            raise SystemExit(f"{rel}: its source {gold['source']!r} is not in SPLIT.tsv")
        if half and h != half:
            continue
        path = source_path(gold["source"])
        if not path.exists():
            continue
        reading = read(path)
        res = score_file(gold, reading)
        per_file[rel] = (h, res, reading.error)
        for k, items in res.items():
            totals[h][k].add(items)
    return totals, per_file


def table(name: str, fields: dict[str, Items], n_files: int) -> str:
    lines = [
        f"{name} ({n_files} files)",
        f"{'field':<18}{'gold':>7}{'pred':>7}{'hits':>7}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for f in FIELDS:
        if f in fields:
            it = fields[f]
            p, r, f1 = it.prf()
            lines.append(f"{f:<18}{it.gold:>7}{it.pred:>7}{it.hits:>7}{p:>8.3f}{r:>8.3f}{f1:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=["dev", "test"])
    ap.add_argument("--file")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"shared corpus not found at {CORPUS}; only the made documents are scored", file=sys.stderr)
    totals, per_file = measure(args.half, args.file)
    for h in ("dev", "test"):
        if h in totals:
            n = sum(1 for v in per_file.values() if v[0] == h)
            print(table(h, totals[h], n))
            print()
    if args.details:
        for rel, (h, res, err) in per_file.items():
            bad = {k: v for k, v in res.items() if v.missed or v.extra}
            if not bad and not err:
                continue
            print(f"== {rel} [{h}]" + (f"  ERROR: {err}" if err else ""))
            for k, v in bad.items():
                p, r, f1 = v.prf()
                print(f"  {k}: gold {v.gold} pred {v.pred} hits {v.hits}")
                for m in v.missed[:12]:
                    print(f"    - {m}")
                for e in v.extra[:12]:
                    print(f"    + {e}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main())
