"""Safe access to ZIP containers (DOCX): the one place kamerld opens a ZIP.

A hostile ZIP can claim small sizes and inflate to gigabytes ("zip bomb"), hold thousands of members,
or name members "../../etc/passwd". We never extract to disk; we read single members into memory, and
only after checking the member count, the declared sizes, the compression ratio, and then the real
number of bytes inflated (the declared size may lie).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from kamerld.errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 50 * 1024 * 1024  # one inflated member
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members together, as declared
MAX_RATIO = 100  # inflated / compressed; real DOCX XML compresses 5-20x
_RATIO_FLOOR = 64 * 1024  # tiny members may compress extremely well (runs of spaces); allow them


@dataclass(frozen=True)
class Limits:
    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO


def is_zip(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts


class SafeZip:
    """A read-only view of a ZIP held in memory. Raises InputError naming `path` on anything odd."""

    def __init__(self, data: bytes, path: str, limits: Limits = Limits()):
        self.path = path
        self.limits = limits
        if not is_zip(data):
            raise InputError("not a ZIP container (no PK signature)", path)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:  # "zip version 12.7"
            raise InputError(f"damaged ZIP container: {exc}", path) from exc
        if len(infos) > limits.members:
            raise InputError(f"ZIP holds {len(infos)} members, more than the limit of {limits.members}", path)
        total = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if _unsafe_name(info.filename):
                raise InputError(f"ZIP member name {info.filename!r} points outside the archive", path)
            if info.flag_bits & 0x1:
                raise InputError(f"ZIP member {info.filename!r} is encrypted", path)
            total += info.file_size
            self._infos[info.filename] = info
        if total > limits.total_bytes:
            raise InputError(
                f"ZIP declares {total} bytes when unpacked, more than the limit of {limits.total_bytes}", path
            )

    def names(self) -> list[str]:
        return list(self._infos)

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The inflated bytes of one member, checked against the size and ratio limits."""
        info = self._infos.get(name)
        if info is None:
            raise InputError(f"ZIP has no member {name!r}", self.path)
        lim = self.limits
        if info.file_size > lim.member_bytes:
            raise InputError(
                f"ZIP member {name!r} is {info.file_size} bytes unpacked, more than the limit of "
                f"{lim.member_bytes}",
                self.path,
            )
        self._check_ratio(name, info.file_size, info.compress_size)
        # the declared size may lie: read at most one byte past the limit and count
        try:
            with self._zip.open(info) as fh:
                data = fh.read(lim.member_bytes + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, NotImplementedError) as exc:
            raise InputError(f"ZIP member {name!r} cannot be unpacked: {exc}", self.path) from exc
        if len(data) > lim.member_bytes:
            raise InputError(f"ZIP member {name!r} unpacks to more than {lim.member_bytes} bytes", self.path)
        self._check_ratio(name, len(data), info.compress_size)
        return data

    def _check_ratio(self, name: str, size: int, compressed: int) -> None:
        if size <= _RATIO_FLOOR:
            return
        ratio = size / max(compressed, 1)
        if ratio > self.limits.ratio:
            raise InputError(
                f"ZIP member {name!r} has compression ratio {ratio:.0f}:1, more than {self.limits.ratio}:1 "
                "(zip bomb?)",
                self.path,
            )
