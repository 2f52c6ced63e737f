"""Re-join lines broken by page layout, and words hyphenated at a line end.

A hyphen at a line end is either a soft break ("ontwikkelings-" + "hulp") or a real hyphen that
happened to fall there ("niet-" + "stemmers", "Noord-" + "Holland", "zee-" + "egel"). We keep it when
Dutch spelling needs it (a capital or digit follows; vowel clash at the join; a known hyphen prefix),
or when the document itself writes the word with a hyphen elsewhere; otherwise we join.
"""

from __future__ import annotations

import re

# prefixes Dutch writes with a hyphen before a word ("niet-stemmers", "ex-minister", "oud-Kamerlid")
HYPHEN_PREFIXES = frozenset(
    "niet oud ex anti pro non semi co vice zelf pseudo post pre neo multi inter extra mega super".split()
)
# vowel pairs that would merge into one sound without a hyphen ("zee-egel", "auto-ongeluk")
_CLASHES = frozenset("aa ae ai au ee ei eu ie ii oe oi oo ou uu ui".split())
_WORD_AT_END = re.compile(r"(\w+)-$")
_WORD_AT_START = re.compile(r"^(\w+)")


_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def _written(text: str, word: str) -> bool:
    """Whether the document writes `word` (letters, or two runs of letters with a hyphen) on one
    line as a word, a hyphenated compound, or part of one ("Holland", "Noord-Holland" in
    "Noord-Holland-Noord"): an occurrence with no word character right before or after it. Found
    with str.find: a list of every word of the document cost half a millisecond to build."""
    end = len(word)
    at = text.find(word)
    while at >= 0:
        after = at + end
        if (at == 0 or not _WORD_CHAR.match(text, at - 1)) and (
                after == len(text) or not _WORD_CHAR.match(text, after)):
            return True
        at = text.find(word, at + 1)
    return False


def keep_hyphen(left: str, right: str, text: str = "") -> bool:
    """Whether "left-" at a line end followed by "right" is a real hyphen."""
    if not right or not left:
        return True
    if text:  # the document's own spelling decides first
        if _written(text, left + right):
            return False
        if _written(text, f"{left}-{right}"):
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
        if out.endswith("/") or (out.endswith("-") and _in_url(out[-300:].rsplit(" ", 1)[-1])):
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
    if "  " in out or "\t" in out or "\u00a0" in out:  # what every run of two holds
        out = _SPACES.sub(" ", out)
    return out.strip()
