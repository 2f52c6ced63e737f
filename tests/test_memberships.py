"""Who held which post, and who sat in which fractie, when: org:Membership with org:memberDuring."""

from __future__ import annotations

from conftest import REPO
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, TIME, XSD

from kamerld.batch.pipeline import read_documents
from kamerld.rdf.mapping import document_graph
from kamerld.sources import Source

ID = "https://w3id.org/kamerld/id/"


def test_post_tenure_and_fractie_membership():
    example = REPO / "examples" / "koop-pdf-text" / "ah-tk-20242025-9001.txt"
    [doc] = read_documents(Source.from_path(example))
    g = document_graph(doc)
    tenure = URIRef(ID + "lidmaatschap/david-van-weel-minister-van-justitie-en-veiligheid")
    assert (tenure, RDF.type, ORG.Membership) in g
    assert (tenure, ORG.role, URIRef(ID + "post/minister-van-justitie-en-veiligheid")) in g
    jenv = URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1058")
    assert (tenure, ORG.organization, jenv) in g
    period = g.value(tenure, ORG.memberDuring)
    begin = g.value(period, TIME.hasBeginning)
    # Van Weel became minister of Justitie en Veiligheid with the Schoof cabinet on 2 July 2024
    assert g.value(begin, TIME.inXSDDate) == Literal("2024-07-02", datatype=XSD.date)
    ms = URIRef(ID + "lidmaatschap/michiel-van-nispen-sp")
    assert (ms, ORG.organization, URIRef(ID + "fractie/sp")) in g
    assert (URIRef(ID + "persoon/michiel-van-nispen"), ORG.memberOf, URIRef(ID + "fractie/sp")) in g
    assert g.value(ms, ORG.memberDuring) is not None
