"""Re-join lines broken by page layout, and words hyphenated at a line end.

A hyphen at a line end is either a soft break ("ontwikkelings-" + "hulp") or a real hyphen that
happened to fall there ("niet-" + "stemmers", "Noord-" + "Holland", "zee-" + "egel"). We keep it when
Dutch spelling needs it (a capital or digit follows; vowel clash at the join; a known hyphen prefix),
or when the document itself writes the word with a hyphen elsewhere; otherwise we join.
"""

from __future__ import annotations

import re
from functools import lru_cache

# prefixes Dutch writes with a hyphen before a word ("niet-stemmers", "ex-minister", "oud-Kamerlid")
HYPHEN_PREFIXES = frozenset(
    "niet oud ex anti pro non semi co vice zelf pseudo post pre neo multi inter extra mega super".split()
)
# vowel pairs that would merge into one sound without a hyphen ("zee-egel", "auto-ongeluk")
_CLASHES = frozenset("aa ae ai au ee ei eu ie ii oe oi oo ou uu ui".split())
_WORD_AT_END = re.compile(r"(\w+)-$")
_WORD_AT_START = re.compile(r"^(\w+)")


_WORD = re.compile(r"\w+(?:-\w+)*")


@lru_cache(maxsize=4)
def _words(text: str) -> frozenset[str]:
    """Every word and hyphenated compound (and each part of one) the document writes on one line:
    built once per document, so each line end is a set lookup, not a search of the whole text."""
    out = set(_WORD.findall(text))
    for w in [w for w in out if "-" in w]:
        parts = w.split("-")
        out.update(parts)
        out.update("-".join(parts[i:i + 2]) for i in range(len(parts) - 1))
    return frozenset(out)


def keep_hyphen(left: str, right: str, text: str = "") -> bool:
    """Whether "left-" at a line end followed by "right" is a real hyphen."""
    if not right or not left:
        return True
    if text:  # the document's own spelling decides first
        words = _words(text)
        if left + right in words:
            return False
        if f"{left}-{right}" in words:
            return True
    if right[0].isupper() or right[0].isdigit() or left[-1].isdigit():
        return True
    if left.lower() in HYPHEN_PREFIXES:
        return True
    return (left[-1] + right[0]).lower() in _CLASHES


def _in_url(token: str) -> bool:
    return "/" in token or token.startswith("www.") or "://" in token


def join_lines(lines: list[str], text: str = "") -> str:
    """Join the lines of one paragraph into one string with single spaces."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        last_token = out[-300:].rsplit(" ", 1)[-1]
        if out.endswith("/") or (out.endswith("-") and _in_url(last_token)):
            out += line  # a web address broken over two lines: no space, keep its hyphen
            continue
        # only the tail can end in "word-": searching all of `out` made long paragraphs quadratic
        m = _WORD_AT_END.search(out[-200:]) if out.endswith("-") else None
        if m and not out.endswith(" -") and not out.endswith("--"):
            right = _WORD_AT_START.match(line)
            right_word = right.group(1) if right else ""
            if keep_hyphen(m.group(1), right_word, text):
                out += line
            else:
                out = out[:-1] + line
        else:
            out += " " + line
    return re.sub(r"[ \t\u00a0]{2,}", " ", out).strip()
