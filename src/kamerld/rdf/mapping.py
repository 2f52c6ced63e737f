"""Model -> RDF. One function per model class; no parsing, no I/O besides the packaged type table.

Every IRI comes from `uris.Minter`. The terms follow ../shared/design/data-contract.md and are declared
in ontology/kamerld.ttl.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from kamerld.sources.chars import UNSAFE, clean_text, has_unsafe

from ..model import (
    Answer,
    Citation,
    Document,
    DocumentKind,
    Fractie,
    Ministry,
    OrgMention,
    Person,
    PersonMention,
    Post,
    Question,
    Severity,
)
from . import namespaces
from .iri import web_iri
from .literals import integer as _integer
from .literals import text as _text
from .namespaces import Terms, bind_all
from .uris import DEFAULT_BASE, Minter, koop_publication

# the namespaces as plain attributes of their terms (`namespaces.Terms`): a tenth of the time a term
DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD = map(Terms, (DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS,
                                                              TIME, XSD))
ELI, ELI_DL, KLD = map(Terms, (namespaces.ELI, namespaces.ELI_DL, namespaces.KLD))


@cache
def document_types() -> dict[str, str]:
    """kind -> TOOI document-type concept, from the register data file."""
    text = resources.files("kamerld.registers").joinpath("document_types.tsv").read_text("utf-8")
    return {row["kind"]: row["tooi_concept"] for row in csv.DictReader(text.splitlines(), delimiter="\t")}


@lru_cache(maxsize=4096)
def _date(value: date) -> Literal:
    # a typed literal costs rdflib 20 µs (it parses its own lexical form); a document repeats its dates
    return Literal(value.isoformat(), datatype=XSD.date)


def _label(printed: str | None, word: str, number: str, *, single: bool = False) -> str:
    """The heading as printed when it names the part ("Antwoord 2 en 3"), else word + number: a bare
    "Antwoord" or "4." says nothing on a page listing many answers. `single`: the part is one of a
    group the heading names ("Vraag 4 en 5" heads questions 4 and 5), so only its own number fits."""
    if printed and printed.lower().startswith(word.lower()[:4]) and any(ch.isdigit() for ch in printed):
        if not single or len(re.findall(r"\d+", printed)) == 1:
            return printed
    return f"{word} {number}"


#: the role of a document in a zaak (kamerld.fetch.tk.ROLES) -> the property from the zaak to it
ZAAK_ROLES = {
    "vragen": KLD.heeftVragen,
    "antwoord": KLD.heeftAntwoord,
    "nader-antwoord": KLD.heeftNaderAntwoord,
    "mededeling": KLD.heeftMededeling,
}


_VERGADERJAAR = re.compile(r"\b((?:18|19|20)\d\d)\s*[-–/]\s*(?:(?:18|19|20)?\d\d)\b")


def _year_in(text: str) -> int | None:
    """The first year of a vergaderjaar written in a text ("2022/23", "1985-1986")."""
    m = _VERGADERJAAR.search(text)
    return int(m.group(1)) if m else None


#: the Tweede Kamer's term for answering written questions: three weeks
ANSWER_TERM_DAYS = 21
#: longer than this from submission to answer is a misread date, not a slow answer
MAX_ANSWER_DAYS = 5 * 366


_TRUE, _FALSE = Literal(True), Literal(False)


def _true() -> Literal:
    return _TRUE


Triple = tuple[URIRef, URIRef, URIRef | Literal]


class _Mapper:
    def __init__(self, doc: Document, minter: Minter):
        self.doc = doc
        self.m = minter
        # a plain set, not a Graph: Graph.add costs ~20 us a triple, half the mapping time
        self.g: set[Triple] = set()
        # the same mention objects come back for every question (askers, addressees, answerers): their
        # triples are in the set already, so map each object once (keyed by id: they outlive the mapper)
        self._seen: dict[tuple, object] = {}
        self.uri = minter.document(doc.id)
        self.citation_k = 0
        self.question_uris: dict[str, URIRef] = {}

    # -- register things --------------------------------------------------------------------

    def ministry(self, ministry: Ministry) -> URIRef:
        key = ("ministry", id(ministry))
        if key not in self._seen:
            self._seen[key] = (ministry, self._ministry(ministry))  # holding it keeps its id unique
        return self._seen[key][1]  # type: ignore[index]

    def _ministry(self, ministry: Ministry) -> URIRef:
        """The organisation under its one preferred name (the same on every date, so a dump never
        holds two); the name it had on the document's date is its TOOI historic version's label."""
        u = self.m.ministry(ministry.uri)
        self._organization(u, KLD.Ministerie, ministry.label or ministry.name, ministry.code, ministry.local)
        if ministry.version:
            v = URIRef(ministry.version)
            self.g.add((v, PROV.specializationOf, u))
            self.g.add((v, SKOS.prefLabel, _text(ministry.name, lang="nl")))
            self.g.add((v, RDFS.label, _text(ministry.name, lang="nl")))
        return u

    def _organization(self, u: URIRef, cls: URIRef, name: str, notation: str, local: bool) -> None:
        """A ministry or fractie: an org:Organization with its name and short name."""
        g = self.g
        g.add((u, RDF.type, cls))
        g.add((u, RDF.type, ORG.Organization))
        g.add((u, SKOS.prefLabel, _text(name, lang="nl")))
        g.add((u, RDFS.label, _text(name, lang="nl")))
        g.add((u, SKOS.notation, _text(notation)))
        if local:
            g.add((u, KLD.lokaal, _true()))

    def fractie(self, fractie: Fractie) -> URIRef:
        key = ("fractie", fractie)
        if key not in self._seen:
            self._seen[key] = self._fractie(fractie)
        return self._seen[key]  # type: ignore[return-value]

    def _fractie(self, fractie: Fractie) -> URIRef:
        u = self.m.fractie(fractie.slug)
        self._organization(u, KLD.Fractie, fractie.name, fractie.notation, fractie.local)
        for other in fractie.same_as:
            self.g.add((u, SKOS.exactMatch, URIRef(other)))
        return u

    def post(self, post: Post) -> URIRef:
        key = ("post", post)
        if key not in self._seen:
            self._seen[key] = self._post(post)
        return self._seen[key]  # type: ignore[return-value]

    def _post(self, post: Post) -> URIRef:
        u = self.m.post(post.slug)
        g = self.g
        g.add((u, RDF.type, ORG.Post))
        g.add((u, SKOS.prefLabel, _text(post.label, lang="nl")))
        g.add((u, RDFS.label, _text(post.label, lang="nl")))
        if post.ministry is not None:
            g.add((u, ORG.postIn, self.ministry(post.ministry)))
        if post.local:
            g.add((u, KLD.lokaal, _true()))
        return u

    def person(self, person: Person, as_written: str | None = None) -> URIRef:
        u = self.m.person(person.slug)
        g = self.g
        g.add((u, RDF.type, KLD.Persoon))
        g.add((u, RDF.type, FOAF.Person))
        g.add((u, FOAF.name, _text(person.name)))
        g.add((u, SKOS.prefLabel, _text(person.name)))
        g.add((u, RDFS.label, _text(person.name)))
        for other in person.same_as:
            g.add((u, SKOS.exactMatch, URIRef(other)))
        if as_written and as_written != person.name:
            g.add((u, KLD.alsGeschreven, _text(as_written)))
        if person.local:
            g.add((u, KLD.lokaal, _true()))
        return u

    def person_mention(self, m: PersonMention) -> tuple[URIRef | None, URIRef | None, URIRef | None]:
        # keyed by what the triples depend on: readers make a copy of the askers for every question
        key = ("person_mention", m.name, m.person, m.post, m.fractie_ref, m.ministry,
               m.member_during, m.post_during, m.tk_uri, m.tk_fractie_uri)
        if key not in self._seen:
            self._seen[key] = (m, self._person_mention(m))  # type: ignore[index]
        return self._seen[key][1]  # type: ignore[index]

    def _person_mention(self, m: PersonMention) -> tuple[URIRef | None, URIRef | None, URIRef | None]:
        """(person, post, fractie) IRIs for a resolved mention; membership and post holding as stated."""
        person = self.person(m.person, m.name) if m.person else None
        post = self.post(m.post) if m.post else None
        fractie = self.fractie(m.fractie_ref) if m.fractie_ref else None
        if person is not None and fractie is not None:
            self.g.add((person, ORG.memberOf, fractie))
            ms = self.m.membership(m.person.slug, m.fractie_ref.slug)  # type: ignore[union-attr]
            self.g.add((ms, RDF.type, ORG.Membership))
            self.g.add((ms, ORG.member, person))
            self.g.add((ms, ORG.organization, fractie))
            self.g.add((person, ORG.hasMembership, ms))
            if m.member_during:
                self.interval(ms, *m.member_during)
        if person is not None and post is not None:
            self.g.add((post, ORG.heldBy, person))
            if m.post_during:
                # the tenure is a membership of the post's ministry in the role of the post (org:role)
                tenure = self.m.membership(m.person.slug, m.post.slug)  # type: ignore[union-attr]
                self.g.add((tenure, RDF.type, ORG.Membership))
                self.g.add((tenure, ORG.member, person))
                self.g.add((tenure, ORG.role, post))
                if m.post.ministry is not None:  # type: ignore[union-attr]
                    self.g.add((tenure, ORG.organization, self.ministry(m.post.ministry)))  # type: ignore[union-attr]
                self.g.add((person, ORG.hasMembership, tenure))
                self.interval(tenure, *m.post_during)
        if m.ministry is not None and post is None:
            self.ministry(m.ministry)
        # the Tweede Kamer's own entities for the same person and fractie (fetched metadata)
        if person is not None and m.tk_uri:
            self.g.add((person, SKOS.exactMatch, URIRef(m.tk_uri)))
        if fractie is not None and m.tk_fractie_uri:
            self.g.add((fractie, SKOS.exactMatch, URIRef(m.tk_fractie_uri)))
        return person, post, fractie

    def interval(self, membership: URIRef, begin: date | None, end: date | None) -> None:
        """org:memberDuring as an OWL-Time interval with IRIs of its own (no blank nodes: per-document
        files are concatenated into dumps, where blank node labels would collide)."""
        if begin is None and end is None:
            return
        period = URIRef(f"{membership}/periode")
        self.g.add((membership, ORG.memberDuring, period))
        self.g.add((period, RDF.type, TIME.ProperInterval))
        for prop, day, suffix in ((TIME.hasBeginning, begin, "begin"), (TIME.hasEnd, end, "einde")):
            if day is not None:
                instant = URIRef(f"{membership}/{suffix}")
                self.g.add((period, prop, instant))
                self.g.add((instant, RDF.type, TIME.Instant))
                self.g.add((instant, TIME.inXSDDate, _date(day)))

    def org_mention(self, m: OrgMention) -> URIRef | None:
        if m.post is not None:
            if m.holder is not None:
                self.person_mention(m.holder)  # the post org:heldBy the person the Kamer names
            return self.post(m.post)
        if m.ministry is not None:
            return self.ministry(m.ministry)
        return None

    # -- citations ----------------------------------------------------------------------------

    def citations(self, citer: URIRef, citations: Iterable[Citation]) -> None:
        g = self.g
        for c in citations:
            self.citation_k += 1
            node = self.m.citation(self.doc.id, self.citation_k)
            g.add((node, RDF.type, KLD.Verwijzing))
            g.add((node, DCTERMS.bibliographicCitation, _text(c.text)))
            g.add((node, KLD.inVoetnoot, _TRUE if c.in_footnote else _FALSE))
            g.add((node, KLD.soortVerwijzing, _text(c.kind)))
            if c.note:
                g.add((node, KLD.opmerking, _text(c.note)))
            if c.target:
                target = self.m.target(c.target)
                g.add((node, DCTERMS.references, target))
                g.add((citer, DCTERMS.references, target))
                if c.target.startswith("document/"):
                    self.cited_document(target, c.target, c.text)
            g.add((citer, KLD.verwijzing, node))

    # -- document parts -------------------------------------------------------------------------

    def question(self, q: Question) -> URIRef:
        doc, g = self.doc, self.g
        u = self.m.question(doc.id, q.number)
        self.question_uris[q.number] = u
        g.add((u, RDF.type, KLD.Vraag))
        g.add((u, ELI.is_part_of, self.uri))
        g.add((self.uri, ELI.has_part, u))
        g.add((u, ELI.number, _text(q.number)))
        g.add((u, RDFS.label, _text(_label(q.label, "Vraag", q.number, single=True), lang="nl")))
        g.add((u, KLD.tekst, _text(q.text, lang="nl")))
        if q.fragment:
            g.add((u, KLD.fragment, _true()))
        for asker in q.askers or doc.askers:
            person, _post, fractie = self.person_mention(asker)
            if person is not None:
                g.add((u, KLD.gesteldDoor, person))
            if fractie is not None and q.fractie_ref is None:
                g.add((u, KLD.namens, fractie))
        if q.fractie_ref is not None:
            g.add((u, KLD.namens, self.fractie(q.fractie_ref)))
        for also in q.also_fractie_refs:
            g.add((u, KLD.namens, self.fractie(also)))
        for addressee in q.addressees or doc.addressees:
            target = self.org_mention(addressee)
            if target is not None:
                g.add((u, KLD.gerichtAan, target))
        for fn in q.footnotes:
            g.add((u, KLD.voetnoot, _text(f"{fn.marker} {fn.text}".strip())))
        self.citations(u, q.citations)
        return u

    def answer(self, a: Answer) -> URIRef:
        doc, g = self.doc, self.g
        u = self.m.answer(doc.id, a.number)
        g.add((u, RDF.type, KLD.Antwoord))
        g.add((u, ELI.is_part_of, self.uri))
        g.add((self.uri, ELI.has_part, u))
        g.add((u, ELI.number, _text(a.number)))
        g.add((u, RDFS.label, _text(_label(a.label, "Antwoord", a.number), lang="nl")))
        g.add((u, KLD.tekst, _text(a.text, lang="nl")))
        if a.fragment:
            g.add((u, KLD.fragment, _true()))
        for n in a.answers:
            g.add((u, ELI_DL.answers_to, self.question_target(n)))
        answerer = a.answerer or (doc.answerers[0] if doc.answerers else None)
        if answerer is not None:
            person, post, _ = self.person_mention(answerer)
            for who in (post, person):
                if who is not None:
                    g.add((u, KLD.beantwoordDoor, who))
            ministry = answerer.ministry or (answerer.post.ministry if answerer.post else None)
            if ministry is not None:
                g.add((u, KLD.namensMinisterie, self.ministry(ministry)))
        elif doc.ministry is not None:
            # a letter that names its ministry (or lets us infer it) but not who answers each question
            target = self.org_mention(doc.ministry)
            if target is not None:
                g.add((u, KLD.beantwoordDoor, target))
            ministry = doc.ministry.ministry or (doc.ministry.post.ministry if doc.ministry.post else None)
            if ministry is not None:
                g.add((u, KLD.namensMinisterie, self.ministry(ministry)))
        if a.ministry is not None:
            target = self.org_mention(a.ministry)
            ministry = a.ministry.ministry or (a.ministry.post.ministry if a.ministry.post else None)
            if ministry is not None:
                g.add((u, KLD.namensMinisterie, self.ministry(ministry)))
            elif target is not None:
                g.add((u, KLD.beantwoordDoor, target))
        for fn in a.footnotes:
            g.add((u, KLD.voetnoot, _text(f"{fn.marker} {fn.text}".strip())))
        self.citations(u, a.citations)
        return u

    def question_target(self, number: str) -> URIRef:
        """The question an answer answers: in this document, else in the questions document of the zaak."""
        if number in self.question_uris:
            return self.question_uris[number]
        if self.doc.zaken:
            return self.m.question(f"kv-tk-{self.doc.zaken[0]}", number)
        return self.m.question(self.doc.id, number)

    # -- Tweede Kamer metadata (fetched) ---------------------------------------------------------

    def tweede_kamer(self) -> None:
        """The document's D-number and OData entity; each zaak's OData entity and its documents by role."""
        doc, g, u = self.doc, self.g, self.uri
        if doc.tk_number:
            g.add((u, KLD.tkDocumentnummer, _text(doc.tk_number)))
            g.add((u, SKOS.exactMatch, self.m.id("tkdocument", doc.tk_number)))
        if doc.tk_uri:
            g.add((u, SKOS.exactMatch, URIRef(doc.tk_uri)))
        for zaak in doc.tk_zaken:
            z = self.m.zaak(zaak.number)
            g.add((z, SKOS.exactMatch, URIRef(zaak.uri)))
            if zaak.title:
                g.add((z, RDFS.label, _text(zaak.title, lang="nl")))
            for role, target in zaak.documents:
                prop = ZAAK_ROLES.get(role)
                if prop is not None:
                    g.add((z, prop, self.m.target(target)))

    # -- provenance and links out ----------------------------------------------------------------

    def provenance(self) -> None:
        """The source file (by its content hash, with its name and, when fetched, the official URL it
        came from) and the document's official publication at KOOP."""
        doc, g, u = self.doc, self.g, self.uri
        is_url = bool(re.match(r"^https?://", doc.source))
        # the pipeline always knows the content hash; a caller that maps a Document it made itself
        # may not: its file is then named by the hash of where it came from, and claims no checksum
        sha = doc.source_sha256 or hashlib.sha256(doc.source.encode("utf-8")).hexdigest()
        f = self.m.source_file(sha)
        g.add((u, PROV.wasDerivedFrom, f))
        g.add((f, RDF.type, PROV.Entity))
        g.add((f, RDFS.label, _text(doc.source.replace("\\", "/").rsplit("/", 1)[-1])))
        if doc.source_sha256:
            g.add((f, DCTERMS.identifier, _text(f"urn:sha256:{doc.source_sha256}")))
        if is_url:
            g.add((f, PROV.wasDerivedFrom, URIRef(web_iri(doc.source))))
        page = koop_publication(doc.id, self.year)
        if page:
            g.add((u, FOAF.page, URIRef(page)))

    def cited_document(self, target: URIRef, local: str, text: str = "") -> None:
        """What is known of a cited paper that may not be in the data: its id and, for a KOOP id, its
        official publication (dropped at the corpus level when the paper is held). A Kamerstuk id has
        no year: the citation's vergaderjaar ("Kamerstukken II 1985/86, …") tells, else the citing
        document's own year (a paper cited without a year is as a rule a recent one)."""
        doc_id = local.split("/", 1)[1]
        if "/" in doc_id or doc_id == self.doc.id:
            return
        g = self.g
        g.add((target, DCTERMS.identifier, _text(doc_id)))
        year = _year_in(text) or self.year
        page = koop_publication(doc_id, year)
        if page:
            g.add((target, FOAF.page, URIRef(page)))

    @property
    def year(self) -> int | None:
        day = self.doc.date or self.doc.date_received or self.doc.date_submitted
        return day.year if day else _year_in(self.doc.vergaderjaar or "")

    # -- the document ------------------------------------------------------------------------

    def document(self) -> set[Triple]:
        doc, g, u = self.doc, self.g, self.uri
        g.add((u, RDF.type, KLD.Document))
        g.add((u, RDF.type, KLD[doc.kind.value]))
        g.add((u, RDF.type, ELI.Work))
        g.add((u, DCTERMS.identifier, _text(doc.id)))
        if doc.title:
            g.add((u, DCTERMS.title, _text(doc.title, lang="nl")))
        if doc.date:
            g.add((u, ELI.date_document, _date(doc.date)))
        if doc.date_submitted:
            g.add((u, KLD.datumIngezonden, _date(doc.date_submitted)))
        if doc.date_received:
            g.add((u, KLD.datumOntvangen, _date(doc.date_received)))
        tooi_type = document_types().get(doc.kind.value)
        if tooi_type:
            g.add((u, DCTERMS.type, URIRef(tooi_type)))
        self.provenance()
        if doc.number:
            g.add((u, ELI.number, _text(doc.number)))
        if doc.vergaderjaar:
            g.add((u, KLD.vergaderjaar, _text(doc.vergaderjaar)))
        if doc.chamber:
            g.add((u, KLD.kamer, _text(doc.chamber)))
        if doc.kenmerk:
            g.add((u, KLD.kenmerk, _text(doc.kenmerk)))
        for nr in doc.zaken:
            z = self.m.zaak(nr)
            g.add((z, RDF.type, KLD.Zaak))
            g.add((z, DCTERMS.identifier, _text(nr)))
            g.add((u, KLD.zaak, z))
        self.tweede_kamer()
        for nr in doc.dossiers:
            d = self.m.dossier(nr)
            g.add((d, RDF.type, KLD.Dossier))
            g.add((d, DCTERMS.identifier, _text(nr)))
            g.add((u, KLD.dossier, d))
        for asker in doc.askers:
            person, _post, fractie = self.person_mention(asker)
            if person is not None:
                g.add((u, KLD.gesteldDoor, person))
            if fractie is not None:
                g.add((u, KLD.namens, fractie))
        for addressee in doc.addressees:
            target = self.org_mention(addressee)
            if target is not None:
                g.add((u, KLD.gerichtAan, target))
        for i, answerer in enumerate(doc.answerers):
            person, post, _ = self.person_mention(answerer)
            prop = KLD.beantwoordDoor if i == 0 else KLD.medeNamens
            for who in (post, person):
                if who is not None:
                    g.add((u, prop, who))
            ministry = answerer.ministry or (answerer.post.ministry if answerer.post else None)
            if i == 0 and ministry is not None:
                g.add((u, KLD.namensMinisterie, self.ministry(ministry)))
        if doc.ministry is not None:
            ministry = doc.ministry.ministry or (doc.ministry.post.ministry if doc.ministry.post else None)
            if ministry is not None:
                g.add((u, KLD.namensMinisterie, self.ministry(ministry)))
        for target in doc.uitstel_van:
            g.add((u, KLD.uitstelVan, self.m.document(target)))
            self.cited_document(self.m.document(target), f"document/{target}")
        for target in doc.see_also:
            g.add((u, RDFS.seeAlso, self.m.document(target)))
            self.cited_document(self.m.document(target), f"document/{target}")
        for fn in doc.footnotes:
            g.add((u, KLD.voetnoot, _text(f"{fn.marker} {fn.text}".strip())))
        for notice in doc.notices:
            prefix = "" if notice.severity == Severity.WARNING else "info: "
            g.add((u, KLD.opmerking, _text(prefix + notice.message)))
        for q in doc.questions:
            self.question(q)
        answers = [self.answer(a) for a in doc.answers]
        self.answer_time([u, *answers])
        self.citations(u, doc.citations)
        return g

    def answer_time(self, nodes: list[URIRef]) -> None:
        """Days from submission to the answer (its receipt; a letter that prints none: its date) and
        whether that is past the three-week term, on an answer document and each of its answers."""
        doc = self.doc
        end = doc.date_received or doc.date
        if doc.kind != DocumentKind.ANTWOORD or doc.date_submitted is None or end is None:
            return
        days = (end - doc.date_submitted).days
        if not 0 <= days <= MAX_ANSWER_DAYS:  # a misread year ("1046" for 1946): say nothing
            return
        for node in nodes:
            self.g.add((node, KLD.beantwoordingsduur, _integer(days)))
            self.g.add((node, KLD.termijnOverschreden, _text(days > ANSWER_TERM_DAYS)))


def _clean_literals(triples: set[Triple]) -> set[Triple]:
    """The guarantee that no literal carries a control character or a noncharacter (`chars`),
    whatever a reader or a PDF text layer gave: such a literal is replaced by its cleaned text."""
    literals = [t for t in triples if type(t[2]) is Literal]
    if not has_unsafe("".join(t[2] for t in literals)):  # one scan of them all: nearly always clean
        return triples
    dirty = [t for t in literals if UNSAFE.search(t[2]) is not None]
    for s, p, o in dirty:
        triples.discard((s, p, o))
        triples.add((s, p, Literal(clean_text(str(o)), lang=o.language, datatype=o.datatype)))
    return triples


def document_triples(doc: Document, base: str = DEFAULT_BASE) -> set[Triple]:
    """Every triple the document implies, as a set of rdflib term tuples: what it says and the
    register resources, zaken and files it names (validated together; written apart, `map_document`)."""
    return _clean_literals(_Mapper(doc, Minter(base)).document())


@dataclass
class MappedDocument:
    """One document's triples, split by where they are written so that no triple is in two graphs:

    * `document`: the document and its parts (subjects `{doc}` and `{doc}/...`): its own graph;
    * `registers`: the persons, fracties, posts, ministries and memberships it names: the one
      registers graph of a build, written once;
    * `shared`: what other documents may state too (zaken, dossiers, source files, cited papers):
      the corpus graph, written once (`kamerld.batch.links`).
    """

    id: str
    document: set[Triple]
    registers: set[Triple]
    shared: set[Triple]

    @property
    def all(self) -> set[Triple]:
        return self.document | self.registers | self.shared


def split_triples(triples: set[Triple], doc_id: str, base: str = DEFAULT_BASE) -> MappedDocument:
    """Split a document's triples by subject (see MappedDocument)."""
    m = Minter(base)
    doc = str(m.document(doc_id))
    part = doc + "/"
    own: set[Triple] = set()
    registers: set[Triple] = set()
    shared: set[Triple] = set()
    kind: dict[str, set[Triple]] = {}
    for t in triples:
        s = str(t[0])
        where = kind.get(s)
        if where is None:
            where = own if s == doc or s.startswith(part) else registers if m.is_register(s) else shared
            kind[s] = where
        where.add(t)
    return MappedDocument(doc_id, own, registers, shared)


def map_document(doc: Document, base: str = DEFAULT_BASE) -> MappedDocument:
    return split_triples(document_triples(doc, base), doc.id, base)


def document_graph(doc: Document, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one document."""
    g = bind_all(Graph())
    g.addN((s, p, o, g) for s, p, o in document_triples(doc, base))
    return g


__all__ = ["MappedDocument", "Triple", "document_graph", "document_triples", "document_types", "map_document",
           "split_triples"]
