"""The kamerld command line: thin click commands over the library.

Library errors (`KamerldError`) are translated here, once, into messages and exit codes:
0 all good, 1 validation violations, 2 usage error, 3 an input could not be read, 4 the output could
not be written (disk full, read-only, no permission), 5 a fetch failed, 6 kamerld's own data files are
broken, 7 shapes the fast validator cannot check, 130 interrupted. Options are checked here, before the
library sees them (the library answers a wrong argument with ValueError, which is a bug of the caller).
"""

from __future__ import annotations

# the commands add themselves to the group when imported
from . import build_cmd, commands, fetch_cmds, publish_cmds  # noqa: E402,F401,I001
from .group import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    EXIT_VIOLATIONS,
    check_base,
    cli,
)


def main() -> None:
    cli(prog_name="kamerld")


__all__ = ["EXIT_INPUT", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "EXIT_VIOLATIONS",
           "check_base", "cli", "main"]
