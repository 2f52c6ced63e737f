"""The shapes and ontology shipped inside the package are the ones in shapes/ and ontology/."""

from conftest import REPO


def test_shipped_copies_are_current():
    data = REPO / "src" / "kamerld" / "data"
    assert (data / "shapes.ttl").read_bytes() == (REPO / "shapes" / "kamerld.ttl").read_bytes(), (
        "refresh: cp shapes/kamerld.ttl src/kamerld/data/shapes.ttl")
    assert (data / "ontology.ttl").read_bytes() == (REPO / "ontology" / "kamerld.ttl").read_bytes(), (
        "refresh: cp ontology/kamerld.ttl src/kamerld/data/ontology.ttl")


def test_validation_uses_the_shipped_shapes():
    from kamerld.validation import shapes_path

    assert shapes_path().name == "shapes.ttl" and shapes_path().parent.name == "data"
