"""Resolving the askers, addressees and answerers of the real corpus documents.

The mentions are found with small regexes over the header of each document (not with a reader), and
the expected persons, fracties and TOOI ministries below were checked by hand against the documents
and the dates they carry ("ingezonden" for askers and addressees, "ontvangen" for answerers).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import CORPUS

from kamerld.extraction.attribution import local_slug, resolve_fractie, resolve_mention, resolve_org
from kamerld.model import OrgMention, PersonMention
from kamerld.registers import get_registers

TOOI = "https://identifier.overheid.nl/tooi/id/ministerie/"

MONTHS = {
    m: i
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(), 1
    )
}

# file -> (askers [(slug, fractie)], addressee ministries, answerer (slug, ministry), mede namens ministries)
EXPECTED: dict[str, tuple] = {
    "txt-koop-pdf/ah-tk-20242025-546.txt": (
        [("michiel-van-nispen", "sp"), ("esmah-lahlah", "groenlinks-pvda")],
        ["mnre1058"],
        ("ingrid-coenradie", "mnre1058"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-561.txt": (
        [("elmar-vlottes", "pvv")],
        ["mnre1090"],
        ("nora-achahbar", "mnre1090"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-562.txt": (
        [("jacqueline-van-den-hil", "vvd"), ("mirjam-bikker", "christenunie")],
        ["mnre1025"],
        ("vincent-karremans", "mnre1025"),
        [],
    ),
    # ingezonden 24 juni 2024: still LNV (mnre1153 under its old name) and JenV
    "txt-koop-pdf/ah-tk-20242025-571.txt": (
        [("ines-kostic", "pvdd")],
        ["mnre1153", "mnre1058"],
        ("femke-wiersma", "mnre1153"),
        ["mnre1025"],
    ),
    "txt-koop-pdf/ah-tk-20242025-575.txt": (
        [("derk-boswijk", "cda")],
        ["mnre1013"],
        ("caspar-veldkamp", "mnre1013"),
        [],
    ),
    # ingezonden 21 juni 2024: minister voor Klimaat en Energie and minister van EZK, both mnre1045
    "txt-koop-pdf/ah-tk-20242025-576.txt": (
        [("silvio-erkens", "vvd")],
        ["mnre1045", "mnre1045"],
        ("sophie-hermans", "mnre1182"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-578.txt": (
        [("lisa-westerveld", "groenlinks-pvda")],
        ["mnre1025"],
        ("vicky-maeijer", "mnre1025"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-583.txt": (
        [("marieke-koekkoek", "volt"), ("michiel-van-nispen", "sp"), ("don-ceder", "christenunie")],
        ["mnre1162", "mnre1013", "mnre1013"],
        ("marjolein-faber", "mnre1162"),
        ["mnre1013", "mnre1013"],
    ),
    "txt-koop-pdf/ah-tk-20242025-570.txt": (
        [("ismail-el-abassi", "denk")],
        ["mnre1058"],
        ("david-van-weel", "mnre1058"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-573.txt": (
        [("ulysse-ellian", "vvd")],
        ["mnre1058"],
        ("ingrid-coenradie", "mnre1058"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-584.txt": (
        [("claire-martens-america", "vvd")],
        ["mnre1109"],
        ("eppo-bruins", "mnre1109"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-585.txt": (
        [("pepijn-van-houwelingen", "fvd")],
        ["mnre1058"],
        ("david-van-weel", "mnre1058"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-586.txt": (
        [("wytske-de-pater-postma", "nsc")],
        ["mnre1182", "mnre1073", "mnre1130"],
        ("chris-jansen", "mnre1130"),
        ["mnre1182"],
    ),
    "txt-koop-pdf/ah-tk-20242025-591.txt": (
        [("kati-piri", "groenlinks-pvda"), ("derk-boswijk", "cda")],
        ["mnre1013", "mnre1162"],
        ("caspar-veldkamp", "mnre1013"),
        ["mnre1162"],
    ),
    "txt-koop-pdf/ah-tk-20242025-592.txt": (
        [("marieke-koekkoek", "volt")],
        ["mnre1013", "mnre1058", "mnre1162"],
        ("marjolein-faber", "mnre1162"),
        ["mnre1013"],
    ),
    "txt-koop-pdf/ah-tk-20242025-594.txt": (
        [("danielle-jansen", "nsc")],
        ["mnre1025"],
        ("fleur-agema", "mnre1025"),
        [],
    ),
    "txt-koop-pdf/ah-tk-20242025-597.txt": (
        [("barbara-kathmann", "groenlinks-pvda")],
        ["mnre1034"],
        ("zsolt-szabo", "mnre1034"),
        [],
    ),
    "txt-koop-pdf/kv-tk-2024Z18558.txt": ([("rosanne-hertzberger", "nsc")], ["mnre1090"], None, []),
    "txt-koop-pdf/kv-tk-2024Z18559.txt": (
        [("barbara-kathmann", "groenlinks-pvda"), ("ismail-el-abassi", "denk")],
        ["mnre1058", "mnre1034", "mnre1034"],
        None,
        [],
    ),
    "txt-koop-pdf/kv-tk-2024Z18659.txt": (
        [("elke-slagt-tichelman", "groenlinks-pvda"), ("kati-piri", "groenlinks-pvda")],
        ["mnre1162", "mnre1025"],
        None,
        [],
    ),
    # "Minister voor Economische Zaken" (sic): the minister van Economische Zaken in November 2024
    "txt-koop-pdf/kv-tk-2024Z18775.txt": ([("harmen-krul", "cda")], ["mnre1045"], None, []),
    "txt-koop-pdf/kv-tk-2024Z18792.txt": ([("derk-boswijk", "cda")], ["mnre1090", "mnre1013"], None, []),
    "txt-ministry-docx/2024Z18885.txt": ([("anne-marijke-podt", "d66")], ["mnre1153"], None, []),
    "txt-ministry-docx/2024Z18891.txt": ([("mikal-tseggai", "groenlinks-pvda")], ["mnre1058"], None, []),
    "txt-ministry-docx/AH601-2024Z17331.txt": ([], [], ("marjolein-faber", "mnre1162"), []),
    "txt-ministry-docx/AH604-2024Z18294.txt": ([], [], ("david-van-weel", "mnre1058"), []),
    "txt-ministry-docx/AH608-2024Z14419.txt": ([], [], ("eddy-van-hijum", "mnre1073"), ["mnre1058"]),
    "txt-ministry-docx/AH609-2024Z14247.txt": ([], [], ("eddy-van-hijum", "mnre1073"), []),
    "txt-ministry-docx/AH610-2024Z15078.txt": ([], [], ("sophie-hermans", "mnre1182"), []),
    "txt-ministry-docx/AH612-2024Z15295.txt": ([], [], ("mona-keijzer", "mnre1171"), []),
    # the portfolio bracket is never closed: "(Volksgezondheid, Welzijn en Sport (ontvangen 20 november 2024)"
    "txt-ministry-docx/AH613-2024Z14814.txt": ([], [], ("vincent-karremans", "mnre1025"), []),
    # a mededeling that names the askers and addressees in its body ("Op 6 november jl. hebben de leden ...")
    "txt-ministry-docx/AH615-2024Z17538.txt": (
        [("geert-gabriels", "groenlinks-pvda"), ("laura-bromet", "groenlinks-pvda")],
        ["mnre1153", "mnre1130"],
        ("rummenie", "mnre1153"),
        [],
    ),
}

ASKERS = re.compile(r"(?:[Vv]ragen|Vraag) van (?:het lid|de leden) (.+?) aan\s+(de\s.+?)\s?over\s")
BODY_ASKERS = re.compile(r"hebben de leden (.+?) schriftelijke vragen gesteld aan\s+(de\s.+?)\s?over\s")
ANSWERER = re.compile(
    r"(?:Antwoord|Mededeling) van (Minister|Staatssecretaris|minister|staatssecretaris) "
    r"(.+?) \(([^()]+?)(?:\)| \(ontvangen)"
)
MEDE_NAMENS = re.compile(r"mede\s?namens\s?(de\s?.+?)\s?\(ontvangen")
DATE = r"(\d{1,2}) (" + "|".join(MONTHS) + r")\s?(\d{4})"


def _header(rel: str) -> str:
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    lines = path.read_text(encoding="utf-8").splitlines()[:14]
    return re.sub(r"\s+", " ", " ".join(lines))


def _date(text: str, word: str) -> date:
    m = re.search(word + r"\s" + DATE, text)
    assert m, f"no {word} date in {text[:300]!r}"
    return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))


def _asker_mentions(names: str) -> list[PersonMention]:
    """ "Koekkoek (Volt), Van Nispen (SP) en Ceder (ChristenUnie)", "X en Y (beiden P)"."""
    out = []
    for group, fractie in re.findall(r"([^()]+?)\s*\(([^()]+)\)", names):
        group = re.sub(r"^\s*(?:,|en)\s+", "", group)
        for name in re.split(r",\s*|\s+en\s+", group):
            out.append(PersonMention(name=name.strip(), fractie=fractie, role="lid"))
    return out


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_corpus_mentions_resolve(rel: str) -> None:
    askers, addressees, answerer, mede = EXPECTED[rel]
    head = _header(rel)
    if "AH615" in rel:
        head = re.sub(r"\s+", " ", (CORPUS / rel).read_text(encoding="utf-8"))
    m = ASKERS.search(head) or BODY_ASKERS.search(head)
    if askers:
        assert m, head[:300]
        if "ingezonden" in head:
            on = _date(head, "ingezonden")
        else:  # "Op 6 november jl." in a mededeling: the year is that of its "ontvangen" date
            d = re.search(r"Op (\d+) (\w+) jl\.", head)
            on = date(_date(head, "ontvangen").year, MONTHS[d.group(2)], int(d.group(1)))
        mentions = _asker_mentions(m.group(1))
        for mention in mentions:
            resolve_mention(mention, on)
        assert [(x.person.slug, x.fractie_ref.slug) for x in mentions] == askers
        assert not any(x.person.local or x.fractie_ref.local for x in mentions)
        orgs = resolve_org(OrgMention(m.group(2)), on)
        assert [o.ministry.uri for o in orgs] == [TOOI + code for code in addressees]
        assert all(o.post is not None and not o.post.local for o in orgs)
    if answerer:
        a = ANSWERER.search(head)
        assert a, head[:300]
        on = _date(head, "ontvangen")
        mention = PersonMention(name=a.group(2), role=a.group(1).lower(), portfolio=a.group(3))
        resolve_mention(mention, on)
        assert (mention.person.slug, mention.ministry.uri) == (answerer[0], TOOI + answerer[1])
        assert not mention.person.local and not mention.post.local
        assert mention.post.label.startswith(a.group(1).lower())
        n = MEDE_NAMENS.search(head)
        assert bool(n) == bool(mede)
        if n:
            orgs = resolve_org(OrgMention(n.group(1)), on)
            assert [o.ministry.uri for o in orgs] == [TOOI + code for code in mede]


def test_every_corpus_header_is_covered() -> None:
    """The table above covers every text of the two folders, so a new corpus file cannot slip by."""
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    files = {
        f"{p.parent.name}/{p.name}"
        for d in ("txt-koop-pdf", "txt-ministry-docx")
        for p in (CORPUS / d).glob("*.txt")
    }
    assert files == set(EXPECTED)


def test_historic_ocr_mentions_resolve_to_the_ministries_of_their_time() -> None:
    rel = "txt-sgd-ocr/tk-aanhangsel-1992-1993-181.txt"
    if not (CORPUS / rel).exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    text = (CORPUS / rel).read_text(encoding="utf-8")
    m = re.search(
        r"Mededeling van (Staatssecretaris) (\w+) \((\w+)\)\. "
        r"\(Ontvangen (\d+) november (\d{4})",
        text,
    )
    assert m
    mention = PersonMention(name=m.group(2), role="staatssecretaris", portfolio=m.group(3))
    resolve_mention(mention, date(int(m.group(5)), 11, int(m.group(4))))
    assert mention.person.slug == "aad-kosto"
    assert mention.post.slug == "staatssecretaris-van-justitie"
    # pre-2010 Justitie is TOOI's historic version hv_04793043 of mnre1058 (now Justitie en Veiligheid)
    assert mention.ministry.uri == TOOI + "mnre1058"
    assert mention.ministry.version == TOOI + "hv_04793043"
    assert mention.ministry.name == "ministerie van Justitie"
    assert mention.ministry.label == "ministerie van Justitie en Veiligheid"
    askers = re.search(r"Vragen van de leden (.+?) over", text)
    mentions = _asker_mentions(askers.group(1))
    for x in mentions:
        resolve_mention(x, date(1992, 11, 2))
    found = [(x.person.slug, x.fractie_ref.slug) for x in mentions]
    assert found == [("krajenbrink", "cda"), ("vreugdenhil", "cda")]

    rel = "txt-sgd-ocr/tk-aanhangsel-1990-1991-sgd0000028054.txt"
    text = re.sub(r"\s+", " ", (CORPUS / rel).read_text(encoding="utf-8"))
    a = re.search(
        r"Antwoord van minister (.+?) \((.+?)\), mede namens (de minister van .+?)\. "
        r"\(Ontvangen",
        text,
    )
    assert a
    on = date(1991, 8, 6)
    mention = PersonMention(name=a.group(1), role="minister", portfolio=a.group(2))
    resolve_mention(mention, on)
    assert (mention.person.slug, mention.ministry.uri) == ("van-den-broek", TOOI + "mnre1013")
    [org] = resolve_org(OrgMention(a.group(3)), on)
    assert org.ministry.uri == "ministerie/welzijn-volksgezondheid-en-cultuur"


def test_unknown_things_become_local_and_are_recorded() -> None:
    on = date(2024, 11, 18)
    m = PersonMention(name="J.P. van der Zwaluw", fractie="Partij voor Zwaluwen", role="lid")
    resolve_mention(m, on)
    assert m.person.local and m.person.slug == "van-der-zwaluw"
    assert m.fractie_ref.local and m.fractie_ref.slug == "partij-voor-zwaluwen"
    [org] = resolve_org(OrgMention("het ministerie van Ruimtevaart"), on)
    assert org.ministry.local and org.ministry.uri == "ministerie/ruimtevaart"
    [org] = resolve_org(OrgMention("de minister voor Ruimtevaart"), on)
    assert org.post.local and org.post.slug == "minister-voor-ruimtevaart"
    misses = get_registers().unresolved()
    assert ("person", "J.P. van der Zwaluw") in misses
    assert ("fractie", "Partij voor Zwaluwen") in misses
    assert ("ministry", "het ministerie van Ruimtevaart") in misses


def test_ambiguous_surname_is_not_guessed() -> None:
    # two people called Jansen in 2024 (NSC member, PVV staatssecretaris): no fractie, no role -> local
    m = PersonMention(name="Jansen")
    resolve_mention(m, date(2024, 11, 18))
    assert m.person.local and m.person.slug == "jansen"


def test_minister_by_portfolio() -> None:
    m = PersonMention(role="minister", name="Van Weel", portfolio="Justitie en Veiligheid")
    resolve_mention(m, date(2024, 11, 20))
    assert m.person.slug == "david-van-weel"
    assert m.post.slug == "minister-van-justitie-en-veiligheid"
    assert m.ministry.uri == TOOI + "mnre1058"


def test_resolve_fractie_and_local_slug() -> None:
    assert resolve_fractie("beiden GroenLinks-PvdA", date(2024, 11, 18)).slug == "groenlinks-pvda"
    assert resolve_fractie("GL-PvdA", date(2024, 1, 1)).notation == "GroenLinks-PvdA"
    assert local_slug("Faber – Van de Klashorst") == "faber-van-de-klashorst"
    assert local_slug("Kostić") == "kostic"


def test_historic_posts_in_old_spelling_and_ministries_the_registers_lack() -> None:
    # before 1947 titles were spelt "Binnenlandsche Zaken", "Landbouw en Visscherij": the same posts
    on = date(1946, 5, 1)
    m = PersonMention(role="minister", name="", portfolio="Binnenlandsche Zaken")
    resolve_mention(m, on)
    assert m.post is not None and m.post.slug == "minister-van-binnenlandse-zaken"
    assert (
        get_registers().ministry("Landbouw en Visscherij", on).name == "ministerie van Landbouw en Visserij"
    )
    # "-ische" is today's spelling too: Economische Zaken is never read as "Economise"
    assert get_registers().ministry("Economische Zaken", date(2000, 1, 1)) is not None
    # a post whose ministry no register holds heads a local ministry of its portfolio's name ...
    m = PersonMention(role="minister", name="Van Maarseveen", portfolio="Uniezaken en Overzeese Rijksdelen")
    resolve_mention(m, date(1950, 7, 13))
    assert m.post.local and m.ministry.local
    assert m.ministry.uri == "ministerie/uniezaken-en-overzeese-rijksdelen"
    # ... but an honorary title heads none, and an acting minister holds the portfolio's own post
    m = PersonMention(role="minister", name="Colijn", portfolio="Staat")
    resolve_mention(m, date(1937, 1, 1))
    assert m.post.local and m.ministry is None
