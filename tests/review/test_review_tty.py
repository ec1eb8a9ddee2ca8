"""The interactive review, driven through a real pseudo-terminal (pexpect)."""
import json
import os
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import review
from crosscheck.cli import app

pexpect = pytest.importorskip("pexpect")
ROOT = Path(__file__).resolve().parents[2]
PROMPT = r"\[c\]onfirm  \[d\]ismiss  \[l\]ater  \[s\]kip  \[q\]uit"


@pytest.fixture
def findings(newsroom, fake_embedder, number_rule) -> Path:
    """findings.json of the two fire reports (the terminal session reads it: no model in the child)."""
    assert CliRunner().invoke(app, ["run", "seeds", "--out", "out", "--no-cache"]).exit_code == 0
    return newsroom / "out" / "findings.json"


def spawn(*args, columns=120):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CROSSCHECK_REVIEWER": "ana", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(sys.executable, ["-m", "crosscheck", "review", *args], env=env, encoding="utf-8",
                          timeout=60, dimensions=(50, columns), preexec_fn=_interruptible)
    return child


def _interruptible() -> None:
    """Ctrl-C as at a terminal: a suite started in the background (`cmd &`) ignores SIGINT, and a child
    inherits that, so it would never see the test's Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ids_by_value(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text())
    return {("deaths" if "'12'" in f["explanation"] else "injuries"): f["id"]
            for f in data["findings"] if f["kind"] == "discrepancy"}


def test_walks_most_severe_first_and_writes_each_decision(findings):
    ids = ids_by_value(findings)
    child = spawn("--findings", "out/findings.json")
    child.expect(r"1/2 · high · count · TST001 · finding " + ids["deaths"])
    child.expect(r"seeds/fire-herald\.md:6")  # side by side: both headers on one row
    child.expect(r"seeds/fire-times\.md:6")
    child.expect("Valley Herald · 2023-03-14")
    child.expect("“Deadly blaze at Riverside furniture warehouse”")
    child.expect("\x1b\\[1;33m15\x1b\\[0m")  # the differing values are highlighted
    child.expect("\x1b\\[1;33m12\x1b\\[0m")
    child.expect(PROMPT)
    child.send("c")
    child.expect(r"Which source is right\? \[1\] fire-herald\.md  \[2\] fire-times\.md")
    child.send("1")
    child.expect(r"Note \(Enter for none\): ")
    child.sendline("County coroner confirmed 15.")
    child.expect("saved: confirmed")
    # written before the next card appears
    decision = review.load("seeds/reviews.toml").get(ids["deaths"])
    assert (decision.status, decision.right, decision.note, decision.reviewer) == (
        "confirmed", "fire-herald.md", "County coroner confirmed 15.", "ana")
    child.expect(r"2/2 · medium · count · TST001 · finding " + ids["injuries"])
    child.expect(PROMPT)
    child.send("d")
    child.expect(r"Why is it not a conflict\? \(Enter for none\): ")
    child.sendline("")
    child.expect(r"Done: 1 confirmed, 1 dismissed saved in seeds/reviews.toml; 0 still open")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    decisions = review.load("seeds/reviews.toml")
    assert decisions.get(ids["injuries"]).status == "dismissed"
    assert decisions.checked == {"fire-herald.md", "fire-times.md"}

    again = spawn("--findings", "out/findings.json")
    again.expect("Nothing to review")
    again.expect(pexpect.EOF)


@pytest.mark.parametrize("leave", ["q", "ctrl-c", "ctrl-d"])
def test_leaving_halfway_keeps_what_was_decided(findings, leave):
    ids = ids_by_value(findings)
    child = spawn("--findings", "out/findings.json")
    child.expect(PROMPT)
    child.send("d")
    child.expect("Why is it not a conflict")
    child.sendline("Both counts were reported at different times.")
    child.expect("saved: dismissed")
    child.expect("2/2")
    child.expect(PROMPT)
    if leave == "q":
        child.send("q")
    else:
        child.send("l")  # start deferring the second finding, then leave at the note prompt
        child.expect(r"Note \(Enter for none\): ")
        child.sendcontrol("c" if leave == "ctrl-c" else "d")
    child.expect(r"Stopped: 1 dismissed saved in seeds/reviews.toml; 1 still open")
    child.expect(pexpect.EOF)
    decisions = review.load("seeds/reviews.toml")
    assert set(decisions.decisions) == {ids["deaths"]}
    assert decisions.get(ids["deaths"]).note == "Both counts were reported at different times."


def test_skip_help_and_unknown_keys(findings):
    child = spawn("--findings", "out/findings.json")
    child.expect(PROMPT)
    child.send("?")
    child.expect("confirm: a real conflict")
    child.expect(PROMPT)
    child.send("z")
    child.expect("unknown key")
    child.expect(PROMPT)
    child.send("s")
    child.expect("2/2")
    child.expect(PROMPT)
    child.send("s")
    child.expect(r"Done: no decisions saved in seeds/reviews.toml; 2 still open")
    child.expect(pexpect.EOF)
    assert not Path("seeds/reviews.toml").exists()


def test_a_narrow_terminal_stacks_the_claims(findings):
    child = spawn("--findings", "out/findings.json", columns=50)
    child.expect(r"\[1\] seeds/fire-herald\.md:6\r\n")  # alone on its row
    child.expect(PROMPT)
    child.send("q")
    child.expect(pexpect.EOF)
