"""Where a case-insensitive search can start, found with `str.lower` and `str.find` instead of re.

re scans a pattern that opens with `\\b` or a case-insensitive letter by trying it at every position
of the text: a search for "Ontvangen" in the 5 KB head of a paper cost 140 µs, four of them a
paper. The first place the word's letters occur in the lowered text is where such a search can
first match, so it can start there, and not run at all when they do not occur.

Exact for ASCII letters: under `re.IGNORECASE` a letter matches itself, its other case and, for
i, k and s, one of four other characters (İ, ı, K the Kelvin sign, ſ the long s), which `str.lower`
does not turn into the letter (and İ lowers to two characters, which would move every position
after it). A text with one of those four is searched from its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as _c  # the parsed form of a pattern (`starts_of`); stable since 3.11
from re import _parser

#: characters re.IGNORECASE matches with an ASCII letter that `str.lower` does not make that letter
_CASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")


def ignorecase_start(text: str, word: str) -> int | None:
    """The first position at which `word` (ASCII letters) can occur in `text` as re.IGNORECASE
    matches it, or None when it occurs nowhere. A search of a pattern whose every match starts with
    `word` can start there (`pattern.search(text, start)`: `\\b` and lookbehinds still see the text
    before it)."""
    _check_word(word)
    lowered = _lowered(text)
    if lowered is None:
        return 0
    found = lowered.find(word.lower())
    return None if found < 0 else found


def _check_word(word: str) -> None:
    if not (word.isascii() and word.isalpha()):
        raise ValueError(f"not a word of ASCII letters: {word!r}")


def _lowered(text: str) -> str | None:
    """`text.lower()`, at the same positions as `text`, or None when the text holds a character
    that lowering moves (İ) or that re.IGNORECASE matches with a letter it does not lower to."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last[0] is text:  # the same head searched for several words: lowered once
        return last[1]
    if any(odd in text for odd in _CASE_ODD):
        return None
    lowered = text.lower()
    _last = (text, lowered)
    return lowered


#: the last text lowered and its lowered form (held, so the identity test cannot meet a new object
#: at the same address)
_last: tuple[str | None, str] = (None, "")


# ---- where a pattern's matches can start ---------------------------------------------------------
#
# re finds a pattern that opens with a literal or a character class quickly; one that opens with a
# lookbehind ("(?<![A-Za-z])Kamerstuk") it tries at every position of the text. The characters a
# match can start with are read off the parsed pattern (a lookbehind, a lookahead and an anchor are
# zero-width: they are skipped, which can only make the set larger); when they are rarer than a
# lower-case letter, re finds them quickly and the pattern is tried only there.


def starts_of(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character pattern matching every character a match of `pattern` can start with, or None
    when that is not worth it (a match can start with a lower-case letter, a space, anything, or be
    empty) or not known (a case-insensitive pattern, a back-reference). Remembered by the pattern
    object itself: a cache keyed by the pattern hashes its compiled code on every call."""
    known = _STARTS.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    starts = _starts_of(pattern)
    if len(_STARTS) < _STARTS_KEPT:  # the patterns are the modules' own: a few hundred
        _STARTS[id(pattern)] = (pattern, starts)  # the pattern held, so its id is not another's
    return starts


_STARTS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
_STARTS_KEPT = 512


def _starts_of(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        first, nullable = _first(list(_parser.parse(pattern.pattern, pattern.flags).data))
    except _Unknown:
        return None
    if nullable or not first:
        return None
    starts = re.compile("[" + "".join(first) + "]")
    if starts.search("abcdefghijklmnopqrstuvwxyz "):
        return None
    return starts


def finditer_at(pattern: re.Pattern[str], starts: re.Pattern[str] | None, text: str
                ) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only where `starts` (`starts_of(pattern)`) matches:
    the leftmost match at or after the end of the last one, as finditer finds it (no match is empty,
    or `starts_of` would have said None)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for candidate in starts.finditer(text):
        at = candidate.start()
        if at < end:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            end = m.end()


def search_at(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, trying the pattern only where its matches can start (`starts_of`)."""
    return next(finditer_at(pattern, starts_of(pattern), text), None)


def search_from_words(pattern: re.Pattern[str], text: str, *words: str) -> re.Match[str] | None:
    """`pattern.search(text)` for a pattern whose every match starts with one of `words` (ASCII
    letters) as re.IGNORECASE matches them: searched from the first place one can start
    (`ignorecase_start`), and not at all when none occurs."""
    starts = [at for w in words if (at := ignorecase_start(text, w)) is not None]
    return pattern.search(text, min(starts)) if starts else None


def _opening(text: str, where: str, word: str) -> Iterator[tuple[int, int]]:
    """(line start, position) of each occurrence of `word` in `where` (`text` or its lowered form,
    at the same positions) that only white space precedes on its line."""
    at = where.find(word)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        if start == at or text[start:at].isspace():
            yield start, at
        at = where.find(word, at + 1)


def has_line(text: str, word: str) -> bool:
    """Whether a line of `text` holds `word` and white space only: what `^\\s*word\\s*$` under
    re.MULTILINE finds, with `str.find` (the pattern opens with an anchor, which re tries at every
    position: 90 µs for the 17 KB head of an Aanhangsel that holds no such line). `\\s` is what
    `str.isspace` says; `^` and `$` see only "\\n" as a line end."""
    for _start, at in _opening(text, text, word):
        end = text.find("\n", at + len(word))
        after = text[at + len(word):end if end >= 0 else len(text)]
        if not after or after.isspace():
            return True
    return False


def has_line_match(pattern: re.Pattern[str], text: str, word: str) -> bool:
    """Whether `pattern.search(text)` finds a match, for a pattern under re.MULTILINE and
    re.IGNORECASE that opens with `^\\s*` and then `word` (ASCII letters): tried only at the start
    of each line where the word stands first (scanned whole, the anchor was tried at every position,
    80 µs for a 17 KB head that holds the word once in its text)."""
    _check_word(word)
    lowered = _lowered(text)
    if lowered is None:
        return pattern.search(text) is not None
    return any(pattern.match(text, start) for start, _at in _opening(text, lowered, word.lower()))


class _Unknown(Exception):
    pass


_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"}


def _first(items: list) -> tuple[set[str], bool]:
    """(class fragments of the first character, whether the sequence can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_of(op, av)
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_of(op, av) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _c.IN:
        out = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                out.add(re.escape(chr(value)))
            elif kind is _c.RANGE:
                out.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                out.add(_CATEGORIES[value])
            else:  # a negated class, a category this does not know
                raise _Unknown
        return out, False
    if op is _c.BRANCH:
        out, nullable = set(), False
        for alternative in av[1]:
            first, empty = _first(list(alternative))
            out |= first
            nullable = nullable or empty
        return out, nullable
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _first(list(sub))
    if op is _c.ATOMIC_GROUP:
        return _first(list(av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        first, nullable = _first(list(sub))
        return first, nullable or low == 0
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero-width
    raise _Unknown  # any character, a back-reference, a conditional


__all__ = ["finditer_at", "has_line", "has_line_match", "ignorecase_start", "search_at", "search_from_words",
           "starts_of"]
