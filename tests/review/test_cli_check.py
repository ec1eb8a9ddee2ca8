"""`crosscheck check`: exit codes, grep-able lines, GitHub annotations, SARIF."""
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app

from conftest import SARIF_SCHEMA

from .fire_articles import GAZETTE

SCHEMA = SARIF_SCHEMA
LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<code>[A-Z]{3}\d{3}) (?P<message>.+)$")

pytestmark = pytest.mark.usefixtures("fake_embedder", "number_rule")


def crosscheck(*args, env=None):
    return CliRunner().invoke(app, [*args, "--no-cache"] if args[0] in ("check", "run") else list(args), env=env)


def open_lines(output: str) -> list[dict]:
    return [m.groupdict() for m in map(LINE.match, output.splitlines()) if m]


def test_unreviewed_conflicts_fail_with_one_line_each(newsroom):
    result = crosscheck("check")
    assert result.exit_code == 1, result.output
    found = open_lines(result.stdout)
    assert [(f["path"], f["line"], f["code"]) for f in found] == [
        ("seeds/fire-herald.md", "6", "TST001"), ("seeds/fire-herald.md", "7", "TST001")]
    assert "fire-times says '12'; fire-herald says '15'" in found[0]["message"]
    assert "[high count, finding " in found[0]["message"]
    assert "crosscheck: fail: 2 open discrepancies" in result.stderr


def test_fail_on_sets_the_bar(newsroom):
    """Deaths are high, injuries medium: --fail-on high fails on deaths only; both lines still print."""
    assert crosscheck("check", "--fail-on", "high").exit_code == 1
    ids = {f.id: f for f in _findings()}
    deaths = next(i for i, f in ids.items() if "'12'" in f.explanation)
    review.update(Path("seeds/reviews.toml"), lambda d: review.decide(d, ids[deaths], "dismissed"))
    result = crosscheck("check", "--fail-on", "high")
    assert result.exit_code == 0, result.output
    assert len(open_lines(result.stdout)) == 1  # the medium one is printed, but does not fail
    assert crosscheck("check").exit_code == 1
    assert crosscheck("check", "--fail-on", "urgent").exit_code == 2


def _findings():
    from crosscheck.pipeline import Params, run

    return run(["seeds"], Params(cache_dir=None)).findings


def test_reviewed_findings_pass_and_new_files_are_named(newsroom):
    for f in _findings():
        if f.kind.value == "discrepancy":
            assert crosscheck("review", "set", f.id, "--status", "dismissed", "--note", "checked",
                              "--reviewer", "ana", "--no-cache").exit_code == 0
    result = crosscheck("check")
    assert result.exit_code == 0, result.output
    assert open_lines(result.stdout) == []
    assert review.load("seeds/reviews.toml").checked == {"fire-herald.md", "fire-times.md"}

    Path("seeds/fire-gazette.md").write_text(GAZETTE, encoding="utf-8")
    result = crosscheck("check")
    assert result.exit_code == 1
    assert [(f["path"], f["line"]) for f in open_lines(result.stdout)] == [("seeds/fire-gazette.md", "8")]
    assert "fire-gazette says '60'" in result.stdout and "fire-times says '80'" in result.stdout


def test_an_edited_claim_is_open_again(newsroom):
    for f in _findings():
        if "'12'" in f.explanation:
            review.update(Path("seeds/reviews.toml"), lambda d: review.decide(d, f, "confirmed", right="fire-times.md"))
    times = Path("seeds/fire-times.md")
    times.write_text(times.read_text().replace("fire officials said", "the fire chief told reporters"))
    result = crosscheck("check", "--fail-on", "high")
    assert result.exit_code == 1
    assert "changed since review (was confirmed)" in result.stdout


def test_orphaned_decisions_are_noted_not_failed(newsroom):
    stale = review.Decision("abcdef123456", "dismissed", "0123456789abcdef", rule="TST001", summary="old")
    review.save("seeds/reviews.toml", review.Decisions(decisions={stale.finding_id: stale}))
    result = crosscheck("check", "--fail-on", "high")
    assert "decision abcdef123456 (TST001, dismissed) matches no finding (orphaned" in result.stderr


def test_github_actions_annotations(newsroom):
    result = crosscheck("check", "--fail-on", "high", env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations[0].startswith("::error file=seeds/fire-herald.md,line=6,col=")
    assert "title=TST001 count conflict::fire-times says '12'" in annotations[0]
    assert annotations[1].startswith("::warning file=seeds/fire-herald.md,line=7,")  # below --fail-on
    assert len(open_lines(result.stdout)) == 2  # the grep-able lines are printed as well


def test_invalid_new_files_exit_3_and_nothing_is_checked(newsroom):
    Path("seeds/broken.md").write_bytes(b"---\ntitle: Fire\n---\nThe caf\xe9 burned.\n")
    Path("seeds/notitle.md").write_text("---\ndate: 2023-03-14\n---\nthe fire killed 3 people.\n")
    result = crosscheck("check", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 3
    assert "seeds/broken.md:4: not UTF-8 text" in result.stdout
    assert "seeds/notitle.md:1: no title" in result.stdout
    assert "::error file=seeds/broken.md,line=4,title=invalid article file::not UTF-8 text" in result.stdout
    assert open_lines(result.stdout) == []
    assert "nothing was checked" in result.stderr


def test_old_files_without_front_matter_do_not_fail_once_baselined(newsroom):
    Path("seeds/legacy.txt").write_text("Legacy report\nThe warehouse had 40 loading bays, staff said.\n")
    assert crosscheck("check").exit_code == 3
    assert crosscheck("review", "baseline").exit_code == 0
    assert crosscheck("check", "--fail-on", "high").exit_code == 1  # checked again: only the open conflicts


def test_a_broken_decisions_file_exits_5_and_is_left_alone(newsroom):
    Path("seeds/reviews.toml").write_text('version = 1\n[findings.abcdef123456]\nstatus = "dismis\n')
    before = Path("seeds/reviews.toml").read_bytes()
    result = crosscheck("check")
    assert result.exit_code == 5
    assert "seeds/reviews.toml:3: not valid TOML" in result.stderr
    assert Path("seeds/reviews.toml").read_bytes() == before


def test_usage_errors_exit_2(newsroom):
    assert crosscheck("check", "nowhere").exit_code == 2


def test_sarif_output_validates_against_the_schema(newsroom):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    findings = {f.id: f for f in _findings() if f.kind.value == "discrepancy"}
    first = next(iter(findings.values()))
    review.update(Path("seeds/reviews.toml"), lambda d: review.decide(d, first, "dismissed", note="rounding"))
    result = crosscheck("check", "--sarif", "out/crosscheck.sarif")
    assert result.exit_code == 1
    log = json.loads(Path("out/crosscheck.sarif").read_text())
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    from crosscheck.compare import registry

    assert [r["id"] for r in rules] == list(registry.RULES)
    assert rules[1]["fullDescription"]["text"] == registry.RULES["TST001"].explain()
    by_id = {r["partialFingerprints"]["crosscheckFindingId/v1"]: r for r in run["results"]}
    assert set(by_id) == set(findings)
    assert by_id[first.id]["suppressions"][0]["status"] == "accepted"
    assert "rounding" in by_id[first.id]["suppressions"][0]["justification"]
    region = by_id[first.id]["locations"][0]["physicalLocation"]["region"]
    line = Path(by_id[first.id]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).read_text().splitlines()[
        region["startLine"] - 1]
    assert line[region["startColumn"] - 1: region["endColumn"] - 1] == region["snippet"]["text"]

    Path("seeds/broken.md").write_bytes(b"\x00\x01binary")
    assert crosscheck("check", "--sarif", "out/crosscheck.sarif").exit_code == 3
    log = json.loads(Path("out/crosscheck.sarif").read_text())
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


@pytest.mark.parametrize("command", [["check"], ["review"], ["review", "interactive"], ["review", "set"],
                                     ["review", "list"], ["review", "baseline"], ["review", "prune"], ["run"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output) > 200


def test_the_real_entry_point_exits_with_the_gate_status(tmp_path):
    """CI runs `crosscheck check` as a process: the statuses survive the console entry point."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.md").write_text("A fire killed 12 people on Monday, officials said.\n")

    def gate():
        return subprocess.run([sys.executable, "-m", "crosscheck", "check"], cwd=tmp_path, capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(root)})

    proc = gate()
    assert proc.returncode == 3 and proc.stdout.startswith("seeds/a.md:1: no front matter")
    (tmp_path / "seeds" / "reviews.toml").write_text("version = 1\n<<<<<<< HEAD\n")
    proc = gate()
    assert proc.returncode == 5
    assert proc.stderr.startswith("crosscheck: error: seeds/reviews.toml:2: not valid TOML")
