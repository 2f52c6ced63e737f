"""The mapping's quick string literals (`rdf.literals`) and interned vocabulary terms
(`rdf.namespaces.intern`) are rdflib's own objects in every respect that matters."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kamerld.rdf import literals
from kamerld.rdf.namespaces import KLD, Terms, intern

SAMPLES = ["Vraag 1", "", "  spaties  ", "12", "true", "2024-01-01", 'aanhalingstekens "x" en \\', "é ñ ’ 🙂",
           "regel\nregel\tregel"]


@pytest.mark.parametrize("lang", [None, "nl"])
@pytest.mark.parametrize("text", SAMPLES)
def test_a_quick_literal_is_the_literal_rdflib_makes(text, lang):
    ours, theirs = literals.text(text, lang), Literal(text, lang=lang)
    assert type(ours) is Literal
    assert (str(ours), ours.language, ours.datatype, ours.value, ours.ill_typed) == (
        str(theirs), theirs.language, theirs.datatype, theirs.value, theirs.ill_typed)
    assert ours == theirs and hash(ours) == hash(theirs) and ours.n3() == theirs.n3()
    assert len({ours, theirs}) == 1
    assert ours.eq(theirs) and not ours.eq(Literal(text + "x", lang=lang))


def test_the_short_way_is_taken_on_the_installed_rdflib():
    # rdflib 7.3 and later set the same four slots; should a version not, text() is rdflib's Literal
    assert literals._DIRECT is literals._works() is True


def test_what_is_not_a_plain_string_or_a_known_tag_goes_through_rdflib():
    assert literals.text(5) == Literal(5) and literals.text(5).datatype == XSD.integer
    assert literals.text("x", "en-GB") == Literal("x", lang="en-GB")
    with pytest.raises(ValueError):
        literals.text("x", "not a tag")
    assert literals.integer(16) == Literal(16, datatype=XSD.integer)
    assert literals.integer(16) is literals.integer(16)


def test_vocabulary_terms_are_one_object_whoever_made_them():
    made_elsewhere = URIRef(str(RDFS.label))
    ours = Terms(RDFS).label
    assert intern(made_elsewhere) is ours is intern(URIRef(str(RDFS.label)))
    assert Terms(KLD).tekst is intern(URIRef(str(KLD.tekst)))
    assert intern(Literal("x")) == Literal("x")  # only IRIs are interned
