"""Each error class means one thing, with its own exit code (README, "Exit codes")."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kamerld.cli import cli
from kamerld.errors import (
    FetchError,
    InputError,
    OutputError,
    PackageDataError,
    UnsupportedShapeError,
    UsageError,
    ValidationFailed,
)
from kamerld.registers.tables import read_rows
from kamerld.validation.fast import UnsupportedShape


def test_exit_codes_are_one_per_meaning():
    codes = {
        ValidationFailed: 1,
        UsageError: 2,
        InputError: 3,
        OutputError: 4,
        FetchError: 5,
        PackageDataError: 6,
        UnsupportedShapeError: 7,
    }
    assert {cls: cls.exit_code for cls in codes} == codes
    # the fast validator's refusal is the shapes' fault, not an input's
    assert issubclass(UnsupportedShape, UnsupportedShapeError) and not issubclass(
        UnsupportedShape, InputError
    )


def test_a_broken_packaged_register_is_no_input_error():
    with pytest.raises(PackageDataError) as err:
        read_rows("no-such-register.tsv")
    assert err.value.path == "kamerld/registers/no-such-register.tsv"
    assert not isinstance(err.value, InputError)


def test_a_bad_base_is_a_usage_error_of_the_command(tmp_path):
    result = CliRunner().invoke(
        cli, ["convert", str(tmp_path), "-o", str(tmp_path / "o"), "--base", "ftp://x/"]
    )
    assert result.exit_code == 2
    assert "Invalid value for '--base': base must be an http(s) URI" in result.output
