"""Document types: which TOOI document type each kamerld document kind is (`hand/document_types.tsv`,
a choice), with the concept's label and collection as TOOI's list `ccw_plooi_documentsoorten` gives them."""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError
from .sources import TOOI_DOCUMENT_TYPES, TOOI_THES, Sources, read_tsv

COLUMNS = ("kind", "tooi_concept", "tooi_label", "tooi_collection", "source", "note")


def document_types(src: Sources, hand: Path) -> list[dict[str, str]]:
    nodes = src.tooi_nodes(TOOI_DOCUMENT_TYPES)
    collections: dict[str, list[str]] = {}
    for node in nodes.values():
        if "Collection" in node["@type"]:
            for member in node.get("member", []):
                collections.setdefault(member, []).append(node["prefLabel"][0])
    rows = []
    for r in read_tsv(hand / "document_types.tsv"):
        uri = TOOI_THES + r["tooi_concept"]
        node = nodes.get(uri)
        if node is None or "Concept" not in node["@type"]:
            raise InputError(
                f"{r['kind']}: {r['tooi_concept']} is not a concept of the TOOI list",
                path=str(hand / "document_types.tsv"),
            )
        rows.append(
            {
                "kind": r["kind"],
                "tooi_concept": uri,
                "tooi_label": node["prefLabel"][0],
                "tooi_collection": "|".join(sorted(collections.get(uri, []))),
                "source": f"tooi:{TOOI_DOCUMENT_TYPES.rsplit('/', 1)[-1]}|hand",
                "note": r["note"],
            }
        )
    return rows
