"""String literals made without rdflib's checks, which they do not need.

`Literal(text)` costs rdflib 9 µs, 13 µs with a language tag: it tries to cast the lexical form to a
Python value, checks the tag and normalises, for a plain string that comes back as it went in. The
mapping makes about 80 a document from strings it already holds. `text()` makes the same object
directly (a str with rdflib's four slots set as rdflib sets them for a string); at import it is
compared with rdflib's own on samples, and if an rdflib version sets them otherwise, `text()` is
rdflib's `Literal`. Only exact `str` values and the language tags checked here take the short way.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD

#: the language tags the mapping writes (each checked by rdflib below)
LANGUAGES = ("nl",)


def _direct(lex: str, lang: str | None = None) -> Literal:
    made = str.__new__(Literal, lex)
    made._language = lang
    made._datatype = None
    made._value = lex
    made._ill_typed = None
    return made


def _same(a: Literal, b: Literal) -> bool:
    return (type(a) is type(b) and str(a) == str(b) and a.language == b.language and a.datatype == b.datatype
            and a.value == b.value and type(a.value) is type(b.value) and a.ill_typed == b.ill_typed
            and a == b and hash(a) == hash(b) and a.n3() == b.n3())


def _works() -> bool:
    try:
        return all(_same(_direct(s, lang), Literal(s, lang=lang))
                   for s in ("Vraag 1", "", " spaties ", "2024-01-01", "12", "true", "é\n\"x\"")
                   for lang in (None, *LANGUAGES))
    except (AttributeError, TypeError):  # slots renamed or gone
        return False


_DIRECT = _works()
_TAGS = frozenset((None, *LANGUAGES))


def _slots_read() -> bool:
    """Whether `language` and `datatype` read the slots `_language` and `_datatype`, for rdflib's own
    literals of every kind the mapping makes as well."""
    from datetime import date

    try:
        samples = [Literal("x"), Literal("x", lang="nl"), Literal(3), Literal(True),
                   Literal(date(2024, 1, 2)), Literal("x", datatype=XSD.anyURI), _direct("x", "nl"),
                   _direct("y")]
        return all(s._language == s.language and s._datatype == s.datatype for s in samples)
    except AttributeError:
        return False


#: a writer that reads many literals may take `_language` and `_datatype` as they are (an attribute
#: read, not a property's call) when this holds
SLOTS = _DIRECT and _slots_read()


def text(lex: str, lang: str | None = None) -> Literal:
    """`Literal(lex, lang=lang)` for a string, quickly."""
    if _DIRECT and type(lex) is str and lang in _TAGS:
        return _direct(lex, lang)
    return Literal(lex, lang=lang)


@lru_cache(maxsize=8192)
def integer(n: int) -> Literal:
    """`Literal(n, datatype=XSD.integer)`: a document's day counts repeat across documents."""
    return Literal(n, datatype=XSD.integer)


__all__ = ["LANGUAGES", "SLOTS", "integer", "text"]
