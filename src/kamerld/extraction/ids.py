"""Document ids: the one place where the local id of a parliamentary paper is put together.

Ids follow KOOP's identifiers (data contract): `ah-tk-20242025-583` (Aanhangsel item), `kv-tk-2024Z18775`
(a set of questions not yet in the Aanhangsel, by its zaak), `kst-36200-VII-5` (Kamerstuk; the
vergaderjaar is not part of it), `h-tk-20172018-70-10` (Handelingen, sitting and item),
`antwoord-tk-2024Z14814` (an answer letter known only by the zaak it answers). Every part is checked,
so an id is always `[A-Za-z0-9._-]`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = [
    "vj_compact",
    "zitting_of",
    "vergaderjaar_of",
    "dossier_key",
    "aanhangsel_id",
    "kamervragen_id",
    "antwoord_id",
    "kamerstuk_id",
    "handelingen_id",
    "ZAAK",
    "TKDOC",
]

ZAAK = re.compile(r"\b((?:19|20)\d\dZ\d{5})\b")
TKDOC = re.compile(r"\b((?:19|20)\d\dD\d{5})\b")
_VJ = re.compile(r"((?:18|19|20)\d\d)\s*[-–—/]\s*((?:18|19|20)?\d\d)")
_SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def _check(value: str) -> str:
    if not _SAFE.match(value):
        raise ValueError(f"not a valid id: {value!r}")
    return value


def _chamber(chamber: str | None) -> str:
    c = (chamber or "TK").lower()
    if c not in ("tk", "ek"):
        raise ValueError(f"unknown chamber {chamber!r}")
    return c


def vergaderjaar_of(text: str) -> str | None:
    """ "2024–2025", "2022/23", "1977-1978" -> "2024-2025" (second year written in full)."""
    m = _VJ.search(text or "")
    if not m:
        return None
    y1, y2 = m.group(1), m.group(2)
    if len(y2) == 2:
        y2 = y1[:2] + y2
    if int(y2) != int(y1) + 1:
        return None
    return f"{y1}-{y2}"


def zitting_of(day: date) -> str | None:
    """The zitting a day fell in, 1888-1939, when a page prints none: it opened on the third Tuesday
    of September (Prinsjesdag), so 11 August 1924 is in 1923-1924 and 30 September 1924 in 1924-1925.
    None outside those years (the war, the irregular zittingen of 1945-1947, and later pages, which
    print their vergaderjaar)."""
    if not 1888 <= day.year <= 1939:
        return None
    first = date(day.year, 9, 1)
    prinsjesdag = first + timedelta(days=(1 - first.weekday()) % 7 + 14)
    start = day.year if day >= prinsjesdag else day.year - 1
    return f"{start}-{start + 1}"


def vj_compact(vergaderjaar: str) -> str:
    """ "2024-2025" -> "20242025"."""
    vj = vergaderjaar_of(vergaderjaar)
    if vj is None:
        raise ValueError(f"not a vergaderjaar: {vergaderjaar!r}")
    return vj.replace("-", "")


def dossier_key(number: str, toevoeging: str | None = None) -> str:
    """ "36 200", "VII" -> "36200-VII"; "21 501-32" -> "21501-32"; "36200 VII" -> "36200-VII"."""
    number = re.sub(r"[\s\u00a0\u202f.]", "", number.strip())
    m = re.match(r"^(\d{1,6})(?:[-–]?([A-Z]{1,6}|\d{1,3}))?$", number)
    if not m:
        m2 = re.match(r"^(\d{1,6})[-–]?([IVXL]{1,6}[AB]?|[A-Z])$", number)
        if not m2:
            raise ValueError(f"not a dossier number: {number!r}")
        m = m2
    base, toev = m.group(1), m.group(2)
    toevoeging = (toevoeging or "").strip(" -–") or toev
    return _check(f"{base}-{toevoeging}" if toevoeging else base)


def aanhangsel_id(chamber: str | None, vergaderjaar: str, number: str) -> str:
    return _check(f"ah-{_chamber(chamber)}-{vj_compact(vergaderjaar)}-{number.strip()}")


def kamervragen_id(chamber: str | None, zaak: str) -> str:
    return _check(f"kv-{_chamber(chamber)}-{zaak.strip()}")


def antwoord_id(chamber: str | None, zaak: str) -> str:
    return _check(f"antwoord-{_chamber(chamber)}-{zaak.strip()}")


def kamerstuk_id(dossier: str, stuk: str) -> str:
    """ "36200-VII", "5" -> "kst-36200-VII-5"; EK letters as printed ("kst-36410-A", "kst-19599-229a")."""
    stuk = re.sub(r"\s+", "", stuk.strip(" .,"))
    return _check(f"kst-{dossier}-{stuk}")


def handelingen_id(chamber: str | None, vergaderjaar: str, sitting: str, item: str | None = None) -> str:
    base = f"h-{_chamber(chamber)}-{vj_compact(vergaderjaar)}-{sitting}"
    return _check(f"{base}-{item}" if item else base)
