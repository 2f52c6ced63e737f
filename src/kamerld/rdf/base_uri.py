"""The default URI base of the data contract, apart from `uris` so the command line can show it
without loading rdflib (a build that has nothing to do starts in a tenth of a second)."""

DEFAULT_BASE = "https://w3id.org/kamerld/"
