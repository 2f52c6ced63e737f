"""Validation against kamerld's SHACL shapes: `shacl` runs pySHACL (the reference engine) and holds
the one Report both engines return; `fast` is the compiled validator the batch uses; `files`
validates RDF files on disk, each on its own, as a consumer would."""

from .shacl import (
    SEVERITIES,
    Report,
    Result,
    advisory_shapes_path,
    shapes_graph,
    shapes_path,
    validate_graph,
    validate_many,
)

__all__ = ["SEVERITIES", "Report", "Result", "advisory_shapes_path", "shapes_graph", "shapes_path",
           "validate_graph", "validate_many"]
