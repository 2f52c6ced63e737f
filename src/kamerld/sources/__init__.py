"""Source: the bytes of one input with its path and hash. The one place input files are opened."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kamerld.errors import InputError

from .chars import clean_input

#: Inputs larger than this are refused before any reader sees them.
MAX_INPUT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    path: str
    data: bytes

    @classmethod
    def from_path(cls, path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> Source:
        p = Path(path)
        try:
            st = os.stat(p)  # once: Path.is_file would stat again
        except OSError as exc:
            raise InputError(f"cannot open file: {exc.strerror}", str(p)) from exc
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file", str(p))
        size = st.st_size
        if size > max_bytes:
            raise InputError(f"file is {size} bytes, more than the limit of {max_bytes}", str(p))
        try:
            with p.open("rb") as fh:
                # read(n) allocates n bytes up front: ask for the size the file has, not the limit
                data = fh.read(min(size, max_bytes) + 1)
                if len(data) > size:  # it grew since stat: read on, but never past the limit
                    data += fh.read(max_bytes + 1 - len(data))
        except OSError as exc:  # no permission, an I/O error, a file that went away
            raise InputError(f"cannot read file: {exc.strerror or exc}", str(p)) from exc
        if len(data) > max_bytes:
            raise InputError(f"file is more than the limit of {max_bytes} bytes", str(p))
        return cls(str(p), data)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Source:
        return cls(path, text.encode("utf-8"))

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def name(self) -> str:
        return Path(self.path).name

    @cached_property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()  # asked by every reader's sniffer

    def head(self, n: int = 2048) -> bytes:
        return self.data[:n]

    def text(self) -> str:
        """Decode as UTF-8 (BOM allowed). Invalid UTF-8 is an InputError naming the offset. Control
        characters and noncharacters anywhere in the file are removed (`chars`; `removed` says how
        many); NUL bytes near the start mean a binary file, which is refused."""
        return self._decoded[0]

    @property
    def removed(self) -> tuple[int, int]:
        """(how many unsafe characters `text()` removed, the character offset of the first, or -1);
        (0, -1) when the source was never read as text (a PDF, a DOCX)."""
        if "_decoded" not in self.__dict__:
            return 0, -1
        return self._decoded[1], self._decoded[2]

    @cached_property
    def _decoded(self) -> tuple[str, int, int]:
        # decoded once: readers sniff and read the same text, and a 50 MiB file costs 0.1 s a decode
        data = self.data
        if not data.strip():
            raise InputError("file is empty", self.path)
        if b"\x00" in data[:4096]:
            raise InputError("file is binary, not text", self.path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 at byte {exc.start}", self.path, "convert the file to UTF-8 first"
            ) from exc
        return clean_input(text)
