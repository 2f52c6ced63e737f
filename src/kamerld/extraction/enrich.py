"""Enrichment: resolve what readers found as written, and find the citations in the texts.

Runs after every reader, so a new layout only has to fill the model. Structured citations that a
reader already attached (KOOP extref, VLOS zaak) win: a text citation with the same target in the
same place is not added twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..model import Citation, Document, DocumentKind, Footnote, OrgMention, PersonMention, Question, Severity
from .attribution import resolve_fractie, resolve_mention, resolve_org
from .references import find_references


def _doc_date(doc: Document) -> date | None:
    return doc.date or doc.date_received or doc.date_submitted


def _merge(existing: list[Citation], found: list[Citation]) -> None:
    """Add found citations whose target (or unresolved text) is not yet cited at that place."""
    seen = {(c.target, c.in_footnote) for c in existing if c.target}
    seen_text = {c.text for c in existing}
    for c in found:
        if c.target and (c.target, c.in_footnote) in seen:
            continue
        if not c.target and c.text in seen_text:
            continue
        existing.append(c)
        if c.target:
            seen.add((c.target, c.in_footnote))


def _find(doc: Document, text: str, in_footnote: bool = False) -> list[Citation]:
    found = find_references(text, chamber=doc.chamber, vergaderjaar=doc.vergaderjaar, in_footnote=in_footnote)
    # running page footers cite the document itself ("Tweede Kamer, vergaderjaar 1990-1991, 20935, nr. 8")
    return [c for c in found if c.target != f"document/{doc.id}"]


def _cite_part(doc: Document, part_text: str, footnotes: list[Footnote], citations: list[Citation]) -> None:
    _merge(citations, _find(doc, part_text))
    for fn in footnotes:
        _merge(citations, _find(doc, fn.text, in_footnote=True))


def _resolve_orgs(mentions: list[OrgMention], on: date | None) -> list[OrgMention]:
    out: list[OrgMention] = []
    for m in mentions:
        out.extend(resolve_org(m, on))
    return out


#: written questions reach the minister a few days after a member submits them: a member whose term
#: ended in those days still asked them (the Kamer's covering letter may be the only date printed)
ASKING_GRACE = timedelta(days=14)


def _resolve_asker(m: PersonMention, on: date | None) -> None:
    resolve_mention(m, on)
    if on is not None and m.person is not None and m.person.local and m.name:
        earlier = PersonMention(name=m.name, fractie=m.fractie, role=m.role, portfolio=m.portfolio)
        resolve_mention(earlier, on - ASKING_GRACE)
        if earlier.person is not None and not earlier.person.local:
            m.person, m.fractie_ref, m.member_during = (
                earlier.person,
                earlier.fractie_ref,
                earlier.member_during,
            )


def _resolve_question(q: Question, on: date | None) -> None:
    for m in q.askers:
        _resolve_asker(m, on)
    if q.fractie:
        q.fractie_ref = resolve_fractie(q.fractie, on)
    q.also_fractie_refs = [resolve_fractie(f, on) for f in q.also_fracties]
    q.addressees = _resolve_orgs(q.addressees, on)


def enrich(doc: Document) -> Document:
    """Resolve mentions against the registers and find citations; returns the same document."""
    if doc.date is None:
        # a set of questions is dated when submitted, an answer or notice when received: that is the
        # date KOOP gives the published document too
        doc.date = doc.date_submitted if doc.kind == DocumentKind.KAMERVRAGEN else doc.date_received
    on = _doc_date(doc)
    # questions are put to the posts that exist when they are submitted; the answer comes from
    # whoever holds a post when it is received (a cabinet may change in between)
    asked_on = doc.date_submitted or on
    answered_on = doc.date_received or on
    for m in doc.askers:
        _resolve_asker(m, asked_on)
    for m in doc.answerers:
        resolve_mention(m, answered_on)
    doc.addressees = _resolve_orgs(doc.addressees, asked_on)
    if doc.ministry is not None:
        resolved = resolve_org(doc.ministry, answered_on)
        doc.ministry = resolved[0] if resolved else doc.ministry
    for q in doc.questions:
        _resolve_question(q, asked_on)
        _cite_part(doc, q.text, q.footnotes, q.citations)
    for a in doc.answers:
        if a.answerer is not None:
            resolve_mention(a.answerer, answered_on)
        if a.ministry is not None:
            resolved = resolve_org(a.ministry, answered_on)
            a.ministry = resolved[0] if resolved else a.ministry
        _cite_part(doc, a.text, a.footnotes, a.citations)
    if doc.header:
        _merge(doc.citations, _find(doc, doc.header))
    if doc.text and not doc.questions and not doc.answers:
        # documents without questions (meeting reports, decision lists): cite from the whole text
        _merge(doc.citations, _find(doc, doc.text))
    for fn in doc.footnotes:
        _merge(doc.citations, _find(doc, fn.text, in_footnote=True))
    _letter_id(doc)
    _note_unresolved(doc)
    return doc


def _letter_id(doc: Document) -> None:
    """A ministry letter without a KOOP id is `{ministry-code}-{kenmerk}` once its ministry is known."""
    if not doc.kenmerk or doc.id != f"brief-{doc.kenmerk}" or doc.ministry is None:
        return
    ministry = doc.ministry.ministry or (doc.ministry.post.ministry if doc.ministry.post else None)
    if ministry is not None and not ministry.local:
        doc.id = f"{ministry.code}-{doc.kenmerk}"


def _note_unresolved(doc: Document) -> None:
    """Say in the data which names the registers did not know, so curators can add them."""
    names: list[str] = []
    people = [
        *doc.askers,
        *doc.answerers,
        *(m for q in doc.questions for m in q.askers),
        *(a.answerer for a in doc.answers if a.answerer is not None),
    ]
    orgs = [
        *doc.addressees,
        *(o for q in doc.questions for o in q.addressees),
        *(o for o in (doc.ministry, *(a.ministry for a in doc.answers)) if o is not None),
    ]
    for m in people:
        if m.role == "rekenkamer":
            continue  # outside the registers by design (see attribution.resolve_mention)
        if m.person is not None and m.person.local:
            names.append(f"person {m.name!r}")
        if m.fractie_ref is not None and m.fractie_ref.local:
            names.append(f"fractie {m.fractie!r}")
        if m.post is not None and m.post.local:
            names.append(f"post {m.role} ({m.portfolio})")
        if m.ministry is not None and m.ministry.local:
            names.append(f"ministry {m.portfolio!r}")
    for o in orgs:
        if o.post is not None and o.post.local:
            names.append(f"post {o.text!r}")
        elif o.ministry is not None and o.ministry.local:
            names.append(f"ministry {o.text!r}")
        elif o.post is None and o.ministry is None:
            names.append(f"post or ministry {o.text!r}")
    for q in doc.questions:
        if q.fractie_ref is not None and q.fractie_ref.local:
            names.append(f"fractie {q.fractie!r}")
    for name in dict.fromkeys(names):
        doc.warn(f"not in the registers: {name}", Severity.INFO)
