"""Atom feeds of answered questions, so a reader is told when a question is answered: one for the whole
site (`beantwoord.atom`) and one beside every index page of a fractie, member, ministry, dossier or year
(`index/{facet}/{value}.atom`). A feed reader polls the static file; republishing adds the new answers.

Each entry is one set of questions (a document) that received an answer, newest first, dated on the
day the answer reached the Kamer, linking to the document's page at the site's base URI.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from kamerld.publish.facts import Facts, QuestionFacts

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def answered_feed(
    title: str,
    feed_url: str,
    page_url: str,
    questions: Iterable[QuestionFacts],
    facts: Facts,
    page_of,
) -> bytes:
    """The feed of the answered documents among `questions`. `page_of(iri)` gives a page's URL or None."""
    per_doc: dict[str, list[QuestionFacts]] = {}
    for q in questions:
        if q.is_answered and q.answered:
            per_doc.setdefault(q.document, []).append(q)
    entries = sorted(per_doc.items(), key=lambda kv: (-min(q.answered for q in kv[1]).toordinal(), kv[0]))
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page_url, type="text/html")
    newest = min(q.answered for q in entries[0][1]) if entries else facts.today
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "kamerld"
    for doc_iri, qs in entries[:MAX_ENTRIES]:
        doc = facts.documents.get(doc_iri)
        day = min(q.answered for q in qs)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        name = doc.label if doc else doc_iri
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"Beantwoord: {name}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = doc_iri
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(day)
        href = page_of(doc_iri)
        if href:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=href, type="text/html")
        days = sorted({q.days for q in qs if q.days is not None})
        delay = f" na {days[0]} dagen" if len(days) == 1 else ""
        askers = sorted({name for q in qs for _, name in q.askers})
        who = f" Gesteld door {', '.join(askers)}." if askers else ""
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = (
            f"{len(qs)} {'vraag' if len(qs) == 1 else 'vragen'} beantwoord op {day.isoformat()}{delay}.{who}"
        )
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
