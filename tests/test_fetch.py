"""`kamerld fetch` against a local stand-in for KOOP and the Tweede Kamer (tests/fetch_server.py).

The right files arrive (the best manifestation, the metadata, a fetch record with URL, time and
checksum), nothing is fetched twice, every failure is reported with its URL, faults are retried as
the service asks, an interrupted fetch resumes, and a build of the folder carries the provenance
and the Tweede Kamer's metadata into the RDF.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import corpus_file
from fetch_server import FakeServices, Fault
from fetch_world import AH_9001, KST_LIJST, KST_VSO, KV_PLAS, KV_SLAGT, MED_562, MED_9003, guid, populate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, SKOS

from kamerld.cli import cli
from kamerld.errors import FetchError, OfflineError, UsageError
from kamerld.fetch.fetcher import Clients, Fetcher
from kamerld.fetch.http import HttpClient, retry_after
from kamerld.fetch.layout import sha256_of
from kamerld.fetch.selection import Selection, queries
from kamerld.fetch.services import Services
from kamerld.fetch.sru import SruClient

NOVEMBER = Selection(since=date(2024, 11, 1), until=date(2024, 11, 30))
ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
KLD = "https://w3id.org/kamerld/def#"
ID = "https://w3id.org/kamerld/id/"


def frbr(doc_id: str, manifestation: str) -> str:
    series = doc_id.split("-", 1)[0]
    name = "metadata.xml" if manifestation == "metadata" else f"{doc_id}.{manifestation}"
    return f"/frbr/officielepublicaties/{series}/2024/{doc_id}/1/{manifestation}/{name}"


@pytest.fixture
def services():
    s = FakeServices()
    populate(s)
    yield s
    s.close()


def make_fetcher(
    services: FakeServices,
    root: Path,
    *,
    timeout: float = 2.0,
    retries: int = 2,
    tk: bool = True,
    progress=None,
) -> Fetcher:
    clients = Clients.create(
        Services(services.url), rate=1000, timeout=timeout, retries=retries, sleep=lambda s: None
    )
    return Fetcher(clients, root, tk=tk, readable=(".xml", ".pdf", ".txt", ".docx"), progress=progress)


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# ---- what arrives ------------------------------------------------------------------------------


def test_a_month_of_questions_answers_and_mededelingen(services, tmp_path):
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    assert {(d.id, d.kind, d.status) for d in report.documents} == {
        (KV_PLAS, "kamervragen", "new"),
        (KV_SLAGT, "kamervragen", "new"),
        (MED_562, "mededelingen", "new"),  # its Tweede Kamer Document is a "Mededeling (uitstel antwoord)"
    }
    # the best manifestation: XML where KOOP has it, else the PDF; metadata.xml where there is one
    assert files_under(tmp_path) == [
        "ah/ah-tk-20242025-562.fetch.json",
        "ah/ah-tk-20242025-562.metadata.xml",
        "ah/ah-tk-20242025-562.pdf",
        "fetch-report.json",
        "kv/kv-tk-2024Z18659.fetch.json",
        "kv/kv-tk-2024Z18659.pdf",
        "kv/kv-tk-2024Z99002.fetch.json",
        "kv/kv-tk-2024Z99002.metadata.xml",
        "kv/kv-tk-2024Z99002.xml",
    ]
    # the record without an identifier is reported with the page's URL and its position, and skipped
    assert len(report.problems) == 1
    assert re.match(
        r"^https://repository\.overheid\.nl/sru\?operation=searchRetrieve.*startRecord=3.*: "
        r"record 3: record has no identifier; skipped$",
        report.problems[0],
    )
    # two SRU series, the first in two pages of two (the stand-in pages by two)
    assert len(services.requests_for("/sru")) == 3


def test_the_fetch_record_names_url_time_and_checksum(services, tmp_path):
    make_fetcher(services, tmp_path).run(NOVEMBER)
    record = json.loads((tmp_path / "ah" / f"{MED_562}.fetch.json").read_text())
    assert record["complete"] is True and record["kind"] == "mededelingen"
    pdf = record["files"][f"{MED_562}.pdf"]
    assert pdf["url"] == "https://repository.overheid.nl" + frbr(MED_562, "pdf")  # official, not the mirror
    assert pdf["sha256"] == sha256_of(tmp_path / "ah" / f"{MED_562}.pdf")
    assert pdf["bytes"] == (tmp_path / "ah" / f"{MED_562}.pdf").stat().st_size
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", pdf["fetched"])
    assert record["files"][f"{MED_562}.metadata.xml"]["manifestation"] == "metadata"
    tk = record["tk"]
    assert tk["document"]["nummer"] == "2024D44123" and tk["document"]["id"] == guid("document/2024D44123")
    zaak = tk["zaken"][0]
    assert zaak["nummer"] == "2024Z16988"
    assert [(d["rol"], d["koop"]) for d in zaak["documenten"]] == [
        ("vragen", "kv-tk-2024Z16988"),
        ("mededeling", MED_562),
    ]
    assert {(a["relatie"], a["achternaam"]) for a in zaak["actoren"]} == {
        ("Indiener", "Hil"),
        ("Medeindiener", "Bikker"),
        ("Gericht aan", "Karremans"),
    }


def test_nothing_is_fetched_twice(services, tmp_path):
    fetcher = make_fetcher(services, tmp_path)
    fetcher.run(NOVEMBER)
    first = len(services.log)
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    again = services.log[first:]
    assert {d.status for d in report.documents} == {"unchanged"}
    assert [p for p in again if p.startswith("/frbr/") or p.endswith((".xml", ".pdf"))] == []
    assert all(p.startswith(("/sru", "/OData/")) for p in again)


def test_kinds_zaak_and_id(services, tmp_path):
    autumn = Selection(since=date(2024, 10, 1), until=date(2024, 12, 31), kinds=("mededelingen",))
    report = make_fetcher(services, tmp_path / "a").run(autumn)
    assert sorted(d.id for d in report.documents) == [MED_562, MED_9003]
    assert report.skipped == 1  # the answer of December: same series, not the kind asked for
    assert not (tmp_path / "a" / "ah" / f"{AH_9001}.xml").exists()

    report = make_fetcher(services, tmp_path / "b").run(Selection(zaken=("2024Z16988",)))
    assert [d.id for d in report.documents] == [MED_562]
    assert report.notes == ["kv-tk-2024Z16988: not at KOOP (yet)"]  # the Kamer has it; KOOP does not

    report = make_fetcher(services, tmp_path / "c").run(Selection(ids=(AH_9001,)))
    assert [(d.id, d.kind) for d in report.documents] == [(AH_9001, "antwoorden")]


def test_kamerstukken_of_a_dossier_and_their_kinds(services, tmp_path):
    report = make_fetcher(services, tmp_path / "a").run(Selection(dossiers=("22396",)))
    assert [(d.id, d.kind) for d in report.documents] == [(KST_LIJST, "lijsten")]
    record = json.loads((tmp_path / "a" / "kst" / f"{KST_LIJST}.fetch.json").read_text())
    assert record["tk"]["document"]["nummer"] == "1993D22396"  # by dossier and volgnummer

    report = make_fetcher(services, tmp_path / "b").run(Selection(dossiers=("20935",), kinds=("lijsten",)))
    assert (report.documents, report.skipped) == ([], 1)  # a verslag, not a lijst
    report = make_fetcher(services, tmp_path / "c").run(Selection(dossiers=("20935",), kinds=("verslagen",)))
    assert [(d.id, d.kind) for d in report.documents] == [(KST_VSO, "verslagen")]


def test_queries_follow_the_selection():
    assert queries(NOVEMBER) == [
        'c.product-area==officielepublicaties AND w.publicatienaam=="Kamervragen zonder antwoord" '
        "AND dt.date>=2024-11-01 AND dt.date<=2024-11-30",
        'c.product-area==officielepublicaties AND w.publicatienaam=="Kamervragen (Aanhangsel)" '
        "AND dt.date>=2024-11-01 AND dt.date<=2024-11-30",
    ]
    assert queries(Selection(dossiers=("36200-VII",), since=date(2024, 1, 1))) == [
        "c.product-area==officielepublicaties AND w.dossiernummer==36200-VII AND dt.date>=2024-01-01"
    ]
    assert queries(Selection(ids=(MED_562,)), modified_since=date(2024, 12, 1), extra_ids=(AH_9001,)) == [
        f"c.product-area==officielepublicaties AND (dt.identifier=={MED_562}) AND dt.modified>=2024-12-01",
        f"c.product-area==officielepublicaties AND (dt.identifier=={AH_9001})",
    ]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "say what to fetch"),
        ({"kinds": ("brieven",)}, "unknown kind 'brieven'"),
        ({"zaken": ("2024-16988",)}, "not a zaak number"),
        ({"ids": ("../etc/passwd",)}, "not a KOOP id"),
        ({"since": date(2024, 12, 1), "until": date(2024, 11, 1)}, "is after"),
    ],
)
def test_a_selection_that_cannot_be_asked_is_refused(kwargs, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        Selection(**kwargs)


# ---- faults -------------------------------------------------------------------------------------


def test_429_500_timeout_and_truncation_are_retried_as_the_service_asks(services, tmp_path):
    services.fail("/sru", Fault(status=429, headers={"Retry-After": "3"}))
    services.fail(frbr(MED_562, "pdf"), Fault(status=500))
    # the client waits 1.5 s, the slow answer takes 3: a margin wide enough that a busy machine's
    # slow first answers are not read as timeouts
    services.fail(frbr(MED_562, "metadata"), Fault(delay=3.0))
    services.fail(frbr(KV_PLAS, "xml"), Fault(truncate=True))
    fetcher = make_fetcher(services, tmp_path, timeout=1.5)
    report = fetcher.run(NOVEMBER)
    assert {d.status for d in report.documents} == {"new"} and len(report.documents) == 3
    assert fetcher.c.http.stats.waits == [3.0, 1.0, 1.0, 1.0]  # Retry-After, then the first backoff
    assert report.retries == 4
    assert services.log.count(frbr(MED_562, "pdf")) == 2 and services.log.count(frbr(KV_PLAS, "xml")) == 2
    xml = (tmp_path / "kv" / f"{KV_PLAS}.xml").read_bytes()
    assert xml == services.publications[KV_PLAS].files["xml"]  # the whole file, not the cut-off half


def test_a_failure_is_reported_with_its_url_and_the_next_run_fetches_only_that(services, tmp_path):
    url = frbr(KV_PLAS, "xml")
    services.fail(url, *[Fault(status=500)] * 3)  # every try of this run
    report = make_fetcher(services, tmp_path, retries=2).run(NOVEMBER)
    (failed,) = report.failed
    assert (failed.id, failed.url, failed.reason) == (
        KV_PLAS,
        "https://repository.overheid.nl" + url,
        "HTTP 500 (3 tries)",
    )
    assert {d.id for d in report.documents if d.status == "new"} == {KV_SLAGT, MED_562}
    assert (
        json.loads((tmp_path / "fetch-report.json").read_text())["documents"][2]["reason"]
        == "HTTP 500 (3 tries)"
    )

    mark = len(services.log)
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    assert {(d.id, d.status) for d in report.documents if d.status != "unchanged"} == {(KV_PLAS, "new")}
    downloads = [p for p in services.log[mark:] if p.startswith("/frbr/")]
    assert downloads == [url, frbr(KV_PLAS, "metadata")]


def test_an_interrupted_fetch_resumes_where_it_stopped(services, tmp_path):
    def stop_after_first(outcome, done, total):
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        make_fetcher(services, tmp_path, progress=stop_after_first).run(NOVEMBER)
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]  # no half-written file
    done_first = {p.name for p in tmp_path.rglob("*.fetch.json")}
    assert done_first == {f"{MED_562}.fetch.json"}
    mark = len(services.log)
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    assert {(d.id, d.status) for d in report.documents} == {
        (MED_562, "unchanged"),
        (KV_PLAS, "new"),
        (KV_SLAGT, "new"),
    }
    assert not [p for p in services.log[mark:] if MED_562 in p and p.startswith("/frbr/")]


def test_a_damaged_file_is_fetched_again_and_a_newer_version_too(services, tmp_path):
    make_fetcher(services, tmp_path).run(NOVEMBER)
    (tmp_path / "kv" / f"{KV_PLAS}.xml").write_bytes(b"<officiele-publicatie>")  # a disk gone wrong
    mark = len(services.log)
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    assert {(d.id, d.status) for d in report.documents if d.status != "unchanged"} == {(KV_PLAS, "repaired")}
    assert [p for p in services.log[mark:] if p.startswith("/frbr/")] == [frbr(KV_PLAS, "xml")]

    services.publications[MED_562].modified = "2024-12-01T09:00:00.000000+01:00"  # KOOP republished it
    mark = len(services.log)
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    assert {(d.id, d.status) for d in report.documents if d.status != "unchanged"} == {(MED_562, "changed")}
    assert sorted(p for p in services.log[mark:] if p.startswith("/frbr/")) == sorted(
        [frbr(MED_562, "pdf"), frbr(MED_562, "metadata")]
    )


def test_a_malformed_document_is_refused_not_stored(services, tmp_path):
    services.fail(frbr(KV_PLAS, "xml"), Fault(body=b"<officiele-publicatie><kamervragen>"))
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    (failed,) = report.failed
    assert failed.reason.startswith("malformed xml (XML is not well-formed")
    assert not (tmp_path / "kv" / f"{KV_PLAS}.xml").exists()


def test_a_redirect_off_the_services_is_not_followed(services, tmp_path):
    services.fail(frbr(KV_PLAS, "xml"), Fault(status=302, headers={"Location": "http://example.org/x.xml"}))
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    (failed,) = report.failed
    assert failed.reason.startswith("HTTP 302 redirect to a host kamerld does not fetch from")
    assert not any("example.org" in p for p in services.log)


def test_an_sru_diagnostic_is_a_clear_error(services):
    sru = SruClient(HttpClient(Services(services.url), rate=1000))
    with pytest.raises(
        FetchError,
        match=r"the SRU service refused the query: Unsupported index; "
        r"Unsupported index or clause: w\.nonsense==1",
    ):
        list(sru.search("w.nonsense==1"))


def test_offline_is_one_clear_error(tmp_path):
    clients = Clients.create(Services("http://127.0.0.1:9/"), rate=1000, retries=1, sleep=lambda s: None)
    with pytest.raises(OfflineError) as caught:
        Fetcher(clients, tmp_path).run(NOVEMBER)
    text = str(caught.value)
    assert text.startswith("https://repository.overheid.nl/sru?")
    assert "cannot reach the service: cannot connect" in text and "--mirror" in text

    result = CliRunner().invoke(
        cli,
        [
            "fetch",
            str(tmp_path / "d"),
            "--since",
            "2024-11-01",
            "--mirror",
            "http://127.0.0.1:9/",
            "--retries",
            "0",
        ],
    )
    assert result.exit_code == 5, result.output
    assert "Error: https://repository.overheid.nl/sru?" in result.output
    assert "Traceback" not in result.output


def test_retry_after_reads_seconds_and_dates():
    from datetime import UTC, datetime

    assert retry_after("120") == 120.0
    now = datetime(2024, 12, 5, 10, 0, 0, tzinfo=UTC)
    assert retry_after("Thu, 05 Dec 2024 10:00:30 GMT", now) == 30.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_the_mirror_maps_every_official_host_and_refuses_others():
    s = Services("http://127.0.0.1:8080/mirror")
    assert s.request_url("https://repository.overheid.nl/sru?x=1") == "http://127.0.0.1:8080/mirror/sru?x=1"
    assert s.request_url("https://zoek.officielebekendmakingen.nl/ah-tk-20242025-562.xml") == (
        "http://127.0.0.1:8080/mirror/ah-tk-20242025-562.xml"
    )
    assert s.official("http://127.0.0.1:8080/mirror/OData/v4/2.0/Zaak") == ODATA + "Zaak"
    assert (
        s.official("http://127.0.0.1:8080/mirror/frbr/a.xml") == "https://repository.overheid.nl/frbr/a.xml"
    )
    with pytest.raises(ValueError, match="not a URL of the official services"):
        s.request_url("https://example.org/sru")
    with pytest.raises(UsageError):
        Services("ftp://mirror/")


# ---- into the RDF ----------------------------------------------------------------------------------


def _graph(build: Path, doc_id: str) -> Graph:
    """The document's graph with the build's corpus graphs (registers, zaken, source files): what a
    consumer that loads the build sees of it."""
    from kamerld.batch.shards import document_file

    g = Graph().parse(document_file(build / "documents", doc_id, ".ttl"), format="turtle")
    for name in ("_registers.ttl", "_links.ttl"):
        if (build / "documents" / name).is_file():
            g.parse(build / "documents" / name, format="turtle")
    return g


def _source_url(g: Graph, doc: URIRef):
    """The URL the source file of a document was fetched from: document -> file -> URL."""
    return g.value(g.value(doc, PROV.wasDerivedFrom), PROV.wasDerivedFrom)


def test_a_build_of_the_fetched_folder_carries_provenance_and_the_kamers_metadata(services, tmp_path):
    make_fetcher(services, tmp_path / "data").run(NOVEMBER)
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "data"), "-o", str(tmp_path / "build"), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    assert sorted(d["id"] for i in report["inputs"] for d in i["documents"]) == sorted(
        [KV_PLAS, KV_SLAGT, MED_562]
    )

    g = _graph(tmp_path / "build", MED_562)
    doc = URIRef(ID + f"document/{MED_562}")
    assert _source_url(g, doc) == URIRef("https://repository.overheid.nl" + frbr(MED_562, "pdf"))
    # and its official publication
    assert g.value(doc, FOAF.page) == URIRef(f"https://zoek.officielebekendmakingen.nl/{MED_562}")
    assert g.value(doc, URIRef(KLD + "tkDocumentnummer")) == Literal("2024D44123")
    assert set(g.objects(doc, SKOS.exactMatch)) == {
        URIRef(ODATA + f"Document({guid('document/2024D44123')})"),
        URIRef(ID + "tkdocument/2024D44123"),
    }
    zaak = URIRef(ID + "zaak/2024Z16988")
    assert g.value(zaak, SKOS.exactMatch) == URIRef(ODATA + f"Zaak({guid('zaak/2024Z16988')})")
    assert g.value(zaak, URIRef(KLD + "heeftMededeling")) == doc
    assert g.value(zaak, URIRef(KLD + "heeftVragen")) == URIRef(ID + "document/kv-tk-2024Z16988")
    # askers and their fracties: the Kamer's Persoon and Fractie entities
    for person, key, fractie, afkorting in (
        ("jacqueline-van-den-hil", "van-den-hil", "vvd", "VVD"),
        ("mirjam-bikker", "bikker", "christenunie", "ChristenUnie"),
    ):
        assert URIRef(ODATA + f"Persoon({guid(f'persoon/{key}')})") in set(
            g.objects(URIRef(ID + f"persoon/{person}"), SKOS.exactMatch)
        )
        assert URIRef(ODATA + f"Fractie({guid(f'fractie/{afkorting}')})") in set(
            g.objects(URIRef(ID + f"fractie/{fractie}"), SKOS.exactMatch)
        )
    # the addressee: the post, held by the person the Kamer names, with their Persoon entity
    post = URIRef(ID + "post/staatssecretaris-van-volksgezondheid-welzijn-en-sport")
    karremans = URIRef(ID + "persoon/vincent-karremans")
    assert (URIRef(ID + f"document/{MED_562}/vraag/1"), URIRef(KLD + "gerichtAan"), post) in g
    assert (post, ORG.heldBy, karremans) in g
    karremans_tk = URIRef(ODATA + f"Persoon({guid('persoon/karremans')})")
    assert karremans_tk in set(g.objects(karremans, SKOS.exactMatch))

    plas = _graph(tmp_path / "build", KV_PLAS)
    assert _source_url(plas, URIRef(ID + f"document/{KV_PLAS}")) == URIRef(
        "https://repository.overheid.nl" + frbr(KV_PLAS, "xml")
    )
    assert URIRef(ODATA + f"Persoon({guid('persoon/van-der-plas')})") in set(
        plas.objects(URIRef(ID + "persoon/caroline-van-der-plas"), SKOS.exactMatch)
    )


def test_new_tweede_kamer_metadata_rebuilds_the_document(services, tmp_path):
    data, build = tmp_path / "data", tmp_path / "build"
    make_fetcher(services, data).run(NOVEMBER)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(data), "-o", str(build), "-j", "1"]).exit_code == 0
    # the answer to 2024Z16988 is registered at the Kamer; KOOP has not published it yet
    answer = {
        "Id": guid("document/2024D48583"),
        "DocumentNummer": "2024D48583",
        "Verwijderd": False,
        "Soort": "Antwoord schriftelijke vragen",
        "Datum": "2024-12-03T00:00:00+01:00",
        "Vergaderjaar": "2024-2025",
        "Aanhangselnummer": "202420250583",
    }
    services.entity("Document", answer)
    services.entities["Zaak"][guid("zaak/2024Z16988")]["Document"].append(answer["Id"])
    report = make_fetcher(services, data).run(NOVEMBER)
    assert {d.status for d in report.documents} == {"unchanged"}  # no file fetched again …
    assert runner.invoke(cli, ["build", str(data), "-o", str(build), "-j", "1"]).exit_code == 0
    statuses = {
        Path(i["path"]).name: i["status"] for i in json.loads((build / "report.json").read_text())["inputs"]
    }
    assert statuses == {
        f"{MED_562}.pdf": "warnings",  # converted, with the reader's notices
        f"{KV_SLAGT}.pdf": "unchanged",
        f"{KV_PLAS}.xml": "unchanged",
    }
    g = _graph(build, MED_562)  # … but the build saw the new metadata
    assert g.value(URIRef(ID + "zaak/2024Z16988"), URIRef(KLD + "heeftAntwoord")) == URIRef(
        ID + "document/ah-tk-20242025-583"
    )


# ---- the command ---------------------------------------------------------------------------------


def test_the_fetch_command(services, tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "fetch",
            str(tmp_path),
            "--since",
            "2024-11-01",
            "--until",
            "2024-11-30",
            "--kind",
            "kamervragen,mededelingen",
            "--mirror",
            services.url,
            "--rate",
            "1000",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 document(s): 3 new; 1 problem(s)" in result.output
    assert "problem: https://repository.overheid.nl/sru?" in result.output
    state = json.loads((tmp_path / ".kamerld-fetch.json").read_text())
    assert state["selections"] == [
        {
            "since": "2024-11-01",
            "until": "2024-11-30",
            "dossiers": [],
            "ids": [],
            "kinds": ["kamervragen", "mededelingen"],
            "zaken": [],
        }
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "1 november"], "is not a date like 2024-11-01"),
        ([], "say what to fetch"),
        (["--kind", "brieven", "--since", "2024-11-01"], "unknown kind 'brieven'"),
    ],
)
def test_the_fetch_command_refuses_what_it_cannot_ask(tmp_path, args, message):
    result = CliRunner().invoke(cli, ["fetch", str(tmp_path), *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_a_redirect_within_the_services_is_followed_through_the_mirror(services, tmp_path):
    zoek = f"https://zoek.officielebekendmakingen.nl/{KV_PLAS}.xml"
    services.fail(frbr(KV_PLAS, "xml"), Fault(status=302, headers={"Location": zoek}))
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    assert report.failed == []
    assert f"/{KV_PLAS}.xml" in services.log  # asked of the mirror, not of the real host
    assert (tmp_path / "kv" / f"{KV_PLAS}.xml").read_bytes() == services.publications[KV_PLAS].files["xml"]


def test_a_retry_after_beyond_the_limit_is_a_failure_not_a_wait(services):
    services.fail("/sru", Fault(status=503, headers={"Retry-After": "3600"}))
    http = HttpClient(Services(services.url), rate=1000, sleep=lambda s: None)
    with pytest.raises(
        FetchError,
        match=r"HTTP 503: the service asks to wait 3600 s \(Retry-After\), more than "
        r"the 300 s allowed",
    ):
        SruClient(http).search("dt.identifier==x").__next__()
    assert http.stats.waits == []


def test_without_tweede_kamer_metadata(services, tmp_path):
    report = make_fetcher(services, tmp_path, tk=False).run(NOVEMBER)
    assert not services.requests_for("/OData/")
    # the title alone does not say that 562 is a mededeling: it passes as an answer (docs/fetch.md)
    assert {(d.id, d.kind) for d in report.documents} == {
        (KV_PLAS, "kamervragen"),
        (KV_SLAGT, "kamervragen"),
        (MED_562, "antwoorden"),
    }
    assert json.loads((tmp_path / "ah" / f"{MED_562}.fetch.json").read_text())["tk"] is None


def test_the_progress_bar_counts_documents(services, tmp_path):
    import io

    from kamerld.fetch.progress import FetchProgress

    out = io.StringIO()
    bar = FetchProgress(True, out)
    make_fetcher(services, tmp_path, progress=bar).run(NOVEMBER)
    bar.close()
    last = out.getvalue().rstrip("\n").split("\r")[-1]
    assert re.match(r"^\[#{24}\] 3/3 documents .* 0 failed ", last), last


def test_a_tampered_fetch_record_is_not_trusted(services, tmp_path):
    data = tmp_path / "data"
    make_fetcher(services, data).run(NOVEMBER)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    sidecar = data / "kv" / f"{KV_PLAS}.fetch.json"
    record = json.loads(sidecar.read_text())
    record["files"]["../../victim.txt"] = {"manifestation": "pdf", "sha256": "0", "bytes": 7}
    record["files"][f"{KV_PLAS}.xml"]["url"] = "https://example.org/a b>"
    record["tk"]["zaken"][0]["documenten"][0]["koop"] = None
    record["tk"]["zaken"][0]["documenten"][0]["nummer"] = "../../x"
    sidecar.write_text(json.dumps(record))

    assert CliRunner().invoke(cli, ["build", str(data), "-o", str(tmp_path / "b"), "-j", "1"]).exit_code == 0
    g = _graph(tmp_path / "b", KV_PLAS)
    source = g.value(URIRef(ID + f"document/{KV_PLAS}"), PROV.wasDerivedFrom)
    assert str(source).startswith(ID + "bron/")  # the file by its hash,
    assert g.value(source, PROV.wasDerivedFrom) is None  # not from the URL the record was made to say
    assert g.value(URIRef(ID + "zaak/2024Z99002"), URIRef(KLD + "heeftVragen")) is None

    services.publications[KV_PLAS].modified = "2024-12-01T00:00:00.000000+01:00"
    report = make_fetcher(services, data).run(NOVEMBER)
    assert (KV_PLAS, "changed") in {(d.id, d.status) for d in report.documents}
    assert victim.read_text() == "keep me"  # the record named it; kamerld did not touch it


def test_when_the_kamer_cannot_answer_the_documents_still_come(services, tmp_path):
    services.fail("/OData/v4/2.0/Zaak", *[Fault(status=503)] * 3)
    report = make_fetcher(services, tmp_path, retries=2).run(NOVEMBER)
    assert len(report.documents) == 3 and report.failed == []
    (error,) = report.errors
    assert error.startswith("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak?$filter=")
    assert error.endswith("HTTP 503 (3 tries) (Tweede Kamer metadata of this chunk not fetched)")
    assert not report.complete
    # the next run fills the metadata in, without fetching a file again
    mark = len(services.log)
    report = make_fetcher(services, tmp_path).run(NOVEMBER)
    assert report.complete and {d.status for d in report.documents} == {"unchanged"}
    assert not [p for p in services.log[mark:] if p.startswith("/frbr/")]
    record = json.loads((tmp_path / "ah" / f"{MED_562}.fetch.json").read_text())
    assert record["tk"]["document"]["nummer"] == "2024D44123"


def test_a_query_the_service_cannot_answer_is_an_error_and_the_others_go_on(services, tmp_path):
    aanhangsel = queries(NOVEMBER)[1]
    page = SruClient(HttpClient(Services(services.url))).page_url(aanhangsel, 1)
    path = Services(services.url).request_url(page)[len(services.url) - 1 :]
    services.fail(path, *[Fault(status=500)] * 3)
    result = CliRunner().invoke(
        cli,
        [
            "fetch",
            str(tmp_path),
            "--since",
            "2024-11-01",
            "--until",
            "2024-11-30",
            "--mirror",
            services.url,
            "--rate",
            "1000",
            "--retries",
            "2",
        ],
    )
    assert result.exit_code == 5, result.output
    assert (
        "error: https://repository.overheid.nl/sru?" in result.output
        and "HTTP 500 (3 tries)" in result.output
    )
    assert "2 document(s): 2 new; 1 query error(s)" in result.output  # the questions came
    state = json.loads((tmp_path / ".kamerld-fetch.json").read_text())
    assert "last_run" not in state  # an update will ask again for everything of the selection


def test_a_folder_that_cannot_be_written_is_a_clear_error(services, tmp_path):
    (tmp_path / "a-file").write_text("")
    result = CliRunner().invoke(
        cli,
        [
            "fetch",
            str(tmp_path / "a-file" / "data"),
            "--since",
            "2024-11-01",
            "--mirror",
            services.url,
            "--rate",
            "1000",
        ],
    )
    assert result.exit_code == 2, result.output
    assert f"Error: {tmp_path / 'a-file' / 'data'}: cannot write: Not a directory" in result.output
    assert "Traceback" not in result.output


def test_the_manifestation_order_puts_what_the_build_reads_first(services, tmp_path):
    from fetch_server import Publication

    html = corpus_file("html-koop-format-examples/stb.html").read_bytes()  # a real KOOP HTML page
    pdf = services.publications[MED_562].files["pdf"]
    for ident, files in (
        ("ah-tk-20242025-8001", {"html": html}),
        ("ah-tk-20242025-8002", {"html": html, "pdf": pdf}),
    ):
        services.add(
            Publication(
                ident,
                "Vragen",
                "Kamervragen (Aanhangsel)",
                "2024-11-20",
                "2024-11-20T00:00:00.000000+01:00",
                files=files,
            )
        )
    ids = Selection(ids=("ah-tk-20242025-8001", "ah-tk-20242025-8002"))
    make_fetcher(services, tmp_path / "a", tk=False).run(ids)  # no HTML reader: the PDF first
    assert sorted(
        p.name for p in (tmp_path / "a" / "ah").glob("*-800?.*") if not p.name.endswith(".json")
    ) == ["ah-tk-20242025-8001.html", "ah-tk-20242025-8002.pdf"]
    clients = Clients.create(Services(services.url), rate=1000, sleep=lambda s: None)
    Fetcher(clients, tmp_path / "b", tk=False, readable=(".xml", ".html", ".pdf")).run(ids)  # with one: HTML
    assert sorted(
        p.name for p in (tmp_path / "b" / "ah").glob("*-800?.*") if not p.name.endswith(".json")
    ) == ["ah-tk-20242025-8001.html", "ah-tk-20242025-8002.html"]


def test_a_zaak_links_a_nader_answer():
    from kamerld.model import Document, DocumentKind, TkZaak
    from kamerld.rdf.mapping import document_triples

    doc = Document(
        id=MED_562,
        kind=DocumentKind.MEDEDELING,
        source="x",
        tk_zaken=[
            TkZaak(
                "2024Z16988",
                ODATA + f"Zaak({guid('zaak/2024Z16988')})",
                documents=[
                    ("antwoord", "document/ah-tk-20242025-583"),
                    ("nader-antwoord", "tkdocument/2025D01234"),
                ],
            )
        ],
    )
    triples = document_triples(doc)
    zaak = URIRef(ID + "zaak/2024Z16988")
    assert (zaak, URIRef(KLD + "heeftAntwoord"), URIRef(ID + "document/ah-tk-20242025-583")) in triples
    assert (zaak, URIRef(KLD + "heeftNaderAntwoord"), URIRef(ID + "tkdocument/2025D01234")) in triples
