"""What a query sent to `kamerld serve` may ask for: no federated queries unless an operator allows them.

pyoxigraph evaluates `SERVICE <iri> { … }` by sending the inner query to that address over HTTP and
joining in what it answers (`SERVICE SILENT` too, in SELECT, CONSTRUCT, ASK and DESCRIBE alike), and
it has no switch to turn that off. A public endpoint would then make requests to any address the
server can reach, internal ones included. So every query is tokenised here first, the way the SPARQL
grammar does (`sparql_tokens`: strings, IRIs, comments, prefixed names with their escapes and
variables are recognised, so "service" in a literal, an IRI or `?service` is not the keyword, and
`ex:a\\#b` or `ex:a\\'b` hides nothing behind a comment or a string), and each SERVICE keyword
must name, as a full IRI, an endpoint on the operator's allow-list (`kamerld serve --allow-service
IRI`). A variable or a prefixed name as the endpoint is refused: what it stands for is only known
while the query runs.
SPARQL's `\\uXXXX` escapes are expanded before the scan, as the grammar says they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .sparql_tokens import tokens

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(query: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(one, query)


def _tokens(query: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokens(query)]


def service_endpoints(query: str) -> list[str | None]:
    """The endpoint of every SERVICE in the query (the IRI, or None when it is a variable or a
    prefixed name), in the order they appear; the query as written and with its escapes expanded."""
    found: list[str | None] = []
    texts = {query, _unescape(query)}
    for text in texts:
        tokens = _tokens(text)
        for i, (kind, value) in enumerate(tokens):
            if kind != "word" or value.upper() != "SERVICE":
                continue
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
                j += 1
            nxt = tokens[j] if j < len(tokens) else ("other", "")
            found.append(nxt[1][1:-1] if nxt[0] == "iri" else None)
    return found


def refusal(query: str, allowed: Iterable[str] = ()) -> str | None:
    """Why the query is refused (a message for the client), or None when it may run."""
    allowed = set(allowed)
    for endpoint in service_endpoints(query):
        if not allowed:
            return ("federated queries (SERVICE) are not allowed on this endpoint; "
                    "its operator can allow endpoints with `kamerld serve --allow-service IRI`")
        if endpoint is None:
            return "SERVICE must name its endpoint as a full IRI <…> from the allow-list"
        if endpoint not in allowed:
            return f"SERVICE endpoint <{endpoint}> is not on this server's allow-list"
    return None


__all__ = ["refusal", "service_endpoints"]
