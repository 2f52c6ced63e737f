"""Readable HTML pages about the data, rendered from Jinja2 templates (`templates/`) with autoescaping.

Every text from the data reaches the page through the template engine, which escapes it: a question
that contains `<!--<script>` is shown as those characters. The JSON-LD embedded for crawlers is
serialised with `<`, `>` and `&` as JSON escapes, so no text can end or open a script element.

Used by the static site (`site.py`, relative links) and by `publish.server` when it serves a bare store
(absolute links); the caller passes `href`, which turns an IRI into a link or None (no page).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

import jinja2
import pyoxigraph as ox

from kamerld.publish import rdfterms as T
from kamerld.publish.facts import TERM_DAYS, Facts, QuestionFacts, gather

Href = Callable[[str], "str | None"]

#: characters that are not text (C0 controls but tab/LF/CR, DEL, surrogates, noncharacters): never on a
#: page, whoever wrote the published files (the same set as the converter cleans from its literals)
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_NOT_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff{_NONCHARACTERS}]")


def page_text(value: object) -> object:
    """Every value a template prints: strings without the characters that are not text."""
    if isinstance(value, str) and _NOT_TEXT.search(value):
        return _NOT_TEXT.sub("", value)
    return value


MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


@dataclass
class Labels:
    """Bilingual labels of properties and classes: ontology first, built-ins after."""

    terms: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(T.BUILTIN_LABELS))

    def of(self, iri: str) -> str:
        nl, en = self.pair(iri)
        return f"{nl} / {en}" if en and en != nl else nl

    def pair(self, iri: str) -> tuple[str, str]:
        if iri in self.terms:
            return self.terms[iri]
        if iri in T.tooi_labels():
            return (T.tooi_labels()[iri], "")
        return (T.local_name(iri), "")

    def nl(self, iri: str) -> str:
        return self.pair(iri)[0]


def nat_key(value: str) -> tuple:
    """'2' < '10' < '10a'; 'p2' < 'p10'."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", value))


def nl_date(day: dt.date | None) -> str:
    """12 november 2024"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def nl_number(value: float) -> str:
    """12 or 12,5: a Dutch decimal comma."""
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def days_nl(n: int | None) -> str:
    if n is None:
        return ""
    return "1 dag" if n == 1 else f"{n} dagen"


class Graphview:
    """Small read helpers over the store; queries the union of the named graphs, de-duplicated."""

    def __init__(self, store: ox.Store, labels: Labels | None = None, base: str = "https://w3id.org/kamerld/"):
        self.store = store
        self.labels = labels or Labels()
        self.id_prefix = base + "id/"
        self._labels: dict[str, str] = {}

    def out(self, iri: str) -> list[tuple[str, ox.NamedNode | ox.BlankNode | ox.Literal]]:
        seen: dict[tuple[str, str], tuple[str, object]] = {}
        for q in self.store.quads_for_pattern(ox.NamedNode(iri), None, None, None):
            seen.setdefault((q.predicate.value, str(q.object)), (q.predicate.value, q.object))
        return list(seen.values())  # type: ignore[arg-type]

    def values(self, iri: str, prop: str) -> list:
        found: dict[str, object] = {}
        for q in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(prop), None, None):
            found.setdefault(str(q.object), q.object)
        return list(found.values())

    def inverse(self, iri: str, prop: str | None = None) -> list[tuple[str, str]]:
        """(subject IRI, property) pairs pointing at `iri`."""
        p = ox.NamedNode(prop) if prop else None
        found: dict[tuple[str, str], None] = {}
        for q in self.store.quads_for_pattern(None, p, ox.NamedNode(iri), None):
            if isinstance(q.subject, ox.NamedNode):
                found[(q.subject.value, q.predicate.value)] = None
        return list(found)

    def first(self, iri: str, prop: str) -> str | None:
        vals = self.values(iri, prop)
        literals = [v for v in vals if isinstance(v, ox.Literal)]
        nl = [v for v in literals if v.language == "nl"]
        pick = (nl or sorted(literals, key=lambda v: v.value) or vals or [None])[0]
        return None if pick is None else pick.value

    def types(self, iri: str) -> set[str]:
        return {t.value for t in self.values(iri, T.TYPE) if isinstance(t, ox.NamedNode)}

    def label(self, iri: str) -> str:
        """A name for people: a question or answer with its document, a document by its title (or what
        its id says, `Kamerstuk 35165, nr. 51`), anything else by its label."""
        if iri not in self._labels:
            short = self.short_label(iri)
            parent = self.first(iri, T.PART_OF)
            types = self.types(iri)
            if parent and types & {T.KLD + "Vraag", T.KLD + "Antwoord"}:
                short = f"{short} — {self.label(parent)}"
            self._labels[iri] = short
        return self._labels[iri]

    def short_label(self, iri: str) -> str:
        types = self.types(iri)
        number = self.first(iri, T.NUMBER)
        if T.KLD + "Vraag" in types and number:
            return f"Vraag {number}"  # never the printed group heading ("Vraag 4 en 5") of one question
        for prop in T.LABEL_PROPS:
            value = self.first(iri, prop)
            if value:
                return value
        if T.KLD + "Antwoord" in types and number:
            return f"Antwoord {number}"
        if iri in self.labels.terms or iri in T.tooi_labels():  # a class, property or TOOI concept
            return self.labels.of(iri)
        cited = self.first(iri, T.DCT + "bibliographicCitation")
        if cited:
            return cited
        ident = self.first(iri, T.IDENTIFIER) or T.local_name(iri)
        if T.KLD + "Dossier" in types or "/id/dossier/" in iri:
            return f"Dossier {ident}"
        if T.KLD + "Zaak" in types or "/id/zaak/" in iri:
            return f"Zaak {ident}"
        named = T.id_name(ident)
        if named:
            return named
        kinds = sorted(t for t in types if t.startswith(T.KLD) and t != T.KLD + "Document")
        if kinds:
            name = self.labels.nl(kinds[0])
            day = _date(self.first(iri, T.ELI + "date_document") or "")
            return f"{name[:1].upper()}{name[1:]} {f'van {nl_date(day)}' if day else ident}"
        if iri.startswith(T.TOOI_MINISTERIE):
            return f"ministerie {ident}"
        if not iri.startswith(self.id_prefix):  # a web page, ruling or register entry: its address
            return iri
        return ident or iri


class Link(NamedTuple):
    href: str
    text: str
    external: bool = False


class Value(NamedTuple):
    """A literal on a page: its text, language and (for codes) the human reading beside the code."""

    text: str
    lang: str | None = None
    reading: str | None = None


def script_jsonld(doc: object) -> str:
    """JSON for a <script> element: `<`, `>` and `&` as JSON escapes, so the data can neither close the
    element nor open a comment (`<!--<script>` would swallow the rest of the page)."""
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    text = _NOT_TEXT.sub("", text)  # json.dumps escapes C0 controls already; noncharacters it keeps
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kamerld.publish", "templates"),
        autoescape=True,  # every page is HTML: escape everything that is not marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=page_text,
    )
    env.filters["nldate"] = nl_date
    env.filters["days"] = days_nl
    env.filters["nlnum"] = nl_number
    env.globals["TERM_DAYS"] = TERM_DAYS
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


class Site(NamedTuple):
    """Where the shared pages are, relative to the page being rendered ('' or '../../' or '/')."""

    root: str
    search: bool = True
    #: the site's shared pages exist (indexes, statistics, definitions); not when `kamerld serve`
    #: answers from a bare store, which has only the resources' pages and the SPARQL endpoint
    pages: bool = True

    @classmethod
    def from_home(cls, home: str, search: bool = True, pages: bool = True) -> Site:
        root = home[: -len("index.html")] if home.endswith("index.html") else home
        return cls(root, search and pages, pages)


class Pages:
    """Turns data into what the templates show: links, values, statement tables."""

    def __init__(self, view: Graphview, href: Href, labels: Labels):
        self.view, self.href, self.labels = view, href, labels

    def link(self, iri: str, text: str | None = None) -> Link:
        target = self.href(iri)
        text = text or self.view.label(iri)
        return Link(iri, text, True) if target is None else Link(target, text)

    def short(self, iri: str) -> Link:
        return self.link(iri, self.view.short_label(iri))

    def links(self, refs: Iterable[tuple[str, str]]) -> list[Link]:
        return [self.link(iri, text) for iri, text in refs]

    def value(self, prop: str, term: object) -> Link | Value:
        if isinstance(term, ox.NamedNode):
            return self.link(term.value)
        if isinstance(term, ox.Literal):
            reading = None
            if term.datatype.value == T.XSD + "boolean":
                reading = T.BOOLEAN_LABELS.get(term.value, (None,))[0]
            elif term.datatype.value == T.XSD + "date":
                day = _date(term.value)
                reading = nl_date(day) if day else None
            else:
                reading = T.VALUE_LABELS.get(prop, {}).get(term.value, (None,))[0]
            return Value(term.value, term.language or None, reading)
        return Value(str(term))

    def statements(self, iri: str) -> list[tuple[str, str, list[Link | Value]]]:
        """(label, property IRI, values) for every property of `iri`, sorted by label."""
        grouped: dict[str, list] = {}
        for p, o in sorted(self.view.out(iri), key=lambda po: (po[0], str(po[1]))):
            grouped.setdefault(p, []).append(self.value(p, o))
        return sorted(((self.labels.of(p), p, vs) for p, vs in grouped.items()), key=lambda r: r[0].lower())

    def inbound(self, iri: str) -> list[tuple[Link, str]]:
        return [(self.link(s), self.labels.of(p)) for s, p in sorted(self.view.inverse(iri))]

    def citations(self, iris: Iterable[str]) -> list[dict]:
        """The citations (kld:verwijzing) of these resources: the text as written, its target, footnote."""
        out = []
        for x in iris:
            for node in self.view.values(x, T.KLD + "verwijzing"):
                if not isinstance(node, ox.NamedNode):
                    continue
                text = self.view.first(node.value, T.DCT + "bibliographicCitation") or ""
                target = [
                    t for t in self.view.values(node.value, T.REFERENCES) if isinstance(t, ox.NamedNode)
                ]
                kind = self.view.first(node.value, T.KLD + "soortVerwijzing")
                out.append({
                    "text": text,
                    "target": self.link(target[0].value) if target else None,
                    "footnote": self.view.first(node.value, T.KLD + "inVoetnoot") == "true",
                    "kind": T.VALUE_LABELS[T.KLD + "soortVerwijzing"].get(kind or "", (kind or "",))[0],
                    "node": node.value,
                })
        return sorted(out, key=lambda c: nat_key(c["node"]))

    def literals(self, iri: str, prop: str) -> list[str]:
        return sorted(v.value for v in self.view.values(iri, prop) if isinstance(v, ox.Literal))


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def question_status(q: QuestionFacts, today: dt.date) -> dict:
    """What a reader wants to know first: answered when, after how many days, within the term?"""
    if q.is_answered:
        days = q.days
        return {
            "answered": True,
            "date": q.answered,
            "days": days,
            "late": days is not None and days > TERM_DAYS,
        }
    days = q.days_open(today)
    return {"answered": False, "open": days is not None, "days": days, "late": (days or 0) > TERM_DAYS}


def render_resource(
    view: Graphview,
    iri: str,
    *,
    href: Href,
    labels: Labels,
    alternates: dict[str, str],
    jsonld: object,
    home: str,
    facts: Facts | None = None,
    search: bool = True,
    site_pages: bool = True,
) -> str:
    """The HTML page about `iri`: a question page (the question, who asked, the answer, the delay), a
    document page (its questions with their answers), or a page listing what the data says.
    `site_pages=False`: no links to the site's shared pages (a server answering from a bare store)."""
    view.labels = labels
    if facts is None:
        facts = gather(view.store, view.label)
    pages = Pages(view, href, labels)
    types = view.types(iri)
    common = {
        "site": Site.from_home(home, search, site_pages),
        "iri": iri,
        "title": view.label(iri),
        "heading": view.short_label(iri),
        "kinds": [labels.of(t) for t in sorted(types)],
        "statements": pages.statements(iri),
        "inbound": pages.inbound(iri),
        "alternates": alternates,
        "jsonld": script_jsonld(jsonld),
    }
    if iri in facts.questions:
        return render("question.html", **common, **_question(pages, facts, facts.questions[iri]))
    if iri in facts.answers:
        return render("answer.html", **common, **_answer(pages, facts, iri))
    if iri in facts.documents:
        return render("document.html", **common, **_document(pages, facts, iri))
    return render("resource.html", **common, **_resource(pages, facts, iri))


def _question(pages: Pages, facts: Facts, q: QuestionFacts) -> dict:
    doc = facts.documents.get(q.document)
    siblings = doc.questions if doc else []
    at = siblings.index(q.iri) if q.iri in siblings else -1
    answers = [
        {
            "link": pages.short(a.iri),
            "text": a.text,
            "answerers": pages.links(a.answerers),
            "ministries": pages.links(a.ministries),
            "date": a.date,
            "elsewhere": pages.link(a.document) if a.document and a.document != q.document else None,
            "also": [pages.short(o) for o in a.questions if o != q.iri],
            "footnotes": pages.literals(a.iri, T.KLD + "voetnoot"),
        }
        for a in q.answers
    ]
    return {
        "q": q,
        "doc": doc,
        "doc_link": pages.link(q.document),
        "status": question_status(q, facts.today),
        "askers": pages.links(q.askers),
        "asker_fracties": _asker_fracties(pages, q),
        "fracties": pages.links(q.fracties),
        "addressees": pages.links(q.addressees),
        "answers": answers,
        "mededelingen": [(pages.link(m), facts.documents[m].answer_date) for m in q.mededelingen],
        "citations": pages.citations([q.iri, *(a.iri for a in q.answers)]),
        "footnotes": pages.literals(q.iri, T.KLD + "voetnoot"),
        "previous": pages.short(siblings[at - 1]) if at > 0 else None,
        "next": pages.short(siblings[at + 1]) if 0 <= at < len(siblings) - 1 else None,
        "today": facts.today,
    }


def _asker_fracties(pages: Pages, q: QuestionFacts) -> list[list[Link]]:
    """For each asker, the question's fracties the asker is a member of (org:memberOf)."""
    out = []
    for person, _ in q.askers:
        member_of = {
            o.value for o in pages.view.values(person, T.ORG + "memberOf") if isinstance(o, ox.NamedNode)
        }
        out.append(pages.links(f for f in q.fracties if f[0] in member_of))
    return out


def _answer(pages: Pages, facts: Facts, iri: str) -> dict:
    a = facts.answers[iri]
    return {
        "a": a,
        "doc_link": pages.link(a.document) if a.document else None,
        "questions": [
            {"link": pages.short(q), "text": facts.questions[q].text if q in facts.questions else None}
            for q in a.questions
        ],
        "answerers": pages.links(a.answerers),
        "ministries": pages.links(a.ministries),
        "citations": pages.citations([iri]),
        "footnotes": pages.literals(iri, T.KLD + "voetnoot"),
    }


def _document(pages: Pages, facts: Facts, iri: str) -> dict:
    d = facts.documents[iri]
    view = pages.view
    questions = []
    for q_iri in d.questions:
        q = facts.questions[q_iri]
        questions.append({
            "q": q,
            "link": pages.short(q_iri),
            "answers": [
                {"link": pages.short(a.iri), "text": a.text, "here": a.document == iri} for a in q.answers
            ],
            "status": question_status(q, facts.today),
        })
    # answers here to questions published elsewhere (an answer letter to a kv-tk document)
    foreign = [
        {"link": pages.short(a), "text": facts.answers[a].text,
         "questions": [pages.short(q) for q in facts.answers[a].questions]}
        for a in d.answers
        if not any(facts.questions.get(q) and facts.questions[q].document == iri
                   for q in facts.answers[a].questions)
    ]  # fmt: skip

    def refs(prop: str) -> list[Link]:
        return [pages.link(o.value) for o in view.values(iri, prop) if isinstance(o, ox.NamedNode)]

    answered = [facts.questions[q] for q in d.questions if facts.questions[q].is_answered]
    return {
        "d": d,
        "kind_labels": [pages.labels.nl(k) for k in d.kinds],
        "askers": refs(T.KLD + "gesteldDoor"),
        "fracties": refs(T.KLD + "namens"),
        "addressees": refs(T.KLD + "gerichtAan"),
        "answerers": refs(T.KLD + "beantwoordDoor") + refs(T.KLD + "medeNamens"),
        "ministries": pages.links(d.ministries),
        "dossiers": pages.links(d.dossiers),
        "zaken": [pages.link(z) for z in d.zaken],
        "postpones": [pages.link(x) for x in d.postpones],
        "notices": [pages.link(m.iri) for m in facts.documents.values() if m.is_mededeling and m.iri != iri
                    and (iri in m.postpones or set(m.zaken) & set(d.zaken))],
        "questions": questions,
        "foreign": foreign,
        "answered": len(answered),
        "citations": pages.citations([iri, *d.questions, *d.answers]),
        "cited_by": _cited_by(pages, [iri, *d.questions, *d.answers]),
        "see_also": refs(T.RDFS + "seeAlso"),
    }  # fmt: skip


def _cited_by(pages: Pages, scope: list[str]) -> list[Link]:
    citing = dict.fromkeys(
        s for x in scope for s, _ in pages.view.inverse(x, T.REFERENCES) if s not in scope
    )
    return [pages.link(s) for s in citing if T.KLD + "Verwijzing" not in pages.view.types(s)]


def _resource(pages: Pages, facts: Facts, iri: str) -> dict:
    """A person, fractie, post, dossier, zaak or citation: its statements, and the questions it is in."""
    related = facts.by_party().get(iri, {})
    groups = []
    for role, qs in related.items():
        docs: dict[str, list[QuestionFacts]] = {}
        for q in qs:
            docs.setdefault(q.document, []).append(q)
        rows = [
            {"link": pages.link(d), "doc": facts.documents.get(d), "count": len(v),
             "open": sum(not q.is_answered for q in v)}
            for d, v in docs.items()
        ]  # fmt: skip
        rows.sort(key=lambda r: (-((r["doc"].asked_date or r["doc"].date or dt.date.min).toordinal()
                                   if r["doc"] else 0), r["link"].text))  # fmt: skip
        groups.append({"role": role, "rows": rows, "questions": len(qs)})
    cited = pages.citations([iri])
    return {
        "index_page": facts.index_pages.get(iri),
        "groups": groups,
        "citing": [pages.link(s) for s, _ in pages.view.inverse(iri, T.REFERENCES)],
        "citations": cited,
    }


def render_page(template: str, *, home: str, search: bool = True, **context: Any) -> str:
    """A site page that is not about one resource (index, statistics, search, home, definitions)."""
    return render(template, site=Site.from_home(home, search), **context)
