"""The thin command line: shared options, the gate as a library call, help text, defaults, review fixes."""
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import Checker, gate, review
from crosscheck.cli import EXIT_USAGE, app, main
from crosscheck.model import Severity

from .fire_articles import GAZETTE

COMMANDS = [[], ["run"], ["claims"], ["check"], ["rules"], ["rule"], ["schema"], ["review"], ["review", "interactive"],
            ["review", "set"], ["review", "list"], ["review", "baseline"], ["review", "prune"]]


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err.splitlines()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_a_type_only_for_options_that_take_a_value(command):
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "<list[Path]>" not in result.output
    for row in result.output.splitlines():  # a flag's row: its name, then its help
        if re.search(r" --(help|version|no-cache|strict|json|deferred) ", row):
            assert "<" not in row, row
    if "Arguments" in result.output and "PATHS" in result.output:
        assert re.search(r"PATHS +(Article|The)", result.output), result.output


@pytest.mark.parametrize("command", [["run"], ["check"], ["review", "set"], ["review", "interactive"],
                                     ["review", "prune"]], ids=" ".join)
def test_commands_that_run_the_checker_share_its_options_and_defaults(command):
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    for option in ("--threshold", "--max-bytes", "--max-chars", "--max-claims", "--cache-dir", "--no-cache"):
        assert option in result.output, (command, option)
    assert "[default: 0.6]" in result.output


@pytest.mark.parametrize("args", [["check"], ["review", "list"], ["review", "baseline"], ["review", "prune"],
                                  ["review", "set", "abcdef", "--status", "dismissed"]], ids=" ".join)
def test_without_paths_outside_a_folder_with_seeds_one_line_says_so(capsys, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, *args)
    assert code == EXIT_USAGE and out == ""
    assert err == ["crosscheck: error: no PATHS given and no seeds/ folder here; "
                   "name the article files or folders to check"]
    assert list(tmp_path.iterdir()) == []


def test_review_set_status_is_a_choice(capsys, newsroom):
    code, out, err = run_cli(capsys, "review", "set", "abcdef", "--status", "later")
    assert code == EXIT_USAGE and len(err) == 1
    assert "'later' is not one of 'confirmed', 'dismissed', 'deferred'" in err[0]
    assert not Path("seeds/reviews.toml").exists()


@pytest.mark.usefixtures("fake_embedder", "number_rule")
def test_review_list_takes_paths_and_says_when_there_is_no_decisions_file(capsys, newsroom, make_finding):
    moved = newsroom / "archive"
    Path("seeds").rename(moved)
    code, out, err = run_cli(capsys, "review", "list", "archive")
    assert (code, out) == (0, "")
    assert err == ["crosscheck: no decisions file at archive/reviews.toml: nothing has been reviewed yet"]
    code, out, err = run_cli(capsys, "review", "list", "archive", "--json")
    assert (code, json.loads(out)) == (0, [])
    finding = make_finding("abcdef123456", [("a.md", "12 died", "12"), ("b.md", "15 died", "15")])
    review.save(moved / "reviews.toml", review.decide(review.Decisions(), finding, "dismissed", note="ok"))
    code, out, err = run_cli(capsys, "review", "list", "archive", "--status", "dismissed")
    assert code == 0 and err == [] and out.split()[:2] == ["abcdef123456", "dismissed"]
    code, out, err = run_cli(capsys, "review", "list", "archive", "--status", "confirmed")
    assert (code, out, err) == (0, "", [])


@pytest.mark.usefixtures("fake_embedder", "number_rule")
def test_gate_check_is_a_library_call(newsroom):
    decisions = review.Decisions()
    passed = gate.check(["seeds"], checker=Checker(cache_dir=False), decisions=decisions, fail_on=Severity.HIGH)
    assert passed.problems == [] and passed.new == {"fire-herald.md", "fire-times.md"}
    assert {r.finding.severity for r in passed.failing} == {Severity.HIGH}
    assert len(passed.state.open) == 2 and not passed.passed
    assert {a.source_id for a in passed.result.articles} == passed.new

    Path("seeds/gazette.md").write_text(GAZETTE.replace("---\ntitle:", "---\nheadline:"), encoding="utf-8")
    refused = gate.check(["seeds"], checker=Checker(cache_dir=False), decisions=decisions)
    assert refused.result is None and [p.message for p in refused.problems] == [
        "no title: add 'title: ...' to the front matter"]


def test_cache_dir_option_and_variable_choose_the_cache_folder(capsys, tmp_path, monkeypatch):
    """--cache-dir wins over CROSSCHECK_CACHE_DIR; neither leaves anything in the working folder."""
    from crosscheck.claim_cache import ClaimCache

    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(tmp_path / "from-env"))
    (tmp_path / "a.txt").write_text("The fire killed 12 people on Monday, officials said.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "claims", tmp_path / "a.txt")  # no cache: the command does not run the checker
    assert code == 0 and list(work.iterdir()) == []
    seen = []
    monkeypatch.setattr(ClaimCache, "get_many", lambda self, keys: seen.append(self.path) or {})
    monkeypatch.setattr("crosscheck.pipeline.Embedder.transform", lambda self, texts, progress=None: _stop())
    for extra in ([], ["--cache-dir", tmp_path / "given"]):
        code, _, err = run_cli(capsys, "run", tmp_path / "a.txt", "--out", tmp_path / "out", *extra)
        assert code == 70  # stopped at the embedding stage on purpose, after the claim cache was read
    assert seen == [tmp_path / "from-env" / "claims.sqlite", tmp_path / "given" / "claims.sqlite"]
    assert list(work.iterdir()) == []


def _stop():
    raise RuntimeError("stop here")
