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

#: characters re.IGNORECASE matches with an ASCII letter that `str.lower` does not make that letter
_CASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")


def ignorecase_start(text: str, word: str) -> int | None:
    """The first position at which `word` (ASCII letters) can occur in `text` as re.IGNORECASE
    matches it, or None when it occurs nowhere. A search of a pattern whose every match starts with
    `word` can start there (`pattern.search(text, start)`: `\\b` and lookbehinds still see the text
    before it)."""
    if not (word.isascii() and word.isalpha()):
        raise ValueError(f"not a word of ASCII letters: {word!r}")
    global _last
    if _last[0] is text:  # the same head searched for several words: lowered once
        lowered = _last[1]
    elif any(odd in text for odd in _CASE_ODD):
        return 0
    else:
        lowered = text.lower()
        _last = (text, lowered)
    found = lowered.find(word.lower())
    return None if found < 0 else found


#: the last text lowered and its lowered form (held, so the identity test cannot meet a new object
#: at the same address)
_last: tuple[str | None, str] = (None, "")


__all__ = ["ignorecase_start"]
