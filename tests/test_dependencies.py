"""Every dependency has a floor that works: CI installs .ci/lowest.txt (the floors, pinned) and runs
the whole suite on it, so the pins must be exactly the floors of pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO


def _version(v: str) -> tuple[int, ...]:
    parts = [int(x) for x in v.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()  # 7.0 == 7.0.0
    return tuple(parts)


def _name(req: str) -> str:
    return re.split(r"[\[<>=!~ ;]", req, maxsplit=1)[0].lower().replace("_", "-")


def test_the_lowest_pins_are_the_floors():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for req in project["dependencies"]:
        m = re.search(r">=\s*([\w.]+)", req)
        assert m, f"{req}: every dependency needs a floor (>=)"
        floors[_name(req)] = _version(m.group(1))
    pins = {}
    for line in (REPO / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = _version(version.strip())
    assert pins == floors
