"""Reading the register sources (../shared/registers-src): YAML, JSON-LD, JSON fixtures, TSV.

Every reader names the file it could not read; nothing here fetches anything.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ...errors import InputError

#: the files and folders the importer reads, relative to the sources folder
POLDER_PERSONS = "polder/data/personen"
POLDER_MINISTRIES = "polder/data/organisaties/ministeries"
OPENKAMER = "openkamer"
TOOI_MINISTRIES = "tooi-plooi/rwc_ministeries_compleet_1.json"
TOOI_DOCUMENT_TYPES = "tooi-plooi/ccw_plooi_documentsoorten_3.json"
#: the newer TOOI extract (2024 ministries) sits beside the sources, in ../shared/vocab
TOOI_EXTRACT_2024 = "../vocab/tooi-ministeries_extract.csv"

TOOI_ONT = "https://identifier.overheid.nl/tooi/def/ont/"
TOOI_MINISTRY = "https://identifier.overheid.nl/tooi/id/ministerie/"
TOOI_THES = "https://identifier.overheid.nl/tooi/def/thes/kern/"


class Sources:
    """The sources folder, read lazily, each file once."""

    def __init__(self, root: Path):
        self.root = Path(root)
        if not (self.root / "SOURCES.tsv").is_file():
            raise InputError(
                "not a register sources folder (no SOURCES.tsv)",
                path=str(self.root),
                hint="pass ../shared/registers-src",
            )
        self._cache: dict[str, Any] = {}

    def path(self, rel: str) -> Path:
        p = self.root / rel
        if not p.exists():
            raise InputError("register source missing", path=str(p))
        return p

    def yaml(self, rel: str) -> dict:
        import yaml  # only the importer needs PyYAML

        if rel not in self._cache:
            p = self.path(rel)
            try:
                data = yaml.safe_load(p.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                raise InputError(f"not readable YAML: {exc}", path=str(p)) from exc
            if not isinstance(data, dict):
                raise InputError("expected a mapping at the top", path=str(p))
            self._cache[rel] = data
        return self._cache[rel]

    def yaml_folder(self, rel: str) -> list[tuple[str, dict]]:
        folder = self.path(rel)
        return [(f"{rel}/{p.name}", self.yaml(f"{rel}/{p.name}")) for p in sorted(folder.glob("*.yaml"))]

    def json(self, rel: str) -> Any:
        if rel not in self._cache:
            p = self.path(rel)
            try:
                self._cache[rel] = json.loads(p.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(f"not readable JSON: {exc}", path=str(p)) from exc
        return self._cache[rel]

    def fixture(self, name: str) -> dict[str, dict[int, dict]]:
        """An openkamer Django fixture as {model: {pk: fields}}."""
        out: dict[str, dict[int, dict]] = {}
        for row in self.json(f"{OPENKAMER}/{name}"):
            out.setdefault(row["model"], {})[row["pk"]] = row["fields"]
        return out

    def csv(self, rel: str) -> list[dict[str, str]]:
        p = self.path(rel)
        with open(p, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def tooi_nodes(self, rel: str) -> dict[str, dict[str, list[str]]]:
        """A TOOI JSON-LD list as {id: {local property name: [values]}}."""
        nodes = {}
        for node in self.json(rel):
            props: dict[str, list[str]] = {}
            for key, values in node.items():
                if key.startswith("@"):
                    continue
                local = key.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
                props[local] = [v.get("@value", v.get("@id", "")) for v in values]
            props["@type"] = [t.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for t in node.get("@type", [])]
            nodes[node["@id"]] = props
        return nodes


def read_tsv(path: Path) -> list[dict[str, str]]:
    """A hand-kept TSV of the project, every line checked for its column count."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read: {exc}", path=str(path)) from exc
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise InputError(f"line {i} has the wrong number of columns", path=str(path))
    return rows


def day(value: Any, where: str) -> date | None:
    """A date from a source value ('1998-08-25', a YAML date, None)."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value)[:10]
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"bad date {value!r}", path=where) from exc


def iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def before(d: date) -> date:
    return d - timedelta(days=1)


def after(d: date) -> date:
    return d + timedelta(days=1)
