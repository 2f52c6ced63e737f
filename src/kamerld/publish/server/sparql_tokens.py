"""A query's tokens the way SPARQL's grammar reads them (SPARQL 1.1 Query, section 19.8): strings, IRIs,
comments, variables, prefixed names, numbers, language tags, words. One tokeniser for the two readers
of a query before pyoxigraph: `guard` (is there a SERVICE keyword, and what does it name?) and
`query_errors` (what is wrong, and where?).

For the guard a token boundary is a security boundary: text the tokeniser takes for a string or a
comment is never looked at for the keyword. So every token that can hold a quote or a `#` is read
as the grammar reads it. A prefixed name's local part may hold escapes (PN_LOCAL_ESC: `ex:a\\'b`,
`ex:a\\#b`) and percent codes: they are part of the name, not the start of a string or a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: PN_CHARS (the grammar's name characters besides the first), as a class body
_PN_CHARS = r"\w\-\u00b7\u0300-\u036f\u203f-\u2040"
#: PLX: a percent code, or a backslash escape of one of the grammar's 20 characters
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
#: PN_LOCAL: a first character, then name characters, dots and colons, not ending in a dot
_PN_LOCAL = rf"(?:[{_PN_CHARS}:]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
#: PN_PREFIX: a letter first, then name characters and dots, not ending in a dot
_PN_PREFIX = rf"[^\W\d](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"

TOKEN = re.compile(
    rf"""(?P<comment>\#[^\n\r]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
      | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
      | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
      | (?P<word>[^\W\d]\w*)
      | (?P<space>\s+)
      | (?P<other>.)""",
    re.X | re.S,
)


@dataclass(frozen=True)
class Token:
    kind: str  # one of TOKEN's group names but "space" and "comment"
    text: str
    offset: int


def tokens(query: str) -> list[Token]:
    """The tokens of `query` in order, without white space and comments."""
    return [Token(m.lastgroup or "other", m.group(), m.start()) for m in TOKEN.finditer(query)
            if m.lastgroup not in ("space", "comment")]


__all__ = ["TOKEN", "Token", "tokens"]
