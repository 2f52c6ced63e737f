"""What a conversion is asked to do (`pipeline.Options`), apart from the pipeline so that a build
with nothing to convert starts without loading rdflib and the readers."""

from __future__ import annotations

from dataclasses import dataclass

from kamerld.rdf.base_uri import DEFAULT_BASE

DEFAULT_OUTPUTS = ("turtle", "jsonld")


@dataclass(frozen=True)
class Options:
    base: str = DEFAULT_BASE
    reader: str | None = None  # force an input format
    outputs: tuple[str, ...] = DEFAULT_OUTPUTS
    validate: bool = True
    shacl: str = "fast"  # "fast": the compiled validator; "pyshacl": the reference engine
    sharded: bool = False  # files under `shards.shard_of(name)/` (builds: no folder of 100,000 files)
    dump_parts: bool = False  # also make each document's dump parts (`dumps.document_parts`; builds)
    #: also return each document's share of the corpus graphs (`pipeline.Parts`): build and convert
    #: make the corpus graphs from them
    shares: bool = False


__all__ = ["DEFAULT_OUTPUTS", "Options"]
