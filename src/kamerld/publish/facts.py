"""What the site, the statistics and the CSV exports say about each question and each document.

One pass of SPARQL over the store (union of the document graphs) gathers, per written question: its
document, number, text, who asked on behalf of which fractie, to whom, when it was submitted, the
answers, when and by whom it was answered, the delay, the mededelingen (delay notices) and the link to
the official publication. Pages, index pages, statistics and `questions.csv` all read these records, so
they never disagree.

Dates are read from the data as untrusted text: a date that does not parse is treated as unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kamerld.publish import rdfterms as T

#: the Reglement van Orde's term for answering written questions: three weeks
TERM_DAYS = 21
#: a question without an answer in the data counts as open (waiting) this long after it was submitted;
#: older ones were answered outside the data, or never
OPEN_DAYS = 365
#: documents whose questions wait for an answer elsewhere
WAITING_KINDS = ("Kamervragen", "Mededeling")

KOOP_SEARCH = "https://zoek.officielebekendmakingen.nl/"
#: KOOP publication ids that zoek.officielebekendmakingen.nl resolves (its archive starts in 1995)
_KOOP_ID = re.compile(
    r"^(?:(?:ah|h)-(?:tk|ek)-(?P<vj>\d{8})-\d+[a-z]?|kv-(?:tk|ek)-\d{4}Z\d{5}"
    r"|kst-\d+(?:-[A-Za-z0-9]+)*-\d+|(?:stb|stcrt|trb|blg)-\d{4}-\d+)$"
)
#: provenance URLs that are official publications (a fetched document's source file was derived from one)
OFFICIAL_PREFIXES = (KOOP_SEARCH, "https://repository.overheid.nl/", "https://www.tweedekamer.nl/")
#: the source file of a document, by its content hash (`{base}id/bron/{sha256}`, rdf.uris.Minter.source_file)
SOURCE_FILE = "/id/bron/"

Ref = tuple[str, str]  # (IRI, human label)


def official_url(
    doc_id: str | None, derived_from: Iterable[str] = (), pages: Iterable[str] = ()
) -> str | None:
    """The official publication of a document: the `foaf:page` the data gives it, else its provenance URL
    when that is an official one (`derived_from`: what the document and its source file were derived
    from), else, for data that does not say (no source file by hash: converted by an older kamerld, or
    written by hand), the KOOP page for a KOOP id (from vergaderjaar 1995-1996 on), else None. Data
    that names its source file decided about `foaf:page` itself (rdf.uris.koop_publication): no page
    is made up for it, so no link is one that 404s."""
    for page in sorted(pages):
        return page
    derived_from = sorted(derived_from)
    for src in derived_from:
        if src.startswith(OFFICIAL_PREFIXES):
            return src
    if doc_id and not any(SOURCE_FILE in src for src in derived_from):
        m = _KOOP_ID.match(doc_id)
        if m and (m.group("vj") is None or int(m.group("vj")[:4]) >= 1995):
            return KOOP_SEARCH + doc_id
    return None


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class DocumentFacts:
    iri: str
    id: str
    label: str
    kinds: list[str] = field(default_factory=list)  # kld: class IRIs other than kld:Document
    title: str | None = None
    date: dt.date | None = None  # eli:date_document
    submitted: dt.date | None = None  # kld:datumIngezonden
    received: dt.date | None = None  # kld:datumOntvangen
    vergaderjaar: str | None = None
    dossiers: list[Ref] = field(default_factory=list)
    zaken: list[str] = field(default_factory=list)
    postpones: list[str] = field(default_factory=list)  # kld:uitstelVan targets
    ministries: list[Ref] = field(default_factory=list)  # kld:namensMinisterie
    official_url: str | None = None
    questions: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)

    @property
    def is_mededeling(self) -> bool:
        return T.KLD + "Mededeling" in self.kinds

    @property
    def answer_date(self) -> dt.date | None:
        """When the answers in this document reached the Kamer."""
        return self.received or self.date

    @property
    def asked_date(self) -> dt.date | None:
        """When the questions in this document were submitted."""
        if self.submitted:
            return self.submitted
        return self.date if T.KLD + "Kamervragen" in self.kinds else None

    @property
    def year(self) -> int | None:
        day = self.asked_date or self.date or self.received
        return day.year if day else None


@dataclass
class AnswerFacts:
    iri: str
    label: str
    number: str
    text: str
    document: str | None
    answerers: list[Ref] = field(default_factory=list)
    ministries: list[Ref] = field(default_factory=list)
    date: dt.date | None = None
    questions: list[str] = field(default_factory=list)


@dataclass
class QuestionFacts:
    iri: str
    number: str
    label: str
    text: str
    document: str
    askers: list[Ref] = field(default_factory=list)
    fracties: list[Ref] = field(default_factory=list)
    addressees: list[Ref] = field(default_factory=list)
    addressed_ministries: list[Ref] = field(default_factory=list)  # the ministry of each addressed post
    asked: dt.date | None = None
    answers: list[AnswerFacts] = field(default_factory=list)
    mededelingen: list[str] = field(default_factory=list)  # document IRIs
    official_url: str | None = None
    waits: bool = False  # its document is a set of Kamervragen or a mededeling: the answer comes apart

    @property
    def answered(self) -> dt.date | None:
        dates = [a.date for a in self.answers if a.date]
        return min(dates) if dates else None

    @property
    def is_answered(self) -> bool:
        return bool(self.answers)

    @property
    def days(self) -> int | None:
        """Days from submission to answer (None when either date is unknown or they contradict)."""
        if self.asked and self.answered and self.answered >= self.asked:
            return (self.answered - self.asked).days
        return None

    def days_open(self, today: dt.date) -> int | None:
        """Days since submission of a question that waits for its answer; None when it does not."""
        if self.is_answered or not self.waits or self.asked is None or today < self.asked:
            return None
        days = (today - self.asked).days
        return days if days <= OPEN_DAYS else None

    def is_open(self, today: dt.date) -> bool:
        return self.days_open(today) is not None

    @property
    def answering_ministries(self) -> list[Ref]:
        return _unique(m for a in self.answers for m in a.ministries)

    @property
    def answerers(self) -> list[Ref]:
        return _unique(p for a in self.answers for p in a.answerers)

    @property
    def ministries(self) -> list[Ref]:
        """Who is responsible: the answering ministry, else the one the question was addressed to."""
        return self.answering_ministries or self.addressed_ministries


def _unique(items: Iterable[Ref]) -> list[Ref]:
    return list(dict.fromkeys(items))


@dataclass
class Facts:
    documents: dict[str, DocumentFacts]
    questions: dict[str, QuestionFacts]
    answers: dict[str, AnswerFacts]
    today: dt.date
    _by_party: dict | None = field(default=None, repr=False)
    #: IRI -> its index page, relative to the site root (set by the site before pages are written)
    index_pages: dict[str, str] = field(default_factory=dict)

    def by_party(self) -> dict[str, dict[str, list[QuestionFacts]]]:
        """IRI -> role ("gesteld door", "namens", "gericht aan", "beantwoord door") -> its questions."""
        if self._by_party is None:
            index: dict[str, dict[str, list[QuestionFacts]]] = {}
            for q in self.questions.values():
                for role, refs in (("gesteld door", q.askers), ("namens", q.fracties),
                                   ("gericht aan", q.addressees), ("beantwoord door", q.answerers)):
                    for iri in dict.fromkeys(r[0] for r in refs):
                        index.setdefault(iri, {}).setdefault(role, []).append(q)
            self._by_party = index
        return self._by_party

    def of_document(self, iri: str) -> list[QuestionFacts]:
        doc = self.documents.get(iri)
        return [self.questions[q] for q in doc.questions if q in self.questions] if doc else []

    def question_documents(self) -> list[DocumentFacts]:
        """Documents that hold questions, sorted by date asked (newest first), then id."""
        docs = [d for d in self.documents.values() if d.questions]
        return sorted(docs, key=lambda d: (-(d.asked_date or d.date or dt.date.min).toordinal(), d.id))


PREFIXES = (
    f"PREFIX kld: <{T.KLD}>\nPREFIX eli: <{T.ELI}>\nPREFIX eli-dl: <{T.ELI_DL}>\nPREFIX dct: <{T.DCT}>\n"
    f"PREFIX org: <{T.ORG}>\nPREFIX prov: <{T.PROV}>\nPREFIX foaf: <{T.FOAF}>\n"
)

_DOCUMENTS = PREFIXES + """SELECT ?d ?p ?o WHERE {
  ?d a kld:Document ; ?p ?o .
  VALUES ?p { rdf:type dct:identifier dct:title eli:date_document kld:datumIngezonden kld:datumOntvangen
              kld:vergaderjaar kld:dossier kld:zaak kld:uitstelVan kld:namensMinisterie prov:wasDerivedFrom
              foaf:page }
}""".replace("rdf:type", f"<{T.TYPE}>")

#: what the source file of a document was derived from (the URL a fetched file came from)
_SOURCES = PREFIXES + """SELECT ?d ?src WHERE {
  ?d a kld:Document ; prov:wasDerivedFrom ?file . ?file prov:wasDerivedFrom ?src . FILTER(isIRI(?src))
}"""

_PARTS = PREFIXES + """SELECT ?x ?kind ?doc ?number ?text WHERE {
  ?x a ?kind ; eli:is_part_of ?doc . VALUES ?kind { kld:Vraag kld:Antwoord }
  OPTIONAL { ?x eli:number ?number } OPTIONAL { ?x kld:tekst ?text }
}"""

_LINKS = PREFIXES + """SELECT ?x ?p ?o WHERE {
  ?x ?p ?o . VALUES ?p { kld:gesteldDoor kld:namens kld:gerichtAan kld:beantwoordDoor kld:namensMinisterie
                         eli-dl:answers_to }
  FILTER(isIRI(?o))
}"""

_POST_MINISTRY = PREFIXES + "SELECT ?post ?ministry WHERE { ?post org:postIn ?ministry }"


def _is_ministry(iri: str) -> bool:
    return iri.startswith("https://identifier.overheid.nl/tooi/id/ministerie/")


def gather(store: ox.Store, label, today: dt.date | None = None) -> Facts:
    """Every document, question and answer in the store, with what the pages need. `label(iri)` names
    a resource for people (publish.html.Graphview.label)."""
    today = today or dt.date.today()
    docs: dict[str, DocumentFacts] = {}
    raw: dict[str, dict[str, list[ox.Term]]] = {}
    for row in store.query(_DOCUMENTS, use_default_graph_as_union=True):
        d, p, o = row["d"], row["p"], row["o"]
        if isinstance(d, ox.NamedNode):
            raw.setdefault(d.value, {}).setdefault(p.value, []).append(o)
    for row in store.query(_SOURCES, use_default_graph_as_union=True):
        d, src = row["d"], row["src"]
        if isinstance(d, ox.NamedNode) and d.value in raw:
            raw[d.value].setdefault(T.PROV + "wasDerivedFrom", []).append(src)
    for iri, props in raw.items():
        def first(prop: str, props=props) -> str | None:
            values = sorted(v.value for v in props.get(prop, []) if isinstance(v, ox.Literal))
            return values[0] if values else None

        def iris(prop: str, props=props) -> list[str]:
            return sorted({v.value for v in props.get(prop, []) if isinstance(v, ox.NamedNode)})

        doc_id = first(T.IDENTIFIER) or T.local_name(iri)
        docs[iri] = DocumentFacts(
            iri=iri,
            id=doc_id,
            label=label(iri),
            kinds=[k for k in iris(T.TYPE) if k.startswith(T.KLD) and k != T.KLD + "Document"],
            title=first(T.TITLE),
            date=parse_date(first(T.ELI + "date_document")),
            submitted=parse_date(first(T.KLD + "datumIngezonden")),
            received=parse_date(first(T.KLD + "datumOntvangen")),
            vergaderjaar=first(T.KLD + "vergaderjaar"),
            dossiers=[(x, label(x)) for x in iris(T.KLD + "dossier")],
            zaken=iris(T.KLD + "zaak"),
            postpones=iris(T.KLD + "uitstelVan"),
            ministries=[(x, label(x)) for x in iris(T.KLD + "namensMinisterie")],
            official_url=official_url(doc_id, iris(T.PROV + "wasDerivedFrom"), iris(T.FOAF + "page")),
        )

    links: dict[str, dict[str, list[str]]] = {}
    for row in store.query(_LINKS, use_default_graph_as_union=True):
        x, p, o = row["x"], row["p"], row["o"]
        if isinstance(x, ox.NamedNode):
            bucket = links.setdefault(x.value, {}).setdefault(p.value, [])
            if o.value not in bucket:
                bucket.append(o.value)
    post_ministry: dict[str, list[str]] = {}
    for row in store.query(_POST_MINISTRY, use_default_graph_as_union=True):
        post_ministry.setdefault(row["post"].value, []).append(row["ministry"].value)

    def refs(x: str, prop: str) -> list[Ref]:
        return [(o, label(o)) for o in sorted(links.get(x, {}).get(T.KLD + prop, []))]

    questions: dict[str, QuestionFacts] = {}
    answers: dict[str, AnswerFacts] = {}
    seen: set[str] = set()
    for row in store.query(_PARTS, use_default_graph_as_union=True):
        x, kind, doc = row["x"], row["kind"], row["doc"]
        if not isinstance(x, ox.NamedNode) or x.value in seen or not isinstance(doc, ox.NamedNode):
            continue
        seen.add(x.value)
        number = row["number"].value if row["number"] is not None else T.local_name(x.value)
        text = row["text"].value if row["text"] is not None else ""
        parent = docs.get(doc.value)
        if kind.value == T.KLD + "Vraag":
            addressees = refs(x.value, "gerichtAan")
            addressed = _unique(
                (m, label(m))
                for a, _ in addressees
                for m in ([a] if _is_ministry(a) else sorted(post_ministry.get(a, [])))
            )
            questions[x.value] = QuestionFacts(
                iri=x.value,
                number=number,
                label=f"Vraag {number}",
                text=text,
                document=doc.value,
                askers=refs(x.value, "gesteldDoor"),
                fracties=refs(x.value, "namens"),
                addressees=addressees,
                addressed_ministries=addressed,
                asked=parent.asked_date if parent else None,
                official_url=parent.official_url if parent else None,
                waits=bool(parent and any(parent.kinds.count(T.KLD + k) for k in WAITING_KINDS)),
            )
            if parent:
                parent.questions.append(x.value)
        else:
            ministries = refs(x.value, "namensMinisterie") or (parent.ministries if parent else [])
            answers[x.value] = AnswerFacts(
                iri=x.value,
                label=label(x.value),
                number=number,
                text=text,
                document=doc.value,
                answerers=refs(x.value, "beantwoordDoor"),
                ministries=ministries,
                date=parent.answer_date if parent else None,
                questions=sorted(links.get(x.value, {}).get(T.ANSWERS_TO, [])),
            )
            if parent:
                parent.answers.append(x.value)
    for a in sorted(answers.values(), key=lambda a: a.iri):
        for q in a.questions:
            if q in questions:
                questions[q].answers.append(a)
    # delay notices: a mededeling postpones the questions' document or shares its zaak
    notices = [d for d in docs.values() if d.is_mededeling]
    for q in questions.values():
        parent = docs.get(q.document)
        zaken = set(parent.zaken) if parent else set()
        q.mededelingen = sorted(
            m.iri
            for m in notices
            if m.iri != q.document and (q.document in m.postpones or zaken & set(m.zaken))
        )
    for doc in docs.values():
        doc.questions.sort(key=lambda q: _nat(questions[q].number))
        doc.answers.sort(key=lambda a: _nat(answers[a].number))
    return Facts(documents=docs, questions=questions, answers=answers, today=today)


def _nat(value: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", value))
