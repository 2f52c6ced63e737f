"""kamerld's errors. Each names the input it is about and, where we can, what to do about it.

The library raises these; the CLI translates them once (`kamerld.cli`), and the batch pipeline records
them in the run report so one bad file never takes the batch down. Each class means one thing, with
its own exit code: 1 violations, 2 usage, 3 an input cannot be read, 4 the output cannot be written,
5 a fetch failed, 6 kamerld's own data files are broken, 7 shapes the fast validator cannot check.
A mistake of a program calling the library (an argument of the wrong type or value) is a plain
`TypeError` or `ValueError`, never one of these.
"""

from __future__ import annotations


class KamerldError(Exception):
    """Base class. `path` is the input the error is about; `hint` says what to try."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tip = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tip}"


class InputError(KamerldError):
    """An input cannot be read: empty, binary junk, bad encoding, truncated, hostile, too large."""

    exit_code = 3


class UnknownFormatError(InputError):
    """No reader recognises the input."""


class NoContentError(InputError):
    """The input was read but holds nothing kamerld can use (no questions, answers or notice)."""


class UsageError(KamerldError, ValueError):
    """A wrong option or argument (an unknown format): exit 2 from the CLI, a ValueError to a program."""

    exit_code = 2


class OutputError(KamerldError):
    """The output cannot be written (disk full, read-only, no permission): the batch stops; what was
    written before stays whole, and the same command resumes."""

    exit_code = 4


class FetchError(KamerldError):
    """A service could not give what was asked: `path` is the URL, the message says what happened
    (HTTP status, timeout, truncated or malformed response) after the retries."""

    exit_code = 5


class StoreError(OutputError):
    """A SPARQL store refused a graph, or could not be reached in time (after the retries)."""


class OfflineError(FetchError):
    """The services cannot be reached at all (no network, name not resolved, connection refused)."""


class PackageDataError(KamerldError):
    """A data file that ships with kamerld (a register, the kinds table, the shapes, the context) is
    broken: kamerld itself is damaged, not the input. Reinstall, or fix the file named."""

    exit_code = 6


class UnsupportedShapeError(KamerldError):
    """The shapes use a SHACL feature the fast validator does not implement (`--shacl pyshacl`
    checks every feature)."""

    exit_code = 7


class ValidationFailed(KamerldError):
    """Output does not conform to the shapes (violations)."""

    exit_code = 1
