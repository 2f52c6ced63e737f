"""The project's JSON-LD context, shipped with the package (`kamerld/rdf/context.jsonld`); never fetched.
Its own module, so the fast serialisers and rdflib's writers read it without importing each other."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def jsonld_context() -> dict:
    """The `@context` object of the packaged context."""
    text = resources.files("kamerld.rdf").joinpath("context.jsonld").read_text("utf-8")
    return json.loads(text)["@context"]
