"""`kamerld update` against the local services: the SyncFeed from its stored position, what KOOP
changed since the last run, withdrawals, an incremental build and the feed of changes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fetch_server import FakeServices
from fetch_world import AH_9001, KV_PLAS, KV_SLAGT, MED_562, document_change, guid, populate
from lxml import etree
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from test_fetch import ID, KLD, make_fetcher

from kamerld.batch.shards import document_file
from kamerld.cli import cli
from kamerld.fetch.selection import Selection
from kamerld.fetch.syncfeed import SyncFeedClient, parse_feed
from kamerld.fetch.update import record_fetch, update

AS = Namespace("https://www.w3.org/ns/activitystreams#")
ATOM = "{http://www.w3.org/2005/Atom}"
SINCE_NOVEMBER = Selection(since=date(2024, 11, 1))


@pytest.fixture
def world(tmp_path):
    """The folder after `kamerld fetch data/ --since 2024-11-01` on 25 November, then what happened
    at the services until 10 December."""
    s = FakeServices()
    populate(s)
    answer_9001 = s.publications.pop(AH_9001)  # published on 4 December
    root = tmp_path / "data"
    report = make_fetcher(s, root).run(SINCE_NOVEMBER)
    assert sorted(d.id for d in report.documents) == [MED_562, KV_SLAGT, KV_PLAS]
    record_fetch(root, SINCE_NOVEMBER, report, tk=True, today=date(2024, 11, 25))
    # what happened since
    s.add(answer_9001)
    s.change("Document", "document", guid("document/2024D45659"), deleted=True)  # kv-tk-2024Z18659 withdrawn
    answer = {
        "Id": guid("document/2024D48583"),
        "DocumentNummer": "2024D48583",
        "Verwijderd": False,
        "Soort": "Antwoord schriftelijke vragen",
        "Datum": "2024-12-03T00:00:00+01:00",
        "Vergaderjaar": "2024-2025",
        "Aanhangselnummer": "202420250583",
    }
    s.entity("Document", answer)
    s.entities["Zaak"][guid("zaak/2024Z16988")]["Document"].append(answer["Id"])
    s.change(
        "Document",
        "document",
        answer["Id"],
        document_change("2024D48583", "Antwoord schriftelijke vragen", "2024Z16988", "202420250583"),
    )
    s.change(
        "Document",
        "document",
        guid("document/unrelated"),
        document_change("2024D49999", "Motie", "2024Z77777"),
    )
    s.feed["Document"].append((s._seq + 1, "<title>not an entity</title>"))  # a malformed entry
    s._seq += 1
    s.change("Zaak", "zaak", guid("zaak/2024Z99002"), "<nummer>2024Z99002</nummer>")
    s.change(
        "ZaakActor", "zaakActor", guid("zaakactor/elsewhere"), f'<zaak ref="{guid("zaak/2024Z77777")}"/>'
    )
    yield s, root, tmp_path / "build"
    s.close()


def run_update(s: FakeServices, root: Path, out: Path, today: date):
    fetcher = make_fetcher(s, root)
    return update(root, out, fetcher, SyncFeedClient(fetcher.c.http), jobs=1, today=today)


def test_an_update_fetches_the_new_drops_the_withdrawn_and_tells_the_feed(world):
    s, root, out = world
    mark = len(s.log)
    report = run_update(s, root, out, date(2024, 12, 10))

    # the SyncFeed from the start (no position yet), two entries a page; KOOP asked what changed
    feed_requests = [p for p in s.log[mark:] if p.startswith("/SyncFeed/")]
    assert feed_requests == [
        "/SyncFeed/2.0/Feed?category=Document",
        "/SyncFeed/2.0/Feed?category=Document&skiptoken=1014",
        "/SyncFeed/2.0/Feed?category=Zaak",
        "/SyncFeed/2.0/Feed?category=ZaakActor",
    ]
    assert any("dt.modified%3E%3D2024-11-25" in p for p in s.log[mark:])
    assert report.feed_problems == [
        "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed?category=Document&skiptoken=1014: "
        "entry 2: entry without an entity id (title 'not an entity'); skipped"
    ]

    assert report.withdrawn == [KV_SLAGT]
    assert not list(root.glob(f"kv/{KV_SLAGT}.*"))
    assert not list((out / "documents").rglob(f"{KV_SLAGT}.*"))  # and out of the build
    assert {(d.id, d.status) for d in report.fetch.documents} == {
        (AH_9001, "new"),
        (MED_562, "unchanged"),
        (KV_PLAS, "unchanged"),
    }
    assert report.fetch.notes == ["ah-tk-20242025-583: not at KOOP (yet)"]  # announced by the Kamer

    assert sorted((c.kind, c.document) for c in report.changes) == [
        ("antwoord", AH_9001),
        ("ingetrokken", KV_SLAGT),
        ("termijn", KV_PLAS),
    ]
    # the build: the answer is in, the mededeling's zaak now links the answer the Kamer registered
    assert document_file(out / "documents", AH_9001, ".ttl").is_file()
    g = Graph().parse(out / "documents" / "_links.ttl")  # the zaak: in the graph of what documents share
    assert g.value(URIRef(ID + "zaak/2024Z16988"), URIRef(KLD + "heeftAntwoord")) == URIRef(
        ID + "document/ah-tk-20242025-583"
    )

    state = json.loads((root / ".kamerld-fetch.json").read_text())
    assert state["syncfeed"] == {"Document": 1022, "Zaak": 1029, "ZaakActor": 1036}
    assert state["pending"] == ["ah-tk-20242025-583"]
    assert state["last_run"] == "2024-12-10"
    assert state["overdue_reported"] == [KV_PLAS]


def test_the_feed_in_atom_and_rdf_says_the_same(world):
    s, root, out = world
    report = run_update(s, root, out, date(2024, 12, 10))
    atom = etree.parse(str(out / "feed" / "changes.atom")).getroot()
    assert atom.tag == ATOM + "feed"
    assert atom.findtext(ATOM + "id") == ID + "wijzigingen"
    entries = {e.findtext(ATOM + "id"): e for e in atom.findall(ATOM + "entry")}
    assert len(entries) == 3
    answer = next(e for e in entries.values() if e.find(ATOM + "category").get("term") == "antwoord")
    assert answer.findtext(ATOM + "title") == (
        "Nieuw antwoord: Vragen van de leden Kathmann (GroenLinks-PvdA) en Six Dijkstra (NSC) over het "
        "sluiten van politiebureaus in Friesland"
    )
    assert answer.find(ATOM + "link[@rel='alternate']").get("href") == (
        f"https://w3id.org/kamerld/doc/document/{AH_9001}"
    )

    g = Graph().parse(out / "feed" / "changes.ttl")
    assert {str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(ID + "wijziging/")} == set(
        entries
    )
    kinds = {(g.value(c, RDF.type), g.value(c, AS.object)) for c in map(URIRef, entries)}
    assert kinds == {
        (AS.Create, URIRef(ID + f"document/{AH_9001}")),
        (AS.Delete, URIRef(ID + f"document/{KV_SLAGT}")),
        (AS.Announce, URIRef(ID + f"document/{KV_PLAS}")),
    }
    overdue = next(c for c in map(URIRef, entries) if g.value(c, RDF.type) == AS.Announce)
    assert g.value(overdue, AS.context) == URIRef(ID + "zaak/2024Z99002")
    history = (out / "feed" / "changes.jsonl").read_text().splitlines()
    assert len(history) == 3 and report.changes[0].uri in history[0]


def test_the_next_update_goes_on_from_where_the_last_one_stopped(world):
    s, root, out = world
    run_update(s, root, out, date(2024, 12, 10))
    mark = len(s.log)
    report = run_update(s, root, out, date(2024, 12, 11))
    assert report.changes == []  # the term that passed is told once; nothing else happened
    assert report.fetch.documents == []  # KOOP changed nothing since yesterday
    feed_requests = [p for p in s.log[mark:] if p.startswith("/SyncFeed/")]
    assert feed_requests == [
        "/SyncFeed/2.0/Feed?category=Document&skiptoken=1022",
        "/SyncFeed/2.0/Feed?category=Zaak&skiptoken=1029",
        "/SyncFeed/2.0/Feed?category=ZaakActor&skiptoken=1036",
    ]
    assert any("dt.identifier%3D%3Dah-tk-20242025-583" in p for p in s.log[mark:])  # still wanted
    assert not [p for p in s.log[mark:] if p.startswith("/frbr/")]
    assert len((out / "feed" / "changes.jsonl").read_text().splitlines()) == 3
    build = json.loads((out / "report.json").read_text())
    assert {i["status"] for i in build["inputs"]} == {"unchanged"}


def test_the_update_command(world):
    s, root, out = world
    result = CliRunner().invoke(
        cli,
        [
            "update",
            str(root),
            "-o",
            str(out),
            "-j",
            "1",
            "--mirror",
            s.url,
            "--rate",
            "1000",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "withdrawn: kv-tk-2024Z18659" in result.output
    assert f"change(s) -> {out / 'feed' / 'changes.atom'}" in result.output


def test_an_update_needs_a_fetched_folder(tmp_path):
    result = CliRunner().invoke(cli, ["update", str(tmp_path), "-o", str(tmp_path / "b")])
    assert result.exit_code == 2
    assert "holds no fetch state (.kamerld-fetch.json): run `kamerld fetch" in result.output


def test_a_syncfeed_page_in_the_schema_of_the_kamer():
    page = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><updated>2024-12-05T10:00:00Z'
        b'</updated><link rel="next" href="https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed?'
        b'category=Document&amp;skiptoken=20127222"/><content type="application/xml">'
        b'<document xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" '
        b'xmlns:tk="http://www.tweedekamer.nl/xsd/tkData/v1-0" id="' + guid("d").encode() + b'" '
        b'tk:bijgewerkt="2024-12-05T10:00:00Z" tk:verwijderd="true"/></content></entry></feed>'
    )
    (entry,) = parse_feed(page, "https://example", "Document").entries
    assert (entry.id, entry.deleted, entry.skiptoken, entry.entity) == (guid("d"), True, 20127222, "document")


def test_an_update_that_cannot_fetch_keeps_its_place(world):
    from fetch_server import Fault
    from test_fetch import frbr

    s, root, out = world
    s.fail(frbr(AH_9001, "xml"), *[Fault(status=500)] * 3)
    result = CliRunner().invoke(
        cli,
        [
            "update",
            str(root),
            "-o",
            str(out),
            "-j",
            "1",
            "--mirror",
            s.url,
            "--rate",
            "1000",
            "--retries",
            "2",
            "--no-progress",
        ],
    )
    assert result.exit_code == 5, result.output
    assert (
        f"failed: {AH_9001}: https://repository.overheid.nl{frbr(AH_9001, 'xml')}: HTTP 500 (3 tries)"
        in result.output
    )
    state = json.loads((root / ".kamerld-fetch.json").read_text())
    assert state["last_run"] == "2024-11-25"  # not moved on: the next run asks KOOP from the same day
    assert AH_9001 in state["pending"]
