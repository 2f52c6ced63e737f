"""`kamerld fetch`: find the publications a selection names and download them into the folder layout.

Steps, chunk by chunk of records (so memory stays flat and an interrupted run keeps what it did):
1. a zaak asked for is looked up at the Tweede Kamer first: its documents name the KOOP ids;
2. KOOP's SRU service lists the publications (`selection.queries`);
3. the Tweede Kamer metadata of their zaken (and dossiers) is fetched, batched;
4. each record is sorted into its kind; the kinds not asked for are left;
5. each document's best manifestation (XML, else HTML, else PDF: the first that `kamerld build`
   reads comes first) and its metadata.xml are downloaded, unless on disk with the right checksum
   and unchanged at KOOP, and its fetch record is written (`layout`).

A document that fails is reported with the URL and the reason and the run goes on; the next run
fetches only what is missing. Only an unreachable service stops the run (`OfflineError`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kamerld.sources.safexml import parse_xml
from kamerld.writers.atomic import write_atomic

from ..errors import FetchError, InputError, OfflineError
from . import tk as tkmeta
from .http import HttpClient, NotFound
from .layout import (
    METADATA,
    REPORT_FILE,
    SIDECAR,
    current,
    folder_for,
    read_json,
    sha256_of,
    valid_file_name,
    write_json,
)
from .odata import ODataClient
from .selection import Selection, queries, record_kind, wanted
from .services import KOOP_FILES, Services
from .sru import KoopRecord, SruClient

PREFERENCE = ("xml", "html", "pdf")
CHUNK = 100


@dataclass
class Clients:
    """The three service clients, sharing one polite HTTP client (one rate limit for all)."""

    http: HttpClient
    sru: SruClient
    odata: ODataClient

    @classmethod
    def create(cls, services: Services | None = None, **http_options) -> Clients:
        http = HttpClient(services or Services(), **http_options)
        return cls(http=http, sru=SruClient(http), odata=ODataClient(http))


@dataclass
class Outcome:
    """What happened to one document: new, changed (KOOP has a newer version), repaired (a file was
    missing or damaged), unchanged, or failed (`reason`, `url`)."""

    id: str
    kind: str
    status: str
    files: list[str] = field(default_factory=list)
    url: str | None = None
    reason: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass
class FetchReport:
    selection: dict
    started: str
    documents: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # records or pages kamerld could not use
    notes: list[str] = field(default_factory=list)  # asked for, not there (yet)
    errors: list[str] = field(default_factory=list)  # queries not answered: what they would find is missing
    skipped: int = 0  # records of kinds not asked for
    requests: int = 0
    retries: int = 0
    bytes: int = 0
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for d in self.documents if d.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [d for d in self.documents if d.status == "failed"]

    @property
    def complete(self) -> bool:
        """Nothing failed: every query answered, every document fetched."""
        return not self.failed and not self.errors

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in ("new", "changed", "repaired", "unchanged", "failed")
                 if self.count(s)]
        errors = f"{len(self.errors)} query error(s); " if self.errors else ""
        return (f"{len(self.documents)} document(s): {', '.join(parts) or 'none'}; {errors}"
                f"{len(self.problems)} problem(s); {self.requests} request(s), {self.retries} retried, "
                f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s")

    def to_json(self) -> dict:
        return {**asdict(self), "summary": self.summary()}


ProgressCallback = Callable[[Outcome, int, int], None]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_summary(rec: KoopRecord) -> dict:
    return {
        "identifier": rec.identifier, "title": rec.title, "publicatienaam": rec.publicatienaam,
        "date": rec.date, "modified": rec.modified, "preferredUrl": rec.preferred_url,
        "vergaderjaar": rec.get("vergaderjaar"), "vraagnummer": rec.all("vraagnummer"),
        "dossiernummer": rec.all("dossiernummer"),
    }


def _zaak_numbers(rec: KoopRecord) -> list[str]:
    numbers = [n for n in rec.all("vraagnummer") if tkmeta.ZAAK_NUMBER.match(n)]
    if rec.identifier.startswith("kv-tk-"):
        numbers.append(rec.identifier[len("kv-tk-"):])
    return list(dict.fromkeys(numbers))


def _check_body(manifestation: str, data: bytes, url: str) -> None:
    """Refuse a body that is not what it claims: a service error page, a cut-off or broken file."""
    if manifestation in ("xml", "metadata"):
        try:
            parse_xml(data, url)
        except InputError as exc:
            raise FetchError(f"malformed {manifestation} ({exc.message})", url) from None
    elif manifestation == "pdf":
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
            raise FetchError("not a complete PDF (no %PDF- header or %%EOF trailer)", url)
    elif manifestation == "html" and b"<html" not in data[:4096].lower():
        raise FetchError("not an HTML page", url)


class Fetcher:
    def __init__(self, clients: Clients, root: Path, *, tk: bool = True,
                 readable: Iterable[str] = (".xml", ".pdf"), progress: ProgressCallback | None = None):
        self.c = clients
        self.root = Path(root)
        self.tk = tk
        ranked = [m for m in PREFERENCE if f".{m}" in set(readable)]
        self.preference = ranked + [m for m in PREFERENCE if m not in ranked]
        self.progress = progress
        self.zaken: dict[str, dict] = {}  # zaak number -> Tweede Kamer metadata
        self.dossier_docs: dict[str, dict] = {}  # kst id -> Tweede Kamer Document
        self._dossiers_done: set[str] = set()

    # -- finding ---------------------------------------------------------------------------------

    def zaak_ids(self, numbers: Iterable[str], report: FetchReport) -> set[str]:
        """The KOOP ids of every document of the zaken (and `kv-tk-{zaak}` for each)."""
        numbers = list(numbers)
        ids = {f"kv-tk-{n}" for n in numbers}
        if not self.tk:
            if numbers:
                report.notes.append("without Tweede Kamer metadata (--no-tk) a zaak gives only its questions")
            return ids
        try:
            self.zaken.update(tkmeta.zaken(self.c.odata, numbers))
        except OfflineError:
            raise
        except FetchError as exc:
            report.errors.append(f"{exc} (the zaken asked for were not found)")
            return ids
        for n in numbers:
            zaak = self.zaken.get(n)
            if zaak is None:
                report.notes.append(f"zaak {n}: not found at the Tweede Kamer")
                continue
            ids |= {d["koop"] for d in zaak["documenten"] if d["koop"]}
        return ids

    def records(self, cqls: list[str], report: FetchReport) -> Iterator[KoopRecord]:
        """Every record of every query, once. A query the service cannot answer (after the retries) is
        an error in the report; the other queries go on. An unreachable service stops the run."""
        seen: set[str] = set()
        for cql in cqls:
            try:
                for rec in self.c.sru.search(cql):
                    if rec.identifier not in seen:
                        seen.add(rec.identifier)
                        yield rec
            except OfflineError:
                raise
            except FetchError as exc:
                report.errors.append(str(exc))

    def _tk_for(self, recs: list[KoopRecord], report: FetchReport) -> None:
        """The Tweede Kamer metadata of a chunk of records. When the Kamer's service cannot answer,
        the documents are fetched without it (an error in the report; the next run fills it in)."""
        if not self.tk:
            return
        try:
            numbers = {n for r in recs for n in _zaak_numbers(r)} - set(self.zaken)
            if numbers:
                self.zaken.update(tkmeta.zaken(self.c.odata, numbers))
            for r in recs:
                if r.identifier.startswith("kst-"):
                    for dossier in r.all("dossiernummer")[:1]:
                        if dossier not in self._dossiers_done:
                            self._dossiers_done.add(dossier)
                            self.dossier_docs.update(tkmeta.dossier_documents(self.c.odata, dossier))
        except OfflineError:
            raise
        except FetchError as exc:
            report.errors.append(f"{exc} (Tweede Kamer metadata of this chunk not fetched)")

    def tk_record(self, rec: KoopRecord) -> dict | None:
        """The Tweede Kamer part of a document's fetch record: its Document and its zaken."""
        if not self.tk:
            return None
        zaken = [self.zaken[n] for n in _zaak_numbers(rec) if n in self.zaken]
        document = next((d for z in zaken for d in z["documenten"] if d["koop"] == rec.identifier), None)
        document = document or self.dossier_docs.get(rec.identifier)
        return {"document": document, "zaken": zaken}

    # -- downloading -----------------------------------------------------------------------------

    def _urls(self, rec: KoopRecord) -> list[tuple[str, str]]:
        listed = [m for m in self.preference if m in rec.items]
        if listed:
            return [(m, rec.items[m]) for m in listed]
        return [(m, f"{KOOP_FILES}{rec.identifier}.{m}") for m in self.preference]

    def _get_file(self, folder: Path, name: str, manifestation: str, url: str, version: str) -> dict:
        if not self.c.http.services.allowed(url):
            raise FetchError("the record names a URL outside the official services; not fetched", url)
        data = self.c.http.get(url)
        _check_body(manifestation, data, url)
        path = folder / name
        write_atomic(path, data)
        return {"manifestation": manifestation, "url": self.c.http.services.official(url), "version": version,
                "fetched": _now(), "sha256": sha256_of(path), "bytes": len(data)}

    def download(self, rec: KoopRecord, kind: str, tk: dict | None) -> Outcome:
        """Bring one document's files up to date; its fetch record is written after every file, so an
        interrupted run resumes with what is missing. A file belongs to the version of the record it
        was fetched for (KOOP's modification time): a newer version at KOOP fetches every file again."""
        doc_id = rec.identifier
        folder = folder_for(self.root, doc_id)
        folder.mkdir(parents=True, exist_ok=True)
        sidecar = folder / f"{doc_id}{SIDECAR}"
        old = read_json(sidecar) or {}
        # the record is read back from disk: only names this document's files may have count
        files: dict[str, dict] = {k: v for k, v in (old.get("files") or {}).items() if isinstance(v, dict)
                                  and valid_file_name(k) and k.startswith(f"{doc_id}.")}
        version = rec.modified or ""
        have = {n for n, e in files.items() if e.get("version") == version and current(folder, n, e)}
        record = {"id": doc_id, "kind": kind, "record": _record_summary(rec), "tk": tk,
                  "complete": False, "files": files}
        outcome = Outcome(doc_id, kind, "unchanged", title=rec.title, date=rec.date)
        old_version = (old.get("record") or {}).get("modified") or ""
        if old.get("complete") and files and have == set(files) and old_version == version:
            outcome.files = sorted(files)
            fresh = {**record, "complete": True}
            if any(old.get(k) != fresh[k] for k in ("kind", "tk", "record")):
                write_json(sidecar, fresh)  # the Tweede Kamer metadata moved on: a build redoes it
            return outcome
        had = old.get("complete") or any(e.get("manifestation") != "metadata" for e in files.values())
        outcome.status = "new" if not had else ("changed" if old_version != version else "repaired")
        meta_name = f"{doc_id}{METADATA}"
        try:
            doc_name = next((n for n in have if files[n].get("manifestation") != "metadata"), None)
            if doc_name is None:
                doc_name = self._document(rec, folder, files, sidecar, record, version)
            # a record that lists its manifestations lists metadata.xml when there is one
            url = rec.items.get("metadata") or (None if rec.items else f"{KOOP_FILES}{doc_id}/metadata.xml")
            if meta_name not in have and url:
                try:
                    files[meta_name] = self._get_file(folder, meta_name, "metadata", url, version)
                except NotFound:
                    files.pop(meta_name, None)
            for stale in [n for n in files if n not in (doc_name, meta_name)]:
                (folder / stale).unlink(missing_ok=True)  # an earlier version's other manifestation
                files.pop(stale)
            record["complete"] = True
        except OfflineError:
            write_json(sidecar, record)
            raise
        except FetchError as exc:
            outcome.status, outcome.url, outcome.reason = "failed", exc.path, exc.message
        write_json(sidecar, record)
        outcome.files = sorted(files)
        return outcome

    def _document(self, rec: KoopRecord, folder: Path, files: dict, sidecar: Path, record: dict,
                  version: str) -> str:
        """Download the best manifestation there is; its name. A manifestation the service does not
        have (404) gives way to the next; any other failure fails the document."""
        tried: list[str] = []
        for manifestation, url in self._urls(rec):
            name = f"{rec.identifier}.{manifestation}"
            try:
                files[name] = self._get_file(folder, name, manifestation, url, version)
            except NotFound:
                tried.append(url)
                continue
            write_json(sidecar, record)  # kept even if the metadata fails: a resume will not fetch it again
            return name
        raise FetchError(f"no manifestation of {rec.identifier} found ({len(tried)} tried)",
                         tried[0] if tried else None)

    # -- the run -----------------------------------------------------------------------------------

    def run(self, selection: Selection, *, modified_since=None, extra_ids: tuple[str, ...] = (),
            report: FetchReport | None = None) -> FetchReport:
        start = time.perf_counter()
        report = report or FetchReport(selection=selection.to_json(), started=_now())
        self.root.mkdir(parents=True, exist_ok=True)
        http = self.c.http
        before = (http.stats.requests, http.stats.retries, http.stats.bytes)
        try:
            zaak_ids = self.zaak_ids(selection.zaken, report) if selection.zaken else set()
            asked = set(selection.ids) | zaak_ids | set(extra_ids)
            found: set[str] = set()
            chunk: list[KoopRecord] = []
            cqls = queries(selection, modified_since, tuple(sorted(zaak_ids | set(extra_ids))))
            for rec in self.records(cqls, report):
                found.add(rec.identifier)
                chunk.append(rec)
                if len(chunk) >= CHUNK:
                    self._chunk(chunk, selection, frozenset(zaak_ids | set(extra_ids)), report)
                    chunk = []
            self._chunk(chunk, selection, frozenset(zaak_ids | set(extra_ids)), report)
            if modified_since is not None:
                asked -= set(selection.ids)  # asked by name, but perhaps only unchanged since
            for missing in sorted(asked - found):
                report.notes.append(f"{missing}: not at KOOP (yet)")
        finally:
            report.problems += [str(p) for p in self.c.sru.problems]
            self.c.sru.problems.clear()
            report.requests += http.stats.requests - before[0]
            report.retries += http.stats.retries - before[1]
            report.bytes += http.stats.bytes - before[2]
            report.seconds += time.perf_counter() - start
            write_json(self.root / REPORT_FILE, report.to_json())
        return report

    def _chunk(self, recs: list[KoopRecord], selection: Selection, zaak_ids: frozenset[str],
               report: FetchReport) -> None:
        if not recs:
            return
        self._tk_for(recs, report)
        for rec in sorted(recs, key=lambda r: r.identifier):
            tk = self.tk_record(rec)
            soort = ((tk or {}).get("document") or {}).get("soort")
            kind = record_kind(rec, soort)
            if not wanted(selection, rec, kind, zaak_ids):
                report.skipped += 1
                continue
            outcome = self.download(rec, kind, tk)
            report.documents.append(outcome)
            if self.progress:
                self.progress(outcome, len(report.documents), max(self.c.sru.total - report.skipped, 0))
