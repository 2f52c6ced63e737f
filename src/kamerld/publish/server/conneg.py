"""Content negotiation: which of the offered media types a client's Accept header prefers."""

from __future__ import annotations


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def choose(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers (q-values, most specific range wins); the first offer when there is
    no Accept; None when the client accepts none of them."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0]
        q, spec = 0.0, -1
        for rng, rq in ranges:
            s = 2 if rng == offer else 1 if rng == f"{kind}/*" else 0 if rng == "*/*" else -1
            if s > spec:
                q, spec = rq, s
        if spec >= 0 and q > best_q:
            best, best_q = offer, q
    return best


__all__ = ["choose", "parse_accept"]
