"""Write docs/cli.md from the live `--help` of every command (tests/test_docs.py checks it is current).

usage: python scripts/cli_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from kamerld.cli import cli

TARGET = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    runner = CliRunner()
    parts = ["# Command line reference", "",
             "Generated from `--help` by `scripts/cli_docs.py`; do not edit.", ""]
    for name in [None, *sorted(cli.commands)]:
        args = ["--help"] if name is None else [name, "--help"]
        out = runner.invoke(cli, args, prog_name="kamerld", terminal_width=100).output
        parts += [f"## kamerld{'' if name is None else ' ' + name}", "", "```text", out.rstrip(), "```", ""]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/cli.md is stale: run python scripts/cli_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
