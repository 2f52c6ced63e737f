"""The command line, driven in-process with click's CliRunner: exact exit codes and output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import REPO

from kamerld.cli import cli

LETTER = str(REPO / "examples" / "letter-text" / "so-brief-verkiezingen.txt")


@pytest.fixture
def runner():
    return CliRunner()


def test_every_command_has_help_with_an_example(runner):
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example" in result.output, f"kamerld {name} --help has no example"


def test_convert_writes_turtle_and_jsonld(runner, tmp_path):
    result = runner.invoke(cli, ["convert", LETTER, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    # the document, and the batch's corpus graphs: the registers it names, what it shares (its file)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "_links.jsonld", "_links.ttl", "_registers.jsonld", "_registers.ttl",
        "mnre1034-2024-0000099001.jsonld", "mnre1034-2024-0000099001.ttl"]
    assert "1 input(s): 1 converted" in result.output


def test_convert_forced_format_and_base(runner, tmp_path):
    result = runner.invoke(cli, ["convert", LETTER, "--format", "letter-text", "--to", "ntriples",
                                 "--base", "https://data.example.org/", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    nt = (tmp_path / "mnre1034-2024-0000099001.nt").read_text()
    assert "<https://data.example.org/id/document/mnre1034-2024-0000099001/vraag/1>" in nt


def test_unknown_format_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["convert", LETTER, "--format", "nope", "-o", str(tmp_path)])
    assert result.exit_code == 2


def test_unreadable_input_exit_3_and_batch_goes_on(runner, tmp_path):
    bad = tmp_path / "in" / "leeg.txt"
    bad.parent.mkdir()
    bad.write_text("")
    result = runner.invoke(cli, ["convert", str(bad), LETTER, "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "FAILED" in result.output and "leeg.txt" in result.output and "empty" in result.output
    assert (tmp_path / "out" / "mnre1034-2024-0000099001.ttl").exists()


def test_validate_text_and_json(runner, tmp_path):
    runner.invoke(cli, ["convert", LETTER, "-o", str(tmp_path)])
    result = runner.invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    result = runner.invoke(cli, ["validate", str(tmp_path), "--format", "json"])
    data = json.loads(result.output)
    assert all(r["conforms"] for r in data.values()) and len(data) == 6  # 3 graphs, 2 formats each


def test_validate_exit_1_on_violation(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kld: <https://w3id.org/kamerld/def#> .\n"
        "<https://w3id.org/kamerld/id/document/x/vraag/1> a kld:Vraag .\n"
    )
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "VIOLATION" in result.output


def test_convert_and_build_offer_the_same_validation_engines(tmp_path):
    """`--shacl` is one option on both commands; both engines pass the bundled examples alike."""
    runs = {}
    for engine in ("fast", "pyshacl"):
        out = tmp_path / engine
        args = ["convert", str(REPO / "examples"), "-o", str(out), "--shacl", engine]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "0 violation(s)" in result.output
        runs[engine] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert runs["fast"] == runs["pyshacl"]
    for command in ("convert", "build"):
        help_text = CliRunner().invoke(cli, [command, "--help"]).output
        assert "--shacl [fast|pyshacl]" in help_text, command
