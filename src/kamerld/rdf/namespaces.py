"""Namespaces used in kamerld's RDF. `KLD` is closed: a typo raises instead of minting an IRI."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Namespace, URIRef

from . import vocabularies as V

KLD_IRI = V.KLD

#: every kld term the mapping may emit; tests check each is declared in ontology/kamerld.ttl
KLD_TERMS = frozenset(
    """Document Kamervragen Antwoorddocument Mededeling VerslagSchriftelijkOverleg LijstVanVragenEnAntwoorden
    NotaNaarAanleidingVanHetVerslag MemorieVanAntwoord VoorlopigVerslag Eindverslag Verslag Brief Handelingen
    Vergaderverslag Kamerstuk OverigDocument
    Vraag Antwoord Verwijzing Dossier Zaak Fractie Ministerie Persoon
    tekst voetnoot gesteldDoor namens gerichtAan beantwoordDoor medeNamens namensMinisterie zaak dossier
    uitstelVan verwijzing inVoetnoot soortVerwijzing opmerking fragment datumIngezonden datumOntvangen
    vergaderjaar kamer kenmerk lokaal alsGeschreven
    tkDocumentnummer heeftVragen heeftAntwoord heeftNaderAntwoord heeftMededeling
    beantwoordingsduur termijnOverschreden uitstelmededeling""".split()
)


@lru_cache(maxsize=4096)
def _term(namespace: str, name: str) -> URIRef:
    # rdflib makes (and checks) a new URIRef at every attribute access: the mapping asks for the
    # same few dozen terms tens of thousands of times a second
    return URIRef(namespace + name)


class _CachedNamespace(Namespace):
    def term(self, name: str):  # type: ignore[override]
        return _term(str(self), name)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return self.term(name)

    def __getitem__(self, key: str):  # type: ignore[override]
        return self.term(key)


class _ClosedNamespace(_CachedNamespace):
    def term(self, name: str):  # type: ignore[override]
        if name not in KLD_TERMS:
            raise AttributeError(f"kld:{name} is not a term of the kamerld ontology")
        return super().term(name)


_INTERNED: dict[str, URIRef] = {}


def intern(term: URIRef) -> URIRef:
    """One object for each vocabulary IRI, whoever made it first: the validator's compiled shapes and
    the mapping's triples then share their predicates and classes, and a dict lookup of one with the
    other is an identity hit (rdflib's == is Python code, a lookup of an equal but other object calls
    it). Only for the vocabulary: a few hundred terms."""
    if type(term) is not URIRef:
        return term
    return _INTERNED.setdefault(str(term), term)


class Terms:
    """The terms of one namespace as plain attributes, each made on its first use (by the namespace:
    KLD still refuses a term the ontology lacks). A namespace's own attribute access is a method call
    of 2–3 µs, and the mapping asks for the same few dozen terms several hundred times a document."""

    def __init__(self, namespace: Namespace | type) -> None:
        self.__dict__["_namespace"] = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        # item access: a str-based namespace's attribute may be a str method
        term = intern(self._namespace[name])
        self.__dict__[name] = term
        return term

    def __getitem__(self, name: str) -> URIRef:
        found = self.__dict__.get(name)
        return found if found is not None else self.__getattr__(name)


KLD = _ClosedNamespace(KLD_IRI)
ELI = _CachedNamespace(V.ELI)
ELI_DL = _CachedNamespace(V.ELI_DL)
TOOI_MINISTERIE = _CachedNamespace(V.TOOI_MINISTERIE)
TOOI_KERN = _CachedNamespace(V.TOOI_KERN)

#: the same prefixes as `vocabularies.PREFIXES`, as rdflib namespaces ("kld" open, for binding)
PREFIXES = {prefix: Namespace(iri) for prefix, iri in V.PREFIXES.items()}


def bind_all(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
