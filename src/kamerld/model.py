"""The one model every reader fills and every writer reads.

Plain dataclasses, no rdflib. Readers fill what the document says *as written* (names, fractie
abbreviations, "de minister van Binnenlandse Zaken en Koninkrijksrelaties"); the enrichment stage
(`kamerld.extraction.enrich`) resolves those mentions against the registers and finds the citations in
the texts. URIs are minted only in `kamerld.rdf.uris`, so the model holds local ids, never IRIs,
except for targets outside this dataset (ECLI deeplinks, web URLs, TOOI ministries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class _Copied:
    """A shallow `copy.copy` that copies the fields and nothing else: the generic one goes through
    `__reduce_ex__` (about four times the time), and a document copies its askers and addressees
    onto every question it prints them for."""

    def __copy__(self):
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new


class DocumentKind(StrEnum):
    """The kind of a document; the value is the local name of its `kld:` class."""

    KAMERVRAGEN = "Kamervragen"  # kv-tk: a set of written questions
    ANTWOORD = "Antwoorddocument"  # ah-tk or ministry letter with the answers
    MEDEDELING = "Mededeling"  # delay notice: the answer comes later
    VERSLAG_SO = "VerslagSchriftelijkOverleg"
    LIJST_VRAGEN_ANTWOORDEN = "LijstVanVragenEnAntwoorden"
    NOTA_NAV_VERSLAG = "NotaNaarAanleidingVanHetVerslag"  # also of the eindverslag (TK)
    MEMORIE_VAN_ANTWOORD = "MemorieVanAntwoord"  # the government's reply to an EK voorlopig verslag
    VOORLOPIG_VERSLAG = "VoorlopigVerslag"  # EK committee's questions on a bill
    EINDVERSLAG = "Eindverslag"
    VERSLAG = "Verslag"  # a TK committee's report on a bill, or of a mondeling overleg
    BRIEF = "Brief"  # a ministry letter (e.g. answers to a schriftelijk overleg)
    HANDELINGEN = "Handelingen"  # plenary proceedings
    VERGADERVERSLAG = "Vergaderverslag"  # TK VLOS meeting report
    KAMERSTUK = "Kamerstuk"  # any other parliamentary paper
    OVERIG = "OverigDocument"  # read for its citations: a decision list, a Staatsblad


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"


@dataclass
class Notice:
    """Something a reader or the enrichment noticed and the user should know (goes to the run report
    and, as `kld:opmerking`, into the data, where the shapes report it)."""

    message: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Citation:
    """One citation of another paper, kept as written (eyecite / wetsuite style).

    `target` is a local id path ("document/kst-35165-51", "zaak/2024Z18775", "dossier/36200-VII",
    "tkdocument/2024D42030") that `kamerld.rdf.uris` turns into an IRI, or an absolute IRI for things
    outside the dataset (ECLI deeplink, web URL); None when the citation is kept unresolved
    ("motie-Van Nispen c.s.", "blz. 12").
    """

    text: str
    kind: str  # kamerstuk, aanhangsel, handelingen, zaak, tkdocument, stb, ecli, url, koop-id, motie, ...
    target: str | None
    span: Span | None = None
    in_footnote: bool = False
    note: str | None = None  # e.g. why a Handelingen number was read as an Aanhangsel number


@dataclass
class Footnote:
    marker: str  # as printed: "1", "2"
    text: str


# ---- registers: resolved things -------------------------------------------------------------


@dataclass(frozen=True)
class Ministry:
    uri: str  # TOOI URI, or a clearly local URI path "ministerie/..." when TOOI has none
    code: str  # TOOI organisatiecode (mnre1034), or a local slug
    name: str  # official name on the date it was named ("ministerie van Veiligheid en Justitie" in 2014)
    local: bool = False  # True when not in the register: kept as written, a curator should add it
    label: str = ""  # the organisation's one preferred name, the same on every date ("" = name)
    version: str | None = None  # TOOI historic version URI of the name on that date (hv_...), if any


@dataclass(frozen=True)
class Fractie:
    slug: str  # -> {base}id/fractie/{slug}
    name: str
    notation: str  # short name as used in documents: "VVD", "GroenLinks-PvdA"
    local: bool = False
    same_as: tuple[str, ...] = ()  # the same fractie elsewhere: its party's Wikidata entity


@dataclass(frozen=True)
class Post:
    slug: str  # -> {base}id/post/{slug}
    label: str  # "minister van Binnenlandse Zaken en Koninkrijksrelaties"
    ministry: Ministry | None = None
    local: bool = False


@dataclass(frozen=True)
class Person:
    slug: str  # -> {base}id/persoon/{slug}
    name: str  # display name: "Caroline van der Plas"
    local: bool = False
    same_as: tuple[str, ...] = ()  # the same person elsewhere: TK Persoon, Wikidata, parlement.com URIs


# ---- mentions: as written, resolved later -----------------------------------------------------


@dataclass
class PersonMention(_Copied):
    """A person as the text names them: "het lid Mutluer (GroenLinks-PvdA)", "minister Van Weel
    (Justitie en Veiligheid)". `role` is "lid", "minister", "staatssecretaris", "minister-president"
    or None; `portfolio` is the bracketed portfolio of a minister as written."""

    name: str
    fractie: str | None = None  # as written, e.g. "BBB", "beiden CDA" -> "CDA"
    role: str | None = None
    portfolio: str | None = None
    # filled by enrichment
    person: Person | None = None
    fractie_ref: Fractie | None = None
    post: Post | None = None
    ministry: Ministry | None = None
    member_during: tuple[date | None, date | None] | None = None  # fractie membership, per the register
    post_during: tuple[date | None, date | None] | None = None  # tenure of the post, per the register
    # filled from fetched Tweede Kamer metadata (kamerld.fetch), never by readers: OData entity URIs
    tk_uri: str | None = None  # the Persoon
    tk_fractie_uri: str | None = None  # the Fractie


@dataclass
class OrgMention(_Copied):
    """A ministry or post as the text names it: "de minister van Binnenlandse Zaken en
    Koninkrijksrelaties", "de Ministers van Asiel en Migratie", "Justitie en Veiligheid"."""

    text: str
    post: Post | None = None
    ministry: Ministry | None = None
    holder: PersonMention | None = None  # who holds the post, when a source names them (TK "Gericht aan")


@dataclass
class TkZaak:
    """A Tweede Kamer zaak as the Kamer's open data describe it; filled from fetched metadata
    (kamerld.fetch), never by readers. `documents` pairs a role ("vragen", "antwoord", "mededeling",
    "nader-antwoord") with a local target ("document/ah-tk-20242025-562", or "tkdocument/2024D44123"
    for a document KOOP has not published)."""

    number: str  # "2024Z16988"
    uri: str  # the OData entity URI
    title: str | None = None
    documents: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Question:
    number: str  # as printed ("3", "3a"); "p1", "p2"... when the document does not number them
    text: str
    label: str | None = None  # the heading as printed: "Vraag 3", "3."
    askers: list[PersonMention] = field(default_factory=list)
    fractie: str | None = None  # on whose behalf, as written: "VVD" (from "De leden van de VVD-fractie")
    # more fracties that put the same question: "De leden van de fracties van GroenLinks-PvdA en de SP",
    # "De leden van de SGP-fractie sluiten zich aan bij de vragen van de ChristenUnie-fractie"
    also_fracties: list[str] = field(default_factory=list)
    addressees: list[OrgMention] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    fragment: bool = False  # text starts (or ends) outside what we read: a page that starts mid-question
    # filled by enrichment
    fractie_ref: Fractie | None = None
    also_fractie_refs: list[Fractie] = field(default_factory=list)


@dataclass
class Answer:
    number: str  # as printed: "3", "3 en 4" -> "3-4"; "p1"... when unnumbered
    text: str
    label: str | None = None  # as printed: "Antwoord 3 en 4", "Antwoord op vraag 1"
    answers: list[str] = field(default_factory=list)  # numbers of the questions it answers (N:M)
    answerer: PersonMention | None = None
    ministry: OrgMention | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    fragment: bool = False


@dataclass
class Document:
    id: str  # local id: a KOOP id ("ah-tk-20242025-583", "kst-35165-51") or "{ministry-code}-{kenmerk}"
    kind: DocumentKind
    source: str  # the file path or URL it was read from (prov:wasDerivedFrom)
    source_sha256: str | None = None  # content hash of the source; set by the pipeline
    reader: str = ""  # name of the reader that read it
    title: str | None = None
    date: date | None = None  # eli:date_document
    date_submitted: date | None = None  # "ingezonden"
    date_received: date | None = None  # "ontvangen"
    chamber: str | None = None  # "TK" or "EK"
    vergaderjaar: str | None = None  # "2024-2025"
    number: str | None = None  # aanhangsel number / stuknummer as printed
    kenmerk: str | None = None  # ministry reference ("2023-0000010189")
    zaken: list[str] = field(default_factory=list)  # TK zaak numbers: "2024Z18775"
    dossiers: list[str] = field(default_factory=list)  # "36200-VII"
    askers: list[PersonMention] = field(default_factory=list)
    addressees: list[OrgMention] = field(default_factory=list)
    answerers: list[PersonMention] = field(default_factory=list)  # first one answers, the rest "mede namens"
    ministry: OrgMention | None = None  # the ministry that wrote (a ministry letter)
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)  # in headers, cover letter, document level
    footnotes: list[Footnote] = field(default_factory=list)  # footnotes not tied to a question/answer
    uitstel_van: list[str] = field(default_factory=list)  # mededeling -> ids of the questions document
    see_also: list[str] = field(default_factory=list)  # local document ids ("Zie ook Aanhangsel ...")
    notices: list[Notice] = field(default_factory=list)
    text: str | None = None  # cleaned full text, when a reader keeps it (used for citations)
    # the text that belongs to no question or answer (head, cover letter, closing): cited at document level
    header: str | None = None
    # filled from fetched Tweede Kamer metadata (kamerld.fetch), never by readers
    tk_number: str | None = None  # the Kamer's document number: "2024D44123"
    tk_uri: str | None = None  # the OData Document entity URI
    tk_zaken: list[TkZaak] = field(default_factory=list)

    def warn(self, message: str, severity: Severity = Severity.WARNING) -> None:
        self.notices.append(Notice(message, severity))
