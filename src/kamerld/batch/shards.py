"""Where a build puts a document's files: `documents/{shard}/{name}.{suffix}`.

A flat folder of 200,000 documents in two formats holds 400,000 files, which makes every listing
slow and some tools give up. The shard is the first two hex digits of the SHA-1 of the file name
(`safe_id(doc.id)`): 256 folders, filled evenly whatever the ids look like (KOOP ids share long
prefixes), about 1,600 files each at 200,000 documents. The name alone says where a document is.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

#: what a shard folder is called: two lower-case hex digits
SHARD_NAME = re.compile(r"^[0-9a-f]{2}$")


def shard_of(name: str) -> str:
    """The shard folder of a document file name (a `safe_id`)."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:2]


def document_file(docs_dir: Path, doc_id: str, suffix: str) -> Path:
    """Where a build keeps a document's file: `document_file(OUT / "documents", "kst-35165-51", ".ttl")`."""
    from kamerld.rdf.uris import safe_id

    name = safe_id(doc_id)
    return docs_dir / shard_of(name) / (name + suffix)


__all__ = ["SHARD_NAME", "document_file", "shard_of"]
