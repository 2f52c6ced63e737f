"""The one grammar of the phrases that name people, posts and dates, used by every reader.

Written questions, answers, mededelingen and Kamerstukken of every era name the same things in the
same few ways:

* askers: "het lid Mutluer (GroenLinks-PvdA)", "de leden Temmink en Van Nispen (beiden SP)",
  "(allen …)", "Koekkoek (Volt), Van Nispen (SP) en Ceder (ChristenUnie)", "Mutluer, Lahlah
  (GroenLinks-PvdA)" (a name without a bracket shares the next one), historic "den heer Smeenk",
  "de leden Geurtsen en Rietkerk";
* addressees: "de minister van Justitie en Veiligheid", "de Minister en de Staatssecretaris van
  Financiën", "de Ministers van Asiel en Migratie, voor Buitenlandse Handel en Ontwikkelingshulp en
  van Buitenlandse Zaken", "de minister-president";
* answerers: "minister Van Weel (Justitie en Veiligheid), mede namens de minister van Asiel en
  Migratie", "de Minister van Financiën", "den heer van der Leeuw, Minister van Onderwijs, Kunsten en
  Wetenschappen", "staatssecretaris Tielen (Jeugd, Preventie en Sport)";
* the header sentences around them: "Vragen van … aan … over … (ingezonden <date>)", "Antwoord van …
  (ontvangen <date>)", "Mededeling van …", signatures ("De Minister van Financiën, DE GEER.");
* who speaks in a report: "De leden van de VVD-fractie", "De leden der fractie van de P.v.d.A.",
  "De leden van de fracties van BBB, CDA en de ChristenUnie", "Deze leden".

Everything is returned as written (names, fractie notations, portfolios); the registers resolve it.
A bracket the document never closes ("Sport (ontvangen 20 november 2024") ends a phrase as a closed one
would. All patterns are bounded, so a hostile header cannot make them backtrack for long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from ..model import OrgMention, PersonMention
from ..text.dates import parse_dutch_date
from ..text.scan import ignorecase_start

__all__ = [
    "QuestionsHeader",
    "AnswerHeader",
    "clean_name",
    "role_word",
    "split_top",
    "parse_askers",
    "parse_posts",
    "post_mentions",
    "post_persons",
    "parse_answerers",
    "parse_questions_header",
    "parse_answer_header",
    "parse_signature",
    "speaking_fracties",
    "marked_date",
    "find_askers",
    "find_addressees",
]

# ---- words ---------------------------------------------------------------------------------------

ROLE = (
    r"(?:[Mm]inister-[Pp]resident|MINISTER-PRESIDENT|[Mm]inisters?|MINISTERS?|[Ss]taatssecretariss?(?:en)?"
    r"|STAATSSECRETARIS(?:SEN)?|[Ss]taats-secretaris)"
)
_TITLES = re.compile(
    r"^(?:(?:het|de|den)\s+)?(?:(?:Kamer)?(?:lid|leden)\s+)?"
    r"(?:(?:de|den)\s+heer|heer|mevrouw|mevr\.|mw\.|mr\.|dr\.|drs\.|ir\.|ing\.|prof\.|jhr\.|ds\.)(?:\s+|['’`](?=\w))",
    re.IGNORECASE,
)
_COLLECTIVE = re.compile(r"^(?:beiden|beide|allen|alle(?:\s+(?:drie|vier|vijf|zes))?|allebei)\s+", re.I)
_DATE_WORDS = r"(?i:ingezonden|ontvangen|ont-\s?vangen|in-\s?gezonden|lngezonden|lngezon-den|Ingezon-den)"


def clean_name(name: str) -> str:
    """A person's name as written, without the list glue and titles around it: 'de heer Van de Ven'
    -> 'Van de Ven', 'Faber – Van de Klashorst' -> 'Faber-Van de Klashorst'."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    prev = None
    while prev != name:
        prev = name
        name = _TITLES.sub("", name).strip(" ,.")
    name = re.sub(r"\s*[–—]\s*", "-", name)
    return name.strip()


def role_word(word: str) -> str:
    """'Ministers' -> 'minister', 'Staatssecretarissen' -> 'staatssecretaris'."""
    w = word.lower().replace("staats-secretaris", "staatssecretaris")
    if w.startswith("minister-"):
        return "minister-president"
    return "minister" if w.startswith("minister") else "staatssecretaris"


def split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split `text` on `sep` outside brackets (an unclosed bracket runs to the end)."""
    parts: list[str] = []
    depth = start = i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and (m := sep.match(text, i)):
            parts.append(text[start:i])
            start = i = m.end()
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


# ---- askers ------------------------------------------------------------------------------------

_LIST_SEP = re.compile(r"\s*,\s*(?:en\s+)?|\s+en\s+|\s*;\s*")
_NAME_BRACKET = re.compile(r"^(?P<name>[^()]*?)\s*(?:\((?P<fractie>[^()]*)\)?)?\s*$")


def parse_askers(phrase: str) -> list[PersonMention]:
    """ "Temmink en Van Nispen (beiden SP)", "Kathmann (GroenLinks-PvdA) en Six Dijkstra (NSC)",
    "Mutluer, Lahlah (GroenLinks-PvdA), Boswijk (CDA)", "de heer Smeenk" -> lid mentions with the
    fractie as written. A name without its own bracket takes the next bracket in the list."""
    phrase = re.sub(
        r"^\s*(?:van\s+)?(?:het|de|den)\s+(?:(?:Kamer)?(?:lid|leden)|heren|heeren)\s+",
        "",
        phrase.strip(),
        flags=re.I,
    )
    out: list[PersonMention] = []
    pending: list[PersonMention] = []
    for item in split_top(phrase, _LIST_SEP):
        m = _NAME_BRACKET.match(item)
        if not m:
            continue
        name = clean_name(m.group("name"))
        fractie = m.group("fractie")
        if name and _plausible_name(name):
            person = PersonMention(name=name, role="lid")
            out.append(person)
            pending.append(person)
        if fractie is not None:
            notation = _COLLECTIVE.sub("", fractie.strip(" .,")).strip()
            for p in pending:
                p.fractie = notation or None
            pending = []
    return out


def _plausible_name(name: str) -> bool:
    """A surname with particles: a few words, starting with a letter, no sentence in it."""
    words = name.split()
    return 0 < len(words) <= 6 and name[0].isalpha() and not re.search(r"\b(?:over|aan|inzake)\b", name)


# ---- posts -------------------------------------------------------------------------------------

_ROLE_GROUP = re.compile(
    rf"^(?:(?:de|het|den|der|aan)\s+)*(?P<roles>{ROLE}(?:\s*&\s*{ROLE})*)\s*(?P<rest>(?:(?:van|voor)\s.*)?)$",
    re.DOTALL,
)


def parse_posts(phrase: str) -> list[tuple[str, str]]:
    """Posts as (role, portfolio): 'de Ministers van Asiel en Migratie, voor Buitenlandse Handel en
    Ontwikkelingshulp en van Buitenlandse Zaken' -> three ministers; 'de Minister en de Staatssecretaris
    van Financiën' -> both posts of Financiën; 'de minister-president' -> ('minister-president', '').

    The portfolio keeps "van"/"voor". A portfolio ends at a bracket (a date remark that was never
    closed is cut off). Commas inside a portfolio ("Landbouw, Natuur en Voedselkwaliteit") stay,
    because no "van"/"voor" follows them.
    """
    phrase = re.sub(r"\s+", " ", phrase.split("(", 1)[0]).strip(" .,;:")
    # "Minister en (de) Staatssecretaris van X": one role group with two roles
    phrase = re.sub(rf"\b({ROLE})\s+en\s+(?:de\s+|het\s+)?(?={ROLE}\s+(?:van|voor)\s)", r"\1 & ", phrase)
    posts: list[tuple[str, str]] = []
    groups = re.split(
        rf"(?:,\s*|\s+)en\s+(?=(?:de\s+|het\s+|den\s+)?{ROLE}\b)|,\s*(?=(?:de\s+|den\s+)?{ROLE}\b)", phrase
    )
    for group in groups:
        m = _ROLE_GROUP.match(group.strip())
        if not m:
            continue
        roles = [role_word(r) for r in re.split(r"\s*&\s*", m.group("roles"))]
        rest = m.group("rest").strip()
        if not rest:
            if "minister-president" in roles:
                posts.append(("minister-president", ""))
            continue
        portfolios = [
            p
            for p in (_trim_portfolio(x) for x in re.split(r"(?:,\s*|\s+en\s+)(?=(?:van|voor)\s)", rest))
            if p
        ]
        plural = len(roles) == 1 and re.search(r"(?i:ministers|staatssecretarissen)$", m.group("roles"))
        if plural and len(portfolios) == 1 and " en " in portfolios[0]:
            # "de ministers van Justitie en Veiligheid en Binnenlandse Zaken": where one portfolio ends
            # only a register can tell (portfolios contain "en" themselves), so the plural is kept
            posts.append((m.group("roles").lower(), portfolios[0]))
            continue
        for portfolio in portfolios:
            for role in roles:
                posts.append((role, portfolio))
    return posts


def _trim_portfolio(text: str) -> str:
    """Cut what follows a portfolio in running text: ', mede namens', ' over …', a date remark."""
    text = re.split(r",?\s+(?:mede\s+namens|over|inzake|betreffende|naar\s+aanleiding)\s", text, maxsplit=1)[
        0
    ]
    # "Minister van Defensie a.i." acts ad interim: the post is the portfolio's own
    text = re.sub(r",?\s+a\.\s?i\.?$", "", text.strip(" ,;:"))
    return text.strip(" .,;:")


def post_mentions(phrase: str) -> list[OrgMention]:
    """Addressees, one phrase per post ("minister van Asiel en Migratie")."""
    out = []
    for role, portfolio in parse_posts(phrase):
        portfolio = re.sub(r",\s*(?:de\s+heer|den\s+heer|mevrouw)\s+.*$", "", portfolio)  # the holder's name
        out.append(OrgMention(text=f"{role} {portfolio}".strip()))
    if not out and phrase.strip():
        text = re.sub(r"^(?:de|het|den)\s+", "", phrase.split("(", 1)[0].strip(" .,;:"), flags=re.I)
        # "de regering", "het kabinet": the government as a whole, not a post or a ministry
        if text and not re.fullmatch(r"(?i:regering|regeering|kabinet|bewindslieden|bewindspersonen)", text):
            out.append(OrgMention(text=text))
    return out


def post_persons(phrase: str) -> list[PersonMention]:
    """Posts named after "mede namens", usually without their holder ("de minister van X"); a holder
    named after a comma ("de Staatssecretaris van Economische Zaken, de heer Hazekamp") is kept."""
    if re.match(r"^(?:de|den)\s+heer\b|^mevrouw\b", phrase.strip()):
        # before the 1970s the holder comes first: "mede namens de heer Mansholt, Minister van Landbouw"
        found = _holders_first(phrase)
        if found:
            return found
    out = []
    for role, portfolio in parse_posts(phrase):
        role = role_word(role)
        name = ""
        if m := re.search(
            r",\s*(?:de\s+heer|den\s+heer|mevrouw|mr\.|dr\.)\s+(?P<name>[^,]{2,60})$", portfolio
        ):
            name, portfolio = clean_name(m.group("name")), portfolio[: m.start()]
        out.append(
            PersonMention(name=name, role=role, portfolio=re.sub(r"^(?:van|voor)\s+", "", portfolio) or None)
        )
    return out


_NEXT_HOLDER = re.compile(
    rf",?\s+en\s+(?=(?:de|den)\s+heer\b|mevrouw\b|(?:de|den)\s+{ROLE})|,\s+(?=(?:de|den)\s+heer\b|mevrouw\b)"
)


def _holders_first(phrase: str) -> list[PersonMention]:
    """ "de heer Staf, Minister van Oorlog en van Marine, en de Staatssecretaris van Financiën": each
    holder with each of their posts (one person may hold two), then the posts named without holder."""
    out: list[PersonMention] = []
    for part in _NEXT_HOLDER.split(phrase.strip()):
        if not re.match(r"^(?:de|den)\s+heer\b|^mevrouw\b", part):
            out.extend(post_persons(part))
            continue
        h = _holder(re.sub(r"^(?:de|den)\s+heer\s+|^mevrouw\s+", "", part))
        if h is None or not h.role or not h.portfolio:
            return []
        out.extend(each_post(h))
    return out


def each_post(h: PersonMention) -> list[PersonMention]:
    """One holder of two posts ("Minister van Oorlog en van Marine") as one mention per post."""
    if h.portfolio and (m := re.search(rf",\s*(?P<role>{ROLE})\s+(?:van|voor)\s+(?P<rest>.+)$", h.portfolio)):
        # "Minister van Staat, Minister van Defensie": a title, then the post
        first = replace(h, portfolio=h.portfolio[: m.start()].strip())
        second = replace(h, role=role_word(m.group("role")), portfolio=m.group("rest").strip())
        return [*each_post(first), *each_post(second)]
    two = h.portfolio and h.role != "minister-president" and re.search(r"\ben\s+(?:van|voor)\s", h.portfolio)
    if not two:
        return [h]
    posts = parse_posts(f"{h.role} van {h.portfolio}")
    if len(posts) < 2:
        return [h]
    return [
        replace(h, role=role_word(role), portfolio=re.sub(r"^(?:van|voor)\s+", "", portfolio))
        for role, portfolio in posts
    ]


# ---- answerers ---------------------------------------------------------------------------------

_HOLDER_BRACKET = re.compile(
    rf"^(?:de\s+|den\s+)?(?P<role>{ROLE})\s+(?P<name>[^(),]{{1,80}}?)\s*\((?P<portfolio>[^()]{{1,200}})\)?\s*$"
)
_HOLDER_COMMA = re.compile(
    rf"^(?P<name>[^,]{{1,80}}?),\s*(?P<role>{ROLE})\s+(?:van|voor)\s+(?P<portfolio>.{{1,200}})$", re.DOTALL
)
_POST_HOLDER = re.compile(
    rf"^(?:de\s+|den\s+)?(?P<role>{ROLE})\s+(?:van|voor)\s+(?P<portfolio>.{{1,200}}?),\s*(?P<name>[^,]{{1,80}})$",
    re.DOTALL,
)
_POST_ONLY = re.compile(
    rf"^(?:de\s+|den\s+)?(?P<role>{ROLE})(?:\s+(?P<vv>van|voor)\s+(?P<portfolio>.{{1,200}}))?$"
)


def parse_answerers(phrase: str) -> list[PersonMention]:
    """Who answers, first the one who signs, then the posts "mede namens" whom:

    'minister Van Weel (Justitie en Veiligheid), mede namens de minister van Asiel en Migratie',
    'de Minister van Financiën', 'den heer van der Leeuw, Minister van Onderwijs, Kunsten en
    Wetenschappen', 'Minister Vorrink (Volksgezondheid en Milieuhygiëne) mede namens de Minister van
    Landbouw en Visserij'."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" .,;:")
    phrase = re.sub(rf"\s*\(\s*{_DATE_WORDS}\b.*$", "", phrase, flags=re.I)  # "(ontvangen …" never closed
    parts = re.split(r",?\s+mede\s+namens\s+", phrase, maxsplit=1)
    main, mede = parts[0], (parts[1] if len(parts) > 1 else "")
    main = re.sub(r"^(?:van\s+)?(?:de\s+heer|den\s+heer|mevrouw)\s+", "", main.strip(" ,"), flags=re.I)
    first = _holder(main)
    out = each_post(first) if first else []
    if mede:
        out.extend(post_persons(mede))
    return out


def _holder(text: str) -> PersonMention | None:
    text = text.strip(" ,.")
    if not text:
        return None
    if m := _HOLDER_BRACKET.match(text):
        role, portfolio = role_word(m.group("role")), m.group("portfolio").strip()
        if mp := re.match(r"minister-?president\s*,\s*", portfolio, re.I):
            # "Minister Den Uyl (Minister-President, Algemene Zaken)": the premier's post, as the
            # Aanhangsel printed it in the 1970s and 1980s
            role, portfolio = "minister-president", portfolio[mp.end():]
        return PersonMention(name=clean_name(m.group("name")), role=role, portfolio=portfolio)
    if m := _POST_HOLDER.match(text):
        name = clean_name(m.group("name"))
        if _plausible_name(name) and not re.match(ROLE, name):
            return PersonMention(
                name=name, role=role_word(m.group("role")), portfolio=_trim_portfolio(m.group("portfolio"))
            )
    if m := _HOLDER_COMMA.match(text):
        return PersonMention(
            name=clean_name(m.group("name")),
            role=role_word(m.group("role")),
            portfolio=_trim_portfolio(m.group("portfolio")),
        )
    if m := _POST_ONLY.match(text):
        portfolio = _trim_portfolio(m.group("portfolio") or "") or None
        return PersonMention(name="", role=role_word(m.group("role")), portfolio=portfolio)
    m = re.match(rf"^(?P<role>{ROLE})\s+(?P<name>[^(),]{{1,80}})$", text)
    if m:
        return PersonMention(name=clean_name(m.group("name")), role=role_word(m.group("role")))
    name = clean_name(text)
    return PersonMention(name=name) if _plausible_name(name) else None


# ---- header sentences --------------------------------------------------------------------------


@dataclass
class QuestionsHeader:
    askers: list[PersonMention] = field(default_factory=list)
    addressees: list[OrgMention] = field(default_factory=list)
    subject: str | None = None
    submitted: date | None = None
    oral: bool = False  # "Mondelinge vragen": asked in the plenary
    span: tuple[int, int] = (0, 0)


@dataclass
class AnswerHeader:
    kind: str  # "antwoord" or "mededeling"
    answerers: list[PersonMention] = field(default_factory=list)
    received: date | None = None
    span: tuple[int, int] = (0, 0)


_QUESTIONS = re.compile(
    r"(?:(?P<oral>Mondelinge\s+[Vv]ragen)|VRAGEN|Vragen|VRAAG|Vraag|Schriftelijke\s+vragen)\s+"
    r"(?:gesteld\s+door\s+|van\s+)(?!de\s+leden\s+der\s+Kamer\b|leden\s+van\s+de\s+Kamer\b)"
    r"(?P<who>(?:het|de|den)\s+(?:Kamer)?(?:lid|leden|heer|heeren|heren)\b.{1,700}?|(?:mevrouw|den\s+heer|de\s+heer)\s.{1,300}?)"
    r"(?P<tail>\s+(?:aan|over|inzake|betreffende|omtrent|naar\s+aanleiding|met\s+betrekking|in\s+verband\s+met"
    r"|ten\s+aanzien\s+van|nopens|ter\s+zake\s+van)\s.{0,2500}?)?"
    rf"\(\s*{_DATE_WORDS}\s+(?P<date>[^()]{{0,80}})\)?",
    re.DOTALL,
)
_ADDR = re.compile(
    rf"^\s*aan\s+(?P<addr>(?:(?:de|het|den|der)\s+)?(?:{ROLE}|regering|kabinet|Regeering|Regering)\b.{{0,400}}?)"
    r"(?=\s+(?:over|inzake|betreffende|omtrent|naar\s+aanleiding|met\s+betrekking|in\s+verband\s+met|ten\s+aanzien)\s|$)",
    re.DOTALL,
)
_SUBJECT = re.compile(
    r"(?:^|\s)(?:over|inzake|betreffende|omtrent|naar\s+aanleiding\s+van|met\s+betrekking\s+tot|in\s+verband\s+met"
    r"|ten\s+aanzien\s+van|nopens|ter\s+zake\s+van)\s+(?P<s>.+)$",
    re.DOTALL,
)


# the same sentence without its date, as web pages print it in a title
_QUESTIONS_UNDATED = re.compile(
    _QUESTIONS.pattern.replace(
        rf"\(\s*{_DATE_WORDS}\s+(?P<date>[^()]{{0,80}})\)?",
        r"(?:\(\s*(?i:ingezonden)\s+(?P<date>[^()]{0,80})\)?|$)",
    ).replace(r"{0,2500}?)?", r"{0,2500})?"),
    re.DOTALL,
)


def parse_questions_header(text: str, dated: bool = True) -> QuestionsHeader | None:
    """The "Vragen van … aan … over … (ingezonden …)" sentence anywhere in `text`, or None. With
    `dated=False` the date may be missing (a title line that is only the sentence)."""
    m = (
        _QUESTIONS.search(text)
        if dated
        else (_QUESTIONS.search(text) or _QUESTIONS_UNDATED.match(text.strip()))
    )
    if not m:
        return None
    who = m.group("who")
    tail = m.group("tail") or ""
    # the askers end where "aan de minister" / "over" begins (the lazy match stops at the first one)
    askers = parse_askers(who)
    addressees: list[OrgMention] = []
    subject = None
    rest = tail
    if a := _ADDR.match(rest):
        addressees = post_mentions(a.group("addr"))
        rest = rest[a.end() :]
    if s := _SUBJECT.search(rest):
        subject = re.sub(r"\s+", " ", s.group("s")).strip(" .,:")
    return QuestionsHeader(
        askers=askers,
        addressees=addressees,
        subject=subject or None,
        submitted=parse_dutch_date(m.group("date") or ""),
        oral=bool(m.group("oral")),
        span=(m.start(), m.end()),
    )


_ANSWER = re.compile(
    r"(?P<kind>ANTWOORD|Antwoord|MEDEDELING|Mededeling)\s+van\s+"
    r"(?P<who>.{1,500}?)"
    # the bracket before the date may be lost in OCR: "(Onderwijs en Wetenschappen). Ont-vangen 3 april 1975)"
    rf"(?:\.?\s*\(|\.\s+)\s*(?P<word>{_DATE_WORDS})\s*(?P<date>[^()]{{0,80}})\)?",
    re.DOTALL,
)


def parse_answer_header(text: str, start: int = 0) -> AnswerHeader | None:
    """The "Antwoord van … (ontvangen …)" or "Mededeling van …" sentence in `text` from `start`."""
    m = _ANSWER.search(text, start)
    if not m:
        return None
    who = m.group("who")
    if re.search(r"\b(?:vragen|vraag)\s+van\b", who, re.I):  # ran into the next item: not a header
        return None
    return AnswerHeader(
        kind="mededeling" if m.group("kind").lower() == "mededeling" else "antwoord",
        answerers=parse_answerers(who),
        received=parse_dutch_date(m.group("date")),
        span=(m.start(), m.end()),
    )


_SIGNATURE = re.compile(
    rf"(?:^|\n)\s*(?:De|de|DE)\s+(?P<role>{ROLE})\s+(?P<vv>van|voor|VAN|VOOR)\s+(?P<portfolio>[^,\n]{{2,120}}(?:,[^,\n]{{2,60}}){{0,3}}?),?\s*\n"
    r"\s*(?P<name>[A-Z][^\n]{1,80})\s*(?:\n|$)",
)


_SIGNATURE_LINE = re.compile(
    rf"(?:^|\n)\s*(?:De|de|DE)\s+(?P<role>{ROLE})\s+(?P<vv>van|voor|VAN|VOOR)\s+(?P<portfolio>[^\n]{{2,160}}?),\s*"
    r"(?P<name>(?:[A-Z]\.){1,5}\s?[A-Z][^\n,]{1,60}|[A-Z][A-Z .'-]{2,60})\.?\s*(?:\n|$)"
)


# before the 1940s a reply may be signed by the surname alone, in capitals, on its own line
# ("POSTHUMA.", "B. ORT."); headings in capitals end with a dot too
_BARE_SIGNATURE = re.compile(
    r"(?:^|\n|(?P<after>,)\s+)\s*(?P<name>(?:[A-Z]\.\s?){0,4}(?:(?:VAN|DE|DER|DEN|TEN|TER)\s+)*[A-Z][A-Z'-]{2,}"
    r"(?:\s+(?:TOT\s+)?[A-Z][A-Z'-]{2,}){0,2})\.\s*(?=\n|$)"
)
_NEAR_POST = re.compile(r"(?i:minist|staatssecretaris)")
# a signature OCR joined to the last paragraph: "… gevestigd. De Minister van Binnenlandsche Zaken,
# HEEMSKERK."
_SIGNATURE_JOINED = re.compile(
    rf"(?<=[.!?])\s+(?:De|DE)\s+(?P<role>{ROLE})\s+(?P<vv>van|voor|VAN|VOOR)\s+(?P<portfolio>[^\n.]{{2,120}}?),\s*"
    r"(?P<name>(?:[A-Z]\.\s?){0,4}[A-Z][A-Z'-]{2,}(?:\s+[A-Z][A-Z'-]{2,}){0,3})\.?\s*(?:\n|$)"
)
_CAPS_HEADINGS = re.compile(
    r"\b(?:NOTA|MEMORIE|VERSLAG|ANTWOORD|AANHANGSEL|BIJLAGE|BIJLAGEN|HANDELINGEN|KAMER|VRAGEN|WETSONTWERP|"
    r"ARTIKEL|HOOFDSTUK|TOELICHTING|STAATS-GENERAAL)\b"
)


def parse_signature(text: str, *, bare: bool = False) -> PersonMention | None:
    """A government signature, the last in `text`: 'De Minister van Financiën,\\nDE GEER.' or, on one
    line, 'De Minister van Onderwijs, Cultuur en Wetenschap, R.H. Dijkgraaf' -> the minister by name.
    With `bare` (a government reply), a surname alone in capitals ('POSTHUMA.') is its signer, whose
    post the text does not print."""
    found = None
    for m in [*_SIGNATURE_JOINED.finditer(text), *_SIGNATURE.finditer(text), *_SIGNATURE_LINE.finditer(text)]:
        name = clean_name(m.group("name"))
        if not _plausible_name(name) or re.match(ROLE, name):
            continue
        if name.isupper():
            name = _capitalised(name)
        found = PersonMention(
            name=name, role=role_word(m.group("role")), portfolio=m.group("portfolio").strip(" ,.")
        )
    if found is None and bare:
        names = [
            m for m in _BARE_SIGNATURE.finditer(text)
            if not _CAPS_HEADINGS.search(m.group("name"))
            # joined to the line before ("De Minister van Binnenlandsche Zaken, HEEMSKERK."): only after
            # a post, as OCR keeps it ("Ministi r"), never an acronym that ends a sentence
            and (not m.group("after") or _NEAR_POST.search(text[max(0, m.start() - 100) : m.start()]))
        ]
        if names:
            found = PersonMention(name=_capitalised(names[-1].group("name")))
    return found


def _capitalised(name: str) -> str:
    """'VAN VOORST TOT VOORST' -> 'Van Voorst tot Voorst': particles in lower case but the first word."""
    name = " ".join(
        w.capitalize() if len(w) > 3 or w.lower() not in _LOWER_PARTICLES else w.lower() for w in name.split()
    )
    return name[0].upper() + name[1:]


_LOWER_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "tot"}


def marked_date(text: str, word: str) -> date | None:
    """The date in '(ingezonden 19 november 2024)', '(Ont-vangen 15 januari 1975', 'Vastgesteld 20
    juni 2016', 'DATUM 20 juni 2016' for `word`."""
    first = word.split()[0]
    start = ignorecase_start(text, first) if first.isascii() and first.isalpha() else 0
    if start is None:
        return None
    m = _marked(word).search(text, start)
    return parse_dutch_date(m.group(1)) if m else None


@lru_cache(maxsize=64)
def _marked(word: str) -> re.Pattern[str]:
    w = re.escape(word).replace(r"\ ", r"\s+")
    return re.compile(rf"\b{w}\b\s*:?\s*([^()\n]{{0,60}})", re.IGNORECASE)


# ---- who speaks in a report ----------------------------------------------------------------------

_FRACTIE_NAME = r"[A-Z0-9][\w.'’&+\-]*(?:[ -][A-Z0-9][\w.'’&+\-]*){0,3}"
_SPEAKERS = [
    # "De leden van de fracties van BBB, CDA en de ChristenUnie"
    re.compile(
        r"^(?:De|de)\s+leden\s+(?:van|der)\s+de\s+fracties\s+van\s+(?P<list>.{1,300}?)(?=\s+(?:hebben|vragen|willen|zijn|merken|constateren|lezen|delen|stellen|nemen|sluiten)\b|[,.:]|$)"
    ),
    # "De leden van de CDA- en VVD-fractie", "De leden van de VVD-fractie", "de GroenLinks-PvdA-fractie"
    re.compile(
        rf"^(?:De|de)\s+(?:leden\s+(?:van|der)\s+(?:de\s+)?)?"
        rf"(?P<list>(?:{_FRACTIE_NAME}-(?:\s+(?:en|,)\s+)?)*{_FRACTIE_NAME})-?fracties?\b"
    ),
    # "De leden van de fractie van de VVD", "De leden der fractie van de P.v.d.A.",
    # "de leden behorende tot de fractie van"
    re.compile(
        rf"^(?:De|de)\s+leden\s+(?:van|der|behorende\s+tot)\s+de\s+fractie\s+(?:van\s+)?(?:de\s+|het\s+)?(?P<list>{_FRACTIE_NAME})"
    ),
    re.compile(rf"^(?:De|de)\s+fractie\s+van\s+(?:de\s+|het\s+)?(?P<list>{_FRACTIE_NAME})"),
]
_ANAPHOR = re.compile(
    r"^(?:Deze|Genoemde|Voornoemde|De(?:ze)?\s+zelfde)\s+leden\b|^Zij\s+(?:vragen|willen|verzoeken)|^Ook\s+vragen\s+deze\s+leden"
)
_GROUP = re.compile(
    r"^(?:Vele|Sommige|Enkele|Verscheidene|Verschillende|Andere|Eenige|Enige|Meerdere|Vrijwel\s+alle|Alle|Een\s+aantal|Het\s+merendeel\s+der|Eén\s+van\s+de|Een)\s+(?:der\s+|van\s+de\s+)?(?:leden|lid)\b"
)


def speaking_fracties(paragraph: str) -> list[str] | str | None:
    """Who speaks at the start of a report paragraph: a list of fracties as written, "same" for an
    anaphor ("Deze leden …", "Zij vragen …"), "group" for members without a fractie ("Vele leden"),
    or None when the paragraph does not start with a speaker."""
    head = paragraph.lstrip()[:400]
    for pat in _SPEAKERS:
        if m := pat.match(head):
            names = split_top(
                m.group("list"), re.compile(r"\s*,\s*(?:en\s+)?(?:de\s+|het\s+)?|\s+en\s+(?:de\s+|het\s+)?")
            )
            out = []
            for n in names:
                n = re.sub(r"-$", "", n.strip(" ,.")).strip()
                n = re.sub(r"-?fracties?$", "", n).strip("- ")
                if n and n.lower() not in {"de", "het", "van"}:
                    out.append(n)
            if out:
                return out
    if _ANAPHOR.match(head):
        return "same"
    if _GROUP.match(head):
        return "group"
    return None


# ---- a committee's intro: to whom the questions went, who answered, when -------------------------------

_INTRO_ADDR = re.compile(
    r"\b(?:heeft|hebben)\s+(?:een\s+aantal\s+|enkele\s+|de\s+)?(?:(?:feitelijke\s+)?vragen(?:\s+en\s+opmerkingen)?|"
    r"(?:schriftelijke\s+)?inbreng)\s+(?:voorgelegd|gesteld|geleverd)\s+aan\s+"
    rf"(?P<addr>(?:de|het)\s+(?:{ROLE}|Algemene\s+Rekenkamer|regering)\b.{{0,300}}?)"
    r"(?=\s+(?:over|inzake|betreffende|naar\s+aanleiding|met\s+betrekking)\s|[.;]|$)",
    re.S,
)
_INTRO_ANSWERED = re.compile(
    rf"\b(?:De|de)\s+(?P<who>{ROLE}(?:\s+en\s+(?:de\s+)?{ROLE})?(?:\s+(?:van|voor)\s+[^.]{{2,120}}?)?)\s+"
    r"(?:heeft|hebben)\s+(?:deze|de)\s+vragen\s+beantwoord\s+bij\s+brief\s+van\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})"
)
_INTRO_ANSWER_PRINTED = re.compile(
    rf"\b(?:vragen|Vragen)\s+zijn\s+met\s+het\s+antwoord\s+van\s+de\s+(?P<who>{ROLE}\s+(?:van|voor)\s+[^.]{{2,120}}?)"
    r"\s+in\s+(?:bijgaand|dit)\s+verslag\s+opgenomen"
)
_INTRO_SUBMITTED = re.compile(
    r"\b(?:zijn|werden)\s+op\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})\s+aan\s+de\s+\w+(?:\s+\w+){0,6}\s+voorgelegd"
)
_INTRO_BY_LETTER = re.compile(
    r"\b[Bb]ij\s+brief\s+van\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})\s+zijn\s+de\s+vragen\s+beantwoord"
)


@dataclass
class Intro:
    addressees: list[OrgMention] = field(default_factory=list)
    submitted: date | None = None
    answered: date | None = None
    # the intro says the questions were answered ("De Minister heeft deze vragen beantwoord bij brief
    # van …", "… met het antwoord van de Minister van X …"), also when the answers are not in this file
    says_answered: bool = False


def parse_intro(text: str) -> Intro:
    """A Kamerstuk's intro: 'De vaste commissie voor X heeft een aantal vragen voorgelegd aan de
    Minister en de Staatssecretaris van Y over …', 'De vragen en opmerkingen zijn op <date> aan de
    Minister voorgelegd. Bij brief van <date> zijn de vragen beantwoord.', 'De Minister heeft deze
    vragen beantwoord bij brief van <date>.'"""
    out = Intro()
    if m := _INTRO_ADDR.search(text):
        out.addressees = post_mentions(m.group("addr"))
    if m := _INTRO_SUBMITTED.search(text):
        out.submitted = parse_dutch_date(m.group("date"))
    if m := _INTRO_BY_LETTER.search(text) or _INTRO_ANSWERED.search(text):
        out.answered = parse_dutch_date(m.group("date"))
    answerer = _INTRO_ANSWERED.search(text) or _INTRO_ANSWER_PRINTED.search(text)
    out.says_answered = bool(answerer or out.answered)
    if answerer and not any(re.search(rf"\b{ROLE}\b", a.text, re.I) for a in out.addressees):
        # asked of "de regering" (or of no one named): the post that answered is the one addressed,
        # "De Minister van X heeft deze vragen beantwoord …" / "… met het antwoord van de Minister van X …"
        named = post_mentions(answerer.group("who"))
        out.addressees = [a for a in named if re.search(r"\b(?:van|voor)\s", a.text)] or out.addressees
    return out


# ---- askers and addressees in running text ----------------------------------------------------------

# "Op 6 november jl. hebben de leden Gabriëls en Bromet (beiden GroenLinks-PvdA) schriftelijke vragen
# gesteld aan de minister van …", "In antwoord op uw brief … de vragen van het lid X (F) aan de minister"
_RUNNING_ASKERS = re.compile(
    r"\b(?:van\s+)?(?:het\s+(?:Kamer)?lid|de\s+(?:Kamer)?leden)\s+(?P<names>.{1,400}?)"
    r"(?=\s+(?:aan|over|schriftelijke|hebben|heeft|op|inzake)\s|[.,;]?$)",
    re.IGNORECASE | re.DOTALL,
)
_RUNNING_ADDRESSEES = re.compile(
    rf"\baan\s+(?P<posts>(?:de|het)\s+{ROLE}\s+.{{1,300}}?)(?=\s+(?:over|inzake|betreffende)\s|[.;]?$)",
    re.IGNORECASE | re.DOTALL,
)


def find_askers(text: str) -> list[PersonMention]:
    """The members named in a running sentence ("… hebben de leden A en B (beiden F) vragen gesteld …")."""
    m = _RUNNING_ASKERS.search(text)
    return parse_askers(m.group("names")) if m else []


def find_addressees(text: str) -> list[OrgMention]:
    """The posts a running sentence addresses ("… gesteld aan de minister van X over …")."""
    m = _RUNNING_ADDRESSEES.search(text)
    return post_mentions(m.group("posts")) if m else []
