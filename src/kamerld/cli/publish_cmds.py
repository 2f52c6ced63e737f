"""Publishing commands: a static linked-data site, a local server, loading into a SPARQL store."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from ..rdf.uris import DEFAULT_BASE
from . import cli


def _packaged(name: str) -> Path:
    return Path(str(resources.files("kamerld").joinpath(name)))


@cli.command("publish")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the site (created; generated folders in it are rebuilt).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="URI base of the data.")
@click.option("--catalog", "catalog_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="TOML file with the publisher, contact point, licence and the other "
              "DCAT fields (docs/publishing.md); without it, kamerld's placeholders, with a warning.")
def publish_cmd(sources, out, base, catalog_file):
    """Build a static linked-data site from converted documents (.ttl/.nt/.jsonld files or folders):
    a page per resource (also per resource only linked to) in HTML, Turtle, JSON-LD, N-Triples and
    RDF/XML, index pages, the ontology, both shapes files and the context under def/, dumps, VoID and
    DCAT-AP-NL descriptions with pages of their own, and nginx/Apache rules for 303 redirects and
    content negotiation.

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
                          context=_packaged("rdf/context.jsonld"), catalog_info=info)
    for w in report.warnings:
        click.secho(f"warning: {w}", fg="yellow", err=True)
    click.echo(str(report), err=True)


@cli.command("serve")
@click.argument("site_or_store", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the server on this machine.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--query-timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--max-results", default=10000, show_default=True, type=int, help="Rows per SPARQL result.")
@click.option("--max-query-length", default=20000, show_default=True, type=int, help="Characters per query.")
def serve_cmd(site_or_store, host, port, query_timeout, max_results, max_query_length):
    """Serve a published site (or a store folder) with content negotiation and a read-only SPARQL 1.1
    endpoint at /sparql (GET and POST; SELECT, CONSTRUCT, ASK, DESCRIBE). Updates are refused.

    \b
    Example:
        kamerld publish output/ -o site/ && kamerld serve site/ --port 8000
        curl -H 'Accept: text/turtle' -L http://127.0.0.1:8000/id/document/ah-tk-20242025-9001
    """
    from ..serve import serve

    serve(site_or_store, host=host, port=port, query_timeout=query_timeout, max_results=max_results,
          max_query_length=max_query_length)


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
def load_cmd(sources, endpoint, user, password, auth, graph_base, graph_param):
    """Load converted documents into an external SPARQL store: one named graph per document,
    replaced on every load (HTTP PUT), so a re-run never duplicates.

    \b
    Example:
        kamerld load output/ --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth \\
            --user dba --password dba --auth digest
    """
    from ..store import load_endpoint, rdf_files

    report = load_endpoint(rdf_files(sources), endpoint, user=user, password=password, auth=auth,
                           graph_base=graph_base, graph_param=graph_param)
    click.echo(str(report), err=True)
