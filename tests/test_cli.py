"""The CLI wires options to the library: exit codes, one-line errors, files written."""
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from crosscheck.cli import app

runner = CliRunner()


def crosscheck(*args, cwd=None):
    """Run the real entry point, as a user would (usage errors go through entry())."""
    return subprocess.run([sys.executable, "-m", "crosscheck", *args], capture_output=True, text=True, cwd=cwd)


def test_every_command_has_help():
    for command in ([], ["run"], ["claims"], ["rules"], ["rule"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_bad_usage_is_one_line_and_exit_2(tmp_path):
    for args in (["run"], ["run", str(tmp_path / "missing")], ["run", ".", "--threshold", "3"], ["bogus"]):
        proc = crosscheck(*args)
        assert proc.returncode == 2, args
        errors = [line for line in proc.stderr.strip().splitlines() if not line.startswith("crosscheck: warning:")]
        assert len(errors) == 1 and errors[0].startswith("crosscheck: error:"), (args, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_missing_path_is_named(tmp_path):
    proc = crosscheck("run", str(tmp_path / "nope.md"))
    assert proc.returncode == 2
    assert "nope.md: no such file or folder" in proc.stderr


def test_rules_lists_the_registry_and_rule_explains_one():
    from crosscheck.compare.registry import RULES

    listed = json.loads(runner.invoke(app, ["rules", "--json"]).output)
    assert [r["code"] for r in listed] == list(RULES)
    result = runner.invoke(app, ["rule", "AGR001"])
    assert result.exit_code == 0 and "## What it does" in result.output
    assert runner.invoke(app, ["rule", "corroborated-claim", "--json"]).exit_code == 0
    assert crosscheck("rule", "NOPE01").returncode == 2


def test_claims_shows_offsets_that_point_into_the_file(tmp_path):
    path = tmp_path / "a.md"
    text = "---\ntitle: Storm\n---\nThe storm killed 12 people on Monday, officials said.\n"
    path.write_text(text)
    result = runner.invoke(app, ["claims", str(path), "--json"])
    assert result.exit_code == 0
    [row] = [json.loads(line) for line in result.output.splitlines()]
    assert text[row["start"]:row["end"]] == row["text"]
    assert row["attribution"] == "officials"


@pytest.mark.slow
def test_run_writes_report_and_findings(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(
        "---\ntitle: Flood\nsource: one\ndate: 2021-05-03\n---\n"
        "Officials said the flood forced 3,000 residents to leave their homes on Sunday.\n")
    (tmp_path / "in" / "b.md").write_text(
        "---\ntitle: Flood\nsource: two\ndate: 2021-05-03\n---\n"
        "The flood forced 3,000 residents to leave their homes on Sunday, officials said.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out), "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "findings.json").read_text())
    assert data["summary"]["articles"] == 2
    assert (out / "report.md").read_text().startswith("# crosscheck report")
    assert any(f["kind"] == "agreement" for f in data["findings"])
    assert not list(out.glob(".*.tmp")), "temporary files left behind"
