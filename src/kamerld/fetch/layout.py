"""The folder `kamerld fetch` writes and `kamerld build` reads.

    DIR/{series}/{id}.xml | .html | .pdf    the best manifestation KOOP has (series: kv, ah, kst, h …)
    DIR/{series}/{id}.metadata.xml          KOOP's metadata.xml, read with the document
    DIR/{series}/{id}.fetch.json            the fetch record: for every file its official URL, when it
                                            was fetched, its SHA-256 and size; the SRU record's summary;
                                            the Tweede Kamer metadata (zaak, documents, actors)
    DIR/.kamerld-fetch.json                 state: the selection, the last run, SyncFeed positions
    DIR/fetch-report.json                   what the last run did, every failure with its URL

A file is current when it exists with the SHA-256 its fetch record names; resuming, or running the
same selection again, fetches only what is missing, damaged or changed at KOOP. Every file is
written through a temp file and a rename, so an interrupted run leaves no half-written file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from kamerld.writers.atomic import inside, write_atomic

SIDECAR = ".fetch.json"
METADATA = ".metadata.xml"
STATE_FILE = ".kamerld-fetch.json"
REPORT_FILE = "fetch-report.json"
DOCUMENT_SUFFIXES = (".xml", ".html", ".pdf")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*(?:\.metadata)?\.(?:xml|html|pdf)$")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def folder_for(root: Path, doc_id: str) -> Path:
    """`root/{series}`: kv-tk-… -> root/kv, ah-tk-… -> root/ah, kst-… -> root/kst."""
    return inside(root, doc_id.split("-", 1)[0])


def sidecar_for(path: Path) -> Path:
    """The fetch record beside a fetched file (document or its metadata)."""
    name = path.name
    for suffix in (METADATA, *DOCUMENT_SUFFIXES, SIDECAR):
        if name.endswith(suffix):
            return path.with_name(name[: -len(suffix)] + SIDECAR)
    return path.with_name(name + SIDECAR)


def read_json(path: Path) -> dict | None:
    """A JSON object from disk; None when it is missing, damaged or not an object."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def write_json(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(path, text.encode("utf-8"))


def valid_file_name(name: str) -> bool:
    return bool(_NAME.match(name))


def current(folder: Path, name: str, entry: dict) -> bool:
    """Whether `folder/name` is on disk with the checksum its fetch record names."""
    if not valid_file_name(name) or not isinstance(entry, dict):
        return False
    path = folder / name
    try:
        same_size = path.is_file() and path.stat().st_size == entry.get("bytes")
        return same_size and sha256_of(path) == entry.get("sha256")
    except OSError:
        return False


def companions(path: Path) -> list[Path]:
    """Files besides an input that change what it becomes: its fetch record and KOOP metadata.
    (A build redoes an input when one of these changes, not only when the input itself does.)"""
    return [Path(p) for p in companion_paths(str(path)) if os.path.isfile(p)]


def companion_paths(path: str) -> list[str]:
    """Where the companions of an input would be, whether they are there or not (plain strings:
    a build that changed nothing asks this for every input)."""
    folder, name = os.path.split(path)
    side = name + SIDECAR
    for suffix in (METADATA, *DOCUMENT_SUFFIXES, SIDECAR):
        if name.endswith(suffix):
            side = name[: -len(suffix)] + SIDECAR
            break
    out = [os.path.join(folder, side)]
    if not name.endswith(METADATA):
        out.append(os.path.join(folder, name.rsplit(".", 1)[0] + METADATA))
    return out


def sidecars(root: Path) -> list[Path]:
    """Every fetch record under root, sorted."""
    return sorted(p for p in root.rglob("*" + SIDECAR) if p.is_file() and not p.name.startswith("."))


def document_file(sidecar: Path, record: dict) -> Path | None:
    """The document file a fetch record names (the manifestation, not the metadata)."""
    for name, entry in (record.get("files") or {}).items():
        if isinstance(entry, dict) and entry.get("manifestation") != "metadata" and valid_file_name(name):
            return sidecar.with_name(name)
    return None
