"""How a surname as printed can differ from the register's: spelling and OCR variation.

Exact keys already ignore case, diacritics, spaces and hyphens (`names.compact`), so "Noote-boom"
(a line-end hyphen), "Gardeniers-Be-rendsen" and "Muller van Ast" match as they are. What is left:

* OCR letter slips: one letter read as a look-alike ("c" for "e", "l" for "i", "rn" for "m");
* a double surname printed with only one part, or a part the register lacks ("Smit-Kroes" for
  Neelie Kroes, whose register name is her own).

These are weaker matches: the caller accepts them only when date, role or fractie leave exactly one
person, never as a guess between several.
"""

from __future__ import annotations

from collections.abc import Iterator

#: look-alike letters of OCR, both ways
_CONFUSIONS = [("c", "e"), ("e", "c"), ("l", "i"), ("i", "l"), ("l", "1"), ("i", "1"), ("o", "0"),
               ("rn", "m"), ("m", "rn"), ("n", "u"), ("u", "n"), ("h", "b"), ("b", "h"), ("ii", "u"),
               ("u", "ii"), ("f", "t"), ("t", "f"), ("s", "8"), ("B", "8")]
MIN_OCR_LENGTH = 5  # shorter names have too many neighbours


def ocr_variants(key: str) -> Iterator[str]:
    """Every key that one OCR look-alike slip away from `key` (a compact surname) could have been."""
    if len(key) < MIN_OCR_LENGTH:
        return
    seen = {key}
    for wrong, right in _CONFUSIONS:
        start = key.find(wrong)
        while start != -1:
            variant = key[:start] + right + key[start + len(wrong):]
            if variant not in seen:
                seen.add(variant)
                yield variant
            start = key.find(wrong, start + 1)


def surname_parts(surname_norm: str) -> list[str]:
    """The parts of a double surname as printed ("smit-kroes" -> ["kroes", "smit"]), last part first:
    a married woman's own name follows the hyphen."""
    parts = [p.strip() for p in surname_norm.split("-") if p.strip()]
    return list(reversed(parts)) if len(parts) > 1 else []
