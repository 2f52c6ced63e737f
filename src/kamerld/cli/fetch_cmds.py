"""`kamerld fetch` and `kamerld update`: the official services into a folder `kamerld build` reads."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..errors import KamerldError
from ..rdf.base_uri import DEFAULT_BASE
from .group import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, check_base, cli

EXIT_FETCH = 5  # errors.FetchError.exit_code


def _day(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-11-01") from None


def _many(ctx, param, values):
    """Repeatable options that also take comma-separated lists: --kind antwoorden,mededelingen."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def service_options(f):
    """Where and how politely to ask: shared by fetch and update."""
    for option in reversed([
        click.option("--mirror", metavar="URL", default=None,
                     help="Fetch from this mirror (or test server) instead of the official services: "
                          "every official host is mapped onto it by path."),
        click.option("--no-tk", "no_tk", is_flag=True,
                     help="Skip the Tweede Kamer's metadata (zaak, D-numbers, TK ids of people)."),
        click.option("--rate", default=2.0, show_default=True, type=click.FloatRange(min=0.01),
                     help="At most this many requests a second."),
        click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
                     help="Seconds to wait for an answer."),
        click.option("--retries", default=4, show_default=True, type=click.IntRange(0, 20),
                     help="Tries again on 429, 5xx, timeouts and cut-off answers, waiting 1, 2, 4 … s "
                          "or what Retry-After says."),
        click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal)."),
    ]):
        f = option(f)
    return f


def _fetcher(out: Path, mirror, no_tk, rate, timeout, retries, progress):
    from kamerld.batch.pipeline import INPUT_SUFFIXES

    from ..fetch.fetcher import Clients, Fetcher
    from ..fetch.progress import FetchProgress
    from ..fetch.services import Services

    clients = Clients.create(Services(mirror), rate=rate, timeout=timeout, retries=retries)
    bar = FetchProgress(sys.stderr.isatty() if progress is None else progress)
    return Fetcher(clients, out, tk=not no_tk, readable=INPUT_SUFFIXES, progress=bar), bar


def _cannot_write(exc: OSError, folder: Path) -> KamerldError:
    return KamerldError(f"cannot write: {exc.strerror or exc}", exc.filename or str(folder),
                        "check the folder's permissions and free space")


def _tell(report) -> None:
    for o in report.failed:
        click.secho(f"failed: {o.id}: {o.url}: {o.reason}", fg="red", err=True)
    for e in report.errors:
        click.secho(f"error: {e}", fg="red", err=True)
    for p in report.problems:
        click.secho(f"problem: {p}", fg="yellow", err=True)
    for n in report.notes:
        click.echo(f"note: {n}", err=True)
    click.echo(report.summary(), err=True)


@cli.command("fetch")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--since", callback=_day, help="Publications dated on or after this day (2024-11-01).")
@click.option("--until", callback=_day, help="… and on or before this day.")
@click.option("--kind", "kinds", multiple=True, callback=_many,
              help="kamervragen, antwoorden, mededelingen, kamerstukken, lijsten (van vragen en "
                   "antwoorden), verslagen (van een schriftelijk overleg); repeat or comma-separate. "
                   "Default: kamervragen, antwoorden, mededelingen; for a dossier: its kamerstukken.")
@click.option("--zaak", "zaken", multiple=True, callback=_many,
              help="Every document of a Tweede Kamer zaak (2024Z16988).")
@click.option("--dossier", "dossiers", multiple=True, callback=_many,
              help="Kamerstukken of a dossier (36200 or 36200-VII).")
@click.option("--id", "ids", multiple=True, callback=_many, help="A KOOP id (ah-tk-20242025-562).")
@service_options
def fetch_cmd(folder, since, until, kinds, zaken, dossiers, ids, mirror, no_tk, rate, timeout, retries,
              progress):
    """Download publications and their metadata from KOOP (officielebekendmakingen.nl) and the
    Tweede Kamer's open data into FOLDER, in the layout `kamerld build` reads: the best manifestation
    (XML, else PDF, else HTML) and metadata.xml of each, and a fetch record with every file's URL,
    time and SHA-256. What is on disk with the right checksum is not fetched again, so an
    interrupted fetch resumes. Exit code 5 when a document could not be fetched (each is named
    with its URL; run again to retry).

    \b
    Example:
        kamerld fetch data/ --since 2024-11-01 --until 2024-11-30
        kamerld fetch data/ --zaak 2024Z16988
        kamerld fetch data/ --dossier 36200-VII --kind lijsten
        kamerld build data/ -o build/
    """
    from ..fetch.selection import Selection
    from ..fetch.update import record_fetch

    selection = Selection(since=since, until=until, kinds=kinds, zaken=zaken, dossiers=dossiers, ids=ids)
    fetcher, bar = _fetcher(folder, mirror, no_tk, rate, timeout, retries, progress)
    try:
        report = fetcher.run(selection)
    except OSError as exc:  # a full disk, a folder we may not write
        raise _cannot_write(exc, folder) from None
    finally:
        bar.close()
    record_fetch(folder, selection, report, tk=not no_tk)
    _tell(report)
    sys.exit(EXIT_OK if report.complete else EXIT_FETCH)


@cli.command("update")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Build folder (as for kamerld build), with feed/changes.atom and feed/changes.ttl.")
@click.option("-j", "--jobs", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, callback=check_base, help="URI base.")
@click.option("--max-pages", default=1000, show_default=True, type=click.IntRange(1),
              help="SyncFeed pages read per category and run (the next run goes on from there).")
@service_options
def update_cmd(folder, out, jobs, base, max_pages, mirror, no_tk, rate, timeout, retries, progress):
    """Fetch what is new or changed since the last run into FOLDER (made by `kamerld fetch`, whose
    selections it repeats), drop what the Tweede Kamer withdrew, build OUT incrementally and write
    what changed as a feed: new questions, answers and mededelingen, questions past the three-week
    term, withdrawn documents. The one command a nightly job runs.

    \b
    Example:
        kamerld fetch data/ --since 2010-01-01      # once
        kamerld update data/ -o build/              # every night
    """
    from kamerld.batch.build import BUILD_OUTPUTS
    from kamerld.batch.pipeline import Options

    from ..fetch.syncfeed import SyncFeedClient
    from ..fetch.update import load_state, update

    state = load_state(folder)
    tk = bool(state.get("tk", True)) and not no_tk
    fetcher, bar = _fetcher(folder, mirror, not tk, rate, timeout, retries, progress)
    syncfeed = SyncFeedClient(fetcher.c.http, max_pages=max_pages) if tk else None
    try:
        options = Options(base=base, outputs=BUILD_OUTPUTS)
        report = update(folder, out, fetcher, syncfeed, build_options=options, jobs=jobs, progress=progress)
    except OSError as exc:
        raise _cannot_write(exc, folder) from None
    finally:
        bar.close()
    _tell(report.fetch)
    for p in report.feed_problems:
        click.secho(f"problem: {p}", fg="yellow", err=True)
    for w in report.withdrawn:
        click.echo(f"withdrawn: {w}", err=True)
    click.echo(f"feed: {len(report.changes)} change(s) -> {out / 'feed' / 'changes.atom'}", err=True)
    click.echo(report.build.summary(), err=True)
    if not report.fetch.complete:
        sys.exit(EXIT_FETCH)
    if report.build.failed:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_VIOLATIONS if report.build.violations else EXIT_OK)
