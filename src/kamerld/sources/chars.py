"""Characters no output may carry, wherever in an input they were.

NUL, the other C0 controls but tab, line feed and carriage return, DEL, unpaired surrogates and the
Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, U+nFFFE/U+nFFFF) are not text: XML 1.0 cannot
hold most of them even as character references (SPARQL XML results, HTML pages), rapper refuses them
in Turtle, and a NUL in an HTML page is a parse error. They are cleaned twice: from an input's text
when it is decoded (`Source.text`, with a notice on the document), and from every literal the
mapping makes (the guarantee, whatever a reader or a PDF's text layer gave).
"""

from __future__ import annotations

import re

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
#: never in output; form feed and vertical tab are line breaks (a PDF text layer's page breaks)
UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff{_NONCHARACTERS}]")
#: what decoding an input removes: the same, but form feed and vertical tab stay for the readers
UNSAFE_IN_INPUT = re.compile(f"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff{_NONCHARACTERS}]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# The same, quickly: re scans a class of the 32 single astral noncharacters 30 times slower than one
# of ranges, so a text is looked at with the unsafe characters of the Basic Multilingual Plane and
# any astral character at all (one range) first, in one scan; only a text with one of those is
# looked at with the exact class.
_COARSE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                     "\U00010000-\U0010ffff]")
_COARSE_IN_INPUT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                              "\U00010000-\U0010ffff]")


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character no output may carry (`UNSAFE`)."""
    return _COARSE.search(text) is not None and UNSAFE.search(text) is not None


def clean_text(text: str) -> str:
    """`text` without the unsafe characters (line breaks for form feed and vertical tab)."""
    if _COARSE.search(text) is None or UNSAFE.search(text) is None:
        return text
    return UNSAFE_IN_INPUT.sub("", text.translate(_BREAKS))


def clean_input(text: str) -> tuple[str, int, int]:
    """(`text` without the unsafe characters, how many were removed, the offset of the first); form
    feed and vertical tab are kept for the readers, which read them as line breaks."""
    first = UNSAFE_IN_INPUT.search(text) if _COARSE_IN_INPUT.search(text) is not None else None
    if first is None:
        return text, 0, -1
    cleaned, n = UNSAFE_IN_INPUT.subn("", text)
    return cleaned, n, first.start()


def printable(text: str) -> str:
    """`text` for one line of a terminal or a log: control characters (a newline in a file name, an
    escape sequence) are shown escaped, so no input can forge or colour a line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


__all__ = ["UNSAFE", "clean_input", "clean_text", "has_unsafe", "printable"]
