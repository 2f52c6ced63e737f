"""SPARQL results as the endpoint writes them, and how a result cut at the row limit says so.

A result that reached the endpoint's limit (`kamerld serve --max-results`, 10,000) says so in
itself, in a way each format's parsers let through, besides the `X-SPARQL-MaxRows` header:

* SPARQL JSON: `"results": {"truncated": true, "limit": 10000, "bindings": […]}`, the two keys before
  the bindings, as Virtuoso puts its "distinct" and "ordered" (pyoxigraph, rdflib, YASGUI read past them);
* SPARQL XML: a `<!-- … -->` comment after the last result;
* CSV and TSV: a last line starting with `#` (a spreadsheet shows it as the last row; a program sees
  one odd row, or fails on it, rather than taking a cut result for the whole);
* Turtle, N-Triples, RDF/XML: a comment at the top;
* JSON-LD: `{"_comment": "…", "@graph": […]}`, a key that is no IRI, which JSON-LD processors drop.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

import pyoxigraph as ox

from kamerld.publish.mediatypes import GRAPH_FORMATS
from kamerld.sources.chars import clean_text
from kamerld.writers import get_format

SELECT_OFFERS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: media type -> pyoxigraph format of a graph result, best first on a tie (`*/*`: Turtle)
GRAPH_OFFERS = {
    **{f.media_type: f.oxigraph for f in GRAPH_FORMATS},
    "text/plain": get_format("ntriples").oxigraph,  # N-Triples' old media type
}
MIME_OF_FMT = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


def cut_note(limit: int, unit: str = "rows") -> str:
    """The sentence a cut result carries."""
    # no comma: in a CSV file the note stays one cell
    return (f"kamerld: this result was cut at {limit} {unit} (the endpoint's limit); "
            f"ask for fewer with LIMIT or page through it with ORDER BY plus LIMIT and OFFSET")


def xml_escape(text: str) -> str:
    """Escaped for XML 1.0, which cannot carry control characters even as references: a store loaded
    from someone else's files may hold them, and the results must stay well-formed."""
    return _xml_escape(clean_text(text))


def _term_json(term: Any) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _term_xml(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>'
        dt = term.datatype.value
        if dt != "http://www.w3.org/2001/XMLSchema#string":
            return f'<literal datatype="{xml_escape(dt)}">{xml_escape(term.value)}</literal>'
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def write_select(variables: list[str], rows: list[list[Any]], fmt: str, cut_at: int | None = None) -> bytes:
    """SELECT results in `fmt` (json, xml, csv, tsv); `cut_at`: the limit the rows were cut at, if cut."""
    if fmt == "json":
        bindings = [
            {v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
        ]
        results: dict[str, Any] = {}
        if cut_at is not None:
            results.update(truncated=True, limit=cut_at)
        results["bindings"] = bindings
        doc = {"head": {"vars": variables}, "results": results}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f'<variable name="{xml_escape(v)}"/>' for v in variables]
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>")
            out += [
                f'<binding name="{xml_escape(v)}">{_term_xml(t)}</binding>'
                for v, t in zip(variables, row, strict=True)
                if t is not None
            ]
            out.append("</result>")
        if cut_at is not None:
            out.append(f"<!-- {cut_note(cut_at)} -->")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    buf = io.StringIO()
    if fmt == "csv":  # SPARQL 1.1 CSV: bare values, RFC 4180 quoting
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow(
                [
                    "" if t is None else ("_:" + t.value if isinstance(t, ox.BlankNode) else t.value)
                    for t in row
                ]
            )
        if cut_at is not None:
            buf.write(f"# {cut_note(cut_at)}\r\n")
    else:  # TSV: terms in Turtle/N-Triples syntax
        buf.write("\t".join("?" + v for v in variables) + "\n")
        for row in rows:
            buf.write("\t".join("" if t is None else str(t) for t in row) + "\n")
        if cut_at is not None:
            buf.write(f"# {cut_note(cut_at)}\n")
    return buf.getvalue().encode("utf-8")


def write_ask(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{str(value).lower()}</boolean></sparql>\n"
        ).encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def write_graph(triples: list[Any], mime: str, cut_at: int | None = None) -> bytes:
    """CONSTRUCT / DESCRIBE results in the RDF format `mime`; `cut_at` as for `write_select`."""
    body = ox.serialize(triples, format=GRAPH_OFFERS[mime]) or b""
    if cut_at is None:
        return body
    note = cut_note(cut_at, "triples")
    if mime == "application/ld+json":
        graph = json.loads(body) if body.strip() else []
        return json.dumps({"_comment": note, "@graph": graph}, ensure_ascii=False).encode("utf-8")
    if mime == "application/rdf+xml":
        decl, sep, rest = body.partition(b"?>")
        if sep:
            return decl + sep + f"\n<!-- {note} -->".encode() + rest
        return f"<!-- {note} -->\n".encode() + body
    return f"# {note}\n".encode() + body


__all__ = ["GRAPH_OFFERS", "MIME_OF_FMT", "SELECT_OFFERS", "cut_note", "write_ask", "write_graph",
           "write_select", "xml_escape"]
