"""`kamerld build`: a whole folder tree into per-document files, dumps and a run report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..rdf.base_uri import DEFAULT_BASE
from .commands import budget_options, document_formats, nothing_to_convert, shacl_option
from .group import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, check_base, cli


@cli.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Build folder: documents/, dumps/, report.json.")
@click.option("-j", "--jobs", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, callback=check_base, help="URI base.")
@click.option("--to", "outputs", default="turtle,jsonld", show_default=True,
              help="The files written for each document, comma-separated: turtle, jsonld, ntriples. "
                   "The dumps hold all three whatever this says; one format is one file a document.")
@shacl_option
@click.option("--no-dumps", is_flag=True, help="Skip the gzipped whole-dataset dumps.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when on a terminal).")
@click.option("--retry-failed", is_flag=True,
              help="Convert again the unchanged inputs an earlier build refused for their content or "
                   "stopped by a budget.")
@budget_options
def build_cmd(inputs, out, jobs, base, outputs, shacl, no_dumps, progress, retry_failed, max_seconds,
              max_memory):
    """Convert whole folders in parallel, incrementally: only new and changed inputs are redone,
    outputs of removed inputs are removed, and an interrupted build resumes. Every document is
    validated. Writes OUT/documents/ (Turtle and JSON-LD per document, or the formats --to names, in
    256 shard folders named by the first two hex digits of the SHA-1 of the file name; what each
    document says, and beside them the corpus graphs _registers and _links, validated once per
    build), OUT/dumps/ (N-Triples, Turtle and JSON-LD, gzipped; rewritten only when something
    changed) and OUT/report.json (every input with its status, every other file skipped with its
    reason). An input whose size and modification time did not change is not read again; a touched
    one is hashed. An unchanged input refused for its content (not a document, a damaged PDF) stays
    failed without being read again, and so does one a budget stopped while the budget is no larger
    (--retry-failed converts them again); one that failed for the moment (a crashed worker, a file it
    could not open) is tried again. Another --to than the last build's builds the folder anew.

    Each input has its own budget (--max-seconds, --max-memory) and fails alone when it runs over it
    or crashes its worker. A full or read-only disk stops the build (exit 4) keeping the last
    report and dumps; the same command resumes when there is space.

    \b
    Example:
        kamerld build ../shared/corpus examples -o build/ -j 2
    """
    from kamerld.batch.budget import Budget
    from kamerld.batch.build import build
    from kamerld.batch.options import Options

    options = Options(base=base, outputs=document_formats(outputs), shacl=shacl)
    report = build(inputs, out, options, jobs=jobs, progress=progress, dumps=not no_dumps,
                   budget=Budget(max_seconds, max_memory * 2**20), retry_failed=retry_failed)
    nothing_to_convert(report, inputs)
    click.echo(report.summary(), err=True)
    click.echo(f"report: {out / 'report.json'}", err=True)
    if report.failed:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_VIOLATIONS if report.violations else EXIT_OK)
