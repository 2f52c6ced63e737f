"""The `kamerld` click group, its exit codes and the one place errors become messages (the package's
docstring says which code means what). The commands, in the modules beside this one, add themselves to
the group."""

from __future__ import annotations

import sys

import click

from kamerld.sources.chars import printable

from ..errors import KamerldError

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it; never 1, which means SHACL violations


def check_base(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """--base: an http(s) IRI, ending in "/" (the library's Minter says why not)."""
    from ..rdf.base_uri import DEFAULT_BASE

    if value == DEFAULT_BASE:  # the default is valid: a build with nothing to do loads no rdflib
        return value
    from ..rdf.uris import Minter

    try:
        return Minter(value).base
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


class KamerldGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KamerldError as exc:
            click.secho(f"Error: {printable(str(exc))}", fg="red", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.secho("Interrupted: what was finished is kept; run the same command again to go on.",
                        fg="yellow", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=KamerldGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kamerld")
def cli() -> None:
    """kamerld: Dutch parliamentary written questions and answers as linked open data.

    Reads Kamervragen, answers, mededelingen, lijsten van vragen en antwoorden, verslagen, nota's
    and memories van antwoord in every layout they come in (KOOP PDF text and web pages, ministry
    DOCX, Rekenkamer letters, historic OCR, KOOP and VLOS XML, PDF) and writes RDF
    (Turtle, JSON-LD, N-Triples) that conforms to the kamerld shapes. Fetches them, and keeps them
    up to date, from KOOP and the Tweede Kamer's open data (fetch, update).

    \b
    Exit codes: 0 all good, 1 validation violations, 2 usage error, 3 unreadable input,
    4 the output cannot be written, 5 a fetch failed (service unreachable, or a document not
    fetched), 6 a data file of kamerld is broken, 7 shapes the fast validator cannot check,
    130 interrupted.
    """
