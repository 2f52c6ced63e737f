"""The shapes and ontology shipped inside the package are the ones in shapes/ and ontology/."""

from conftest import REPO


def test_shipped_copies_are_current():
    data = REPO / "src" / "kamerld" / "data"
    assert (data / "shapes.ttl").read_bytes() == (REPO / "shapes" / "kamerld.ttl").read_bytes(), (
        "refresh: cp shapes/kamerld.ttl src/kamerld/data/shapes.ttl")
    advisory = (REPO / "shapes" / "kamerld-advisory.ttl").read_bytes()
    assert (data / "shapes-advisory.ttl").read_bytes() == advisory, (
        "refresh: cp shapes/kamerld-advisory.ttl src/kamerld/data/shapes-advisory.ttl")
    assert (data / "ontology.ttl").read_bytes() == (REPO / "ontology" / "kamerld.ttl").read_bytes(), (
        "refresh: cp ontology/kamerld.ttl src/kamerld/data/ontology.ttl")


def test_validation_uses_the_shipped_shapes():
    from kamerld.validation import advisory_shapes_path, shapes_path

    assert shapes_path().name == "shapes.ttl" and shapes_path().parent.name == "data"
    advisory = advisory_shapes_path()
    assert advisory.name == "shapes-advisory.ttl" and advisory.parent.name == "data"
