"""Readable HTML pages about one resource, straight from a pyoxigraph store (union of all graphs).

Used by the static site (`site.py`, relative links) and by `serve.py` when it serves a bare store
(absolute links); the caller passes `href`, which turns an IRI into a link or None (no page).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kamerld.chars import clean_text
from kamerld.publish import rdfterms as T

Href = Callable[[str], "str | None"]


@dataclass
class Labels:
    """Bilingual labels of properties and classes: ontology first, built-ins after."""

    terms: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(T.BUILTIN_LABELS))

    def of(self, iri: str) -> str:
        nl, en = self.terms.get(iri, (T.local_name(iri), ""))
        return f"{nl} / {en}" if en and en != nl else nl


def esc(text: object) -> str:
    # data published from someone else's files may carry control characters: never into a page
    return html.escape(clean_text(str(text)), quote=True)


def nat_key(value: str) -> tuple:
    """'2' < '10' < '10a'; 'p2' < 'p10'."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", value))


class Graphview:
    """Small read helpers over the store; queries the union of the named graphs, de-duplicated."""

    def __init__(self, store: ox.Store):
        self.store = store
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
        pick = (nl or literals or vals or [None])[0]
        return None if pick is None else pick.value

    def label(self, iri: str) -> str:
        if iri not in self._labels:
            self._labels[iri] = self._label(iri)
        return self._labels[iri]

    def _label(self, iri: str) -> str:
        for prop in T.LABEL_PROPS:
            value = self.first(iri, prop)
            if value:
                return value
        number = self.first(iri, T.NUMBER)
        types = {t.value for t in self.values(iri, T.TYPE)}
        parent = self.first(iri, T.PART_OF)
        if number and parent:
            kind = "Vraag" if T.KLD + "Vraag" in types else "Antwoord" if T.KLD + "Antwoord" in types else ""
            return f"{kind} {number} — {self.label(parent)}".strip()
        return T.local_name(iri) or iri


def _literal_html(lit: ox.Literal) -> str:
    lang = f' lang="{esc(lit.language)}"' if lit.language else ""
    text = esc(lit.value).replace("\n", "<br>")
    return f"<span{lang}>{text}</span>"


def _link(view: Graphview, iri: str, href: Href, *, with_label: bool = True) -> str:
    target = href(iri)
    text = esc(view.label(iri)) if with_label else esc(T.compact(iri))
    if target is None:
        return f'<a class="ext" href="{esc(iri)}">{text}</a>'
    return f'<a href="{esc(target)}">{text}</a>'


def _term_html(view: Graphview, term: object, href: Href) -> str:
    if isinstance(term, ox.Literal):
        return _literal_html(term)
    if isinstance(term, ox.NamedNode):
        return _link(view, term.value, href)
    return f"<code>{esc(term)}</code>"


def page_shell(title: str, body: str, *, head: str = "", lang: str = "nl") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f"<style>{CSS}</style>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


CSS = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
    "table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ddd;padding:.3rem;text-align:left;"
    "vertical-align:top}th{width:14rem;font-weight:600}.tekst{white-space:pre-line;background:#f7f7f7;"
    "padding:.5rem 1rem}.ext::after{content:' \\2197'}nav a{margin-right:1rem}code{word-break:break-all}"
)


def script_jsonld(doc: object) -> str:
    """JSON for a <script> element: `</` cannot close the element early."""
    return clean_text(json.dumps(doc, ensure_ascii=False, indent=1)).replace("</", "<\\/")


def _section(title: str, items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return ""
    lis = "".join(f"<li>{i}</li>" for i in items)
    return f"<section><h2>{esc(title)}</h2><ul>{lis}</ul></section>\n"


def render_resource(
    view: Graphview,
    iri: str,
    *,
    href: Href,
    labels: Labels,
    alternates: dict[str, str],
    jsonld: object,
    home: str,
) -> str:
    """The HTML page about `iri`: title, text, who asked/answered, parts, answers and questions both ways,
    cited and citing documents, every statement, and the JSON-LD embedded."""
    title = view.label(iri)
    types = [t.value for t in view.values(iri, T.TYPE) if isinstance(t, ox.NamedNode)]
    body: list[str] = [f'<nav><a href="{esc(home)}">kamerld</a></nav>']
    body.append(f"<h1>{esc(title)}</h1>")
    body.append(f"<p><code>{esc(iri)}</code> · {', '.join(esc(labels.of(t)) for t in types)}</p>")

    for lit in view.values(iri, T.TEXT):
        if isinstance(lit, ox.Literal):
            body.append(f'<div class="tekst"{_lang(lit)}>{esc(lit.value)}</div>')

    who = [
        T.KLD + "gesteldDoor", T.KLD + "namens", T.KLD + "gerichtAan",
        T.KLD + "beantwoordDoor", T.KLD + "medeNamens", T.KLD + "namensMinisterie",
    ]  # fmt: skip
    rows = []
    for prop in who:
        vals = view.values(iri, prop)
        if vals:
            rows.append(f"<tr><th>{esc(labels.of(prop))}</th><td>{_join(view, vals, href)}</td></tr>")
    if rows:
        body.append(f"<table>{''.join(rows)}</table>")

    # answers this one answers, and (inverse) the answers that answer this question
    body.append(
        _section(
            "Beantwoordt / Answers",
            (_link(view, t.value, href) for t in _iris(view.values(iri, T.ANSWERS_TO))),
        )
    )
    body.append(
        _section(
            "Beantwoord in / Answered by", (_link(view, s, href) for s, _ in view.inverse(iri, T.ANSWERS_TO))
        )
    )

    parts = sorted((s for s, _ in view.inverse(iri, T.PART_OF)), key=lambda s: _part_key(view, s))
    part_items = []
    for part in parts:
        text = view.first(part, T.TEXT) or ""
        snippet = esc(text[:240] + ("…" if len(text) > 240 else ""))
        part_items.append(f"{_link(view, part, href)}<br><small>{snippet}</small>")
    body.append(_section("Onderdelen / Parts", part_items))

    # cited: by this resource and, for a document, by its parts; citing: who references any of them
    scope = [iri, *parts]
    cited = _unique(t.value for s in scope for t in _iris(view.values(s, T.REFERENCES)))
    body.append(_section("Verwijst naar / Cites", (_link(view, c, href) for c in cited)))
    citing = _unique(s for x in scope for s, _ in view.inverse(x, T.REFERENCES) if s not in scope)
    body.append(_section("Aangehaald door / Cited by", (_citer(view, s, href) for s in citing)))

    rows = [
        f"<tr><th>{_prop(p, labels)}</th><td>{_term_html(view, o, href)}</td></tr>"
        for p, o in sorted(view.out(iri), key=lambda po: (po[0], str(po[1])))
    ]
    body.append(f"<section><h2>Alle gegevens / All statements</h2><table>{''.join(rows)}</table></section>")
    inbound = [
        f"<tr><td>{_link(view, s, href)}</td><th>{_prop(p, labels)}</th></tr>"
        for s, p in sorted(view.inverse(iri))
    ]
    if inbound:
        body.append(
            f"<section><h2>Verwijzingen hierheen / Links here</h2><table>{''.join(inbound)}</table></section>"
        )

    alt_links = " · ".join(f'<a href="{esc(u)}" type="{esc(m)}">{esc(m)}</a>' for m, u in alternates.items())
    body.append(f"<footer><p>Ook als / Also as: {alt_links}</p></footer>")
    head = "".join(f'<link rel="alternate" type="{esc(m)}" href="{esc(u)}">\n' for m, u in alternates.items())
    head += f'<script type="application/ld+json">\n{script_jsonld(jsonld)}\n</script>\n'
    return page_shell(title, "\n".join(b for b in body if b), head=head)


def _lang(lit: ox.Literal) -> str:
    return f' lang="{esc(lit.language)}"' if lit.language else ""


def _iris(values: list) -> list[ox.NamedNode]:
    return [v for v in values if isinstance(v, ox.NamedNode)]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _join(view: Graphview, values: list, href: Href) -> str:
    return ", ".join(_term_html(view, v, href) for v in values)


def _prop(iri: str, labels: Labels) -> str:
    return f'<span title="{esc(iri)}">{esc(labels.of(iri))}</span>'


def _part_key(view: Graphview, iri: str) -> tuple:
    types = {t.value for t in view.values(iri, T.TYPE)}
    return (0 if T.KLD + "Vraag" in types else 1, nat_key(view.first(iri, T.NUMBER) or ""), iri)


def _citer(view: Graphview, iri: str, href: Href) -> str:
    """A citing question/answer with the document it belongs to."""
    parent = view.first(iri, T.PART_OF)
    link = _link(view, iri, href)
    if parent and not link.endswith(view.label(parent) + "</a>"):
        return f"{link} ({_link(view, parent, href)})"
    return link


def render_list(title: str, groups: dict[str, list[tuple[str, str]]], *, home: str, intro: str = "") -> str:
    """An index page: headed groups of (href, text) links."""
    body = [f'<nav><a href="{esc(home)}">kamerld</a></nav>', f"<h1>{esc(title)}</h1>"]
    if intro:
        body.append(f"<p>{intro}</p>")
    if len(groups) > 1:
        toc = " · ".join(f'<a href="#{esc(_anchor(k))}">{esc(k)}</a> ({len(v)})' for k, v in groups.items())
        body.append(f"<p>{toc}</p>")
    for key, links in groups.items():
        items = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for h, t in links)
        body.append(f'<section id="{esc(_anchor(key))}"><h2>{esc(key)}</h2><ul>{items}</ul></section>')
    return page_shell(title, "\n".join(body))


def _anchor(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-") or "x"
