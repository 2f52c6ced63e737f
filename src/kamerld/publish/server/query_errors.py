"""What is wrong with a query that does not parse, said at the place where it is wrong.

pyoxigraph's parser is a PEG parser: it reports the farthest point it reached and everything it would
have taken there, so `SELEC * {}` gives "error at 1:10: expected CONSTRUCT" and a missing `}` a list
of Unicode ranges. A user needs the first thing that is wrong and where. So a query that pyoxigraph
refuses is looked at here, the way the SPARQL grammar reads it (strings, IRIs, comments, names,
numbers), for the mistakes people make: a misspelt keyword ("SELEC", "LIMT": with the keyword meant),
a prefix used but not declared, a string or a bracket never closed or closed by the wrong one, an IRI
with a space or without a scheme, a SELECT expression without `AS ?name`, a query that does not start
with its form. The earliest such finding at or before pyoxigraph's position is reported (the
parser cannot have passed the real mistake); otherwise pyoxigraph's own message, with its character
ranges said in words, at its position. Either way the answer names the line and column and shows the
line with a caret under the place.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .sparql_tokens import Token, tokens

KEYWORDS = frozenset(
    """SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED PREFIX BASE DISTINCT REDUCED ORDER BY ASC DESC LIMIT
    OFFSET GROUP HAVING VALUES OPTIONAL UNION MINUS GRAPH SERVICE SILENT FILTER BIND AS UNDEF NOT IN EXISTS
    A TRUE FALSE INSERT DELETE DATA LOAD CLEAR DROP CREATE ADD MOVE COPY WITH USING DEFAULT ALL INTO TO
    STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE
    ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS
    TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI
    ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT
    SEPARATOR TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE LANGDIR HASLANG HASLANGDIR STRLANGDIR LATERAL
    VERSION ADJUST""".split()
)
#: the words that are not keywords but that people type for one
_SUGGESTIONS = sorted(KEYWORDS - {"A", "TO", "IN", "AS", "BY", "IF", "TZ"})
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_OPEN = {"{": "}", "(": ")", "[": "]"}
_CLOSE = {v: k for k, v in _OPEN.items()}

_OX_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_SPACED_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*[ \t][^<>\n]*>")


@dataclass(frozen=True)
class Finding:
    offset: int
    message: str


def position(query: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset."""
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def _offset(query: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        nxt = query.find("\n", start)
        if nxt < 0:
            return len(query)
        start = nxt + 1
    return min(start + column - 1, len(query))


def _suggest(word: str) -> str:
    close = difflib.get_close_matches(word.upper(), _SUGGESTIONS, n=1, cutoff=0.7)
    return f"; did you mean {close[0]}?" if close else ""


def findings(query: str) -> list[Finding]:
    """Every mistake this module recognises, in the order they appear."""
    if not query.strip():
        return [Finding(0, "the query is empty")]
    toks = tokens(query)
    found: list[Finding] = []
    declared: set[str] = set()
    has_base = False
    stack: list[Token] = []
    form_seen = False
    open_string = False
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok.kind == "other" and tok.text in "\"'":
            found.append(Finding(tok.offset, "a string opened here is never closed"))
            open_string = True
            break  # everything after an open string is part of it
        if prev is not None and prev.kind == "word" and prev.text.upper() in ("LIMIT", "OFFSET") \
                and tok.kind != "number":
            found.append(Finding(tok.offset,
                                 f"{prev.text.upper()} takes a whole number, not {tok.text[:40]}"))
        if prev is not None and prev.kind == "word" and prev.text.upper() in ("ORDER", "GROUP") \
                and tok.text.upper() != "BY":
            found.append(Finding(tok.offset, f"{prev.text.upper()} is followed by BY"))
        if tok.kind == "other" and tok.text in "=<>&|" and (nxt is None or nxt.text in ")}.;,"):
            found.append(Finding(tok.offset, f"something is missing after '{tok.text}'"))
        if tok.kind == "other" and tok.text in _OPEN:
            stack.append(tok)
        elif tok.kind == "other" and tok.text in _CLOSE:
            if not stack:
                found.append(Finding(tok.offset, f"'{tok.text}' closes nothing"))
            elif stack[-1].text != _CLOSE[tok.text]:
                opener = stack.pop()
                line, col = position(query, opener.offset)
                found.append(Finding(tok.offset, f"'{tok.text}' closes the '{opener.text}' of line {line}, "
                                                 f"column {col}; '{_OPEN[opener.text]}' was expected"))
                if stack and stack[-1].text == _CLOSE[tok.text]:  # it closes the one below instead
                    stack.pop()
            else:
                stack.pop()
        elif tok.kind == "word":
            upper = tok.text.upper()
            if upper not in KEYWORDS:
                found.append(Finding(tok.offset, f"unknown word {tok.text}{_suggest(tok.text)}"))
            elif upper == "BASE":
                has_base = True
            elif not form_seen and upper not in ("PREFIX", "BASE"):
                form_seen = True
                if upper not in _FORMS:
                    found.append(Finding(tok.offset, "a query starts with SELECT, CONSTRUCT, ASK or "
                                                     f"DESCRIBE (after PREFIX and BASE), not {tok.text}"))
        elif tok.kind == "pname":
            prefix = tok.text.split(":", 1)[0]
            if prev is not None and prev.kind == "word" and prev.text.upper() == "PREFIX":
                declared.add(prefix)
            elif prefix != "_" and prefix not in declared:
                found.append(Finding(tok.offset, f"the prefix {prefix}: is not declared; add a line "
                                                 f"PREFIX {prefix}: <…> before the query"))
        elif tok.kind == "iri" and not has_base and not _SCHEME.match(tok.text[1:]):
            found.append(Finding(tok.offset, f"the IRI {tok.text} is not absolute (it has no scheme such as "
                                             "https:) and the query has no BASE"))
    if toks and toks[-1].kind == "word" and toks[-1].text.upper() in ("LIMIT", "OFFSET"):
        found.append(Finding(len(query.rstrip()), f"{toks[-1].text.upper()} takes a whole number"))
    for opener in [] if open_string else stack:  # an open string swallows the closing brackets
        found.append(Finding(opener.offset, f"this '{opener.text}' is never closed"))
    for m in _SPACED_IRI.finditer(query):
        found.append(Finding(m.start(), f"the IRI {m.group()[:60]} holds a space (write %20)"))
    found.extend(_select_without_as(toks))
    return sorted(found, key=lambda f: f.offset)


def _select_without_as(toks: list[Token]) -> list[Finding]:
    """`SELECT (COUNT(*) ?n)`: an expression in the projection must be named with AS."""
    out = []
    for i, tok in enumerate(toks):
        if tok.kind != "word" or tok.text.upper() != "SELECT":
            continue
        j = i + 1
        while j < len(toks) and not (toks[j].kind == "word" and toks[j].text.upper() in ("WHERE", "FROM")) \
                and toks[j].text != "{":
            if toks[j].text == "(":
                depth, k, has_as = 0, j, False
                while k < len(toks):
                    if toks[k].text == "(":
                        depth += 1
                    elif toks[k].text == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    elif depth == 1 and toks[k].kind == "word" and toks[k].text.upper() == "AS":
                        has_as = True
                    k += 1
                if not has_as:
                    out.append(Finding(toks[j].offset, "an expression in SELECT needs a name: (… AS ?name)"))
                j = k
            j += 1
    return out


def _say_expected(text: str) -> str:
    """pyoxigraph's list of what it expected, with its character ranges in words."""
    words: list[str] = []
    text = re.sub(r"^expected\s+(one of\s+)?", "", text.strip())
    for item in re.findall(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|[A-Za-z][\w ]*\w|[A-Za-z]', text):
        if item.startswith("["):
            said = ("a name" if "'A'" in item else "a digit" if "'0'" in item else None)
        elif item.startswith('"'):
            said = item
        elif item == "Prefix not found":
            said = "a declared prefix"
        elif item == "IRI parsing failed":
            said = "a valid absolute IRI"
        elif item in ("unreported", "_"):
            said = None
        else:
            said = item
        if said and said not in words:
            words.append(said)
    if not words:
        return "this is not valid SPARQL here"
    shown = ", ".join(words[:12]) + (f" (and {len(words) - 12} more)" if len(words) > 12 else "")
    return ("expected " + shown) if len(words) == 1 else ("expected one of " + shown)


def explain(query: str, error: str) -> str:
    """The message for a query pyoxigraph refused with `error` (its SyntaxError's text)."""
    m = _OX_POSITION.match(error.strip())
    ox_offset = _offset(query, int(m.group(1)), int(m.group(2))) if m else len(query)
    ours = [f for f in findings(query) if f.offset <= ox_offset]
    if ours:
        offset, message = ours[0].offset, ours[0].message
    else:
        offset = ox_offset
        message = _say_expected(m.group(3)) if m else " ".join(error.split())[:300]
    line, col = position(query, offset)
    text_line = query.splitlines()[line - 1] if query.splitlines()[line - 1:line] else ""
    caret = " " * (col - 1) + "^"
    if len(text_line) > 120:  # show the part around the place
        start = max(0, col - 60)
        text_line, caret = text_line[start:start + 120], " " * (col - 1 - start) + "^"
    return (f"SPARQL syntax error at line {line}, column {col}: {message}\n"
            f"  {text_line.expandtabs(1)}\n  {caret}\n")


__all__ = ["KEYWORDS", "explain", "findings", "position", "tokens"]
