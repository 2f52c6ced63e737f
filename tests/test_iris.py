"""Every IRI kamerld mints from text is valid by construction, and ids never collide across kinds.

The property tests feed arbitrary strings (any code point, control characters, brackets, "%", "#",
":") into every field of a document that ends up in an IRI or a literal, write the three formats and
parse each with pyoxigraph, and the Turtle and N-Triples with rapper (raptor), an independent parser.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef
from virtuoso_server import require_tool

from kamerld.model import Answer, Citation, Document, DocumentKind, Footnote, Question
from kamerld.rdf.iri import web_iri
from kamerld.rdf.mapping import document_triples
from kamerld.rdf.uris import Minter, safe_id
from kamerld.writers.fast import render

M = Minter()
BASE = "https://w3id.org/kamerld/id/"
#: any code point, with the ones that broke outputs drawn often: controls, noncharacters, unpaired
#: surrogates, and what IRIs forbid or reserve
HOSTILE = list("\x00\x01\x0b\x0c\x1f\x7f\x85\ufffe\uffff\ufdd0\ud800\udfff\U0010fffe[]%#:@/?\\ <>\"{}|^`")


@pytest.mark.parametrize(("written", "iri"), [
    ("https://example.org/a?tags[]=x", "https://example.org/a?tags%5B%5D=x"),  # a DOCX footnote's query
    ("http://x.nl/a b#f#g", "http://x.nl/a%20b#f%23g"),  # a space; a second "#"
    ("http://x.nl:80a/p", "http://x.nl%3A80a/p"),  # ":80a" is no port
    ("http://[host]/x", "http://%5Bhost%5D/x"),  # brackets that hold no IPv6 address
    ("http://[::1]:8080/x", "http://[::1]:8080/x"),  # ... and one that does
    ("http://x.nl/%zz%41", "http://x.nl/%25zz%41"),  # "%" that starts no escape; a real escape kept
    ("https://a@b@c.nl/", "https://a%40b@c.nl/"),
    ("http://x.nl/ü?q=é", "http://x.nl/%C3%BC?q=%C3%A9"),
    ("https://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:HR:2019:2006",
     "https://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:HR:2019:2006"),  # valid: unchanged
    ("https://zoek.officielebekendmakingen.nl/kst-35165-51.html",
     "https://zoek.officielebekendmakingen.nl/kst-35165-51.html"),
])
def test_web_iri_encodes_what_iris_forbid_and_keeps_the_rest(written, iri):
    assert web_iri(written) == iri
    assert M.target(written) == URIRef(iri)
    ox.NamedNode(iri)  # raises when invalid


def test_web_iri_needs_a_scheme():
    with pytest.raises(ValueError, match="no scheme"):
        web_iri("www.example.org/x")


@settings(max_examples=400, deadline=None)
@given(st.builds(lambda a, h, b: a + h + b, st.text(), st.sampled_from(HOSTILE), st.text()))
def test_any_text_after_a_scheme_is_a_valid_iri(text):
    for prefix in ("https://", "http:", "urn:"):
        iri = web_iri(prefix + text)
        ox.NamedNode(iri)
        assert web_iri(iri) == iri  # idempotent: a valid IRI is left as it is


# ---- ids: one segment, one rule for IRIs and file names --------------------------------------------


def test_a_kenmerk_with_slashes_is_one_segment():
    assert M.document("mnre1034-2023/12/vraag/1") == URIRef(BASE + "document/mnre1034-2023-12-vraag-1")
    assert M.document("mnre1034-../../../tmp/evil") == URIRef(BASE + "document/mnre1034-tmp-evil")
    # the file name of a document is the last segment of its IRI
    doc_id = "mnre1034-../../../tmp/evil"
    assert str(M.document(doc_id)).rsplit("/", 1)[1] == safe_id(doc_id) == "mnre1034-tmp-evil"


def test_local_targets_take_the_rest_as_one_segment():
    assert M.target("document/kst-35165-51") == M.document("kst-35165-51")
    assert M.target("document/../../x") == URIRef(BASE + "document/x")
    assert M.target("dossier/36200-VII") == M.dossier("36200-VII")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1), st.text(min_size=1), st.text(min_size=1))
def test_a_document_iri_is_never_a_part_of_another_document(a, b, n):
    doc = M.document(a)
    assert doc not in (M.question(b, n), M.answer(b, n), M.citation(b, 1))
    assert M.question(a, n) != M.answer(b, n)
    assert str(doc).rsplit("/", 1)[1] == safe_id(a)


# ---- whole documents of arbitrary text parse in pyoxigraph and rapper ------------------------------

#: text with at least one of them in it, anywhere, beside arbitrary code points
_text = st.builds(lambda a, h, b: a + h + b, st.text(max_size=15), st.sampled_from(HOSTILE),
                  st.text(max_size=15))
_addresses = st.builds(lambda scheme, rest: scheme + rest,
                       st.sampled_from(["https://", "http://", "https:", "ftp://", "mailto:"]), _text)


@st.composite
def documents(draw) -> Document:
    doc_id = draw(_text)
    numbers = draw(st.lists(_text, min_size=1, max_size=3, unique_by=safe_id))
    cites = [Citation(text=draw(_text) or "c", kind="url", target=draw(_addresses),
                      in_footnote=draw(st.booleans())) for _ in range(draw(st.integers(0, 3)))]
    cites.append(Citation(text=draw(_text) or "k", kind="kamerstuk", target="document/" + draw(_text)))
    questions = [Question(number=n, text=draw(_text) + "?", label=draw(_text),
                          footnotes=[Footnote(draw(_text), draw(_text))], citations=cites)
                 for n in numbers]
    answers = [Answer(number=n, text=draw(_text) or "a", answers=[n, draw(_text)]) for n in numbers]
    return Document(
        id=doc_id, kind=DocumentKind.ANTWOORD, source=draw(st.sampled_from(["", "https://"])) + draw(_text),
        source_sha256="0" * 64, title=draw(_text), date=date(2024, 1, 2), kenmerk=draw(_text),
        number=draw(_text), zaken=[draw(_text) or "z"], dossiers=[draw(_text) or "d"],
        see_also=[draw(_text) or "s"], uitstel_van=[draw(_text) or "u"], questions=questions,
        answers=answers, citations=cites, footnotes=[Footnote(draw(_text), draw(_text))],
    )


def _rapper(data: bytes, syntax: str, tmp_path) -> None:
    path = tmp_path / f"doc.{syntax}"
    path.write_bytes(data)
    proc = subprocess.run([require_tool("rapper", "raptor2-utils"), "-q", "-i", syntax, "-c",
                           str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, (syntax, proc.stderr[-2000:], data[:3000])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(documents())
def test_documents_of_arbitrary_text_give_output_every_parser_reads(tmp_path, doc):
    triples = document_triples(doc)
    out = render(triples, ["turtle", "ntriples", "jsonld"])
    counts = {}
    for name, fmt in (("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                      ("jsonld", ox.RdfFormat.JSON_LD)):
        counts[name] = len(set(ox.parse(out[name], format=fmt)))
    json.loads(out["jsonld"])
    assert counts == {"turtle": len(triples), "ntriples": len(triples), "jsonld": len(triples)}
    _rapper(out["turtle"], "turtle", tmp_path)
    _rapper(out["ntriples"], "ntriples", tmp_path)
