"""Index pages: every document, and the question documents per fractie, member, ministry, dossier and
year, each with its title, dates and counts (questions, answered, open, median days to answer).

`index/{facet}.html` lists the values with their counts; `index/{facet}/{value}.html` lists the
documents of one value. Counts come from the question records (`facts.py`), so they agree with the
question pages, the statistics and `questions.csv`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kamerld.publish import feeds, files
from kamerld.publish import rdfterms as T
from kamerld.publish.facts import TERM_DAYS, DocumentFacts, Facts, QuestionFacts
from kamerld.publish.html import Graphview, Link, render_page

#: facet -> (title, what one value is called, the question's values)
FACETS: dict[str, tuple[str, str, Callable[[QuestionFacts, Facts], list[tuple[str, str]]]]] = {
    "fractie": ("Fracties", "fractie", lambda q, f: q.fracties),
    "persoon": ("Kamerleden", "Kamerlid", lambda q, f: q.askers),
    "ministerie": ("Ministeries", "ministerie", lambda q, f: q.ministries),
    "dossier": ("Dossiers", "dossier", lambda q, f: f.documents[q.document].dossiers),
    "jaar": ("Jaren", "jaar", lambda q, f: _year(f.documents[q.document])),
}
FACET_EN = {"fractie": "Parliamentary groups", "persoon": "Members", "ministerie": "Ministries",
            "dossier": "Dossiers", "jaar": "Years"}  # fmt: skip


def _year(doc: DocumentFacts) -> list[tuple[str, str]]:
    return [(str(doc.year), str(doc.year))] if doc.year else []


@dataclass
class Tally:
    """Counts over a set of questions."""

    today: dt.date
    questions: int = 0
    answered: int = 0
    open: int = 0  # waiting for their answer (facts.QuestionFacts.is_open)
    late: int = 0
    days: list[int] = field(default_factory=list)

    def add(self, q: QuestionFacts) -> None:
        self.questions += 1
        if q.is_answered:
            self.answered += 1
        if q.is_open(self.today):
            self.open += 1
        if q.days is not None:
            self.days.append(q.days)
            if q.days > TERM_DAYS:
                self.late += 1

    @property
    def median(self) -> float | None:
        return statistics.median(self.days) if self.days else None


@dataclass
class Row:
    """One document on an index page."""

    link: Link
    doc: DocumentFacts
    tally: Tally


def _doc_rows(docs: dict[str, Tally], facts: Facts, link: Callable[[str], Link]) -> list[Row]:
    rows = [Row(link(d), facts.documents[d], t) for d, t in docs.items()]
    return sorted(rows, key=lambda r: (-_ordinal(r.doc), r.doc.id))


def _ordinal(doc: DocumentFacts) -> int:
    day = doc.asked_date or doc.date or doc.received
    return day.toordinal() if day else 0


def write_indexes(out: Path, facts: Facts, view: Graphview, page_of: Callable[[str], str | None],
                  counts: dict[str, int], base: str) -> int:
    """Writes index/documenten.html, every facet page with its Atom feed of answered questions, and
    beantwoord.atom; fills `counts` (facet -> values)."""
    written = 0

    def url_of(iri: str) -> str | None:
        page = page_of(iri)
        return f"{base}{page}.html" if page else None

    files.write_bytes(out, "beantwoord.atom", feeds.answered_feed(
        "kamerld: beantwoorde Kamervragen", base + "beantwoord.atom", base, facts.questions.values(), facts,
        url_of))
    written += 1

    def linker(from_rel: str) -> Callable[[str], Link]:
        def link(iri: str) -> Link:
            page = page_of(iri)
            text = view.label(iri)
            if page is None:
                return Link(iri, text, True)
            return Link(files.relative_href(from_rel, page + ".html"), text)
        return link

    # every document
    rel = "index/documenten.html"
    link = linker(rel)
    all_docs = sorted(facts.documents.values(), key=lambda d: (-_ordinal(d), d.id))
    rows = []
    for d in all_docs:
        tally = Tally(facts.today)
        for q in facts.of_document(d.iri):
            tally.add(q)
        rows.append(Row(link(d.iri), d, tally))
    kinds = {d.iri: ", ".join(view.labels.nl(k) for k in d.kinds) for d in all_docs}
    files.write_text(out, rel, render_page(
        "documents.html", home="../index.html", title="Documenten / Documents", rows=rows, kinds=kinds))
    written += 1

    for facet, (title, one, values_of) in FACETS.items():
        groups: dict[str, tuple[str, Tally, dict[str, Tally]]] = {}
        for q in facts.questions.values():
            for iri, name in values_of(q, facts):
                _, total, docs = groups.setdefault(iri, (name, Tally(facts.today), {}))
                total.add(q)
                docs.setdefault(q.document, Tally(facts.today)).add(q)
        slugs = _slugs(groups, facet)
        order = sorted(groups, key=lambda k: (-groups[k][1].questions, groups[k][0].lower()))
        if facet == "jaar":
            order = sorted(groups, reverse=True)
        overview = f"index/{facet}.html"
        entries = [
            {"name": groups[k][0], "href": f"{facet}/{slugs[k]}.html", "tally": groups[k][1],
             "documents": len(groups[k][2])}
            for k in order
        ]  # fmt: skip
        files.write_text(out, overview, render_page(
            "facet.html", home="../index.html", title=f"{title} / {FACET_EN[facet]}", facet=facet,
            one=one, entries=entries))
        written += 1
        for k in order:
            name, total, docs = groups[k]
            rel = f"index/{facet}/{slugs[k]}.html"
            page = page_of(k) if k.startswith(("http://", "https://")) else None
            resource = linker(rel)(k) if page else None
            external = k if k.startswith(T.TOOI_MINISTERIE) else None
            files.write_text(out, rel, render_page(
                "facet_value.html", home="../../index.html", title=f"{name} — {one}", name=name, one=one,
                facet=facet, facet_title=title, tally=total, rows=_doc_rows(docs, facts, linker(rel)),
                resource=resource, external=external, feed=f"{slugs[k]}.atom"))
            asked = [q for q in facts.questions.values() if (k, name) in values_of(q, facts)]
            files.write_bytes(out, f"index/{facet}/{slugs[k]}.atom", feeds.answered_feed(
                f"kamerld: beantwoorde vragen — {name}", f"{base}index/{facet}/{slugs[k]}.atom", base + rel,
                asked, facts, url_of))
            written += 2
        counts[facet] = len(groups)
    return written


def plan(facts: Facts) -> dict[str, str]:
    """IRI of a fractie, member, ministry or dossier -> its index page (`index/fractie/vvd.html`), so
    resource pages can link to it before the index pages are written."""
    out: dict[str, str] = {}
    for facet, (_, _, values_of) in FACETS.items():
        if facet == "jaar":
            continue
        values = {iri: None for q in facts.questions.values() for iri, _ in values_of(q, facts)}
        for iri, slug in _slugs(values, facet).items():
            out.setdefault(iri, f"index/{facet}/{slug}.html")
    return out


def _slugs(groups: dict, facet: str) -> dict[str, str]:
    """A file name per value, from its IRI's last segment (or the year), unique within the facet."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for k in sorted(groups):
        base = files.safe_segment(T.local_name(k) if "/" in k else k)
        slug, n = base, 2
        while slug.lower() in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug.lower())
        out[k] = slug
    return out
