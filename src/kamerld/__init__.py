"""kamerld: Dutch parliamentary written questions and answers as linked open data.

The public API (`kamerld.api`, examples in docs/api.md): `read`, `to_graph`, `validate`, `serialize`,
`convert`, and `FORMATS`, the one table of the formats kamerld writes.
"""

__version__ = "0.1.0"

from .api import convert, read, serialize, to_graph, validate  # noqa: E402


def __getattr__(name: str):
    if name == "FORMATS":  # the writers' table, imported on first use (it loads rdflib)
        from .writers import FORMATS

        return FORMATS
    raise AttributeError(f"module 'kamerld' has no attribute {name!r}")


__all__ = ["FORMATS", "__version__", "convert", "read", "serialize", "to_graph", "validate"]
