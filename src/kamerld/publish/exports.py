"""Spreadsheet exports: `questions.csv` (a row per written question) and `citations.csv` (a row per
citation), written into the site's `dumps/` and by `kamerld export`.

The files are RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads the accents right), a header
row of Dutch column names, ISO dates, and several values in one cell joined by "; " in alphabetical
order. `questions.rq` beside them is the SPARQL query that gives the same rows from the endpoint or the
dumps (a test checks that it does).
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kamerld.publish import files
from kamerld.publish import rdfterms as T
from kamerld.publish.facts import Facts, QuestionFacts, gather
from kamerld.publish.html import Graphview, Labels

QUESTION_COLUMNS = [
    "vraag", "document", "nummer", "titel", "ingezonden", "beantwoord", "dagen", "beantwoord_ja_nee",
    "gesteld_door", "fractie", "gericht_aan", "ministerie_antwoord", "antwoord_document", "officiele_url",
]  # fmt: skip
CITATION_COLUMNS = [
    "verwijzing", "document", "bron", "bron_soort", "zoals_geschreven", "doel", "doel_naam", "soort",
    "in_voetnoot",
]  # fmt: skip
SEP = "; "


def query_text(name: str) -> str:
    """A SPARQL query shipped with the package (`publish/queries/{name}.rq`)."""
    return resources.files("kamerld.publish").joinpath(f"queries/{name}.rq").read_text("utf-8")


def _names(refs: list[tuple[str, str]]) -> str:
    return SEP.join(sorted({name for _, name in refs}))


def question_row(q: QuestionFacts, facts: Facts) -> dict[str, str]:
    doc = facts.documents.get(q.document)
    return {
        "vraag": q.iri,
        "document": doc.id if doc else "",
        "nummer": q.number,
        "titel": doc.title or "" if doc else "",
        "ingezonden": q.asked.isoformat() if q.asked else "",
        "beantwoord": q.answered.isoformat() if q.answered else "",
        "dagen": "" if q.days is None else str(q.days),
        "beantwoord_ja_nee": "ja" if q.is_answered else "nee",
        "gesteld_door": _names(q.askers),
        "fractie": _names(q.fracties),
        "gericht_aan": _names(q.addressees),
        "ministerie_antwoord": _names(q.answering_ministries),
        "antwoord_document": SEP.join(sorted({
            facts.documents[a.document].id for a in q.answers if a.document in facts.documents})),
        "officiele_url": q.official_url or "",
    }  # fmt: skip


def question_rows(facts: Facts) -> list[dict[str, str]]:
    """Every written question, by document id and then number."""
    from kamerld.publish.html import nat_key

    rows = [question_row(q, facts) for q in facts.questions.values()]
    return sorted(rows, key=lambda r: (r["document"], nat_key(r["nummer"]), r["vraag"]))


_CITATIONS = f"""PREFIX kld: <{T.KLD}>
PREFIX dct: <{T.DCT}>
PREFIX eli: <{T.ELI}>
SELECT ?node ?citer ?text ?target ?kind ?footnote WHERE {{
  ?citer kld:verwijzing ?node .
  OPTIONAL {{ ?node dct:bibliographicCitation ?text }}
  OPTIONAL {{ ?node dct:references ?target }}
  OPTIONAL {{ ?node kld:soortVerwijzing ?kind }}
  OPTIONAL {{ ?node kld:inVoetnoot ?footnote }}
}}"""


def citation_rows(store: ox.Store, facts: Facts, view: Graphview) -> list[dict[str, str]]:
    """Every citation occurrence: where it stands, the text as written, what it points to."""
    rows: dict[str, dict[str, str]] = {}
    for r in store.query(_CITATIONS, use_default_graph_as_union=True):
        node, citer = r["node"], r["citer"]
        if not isinstance(node, ox.NamedNode) or not isinstance(citer, ox.NamedNode):
            continue
        if citer.value in facts.documents:
            doc, kind = citer.value, "document"
        elif citer.value in facts.questions:
            doc, kind = facts.questions[citer.value].document, "vraag"
        elif citer.value in facts.answers:
            doc, kind = facts.answers[citer.value].document or "", "antwoord"
        else:
            doc, kind = "", ""
        target = r["target"].value if isinstance(r["target"], ox.NamedNode) else ""
        rows.setdefault(node.value, {
            "verwijzing": node.value,
            "document": facts.documents[doc].id if doc in facts.documents else "",
            "bron": citer.value,
            "bron_soort": kind,
            "zoals_geschreven": r["text"].value if r["text"] is not None else "",
            "doel": target,
            "doel_naam": view.label(target) if target else "",
            "soort": r["kind"].value if r["kind"] is not None else "",
            "in_voetnoot": {"true": "ja", "false": "nee"}.get(r["footnote"].value, "")
            if r["footnote"] is not None else "",
        })  # fmt: skip
    from kamerld.publish.html import nat_key

    return sorted(rows.values(), key=lambda r: (r["document"], nat_key(r["verwijzing"])))


#: a cell a spreadsheet would read as a formula (=HYPERLINK(…), +, -, @) when it opens the file
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """Text from the data as a spreadsheet shows it, never runs it: a leading apostrophe before a cell
    that starts like a formula (OWASP's advice against CSV injection)."""
    return "'" + value if value.startswith(_FORMULA) else value


def to_csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_exports(
    out: Path, store: ox.Store, facts: Facts, view: Graphview, folder: str = "dumps"
) -> list[str]:
    """questions.csv, citations.csv and questions.rq in `out/folder`; the paths written."""
    prefix = f"{folder}/" if folder else ""
    written = {
        f"{prefix}questions.csv": to_csv(QUESTION_COLUMNS, question_rows(facts)),
        f"{prefix}citations.csv": to_csv(CITATION_COLUMNS, citation_rows(store, facts, view)),
        f"{prefix}questions.rq": query_text("questions").encode("utf-8"),
    }
    for rel, data in written.items():
        files.write_bytes(out, rel, data)
    return list(written)


def export(sources: list[Path], out: Path) -> list[str]:
    """`kamerld export`: the CSV files for converted documents (.ttl/.nt/.jsonld files or folders)."""
    from kamerld.publish.store import load_files, open_store, rdf_files

    store = open_store(None)
    load_files(store, rdf_files(sources))
    view = Graphview(store, Labels())
    facts = gather(store, view.label)
    out.mkdir(parents=True, exist_ok=True)
    return write_exports(out, store, facts, view, folder="")
