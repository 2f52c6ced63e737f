"""The deflate the batch compresses with: ISA-L's (Intel's, through python-isal) where it is
installed, else zlib's. Both write the standard formats (gzip members, zlib streams) that zlib and
every gzip reader read back; ISA-L in a fourth of zlib's CPU at the levels the batch uses, as small
within 1 % (the dumps' parts were 6 % of a KOOP answer's CPU). pyproject.toml installs python-isal on
the machines it has wheels for."""

from __future__ import annotations

try:
    from isal import isal_zlib as deflate

    #: gzip level of the dumps' parts (ISA-L has 0 to 3)
    GZIP_LEVEL = 2
except ImportError:  # a machine python-isal has no wheel for
    import zlib as deflate  # type: ignore[no-redef]

    #: gzip level of the dumps' parts: zlib's 3 packs nearly as well as 5 (+15 %) in half the time
    GZIP_LEVEL = 3

__all__ = ["GZIP_LEVEL", "deflate"]
