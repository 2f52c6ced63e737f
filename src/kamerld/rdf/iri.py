"""Absolute IRIs from addresses as they were written: valid by construction (RFC 3987 / 3986).

A web address cited in a document is text, and text may hold anything: `[` `]` in a query
(`?tags[]=x`), a second `#`, a port that is not a number (`:80a`), a bracketed host that is no IPv6
address, a `%` that starts no escape, spaces and control characters. `web_iri` keeps the address's
structure (scheme, authority, path, query, fragment) and percent-encodes, per component, every
character that component may not hold, so the result always parses (pyoxigraph, rapper, Virtuoso).
Characters outside ASCII are percent-encoded as UTF-8 too (an IRI may carry most of them, but not
all: noncharacters, private use outside the query; ASCII is the form every consumer reads).
The text as written stays in the citation's literal; only the link is normalised.
"""

from __future__ import annotations

import ipaddress
import re

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_SUB_DELIMS = "!$&'()*+,;="
#: what each component may hold unencoded (besides a valid `%XX` escape)
_USERINFO = frozenset(_UNRESERVED + _SUB_DELIMS + ":")
_HOST = frozenset(_UNRESERVED + _SUB_DELIMS)
_PATH = frozenset(_UNRESERVED + _SUB_DELIMS + ":@/")
_QUERY = frozenset(_UNRESERVED + _SUB_DELIMS + ":@/?")
_HEX = frozenset("0123456789abcdefABCDEF")


def _encode(text: str, allowed: frozenset[str]) -> str:
    """Percent-encode (UTF-8) every character not in `allowed`; a `%` is kept only before two hex
    digits, otherwise it is itself encoded (`%zz` -> `%25zz`)."""
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in allowed:
            out.append(ch)
        elif ch == "%" and i + 2 < n and text[i + 1] in _HEX and text[i + 2] in _HEX:
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    return "".join(out)


def _host_port(hostport: str) -> str:
    if hostport.startswith("["):
        end = hostport.find("]")
        if end > 0:
            literal, rest = hostport[1:end], hostport[end + 1:]
            try:
                ipaddress.IPv6Address(literal)
            except ValueError:
                pass
            else:
                if rest == "" or re.fullmatch(r":[0-9]*", rest):
                    return f"[{literal.lower()}]{rest}"
        return _encode(hostport, _HOST)  # not an IPv6 literal: the brackets are text
    host, sep, port = hostport.rpartition(":")
    if sep and re.fullmatch(r"[0-9]*", port):
        return _encode(host, _HOST) + ":" + port
    return _encode(hostport, _HOST)  # ":80a" is no port: the colon is part of the (odd) host


def web_iri(text: str) -> str:
    """A valid absolute IRI for the address `text` (which must start with a scheme, `https:`);
    ValueError when it has none."""
    scheme, colon, rest = text.partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        raise ValueError(f"not an absolute address (no scheme): {text[:80]!r}")
    out = [scheme.lower(), ":"]
    rest, hash_, fragment = rest.partition("#")
    rest, qmark, query = rest.partition("?")
    if rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        path = slash + path
        userinfo, at, hostport = authority.rpartition("@")
        out.append("//")
        if at:
            out += [_encode(userinfo, _USERINFO), "@"]
        out.append(_host_port(hostport))
    else:
        path = rest
    out.append(_encode(path, _PATH))
    if qmark:
        out += ["?", _encode(query, _QUERY)]
    if hash_:
        out += ["#", _encode(fragment, _QUERY)]  # a second "#" is encoded: "%23"
    return "".join(out)


def is_web_iri(text: str) -> bool:
    """True when `text` is already the IRI `web_iri` would make of it."""
    try:
        return web_iri(text) == text
    except ValueError:
        return False


__all__ = ["is_web_iri", "web_iri"]
