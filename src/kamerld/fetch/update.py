"""`kamerld update`: the one command a nightly job runs.

1. the Tweede Kamer's SyncFeed is read from the position the last run reached (categories Document,
   Zaak, ZaakActor; the position is saved after every page): a document the folder holds that the
   Kamer deleted is withdrawn; a change to a zaak the folder holds (a new answer, a mededeling, an
   actor) marks that zaak's documents for fresh metadata, and a new document of such a zaak that KOOP
   will publish is wanted by its KOOP id;
2. KOOP's SRU service is asked for what changed since the last run (`dt.modified` of the stored
   selection), plus the ids of step 1 and those a previous run could not get (kept as pending);
3. a withdrawn document's files leave the folder, so the build drops its outputs;
4. `kamerld build` runs incrementally over the folder;
5. the changes go into the feed (`changes`): new questions, answers and mededelingen, questions
   past the three-week term without an answer, withdrawn documents.

The first update after `kamerld fetch` reads the SyncFeed from its beginning, `max_pages` pages a
category per run (later runs go on from where it stopped). A run that fails part-way keeps what it
did and the same command later goes on; only complete runs move the SRU date on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..errors import UsageError
from . import changes as feed
from .changes import Change
from .fetcher import Fetcher, FetchReport, _now
from .layout import METADATA, STATE_FILE, document_file, read_json, sidecars, write_json
from .selection import Selection
from .sru import KOOP_ID
from .syncfeed import CATEGORIES, Entry, SyncFeedClient
from .tk import ROLES, aanhangsel_id

TERM = timedelta(weeks=3)  # Reglement van Orde: written questions are answered within three weeks
CREATED = {"kamervragen": "vragen", "antwoorden": "antwoord", "mededelingen": "mededeling"}


def load_state(root: Path) -> dict:
    state = read_json(root / STATE_FILE)
    if state is None or not isinstance(state.get("selections"), list) or not state["selections"]:
        raise UsageError(f"the folder holds no fetch state ({STATE_FILE}): run `kamerld fetch {root} …` "
                         "first", str(root))
    return state


def save_state(root: Path, state: dict) -> None:
    write_json(root / STATE_FILE, state)


def record_fetch(root: Path, selection: Selection, report: FetchReport, *, tk: bool,
                 today: date | None = None) -> None:
    """After `kamerld fetch`: remember the selection (an update repeats every one), what could not be
    fetched (tried again next time) and, when nothing failed, the day (updates ask KOOP what changed
    since then)."""
    state = read_json(root / STATE_FILE) or {}
    selections = [s for s in state.get("selections") or [] if s != selection.to_json()]
    state["selections"] = [*selections, selection.to_json()]
    state["tk"] = tk
    state["pending"] = sorted(set(state.get("pending") or []) | _pending(report))
    if report.complete and not state.get("last_run"):
        state["last_run"] = (today or datetime.now(UTC).date()).isoformat()
    save_state(root, state)


def _pending(report: FetchReport) -> set[str]:
    return {o.id for o in report.failed} | {n.split(":", 1)[0] for n in report.notes
                                            if n.endswith("not at KOOP (yet)")}


@dataclass
class Holdings:
    """What the folder holds, from its fetch records: by TK document id, by zaak."""

    records: dict[str, tuple[Path, dict]] = field(default_factory=dict)  # local id -> (sidecar, record)
    by_tk_document: dict[str, str] = field(default_factory=dict)  # TK Document GUID -> local id
    by_zaak_guid: dict[str, str] = field(default_factory=dict)  # TK Zaak GUID -> zaak number
    by_zaak: dict[str, set[str]] = field(default_factory=dict)  # zaak number -> local ids

    @classmethod
    def scan(cls, root: Path) -> Holdings:
        h = cls()
        for sidecar in sidecars(root):
            rec = read_json(sidecar)
            if not rec or not isinstance(rec.get("id"), str) or not KOOP_ID.match(rec["id"]):
                continue
            if sidecar.name != f"{rec['id']}.fetch.json":
                continue  # a record that names another document than its file: not trusted
            h.records[rec["id"]] = (sidecar, rec)
            tk = rec.get("tk") or {}
            if isinstance(tk.get("document"), dict) and tk["document"].get("id"):
                h.by_tk_document[tk["document"]["id"]] = rec["id"]
            numbers = list((rec.get("record") or {}).get("vraagnummer") or [])
            for z in tk.get("zaken") or []:
                if isinstance(z, dict) and z.get("id") and z.get("nummer"):
                    h.by_zaak_guid[z["id"]] = z["nummer"]
                    numbers.append(z["nummer"])
            for n in numbers:
                h.by_zaak.setdefault(n, set()).add(rec["id"])
        return h


@dataclass
class UpdateReport:
    fetch: FetchReport
    withdrawn: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    feed_positions: dict[str, int | None] = field(default_factory=dict)
    feed_problems: list[str] = field(default_factory=list)
    build: object | None = None  # the build's RunReport
    seconds: float = 0.0

    def summary(self) -> str:
        kinds = {}
        for c in self.changes:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        told = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "nothing new"
        return f"fetch: {self.fetch.summary()}\nwithdrawn: {len(self.withdrawn)}; feed: {told}"


def _syncfeed(client: SyncFeedClient, state: dict, held: Holdings, root: Path) -> tuple[set[str], set[str]]:
    """Walk the SyncFeed: (local ids withdrawn, KOOP ids wanted: refreshed or announced)."""
    withdrawn: set[str] = set()
    wanted: set[str] = set()
    positions = state.setdefault("syncfeed", {})

    def zaak_of(e: Entry) -> str | None:
        for ref in e.refs.get("zaak", []):
            if ref in held.by_zaak_guid:
                return held.by_zaak_guid[ref]
        return None

    for category in CATEGORIES:
        for entries, position in client.pages(category, positions.get(category)):
            for e in entries:
                if category == "Document":
                    local = held.by_tk_document.get(e.id)
                    if e.deleted and local:
                        withdrawn.add(local)
                        continue
                    if local:
                        wanted.add(local)
                    number = zaak_of(e)
                    if number and not e.deleted:
                        wanted |= held.by_zaak.get(number, set())
                        soort = e.fields.get("soort")
                        if soort == "Schriftelijke vragen":
                            wanted.add(f"kv-tk-{number}")
                        elif soort in ROLES:
                            f = e.fields
                            found = aanhangsel_id(f.get("vergaderjaar"), f.get("aanhangselnummer"))
                            if found:
                                wanted.add(found)
                elif category == "Zaak" and e.id in held.by_zaak_guid:
                    wanted |= held.by_zaak.get(held.by_zaak_guid[e.id], set())
                elif category == "ZaakActor":
                    number = zaak_of(e)
                    if number:
                        wanted |= held.by_zaak.get(number, set())
            positions[category] = position
            save_state(root, state)  # a page at a time: an interrupted walk goes on from here
    return withdrawn, wanted - withdrawn


def _withdraw(held: Holdings, local: str) -> None:
    sidecar, rec = held.records[local]
    doc = document_file(sidecar, rec)
    for path in {doc, sidecar.with_name(f"{local}{METADATA}"), sidecar} - {None}:
        path.unlink(missing_ok=True)  # type: ignore[union-attr]


def _overdue(held: Holdings, today: date, reported: set[str], when: str) -> list[Change]:
    """Questions submitted more than three weeks ago whose zaak has no answer, each told once."""
    out: list[Change] = []
    answered: set[str] = set()
    for _, rec in held.records.values():
        if rec.get("kind") == "antwoorden":
            answered |= set((rec.get("record") or {}).get("vraagnummer") or [])
        for z in (rec.get("tk") or {}).get("zaken") or []:
            if any(d.get("rol") in ("antwoord", "nader-antwoord") for d in z.get("documenten") or []):
                answered.add(z.get("nummer"))
    for local, (_, rec) in sorted(held.records.items()):
        if rec.get("kind") != "kamervragen" or local in reported:
            continue
        r = rec.get("record") or {}
        zaak = local[len("kv-tk-"):] if local.startswith("kv-tk-") else None
        try:
            submitted = date.fromisoformat(str(r.get("date"))[:10])
        except ValueError:
            continue
        if zaak not in answered and submitted + TERM < today:
            reported.add(local)
            out.append(Change("termijn", local, r.get("title"), when, zaak=zaak, date=submitted.isoformat()))
    return out


def update(root: Path, out: Path, fetcher: Fetcher, syncfeed: SyncFeedClient | None, *,
           build_options=None, jobs: int = 2, progress: bool | None = None,
           today: date | None = None) -> UpdateReport:
    """Steps 1-5 above; the build's and the fetch's reports in one."""
    start = time.perf_counter()
    root, out = Path(root), Path(out)
    state = load_state(root)
    selections = [Selection.from_json(s) for s in state["selections"]]
    today = today or datetime.now(UTC).date()
    when = _now()
    held = Holdings.scan(root)
    report = UpdateReport(fetch=FetchReport(selection={"selections": state["selections"]}, started=when))

    # 1. what the Tweede Kamer changed
    withdrawn: set[str] = set()
    wanted: set[str] = set()
    if syncfeed is not None and fetcher.tk:
        withdrawn, wanted = _syncfeed(syncfeed, state, held, root)
        report.feed_problems = list(syncfeed.problems)
    report.feed_positions = dict(state.get("syncfeed") or {})

    # 2. what KOOP changed, and what was wanted
    last = state.get("last_run")
    since = date.fromisoformat(last) if isinstance(last, str) else None
    extra = tuple(sorted((wanted | set(state.get("pending") or [])) - withdrawn))
    for i, selection in enumerate(selections):
        fetcher.run(selection, modified_since=since, extra_ids=extra if i == 0 else (), report=report.fetch)

    # 3. withdrawn at the source: out of the folder, so out of the build
    for local in sorted(withdrawn):
        if local in held.records:
            _withdraw(held, local)
            report.withdrawn.append(local)

    # 4. the build
    from kamerld.batch.build import BUILD_OUTPUTS, build
    from kamerld.batch.pipeline import Options

    options = build_options or Options(outputs=BUILD_OUTPUTS)
    report.build = build([root], out, options, jobs=jobs, progress=progress)

    # 5. the feed
    now_held = Holdings.scan(root)
    for o in report.fetch.documents:
        if o.status == "new" and o.kind in CREATED:
            rec = now_held.records.get(o.id, (None, {}))[1]
            zaken = (rec.get("record") or {}).get("vraagnummer") or []
            report.changes.append(Change(CREATED[o.kind], o.id, o.title, when, zaak=(zaken or [None])[0],
                                         date=o.date))
    for local in report.withdrawn:
        rec = held.records[local][1]
        report.changes.append(Change("ingetrokken", local, (rec.get("record") or {}).get("title"), when))
    reported = set(state.get("overdue_reported") or [])
    report.changes += _overdue(now_held, today, reported, when)
    feed.record(out / "feed", report.changes, options.base)

    state["pending"] = sorted(_pending(report.fetch))
    state["overdue_reported"] = sorted(reported)
    if report.fetch.complete:
        state["last_run"] = today.isoformat()
    save_state(root, state)
    report.seconds = time.perf_counter() - start
    return report
