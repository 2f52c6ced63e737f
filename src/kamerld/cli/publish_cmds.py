"""Publishing commands: a static linked-data site, a local server, loading into a SPARQL store."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from ..rdf.base_uri import DEFAULT_BASE
from .group import check_base, cli


def _packaged(name: str) -> Path:
    return Path(str(resources.files("kamerld").joinpath(name)))


@cli.command("publish")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the site (created; generated folders in it are rebuilt).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, callback=check_base,
              help="URI base of the data.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Count the days of open questions to this date (YYYY-MM-DD; default: today).")
@click.option("--search/--no-search", default=True, show_default=True,
              help="Build the offline search index (pagefind/).")
@click.option("--catalog", "catalog_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="TOML file with the publisher, contact point, licence and the other "
              "DCAT fields (docs/publishing.md); without it, kamerld's placeholders, with a warning.")
def publish_cmd(sources, out, base, as_of, search, catalog_file):
    """Build a static linked-data site from converted documents (.ttl/.nt/.jsonld files or folders):
    a page per resource (also per resource only linked to) in HTML, Turtle, JSON-LD, N-Triples and
    RDF/XML (a question page with its answer, who asked, to whom, when and the delay), index pages
    per fractie, member, ministry, dossier and year, statistics with charts, an offline search index,
    the ontology, both shapes files and the context under def/, dumps, questions.csv and
    citations.csv, VoID and DCAT-AP-NL descriptions with pages of their own, and nginx/Apache rules
    for 303 redirects and content negotiation.

    \b
    Example:
        kamerld convert examples/ -o output/ && kamerld publish output/ -o site/ --catalog catalog.toml
    """
    from ..publish.catalog import catalog_info_from_toml
    from ..publish.site import publish_site

    info = catalog_info_from_toml(catalog_file) if catalog_file else None
    report = publish_site(list(sources), out, base=base, ontology=_packaged("data/ontology.ttl"),
                          shapes=_packaged("data/shapes.ttl"),
                          advisory_shapes=_packaged("data/shapes-advisory.ttl"),
                          context=_packaged("rdf/context.jsonld"), catalog_info=info,
                          today=as_of.date() if as_of else None, with_search=search)
    for w in report.warnings:
        click.secho(f"warning: {w}", fg="yellow", err=True)
    click.echo(str(report), err=True)


@cli.command("export")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for questions.csv, citations.csv and questions.rq (created).")
def export_cmd(sources, out):
    """Write spreadsheet files from converted documents (.ttl/.nt/.jsonld files or folders):
    questions.csv (one row per question: document, number, dates, days, asker, fractie, addressee,
    answering ministry, answered or not, official URL), citations.csv (one row per citation) and
    questions.rq, the SPARQL query that gives the same rows. UTF-8 with a byte-order mark, comma-separated.

    \b
    Example:
        kamerld export output/ -o exports/
    """
    from ..publish.exports import export

    written = export(list(sources), out)
    click.echo(f"{len(written)} files in {out}: {', '.join(p for p in written)}", err=True)


@cli.command("serve")
@click.argument("site_or_store", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the server on this machine.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--query-timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--max-results", default=10000, show_default=True, type=int, help="Rows per SPARQL result.")
@click.option("--max-query-length", default=20000, show_default=True, type=int, help="Characters per query.")
@click.option("--max-query-memory", default=512, show_default=True, type=click.IntRange(64, None),
              help="MiB of memory a query's worker may hold before the query is stopped.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="IRI",
              help="Allow federated queries (SERVICE) to this endpoint; repeat for more. None by default.")
@click.option("--access-log", "access_log", default="-", show_default=True, metavar="FILE",
              help="Where the request log goes (combined log format, a line per request): - for stderr, "
                   "or a file to append to.")
@click.option("--no-access-log", "no_access_log", is_flag=True, help="Keep no request log.")
def serve_cmd(site_or_store, host, port, query_timeout, max_results, max_query_length, max_query_memory,
              allow_service, access_log, no_access_log):
    """Serve a published site (or a store folder) with content negotiation and a read-only SPARQL 1.1
    endpoint at /sparql (GET and POST; SELECT, CONSTRUCT, ASK, DESCRIBE). Updates are refused, and so
    are federated queries (SERVICE), which would make the server send requests to any address it can
    reach, unless their endpoint is allowed with --allow-service.

    GET /sparql without a query is the SPARQL service description (RDF), or in a browser a query form
    (YASGUI, bundled: it works offline). Pages on other origins may query it (CORS). HTTP/1.1 with
    keep-alive; one line per request in the access log (combined log format, stderr by default).

    \b
    Example:
        kamerld publish output/ -o site/ && kamerld serve site/ --port 8000
        curl -H 'Accept: text/turtle' -L http://127.0.0.1:8000/id/document/ah-tk-20242025-9001
        kamerld serve site/ --access-log /var/log/kamerld/access.log
    """
    from kamerld.publish.server import serve

    serve(site_or_store, host=host, port=port, query_timeout=query_timeout, max_results=max_results,
          max_query_length=max_query_length, max_query_memory=max_query_memory * 2**20,
          allow_service=allow_service, access_log=None if no_access_log else access_log)


@cli.command("load")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--endpoint", required=True, help="SPARQL 1.1 Graph Store HTTP Protocol endpoint URL.")
@click.option("--user", default=None, help="User name for the endpoint.")
@click.option("--password", default=None, envvar="KAMERLD_STORE_PASSWORD",
              help="Password (or set KAMERLD_STORE_PASSWORD).")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)
@click.option("--graph-base", default=DEFAULT_BASE + "graph/", show_default=True,
              help="Named graph IRIs: one per source document, {graph-base}{document id}.")
@click.option("--graph-param", default=None,
              help="Query parameter naming the graph (default 'graph'; Virtuoso: 'graph-uri').")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, None),
              help="Seconds to wait for the store's answer to one graph.")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 20),
              help="Times a failed request (reset, timeout, 429, 5xx) is sent again, 1, 2, 4 ... s apart.")
@click.option("--journal", default=".kamerld-load.jsonl", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="File that records every graph loaded (appended to).")
@click.option("--resume", is_flag=True,
              help="Skip the graphs the journal says are loaded into this endpoint with the same content.")
def load_cmd(sources, endpoint, user, password, auth, graph_base, graph_param, timeout, retries, journal,
             resume):
    """Load converted documents into an external SPARQL store: one named graph per document,
    replaced on every load (HTTP PUT), so a re-run never duplicates. A load that stops (the store
    went away) says which graph and how far it got; --resume goes on from there.

    \b
    Example:
        kamerld load output/ --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth \\
            --user dba --password dba --auth digest
        kamerld load output/ --endpoint http://127.0.0.1:8890/sparql-graph-crud --resume
    """
    from kamerld.publish.store import load_endpoint, rdf_files

    report = load_endpoint(rdf_files(sources), endpoint, user=user, password=password, auth=auth,
                           graph_base=graph_base, graph_param=graph_param, timeout=timeout,
                           retries=retries, journal=journal, resume=resume)
    click.echo(str(report), err=True)
