from rdflib import URIRef

from kamerld.rdf.uris import Minter, safe_id

M = Minter()


def test_document_and_parts():
    assert M.document("kst-35165-51") == URIRef("https://w3id.org/kamerld/id/document/kst-35165-51")
    assert M.question("ah-tk-20222023-1234", "3") == URIRef(
        "https://w3id.org/kamerld/id/document/ah-tk-20222023-1234/vraag/3"
    )
    assert M.answer("ah-tk-20222023-1234", "3-4").endswith("/antwoord/3-4")


def test_contract_examples():
    assert M.dossier("36200-VII") == URIRef("https://w3id.org/kamerld/id/dossier/36200-VII")
    assert M.zaak("2024Z18775") == URIRef("https://w3id.org/kamerld/id/zaak/2024Z18775")
    assert M.fractie("vvd") == URIRef("https://w3id.org/kamerld/id/fractie/vvd")
    tooi = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034"
    assert M.ministry(tooi) == URIRef(tooi)


def test_unsafe_ids_cannot_escape():
    assert safe_id("../../etc/passwd") == "etc-passwd"
    assert safe_id("a b/c") == "a-b-c"
    # a local target is its kind and ONE segment: never a path of its own
    assert M.target("document/../../x") == URIRef("https://w3id.org/kamerld/id/document/x")


def test_base_is_configurable_and_checked():
    m = Minter("https://data.example.org/kamer")
    assert m.zaak("2024Z1") == URIRef("https://data.example.org/kamer/id/zaak/2024Z1")
    assert m.page(m.zaak("2024Z1")) == "https://data.example.org/kamer/doc/zaak/2024Z1"
    import pytest

    with pytest.raises(ValueError):
        Minter("ftp://x/")


def test_targets():
    assert M.target("document/kst-35165-51") == M.document("kst-35165-51")
    ecli = "https://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:HR:2019:2006"
    assert M.target(ecli) == URIRef(ecli)


def test_register_resources_are_told_from_the_rest():
    """Which corpus graph a subject belongs to: the registers hold people, fracties, posts,
    memberships and ministries (TOOI's or local), for any base."""
    tooi = "https://identifier.overheid.nl/tooi/id/ministerie/"
    for m in (M, Minter("https://data.example.org/kamer")):
        ids = m.base + "id/"
        for kind in ("persoon", "fractie", "post", "lidmaatschap", "ministerie"):
            assert m.is_register(f"{ids}{kind}/x") and m.is_register(f"{ids}{kind}/x/y")
            assert m.is_register(f"{ids}{kind}")
            assert not m.is_register(f"{ids}{kind}en/x")  # another kind that starts the same
        assert m.is_register(tooi + "mnre1034")
        for other in (ids + "document/x", ids + "zaak/2024Z1", ids, "https://example.org/id/persoon/x"):
            assert not m.is_register(other)
    assert not Minter("https://data.example.org/kamer").is_register(M.base + "id/persoon/x")
