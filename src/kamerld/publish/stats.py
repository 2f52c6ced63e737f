"""The statistics page, drawn at publish time from the data: answer time per ministry (median, share over
the three-week term) and its trend per year, questions per fractie and per member, open questions.

Each figure is produced by one SPARQL query over the store (shown on the page and published as
`statistiek/{name}.rq`); Python only aggregates its rows (SPARQL has no median). Each has its numbers as
a table on the page and as `statistiek/{name}.csv`, and an SVG chart drawn with matplotlib.

Answer times are counted per set of questions (one Kamervragen submission, one document), not per
question: a set of twenty questions is answered once, on one day.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kamerld.publish import files
from kamerld.publish import rdfterms as T
from kamerld.publish.exports import to_csv
from kamerld.publish.facts import OPEN_DAYS, TERM_DAYS, Facts, parse_date
from kamerld.publish.html import Graphview, render_page

_PREFIXES = f"""PREFIX kld: <{T.KLD}>
PREFIX xsd: <{T.XSD}>
PREFIX eli: <{T.ELI}>
PREFIX eli-dl: <{T.ELI_DL}>
PREFIX org: <{T.ORG}>
"""

ANSWER_TIMES = _PREFIXES + """# per set of questions (document): answering ministry, submitted, first answered
SELECT ?ministerie ?document ?ingezonden (MIN(?datum) AS ?beantwoord) WHERE {
  ?vraag a kld:Vraag ; eli:is_part_of ?document .
  ?document kld:datumIngezonden ?ingezonden .
  ?antwoord eli-dl:answers_to ?vraag ; eli:is_part_of ?adoc .
  OPTIONAL { ?antwoord kld:namensMinisterie ?eigen }
  OPTIONAL { ?adoc kld:namensMinisterie ?vanDocument }
  BIND(COALESCE(?eigen, ?vanDocument) AS ?ministerie)
  FILTER(BOUND(?ministerie))
  OPTIONAL { ?adoc kld:datumOntvangen ?ontvangen }
  OPTIONAL { ?adoc eli:date_document ?documentdatum }
  BIND(COALESCE(?ontvangen, ?documentdatum) AS ?datum)
  FILTER(BOUND(?datum))
}
GROUP BY ?ministerie ?document ?ingezonden"""

PER_FRACTIE = _PREFIXES + """SELECT ?fractie (COUNT(DISTINCT ?vraag) AS ?vragen)
  (COUNT(DISTINCT ?document) AS ?documenten)
WHERE { ?vraag a kld:Vraag ; kld:namens ?fractie ; eli:is_part_of ?document . }
GROUP BY ?fractie
ORDER BY DESC(?vragen) ?fractie"""

PER_MEMBER = _PREFIXES + """SELECT ?lid (COUNT(DISTINCT ?vraag) AS ?vragen)
  (COUNT(DISTINCT ?document) AS ?documenten)
WHERE { ?vraag a kld:Vraag ; kld:gesteldDoor ?lid ; eli:is_part_of ?document . }
GROUP BY ?lid
ORDER BY DESC(?vragen) ?lid"""

OPEN_QUESTIONS = _PREFIXES + """# unanswered questions submitted SINCE..TODAY, and the ministry asked
SELECT ?document ?ingezonden ?ministerie (COUNT(DISTINCT ?vraag) AS ?open) WHERE {
  VALUES ?soort { kld:Kamervragen kld:Mededeling }
  ?document a ?soort .
  ?vraag a kld:Vraag ; eli:is_part_of ?document .
  FILTER NOT EXISTS { ?antwoord eli-dl:answers_to ?vraag }
  OPTIONAL { ?document kld:datumIngezonden ?ingediend }
  OPTIONAL { ?document a kld:Kamervragen ; eli:date_document ?documentdatum }
  BIND(COALESCE(?ingediend, ?documentdatum) AS ?ingezonden)
  FILTER(?ingezonden >= "SINCE"^^xsd:date && ?ingezonden <= "TODAY"^^xsd:date)
  OPTIONAL { ?vraag kld:gerichtAan ?aan .
             OPTIONAL { ?aan org:postIn ?postIn }
             BIND(IF(STRSTARTS(STR(?aan), "https://identifier.overheid.nl/tooi/id/ministerie/"),
                     ?aan, ?postIn) AS ?ministerie) }
}
GROUP BY ?document ?ingezonden ?ministerie
ORDER BY ?ingezonden ?document"""

TOP_MEMBERS = 25


def open_questions_query(today: dt.date) -> str:
    """OPEN_QUESTIONS for the year before `today` (older questions were answered outside the data)."""
    since = today - dt.timedelta(days=OPEN_DAYS)
    return OPEN_QUESTIONS.replace("SINCE", since.isoformat()).replace("TODAY", today.isoformat())
#: column (as in the CSV) -> its heading on the page
HEADINGS = {
    "ministry": "ministerie", "sets": "sets vragen", "median_days": "mediaan dagen",
    "over_term": "over de termijn", "share_over_term": "% over de termijn", "year": "jaar",
    "fractie": "fractie", "member": "Kamerlid", "questions": "vragen", "documents": "documenten",
    "document": "document", "title": "titel", "submitted": "ingezonden", "open": "open vragen",
    "days_open": "dagen open",
}  # fmt: skip


@dataclass
class Figure:
    name: str
    title: str
    title_en: str
    intro: str
    query: str
    columns: list[str]
    rows: list[dict[str, str]]
    svg: str  # file name of the chart, or "" when there is nothing to draw


def _select(store: ox.Store, query: str) -> list[dict[str, ox.Term | None]]:
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names} for sol in result]


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".removesuffix(".0")


def answer_times(store: ox.Store, label: Callable[[str], str]) -> tuple[list[dict], list[dict]]:
    """(per ministry, per ministry and year) rows from ANSWER_TIMES."""
    per: dict[str, list[int]] = {}
    per_year: dict[tuple[str, int], list[int]] = {}
    for row in _select(store, ANSWER_TIMES):
        asked = parse_date(row["ingezonden"].value if row["ingezonden"] else None)
        answered = parse_date(row["beantwoord"].value if row["beantwoord"] else None)
        ministry = row["ministerie"]
        if asked is None or answered is None or answered < asked or ministry is None:
            continue
        days = (answered - asked).days
        per.setdefault(ministry.value, []).append(days)
        per_year.setdefault((ministry.value, asked.year), []).append(days)

    def summary(days: list[int]) -> dict[str, str]:
        late = sum(d > TERM_DAYS for d in days)
        return {"sets": str(len(days)), "median_days": _num(statistics.median(days)),
                "over_term": str(late), "share_over_term": _num(100 * late / len(days))}  # fmt: skip

    rows = [{"ministry": label(m), "iri": m, **summary(d)} for m, d in per.items()]
    rows.sort(key=lambda r: (-int(r["sets"]), r["ministry"]))
    trend = [{"ministry": label(m), "iri": m, "year": str(y), **summary(d)} for (m, y), d in per_year.items()]
    trend.sort(key=lambda r: (r["ministry"], r["year"]))
    return rows, trend


def write_statistics(out: Path, store: ox.Store, facts: Facts, view: Graphview) -> int:
    """statistiek.html with its charts (SVG), tables (CSV) and queries (.rq) under statistiek/."""
    per_ministry, trend = answer_times(store, view.label)
    fracties = [
        {"fractie": view.label(r["fractie"].value), "iri": r["fractie"].value,
         "questions": r["vragen"].value, "documents": r["documenten"].value}
        for r in _select(store, PER_FRACTIE) if isinstance(r["fractie"], ox.NamedNode)
    ]  # fmt: skip
    members = [
        {"member": view.label(r["lid"].value), "iri": r["lid"].value,
         "questions": r["vragen"].value, "documents": r["documenten"].value}
        for r in _select(store, PER_MEMBER) if isinstance(r["lid"], ox.NamedNode)
    ]  # fmt: skip
    open_rows = []
    open_query = open_questions_query(facts.today)
    for r in _select(store, open_query):
        asked = parse_date(r["ingezonden"].value if r["ingezonden"] else None)
        ministry = r["ministerie"]
        doc = r["document"].value
        open_rows.append({
            "document": facts.documents[doc].id if doc in facts.documents else T.local_name(doc),
            "title": view.label(doc), "iri": doc,
            "ministry": view.label(ministry.value) if isinstance(ministry, ox.NamedNode) else "",
            "submitted": asked.isoformat() if asked else "", "open": r["open"].value,
            "days_open": str((facts.today - asked).days) if asked and asked <= facts.today else "",
        })  # fmt: skip

    figures = [
        Figure("antwoordtijd-per-ministerie", "Antwoordtijd per ministerie", "Answer time per ministry",
               f"Mediane duur in dagen van indiening tot antwoord, per set vragen, en het aandeel sets dat "
               f"na meer dan {TERM_DAYS} dagen (de termijn van drie weken) is beantwoord.",
               ANSWER_TIMES, ["ministry", "sets", "median_days", "over_term", "share_over_term"],
               per_ministry, ""),
        Figure("antwoordtijd-per-jaar", "Antwoordtijd per jaar", "Answer time per year",
               "De mediane antwoordtijd per ministerie en jaar van indiening (dezelfde query).",
               ANSWER_TIMES, ["ministry", "year", "sets", "median_days", "over_term", "share_over_term"],
               trend, ""),
        Figure("vragen-per-fractie", "Vragen per fractie", "Questions per parliamentary group",
               "Aantal schriftelijke vragen (en documenten) namens elke fractie; vragen van leden van "
               "verschillende fracties tellen bij elk.",
               PER_FRACTIE, ["fractie", "questions", "documents"], fracties, ""),
        Figure("vragen-per-kamerlid", "Vragen per Kamerlid", "Questions per member",
               f"Aantal vragen per Kamerlid (de grafiek toont de {TOP_MEMBERS} met de meeste vragen, "
               "de tabel "
               "allen).",
               PER_MEMBER, ["member", "questions", "documents"], members, ""),
        Figure("open-vragen", "Open vragen", "Open questions",
               f"Vragen uit sets Kamervragen en mededelingen van het afgelopen jaar waarop in deze "
               f"gegevens nog geen antwoord staat, met het ministerie waaraan ze gericht zijn en het "
               f"aantal dagen sinds indiening (tot {facts.today.isoformat()}).",
               open_query, ["document", "title", "ministry", "submitted", "open", "days_open"],
               open_rows, ""),
    ]
    charts = _Charts()
    figures[0].svg = charts.bars(figures[0], "ministry", "median_days", "mediane dagen tot antwoord",
                                 line=TERM_DAYS)
    figures[1].svg = charts.trend(figures[1])
    figures[2].svg = charts.bars(figures[2], "fractie", "questions", "vragen")
    figures[3].svg = charts.bars(figures[3], "member", "questions", "vragen", limit=TOP_MEMBERS)
    figures[4].svg = charts.open_by_ministry(figures[4])
    written = 0
    for f in figures:
        files.write_bytes(out, f"statistiek/{f.name}.csv", to_csv(f.columns, [
            {c: r.get(c, "") for c in f.columns} for r in f.rows]))
        files.write_text(out, f"statistiek/{f.name}.rq", f.query + "\n")
        written += 2
        if f.svg:
            files.write_text(out, f"statistiek/{f.name}.svg", charts.svgs[f.name])
            written += 1
    files.write_text(out, "statistiek.html", render_page(
        "stats.html", home="index.html", title="Statistiek / Statistics", figures=figures,
        today=facts.today, term=TERM_DAYS, headings=HEADINGS))
    return written + 1


class _Charts:
    """SVG charts with matplotlib (Agg, text kept as text, no timestamps: the same data draws the same
    file)."""

    def __init__(self) -> None:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt

        self.plt = plt
        self.style = {
            "svg.fonttype": "none", "svg.hashsalt": "kamerld", "font.family": "DejaVu Sans",
            "font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
        }  # fmt: skip
        self.svgs: dict[str, str] = {}

    def _save(self, fig, name: str) -> str:
        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "kamerld"})
        self.plt.close(fig)
        self.svgs[name] = buf.getvalue()
        return f"{name}.svg"

    def bars(
        self, f: Figure, key: str, value: str, axis: str, *, limit: int = 40, line: int | None = None
    ) -> str:
        rows = [r for r in f.rows if r.get(value)][:limit]
        if not rows:
            return ""
        with self.plt.rc_context(self.style):
            fig, ax = self.plt.subplots(figsize=(8, 0.6 + 0.32 * len(rows)))
            names = [r[key] for r in rows][::-1]
            values = [float(r[value]) for r in rows][::-1]
            ax.barh(names, values, color="#154273")
            for y, v in enumerate(values):
                ax.text(v, y, f" {_num(v).replace('.', ',')}", va="center", fontsize=9)  # Dutch comma
            if line is not None:
                ax.axvline(line, color="#9b2c00", linestyle="--", linewidth=1)
                ax.text(line, len(rows) - 0.4, f" termijn {line} dagen", color="#9b2c00", fontsize=9)
            ax.set_xlabel(axis)
            ax.set_title(f"{f.title} / {f.title_en}", loc="left")
            return self._save(fig, f.name)

    def trend(self, f: Figure) -> str:
        series: dict[str, list[tuple[int, float]]] = {}
        for r in f.rows:
            series.setdefault(r["ministry"], []).append((int(r["year"]), float(r["median_days"])))
        if not series:
            return ""
        with self.plt.rc_context(self.style):
            fig, ax = self.plt.subplots(figsize=(8, 4.5))
            for name, points in sorted(series.items(), key=lambda kv: -len(kv[1]))[:8]:
                points.sort()
                ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
            ax.axhline(TERM_DAYS, color="#9b2c00", linestyle="--", linewidth=1)
            ax.set_xlabel("jaar van indiening")
            ax.set_ylabel("mediane dagen tot antwoord")
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
            ax.set_title(f"{f.title} / {f.title_en}", loc="left")
            return self._save(fig, f.name)

    def open_by_ministry(self, f: Figure) -> str:
        totals: dict[str, int] = {}
        for r in f.rows:
            name = r["ministry"] or "onbekend"
            totals[name] = totals.get(name, 0) + int(r["open"])
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        rows = [{"ministry": k, "open": str(v)} for k, v in ranked]
        return self.bars(Figure(f.name, f.title, f.title_en, "", "", [], rows, ""), "ministry", "open",
                         "open vragen per ministerie")


__all__ = ["ANSWER_TIMES", "OPEN_QUESTIONS", "PER_FRACTIE", "PER_MEMBER", "answer_times", "write_statistics"]
