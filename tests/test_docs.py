"""The docs stay true: the CLI reference matches --help, the README names every command."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

from kamerld.cli import cli


def test_cli_reference_is_current():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "cli_docs.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_readme_names_every_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"kamerld {name}" not in readme]
    assert missing == []


def test_readme_names_every_input_format():
    from kamerld.readers import READERS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [name for name in READERS if f"`{name}`" not in readme] == []
