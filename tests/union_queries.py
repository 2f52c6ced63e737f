"""Counting queries over the default graph (the union of every loaded graph), one per kind of
resource, each with its "distinct triples" twin. A triple stated in two graphs is counted twice by
the first and once by the second, so the two agree only when no triple is in two graphs: the check
of test_union_counts (embedded store) and test_virtuoso (Virtuoso's default graph).

Virtuoso's default graph also holds its own system graphs: every pattern below starts from a class
or a property of kamerld's data, and the total counts subjects in kamerld's URI spaces only.
"""

from __future__ import annotations

PREFIXES = """PREFIX kld: <https://w3id.org/kamerld/def#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
"""

OURS = ('FILTER(STRSTARTS(STR(?s), "https://w3id.org/kamerld/id/") '
        '|| STRSTARTS(STR(?s), "https://identifier.overheid.nl/tooi/id/ministerie/"))')

#: kind -> the triples of that kind's resources (?s ?p ?o)
KINDS = {
    "everything": f"?s ?p ?o . {OURS}",
    "documents": "?s a kld:Document ; ?p ?o .",
    "questions": "?s a kld:Vraag ; ?p ?o .",
    "answers": "?s a kld:Antwoord ; ?p ?o .",
    "citations": "?s a kld:Verwijzing ; ?p ?o .",
    "persons": "?s a kld:Persoon ; ?p ?o .",
    "fracties": "?s a kld:Fractie ; ?p ?o .",
    "posts": "?s a org:Post ; ?p ?o .",
    "ministries": "?s a kld:Ministerie ; ?p ?o .",
    "memberships": "?s a org:Membership ; ?p ?o .",
    "periods": "?s a time:ProperInterval ; ?p ?o .",
    "zaken": "?s a kld:Zaak ; ?p ?o .",
    "dossiers": "?s a kld:Dossier ; ?p ?o .",
    "source files": "?s a prov:Entity ; ?p ?o .",
}


def count(pattern: str) -> str:
    return f"{PREFIXES}SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"


def count_distinct(pattern: str) -> str:
    return f"{PREFIXES}SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {pattern} }} }}"


#: the researcher's query of the issue: questions per fractie, by the fractie's label
PER_FRACTIE = (PREFIXES + "SELECT ?label (COUNT(?q) AS ?n) (COUNT(DISTINCT ?q) AS ?distinct) WHERE { "
               "?q a kld:Vraag ; kld:namens ?f . ?f skos:prefLabel ?label } GROUP BY ?label")
#: every (ministry, label) row: one per ministry and language
MINISTRY_LABELS = (PREFIXES + "SELECT ?m ?label WHERE { ?m a kld:Ministerie ; skos:prefLabel ?label }")
