"""kamerld's errors. Each names the input it is about and, where we can, what to do about it.

The library raises these; the CLI translates them once (`kamerld.cli`), and the batch pipeline records
them in the run report so one bad file never takes the batch down.
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


class UsageError(KamerldError):
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


class ValidationFailed(KamerldError):
    """Output does not conform to the shapes (violations)."""

    exit_code = 1
