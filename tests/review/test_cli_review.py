"""`crosscheck review set|list|baseline|prune` and the report's review sections."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app

pytestmark = pytest.mark.usefixtures("fake_embedder", "number_rule")


def crosscheck(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture
def run_dir(newsroom):
    """The newsroom after `crosscheck run`: findings.json in out/, ids by the value they conflict on."""
    result = crosscheck("run", "seeds", "--out", "out", "--no-cache")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/findings.json").read_text())
    ids = {}
    for f in data["findings"]:
        if f["kind"] == "discrepancy":
            ids["deaths" if "'12'" in f["explanation"] else "injuries"] = f["id"]
    assert set(ids) == {"deaths", "injuries"}
    return ids


def test_set_and_list(run_dir):
    result = crosscheck("review", "set", run_dir["deaths"][:6], "--status", "confirmed", "--right", "fire-herald",
                        "--note", "The county coroner confirmed 15.", "--reviewer", "ana", "--no-cache")
    assert result.exit_code == 0, result.output
    assert f"{run_dir['deaths']}: confirmed -> seeds/reviews.toml" in result.stdout
    result = crosscheck("review", "set", run_dir["injuries"], "--status", "dismissed", "--findings",
                        "out/findings.json", "--note", "30 treated at the scene, 4 more later",
                        env={"CROSSCHECK_REVIEWER": "ben"})
    assert result.exit_code == 0, result.output

    decisions = review.load("seeds/reviews.toml")
    deaths, injuries = decisions.get(run_dir["deaths"]), decisions.get(run_dir["injuries"])
    assert (deaths.status, deaths.right, deaths.reviewer) == ("confirmed", "fire-herald.md", "ana")
    assert (injuries.status, injuries.reviewer, injuries.note) == ("dismissed", "ben", "30 treated at the scene, 4 more later")

    listed = crosscheck("review", "list").stdout.splitlines()
    assert len(listed) == 2 and all(line.split()[0] in run_dir.values() for line in listed)
    only = crosscheck("review", "list", "--status", "dismissed", "--json")
    assert [d["finding_id"] for d in json.loads(only.stdout)] == [run_dir["injuries"]]
    assert crosscheck("review", "list", "--status", "maybe").exit_code == 2


@pytest.mark.parametrize("args, message", [
    (["ffffffffffff", "--status", "dismissed"], "no finding 'ffffffffffff'"),
    (["{deaths}", "--status", "dismissed", "--right", "fire-times.md"], "only be given for a confirmed"),
    (["{deaths}", "--status", "confirmed", "--right", "elsewhere.md"], "not one of the finding's sources"),
])
def test_set_refuses_what_it_cannot_record(run_dir, args, message):
    args = [a.format(**run_dir) for a in args]
    result = crosscheck("review", "set", *args, "--findings", "out/findings.json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not Path("seeds/reviews.toml").exists()


def test_set_refuses_an_agreement(run_dir):
    data = json.loads(Path("out/findings.json").read_text())
    agreement = next(f["id"] for f in data["findings"] if f["kind"] == "agreement")
    result = crosscheck("review", "set", agreement, "--status", "dismissed", "--findings", "out/findings.json")
    assert result.exit_code == 2 and "agreement" in result.stderr


def test_a_findings_file_older_than_its_articles_is_refused(run_dir):
    herald = Path("seeds/fire-herald.md")
    herald.write_text(herald.read_text().replace("killed 15 people", "killed 16 people"))
    result = crosscheck("review", "set", run_dir["deaths"], "--status", "dismissed", "--findings", "out/findings.json")
    assert result.exit_code == 2 and "changed since the findings were written" in result.stderr


def test_a_broken_decisions_file_stops_set_and_is_left_alone(run_dir):
    path = Path("seeds/reviews.toml")
    path.write_text("version = 1\n[findings.abcdef123456\n")
    result = crosscheck("review", "set", run_dir["deaths"], "--status", "dismissed", "--findings", "out/findings.json")
    assert result.exit_code == 5
    assert "seeds/reviews.toml:2: not valid TOML" in result.stderr
    assert path.read_text() == "version = 1\n[findings.abcdef123456\n"


def test_report_separates_open_and_reviewed_findings(run_dir):
    crosscheck("review", "set", run_dir["deaths"], "--status", "confirmed", "--right", "fire-herald.md",
               "--note", "The county coroner confirmed 15.", "--reviewer", "ana", "--findings", "out/findings.json")
    crosscheck("review", "set", run_dir["injuries"], "--status", "dismissed", "--note", "Later count included 4 more.",
               "--reviewer", "ben", "--findings", "out/findings.json")
    stale = review.Decision("abcdef123456", "dismissed", "0123456789abcdef", rule="TST001",
                            summary="a says '3'; b says '4'", note="old")
    review.update("seeds/reviews.toml", lambda d: review.Decisions({**d.decisions, stale.finding_id: stale}, d.checked))
    assert crosscheck("run", "seeds", "--out", "out", "--no-cache").exit_code == 0
    report = Path("out/report.md").read_text()

    open_part = report.split("## Open discrepancies")[1].split("## Reviewed discrepancies")[0]
    reviewed = report.split("## Reviewed discrepancies")[1].split("## Agreements")[0]
    assert "No open discrepancies." in open_part
    confirmed = reviewed.split("### Confirmed (1)")[1].split("### Dismissed")[0]
    assert "**Confirmed** by ana" in confirmed and "The county coroner confirmed 15." in confirmed
    assert "Source judged right: `fire-herald.md`" in confirmed
    dismissed = reviewed.split("### Dismissed (1)")[1].split("### Orphaned")[0]
    assert "<details>" in dismissed and "</details>" in dismissed  # collapsed
    [line] = [line for line in dismissed.splitlines() if line.startswith("- ")]  # one line each, no claim table
    assert run_dir["injuries"] in line and "dismissed by ben" in line and "Later count included 4 more." in line
    assert "|" not in dismissed
    orphaned = reviewed.split("### Orphaned decisions (1)")[1]
    assert "`abcdef123456`" in orphaned and "old" in orphaned

    states = json.loads(Path("out/findings.json").read_text())["review"]
    assert states["states"] == {run_dir["deaths"]: "confirmed", run_dir["injuries"]: "dismissed"}
    assert states["orphaned"] == ["abcdef123456"]


def test_report_shows_a_changed_finding_as_open(run_dir):
    crosscheck("review", "set", run_dir["deaths"], "--status", "dismissed", "--note", "same toll, other day",
               "--findings", "out/findings.json")
    times = Path("seeds/fire-times.md")
    times.write_text(times.read_text().replace("fire officials said", "a fire department spokesman said"))
    assert crosscheck("run", "seeds", "--out", "out", "--no-cache").exit_code == 0
    open_part = Path("out/report.md").read_text().split("## Open discrepancies")[1].split("## Reviewed")[0]
    assert run_dir["deaths"] in open_part
    assert "**Changed since review.** It was **dismissed**" in open_part and "same toll, other day" in open_part


def test_baseline_and_prune(run_dir):
    result = crosscheck("review", "baseline")
    assert result.exit_code == 0 and "2 articles recorded as checked" in result.stdout
    assert review.load("seeds/reviews.toml").checked == {"fire-herald.md", "fire-times.md"}
    stale = review.Decision("abcdef123456", "dismissed", "0123456789abcdef", rule="TST001", summary="gone")
    review.update("seeds/reviews.toml", lambda d: review.Decisions({stale.finding_id: stale}, d.checked))
    crosscheck("review", "set", run_dir["deaths"], "--status", "deferred", "--findings", "out/findings.json")
    result = crosscheck("review", "prune", "--findings", "out/findings.json")
    assert result.exit_code == 0, result.output
    assert "removed abcdef123456" in result.stdout
    assert set(review.load("seeds/reviews.toml").decisions) == {run_dir["deaths"]}


def test_interactive_review_needs_a_terminal(run_dir):
    result = crosscheck("review", "--findings", "out/findings.json")
    assert result.exit_code == 2 and "needs a terminal" in result.stderr


def test_set_with_findings_accepts_the_short_label_explanations_use(newsroom):
    """Explanations call "001_herald.md" "001"; --right takes that label with --findings as without it."""
    for old, new in (("fire-times.md", "001_times.md"), ("fire-herald.md", "002_herald.md")):
        (newsroom / "seeds" / old).rename(newsroom / "seeds" / new)
    assert crosscheck("run", "seeds", "--out", "out", "--no-cache").exit_code == 0
    data = json.loads(Path("out/findings.json").read_text())
    finding = next(f for f in data["findings"] if f["kind"] == "discrepancy")
    assert "001" in finding["explanation"] and "001_times" not in finding["explanation"]

    result = crosscheck("review", "set", finding["id"], "--status", "confirmed", "--right", "002",
                        "--findings", "out/findings.json")
    assert result.exit_code == 0, result.output
    assert review.load("seeds/reviews.toml").get(finding["id"]).right == "002_herald.md"
