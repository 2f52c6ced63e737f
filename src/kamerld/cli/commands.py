"""The commands. Each parses its options, calls one library function and prints the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kamerld.batch.budget import Budget
from kamerld.batch.report import RunReport, quoted

from .. import api
from ..errors import UsageError
from ..rdf.base_uri import DEFAULT_BASE
from ..readers import READERS
from ..writers import DOCUMENT_FORMATS, FORMATS, get_format
from .group import EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, check_base, cli

base_option = click.option(
    "--base", default=DEFAULT_BASE, show_default=True, callback=check_base,
    help="URI base: things under {base}id/, pages under {base}doc/.",
)


#: the validation engine, the same option for convert and build (build always validates: its output feeds
#: the site and the store)
shacl_option = click.option(
    "--shacl", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
    help="Validation engine: the compiled validator, or the pySHACL reference (slow).",
)


def budget_options(f):
    """--max-seconds and --max-memory: what one input may cost before it is stopped and failed."""
    f = click.option("--max-memory", default=Budget.memory // 2**20, show_default=True,
                     type=click.IntRange(128, None),
                     help="MiB a worker may hold while converting one input; more fails that input.")(f)
    return click.option("--max-seconds", default=Budget.seconds, show_default=True,
                        type=click.FloatRange(1, None),
                        help="Seconds one input may take; longer fails that input.")(f)


def output_formats(value: str) -> tuple[str, ...]:
    """The formats of --to, or a usage error: none at all is not a choice."""
    formats = tuple(dict.fromkeys(get_format(f).name for f in value.split(",") if f.strip()))
    if not formats:
        known = ", ".join(f.name for f in FORMATS)
        raise UsageError(f"--to names no output format; known formats: {known}")
    return formats


def document_formats(value: str) -> tuple[str, ...]:
    """The formats of `build --to`: those a document is written in one file each (not RDF/XML, which
    only `convert` writes)."""
    formats = output_formats(value)
    allowed = [f.name for f in DOCUMENT_FORMATS]
    wrong = [f for f in formats if f not in allowed]
    if wrong:
        raise UsageError(f"--to {', '.join(wrong)}: a build writes each document as {', '.join(allowed)}")
    return formats


def nothing_to_convert(report: RunReport, inputs: tuple[str, ...]) -> None:
    """No input at all is a mistake in the command, not a success (exit 2, with what was skipped)."""
    if report.counts()["inputs"]:  # not `report.inputs`: a build's report would parse every line for it
        return
    skipped = f" ({len(report.skipped)} other file(s) skipped, see below)" if report.skipped else ""
    click.echo(report.summary(), err=True)
    raise UsageError(f"nothing to convert: no input files in {', '.join(quoted(i) for i in inputs)}"
                     f"{skipped}", hint="kamerld reads .txt, .xml, .docx and .pdf files")


@cli.command("convert")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default="output",
              show_default=True, help="Folder for one file per document and format.")
@click.option("--format", "reader", type=click.Choice(sorted(READERS)), default=None,
              help="Input format; detected from the content when not given.")
@click.option("--to", "outputs", default="turtle,jsonld", show_default=True,
              help=f"Output formats, comma-separated: {', '.join(f.name for f in FORMATS)}.")
@base_option
@shacl_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; not recommended).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the run report as JSON to this file.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes.")
@budget_options
def convert_cmd(inputs, out, reader, outputs, base, shacl, no_validate, report_path, jobs, max_seconds,
                max_memory):
    """Convert documents to RDF: one Turtle and one JSON-LD file per document.

    INPUTS are files or folders (searched for .txt, .text, .xml, .docx, .pdf, .html and .htm files;
    every other file is listed as skipped, with its reason). Each input is converted in a worker
    process on its own budget (--max-seconds, --max-memory): one that runs over it fails alone, with
    that reason. An input that holds a document another input already gave fails, naming both files.

    \b
    Example:
        kamerld convert examples/ -o output/
        kamerld convert letter.txt --format letter-text --to turtle,ntriples -o out/
    """
    report = api.convert(inputs, out, formats=output_formats(outputs), base=base, validate=not no_validate,
                         shacl=shacl, reader=reader, jobs=jobs, max_seconds=max_seconds,
                         max_memory=max_memory * 2**20)
    nothing_to_convert(report, inputs)
    if report_path:
        from kamerld.writers.atomic import output_error, write_atomic

        try:
            # a file name that is not UTF-8 (its odd bytes are lone surrogates in Python) is written
            # as JSON's \uDCxx escape, not a UnicodeEncodeError
            write_atomic(report_path, report.to_json().encode("utf-8", "backslashreplace"))
        except OSError as exc:
            raise output_error(exc, report_path) from exc
    for r in report.inputs:
        for d in r.documents:
            flag = "" if not d.violations else click.style(f"  {d.violations} violation(s)", fg="red")
            click.echo(f"{quoted(r.path)} -> {quoted(d.id)} ({d.kind}: {d.questions} vragen, "
                       f"{d.answers} antwoorden, {d.citations} verwijzingen){flag}", err=True)
    click.echo(report.summary(), err=True)
    if report.failed:
        sys.exit(EXIT_INPUT)
    if report.violations:
        sys.exit(EXIT_VIOLATIONS)
    sys.exit(EXIT_OK)


@cli.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for machines.")
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Shapes file; by default both kamerld files, the Violations and the advice.")
@click.option("--lang", type=click.Choice(["en", "nl"]), default="en", show_default=True,
              help="Language of the messages.")
def validate_cmd(paths, fmt, shapes, lang):
    """Validate RDF files (Turtle, JSON-LD, N-Triples) against the kamerld SHACL shapes.

    Exits 1 when any file has a violation; warnings and infos are reported but do not fail.

    \b
    Example:
        kamerld validate output/
        kamerld validate output/ah-tk-20242025-583.ttl --format json
    """
    from ..validation.files import validate_paths

    results = validate_paths(paths, shapes=shapes, lang=lang)
    if fmt == "json":
        click.echo(json.dumps({p: r.to_dict() for p, r in results.items()}, indent=2, ensure_ascii=False))
    else:
        for p, r in results.items():
            click.echo(f"{p}: {r.text(lang)}")
    sys.exit(EXIT_VIOLATIONS if any(not r.conforms for r in results.values()) else EXIT_OK)


@cli.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--documents", "per_document", is_flag=True, help="Also list every document.")
@click.option("--json", "as_json", is_flag=True, help="Print the full run report as JSON instead.")
def report_cmd(paths, per_document, as_json):
    """Report on a folder of documents: a table per layout (documents, questions, answers,
    unanswered questions, citations, warnings) and the names the registers did not know.

    \b
    Example:
        kamerld report ../shared/corpus
    """
    from kamerld.batch.corpus_report import corpus_report, render

    report = corpus_report(list(paths))
    click.echo(report.to_json() if as_json else render(report, per_document))


@cli.command("registers")
@click.option("--kind", type=click.Choice(["ministries", "posts", "fracties", "persons", "all"]),
              default="all", show_default=True, help="Which register to list.")
@click.option("--unresolved", "paths", multiple=True, type=click.Path(exists=True),
              help="Convert these inputs (no output) and list what the registers did not know.")
@click.option("--coverage", is_flag=True, help="Per register: rows, the years they cover, what they carry.")
@click.option("--import-from", "source_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Rebuild the register files from the open sources in this folder "
                   "(../shared/registers-src).")
@click.option("--to", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --import-from: write the files here instead of into the package's registers.")
def registers_cmd(kind, paths, coverage, source_dir, out_dir):
    """List what the registers hold (ministries with TOOI URIs, posts, fracties, people), what years
    they cover (--coverage), the names in a set of documents that they did not know (--unresolved),
    or rebuild them from their sources (--import-from).

    \b
    Example:
        kamerld registers --kind ministries
        kamerld registers --coverage
        kamerld registers --unresolved ../shared/corpus/txt-koop-pdf
        kamerld registers --import-from ../shared/registers-src
    """
    from ..registers import get_registers

    if source_dir is not None:
        from ..registers.importer import REGISTERS_DIR, write

        target = out_dir or REGISTERS_DIR
        for name, n in write(source_dir, target).items():
            click.echo(f"{target / name}\t{n} rows")
        return
    if paths:
        from kamerld.batch.corpus_report import corpus_report, unresolved_names

        names = unresolved_names(corpus_report(list(paths), validate=False))
        for name, docs in names.items():
            click.echo(f"{name}\t{', '.join(i for i, _ in docs)}")
        click.echo(f"{len(names)} unresolved name(s)", err=True)
        return
    regs = get_registers()
    if coverage:
        click.echo("register\trows\tfrom\tto\twhat")
        for row in regs.coverage():
            click.echo("\t".join(str(row[c]) for c in ("register", "rows", "from", "to", "detail")))
        return
    for line in regs.listing(kind):
        click.echo(line)
    click.echo(", ".join(f"{k}: {v}" for k, v in regs.summary().items()), err=True)
