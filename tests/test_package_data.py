"""The shapes and ontology have one real file each, at the top of the repository, and the package reads
those files: its data folder holds links to them, filled with their contents when the package is built
(.ci/run builds a wheel and checks that it carries the bytes)."""

from pathlib import Path

import pytest
from conftest import REPO

LINKS = {
    "shapes.ttl": "shapes/kamerld.ttl",
    "shapes-advisory.ttl": "shapes/kamerld-advisory.ttl",
    "ontology.ttl": "ontology/kamerld.ttl",
}
DATA = REPO / "src" / "kamerld" / "data"


@pytest.mark.parametrize("name,target", LINKS.items())
def test_package_data_links_to_the_one_real_file(name, target):
    link = DATA / name
    assert link.is_symlink(), f"{link} must be a link to {target}, not a copy"
    assert link.resolve() == (REPO / target).resolve()
    assert not (REPO / target).is_symlink()


def test_validation_uses_the_shipped_shapes():
    from kamerld.validation import advisory_shapes_path, shapes_path

    assert shapes_path().name == "shapes.ttl" and shapes_path().parent.name == "data"
    advisory = advisory_shapes_path()
    assert advisory.name == "shapes-advisory.ttl" and advisory.parent.name == "data"
    assert shapes_path().read_bytes() == (REPO / "shapes" / "kamerld.ttl").read_bytes()


def test_the_paths_in_this_test_exist():
    assert all((REPO / t).is_file() for t in LINKS.values()) and Path(DATA).is_dir()
