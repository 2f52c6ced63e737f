"""Namespaces used in kamerld's RDF. `KLD` is closed: a typo raises instead of minting an IRI."""

from __future__ import annotations

from rdflib import Graph, Namespace

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


class _ClosedNamespace(Namespace):
    def term(self, name: str):  # type: ignore[override]
        if name not in KLD_TERMS:
            raise AttributeError(f"kld:{name} is not a term of the kamerld ontology")
        return super().term(name)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return self.term(name)

    def __getitem__(self, key: str):  # type: ignore[override]
        return self.term(key)


KLD = _ClosedNamespace(KLD_IRI)
ELI = Namespace(V.ELI)
ELI_DL = Namespace(V.ELI_DL)
TOOI_MINISTERIE = Namespace(V.TOOI_MINISTERIE)
TOOI_KERN = Namespace(V.TOOI_KERN)

#: the same prefixes as `vocabularies.PREFIXES`, as rdflib namespaces ("kld" open, for binding)
PREFIXES = {prefix: Namespace(iri) for prefix, iri in V.PREFIXES.items()}


def bind_all(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
